import { randomBytes, randomUUID } from 'node:crypto';
import { CloudError, type EC2, type RDS, type SSM } from '../provider';
import type { Estate, RegionEstate } from './estate';

/** The mutable in-memory estate the sandbox services act on. */
export class SandboxState {
  readonly commands = new Map<string, { input: SSM.SendCommandCommandInput; polls: number }>();
  readonly automations = new Map<string, { input: SSM.StartAutomationExecutionCommandInput; polls: number }>();
  /** Snapshots made while the bot runs, by account/region: EBS ones complete, RDS ones become available on the next describe. */
  readonly ebsSnapshots = new Map<string, EC2.Snapshot[]>();
  readonly dbSnapshots = new Map<string, RDS.DBSnapshot[]>();
  private requests = 0;

  /** `now`: the estate's clock (when instances were terminated, ...); tests hand in a fake one. */
  constructor(readonly estate: Estate, readonly now: () => Date = () => new Date()) {}

  region(account: string, region: string): RegionEstate {
    const acct = this.estate.accounts.find((a) => a.id === account);
    if (!acct) throw new CloudError('AuthFailure', `The sandbox estate has no account ${account}.`);
    const r = acct.regions[region];
    if (!r) throw new CloudError('UnrecognizedClientException', `The sandbox estate has no region ${region} in account ${account}.`);
    return r;
  }

  /** The snapshot list of one account/region (created on first use). */
  snapshots<T>(map: Map<string, T[]>, account: string, region: string): T[] {
    const key = `${account}/${region}`;
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `sandbox-${String(this.requests).padStart(6, '0')}`;
  }

  nextHex(n: number): string {
    return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
  }

  uuid(): string {
    return randomUUID();
  }
}
