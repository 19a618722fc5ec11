import { basename } from 'node:path';
import type { AccountScope, CloudProvider, CostExplorerApi, Ec2Api, RdsApi, SsmApi, TaggingApi, Target } from '../provider';
import { loadEstate, type Estate } from './estate';
import { SandboxCostExplorer } from './SandboxCostExplorer';
import { SandboxEc2 } from './SandboxEc2';
import { SandboxRds } from './SandboxRds';
import { SandboxSsm } from './SandboxSsm';
import { SandboxState } from './SandboxState';
import { SandboxTagging } from './SandboxTagging';

/**
 * A whole AWS estate in memory: the same API surface as the AWS provider, and actions change its
 * state. Used by `npm start` on a machine with no AWS account, by the demo, and by most tests.
 */
export class SandboxProvider implements CloudProvider {
  readonly kind = 'sandbox' as const;
  readonly label: string;
  readonly state: SandboxState;
  private readonly ce: SandboxCostExplorer;

  constructor(estate: Estate, source = 'in-memory estate') {
    this.state = new SandboxState(estate);
    this.ce = new SandboxCostExplorer(this.state);
    this.label = `SANDBOX estate ${estate.name ?? source} (no real AWS calls)`;
  }

  static fromFile(path: string): SandboxProvider {
    return new SandboxProvider(loadEstate(path), basename(path));
  }

  accounts(): AccountScope[] {
    return this.state.estate.accounts.map((a) => ({ id: a.id, alias: a.alias, regions: Object.keys(a.regions) }));
  }

  ec2(t: Target): Ec2Api {
    return new SandboxEc2(this.state, t.account, t.region);
  }

  rds(t: Target): RdsApi {
    return new SandboxRds(this.state, t.account, t.region);
  }

  ssm(t: Target): SsmApi {
    return new SandboxSsm(this.state, t.account, t.region);
  }

  tagging(t: Target): TaggingApi {
    return new SandboxTagging(this.state, t.account, t.region);
  }

  costExplorer(_account?: string): CostExplorerApi {
    return this.ce;
  }
}
