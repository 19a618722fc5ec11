import { basename } from 'node:path';
import {
  CloudError,
  type AccountScope,
  type CloudProvider,
  type CloudWatchApi,
  type CostExplorerApi,
  type Ec2Api,
  type RdsApi,
  type ServiceApis,
  type ServiceName,
  type SsmApi,
  type TaggingApi,
  type Target,
} from '../provider';
import { SandboxAutoScaling } from './SandboxAutoScaling';
import { SandboxEcs } from './SandboxEcs';
import { SandboxEks } from './SandboxEks';
import { SandboxLambda } from './SandboxLambda';
import { SandboxS3 } from './SandboxS3';
import { loadEstate, type Estate } from './estate';
import { SandboxCloudWatch } from './SandboxCloudWatch';
import { SandboxCostExplorer } from './SandboxCostExplorer';
import { SandboxEc2 } from './SandboxEc2';
import { SandboxRds } from './SandboxRds';
import { SandboxSsm } from './SandboxSsm';
import { SandboxState } from './SandboxState';
import { SandboxTagging } from './SandboxTagging';

/** The sandbox class behind each service of ServiceApis. */
const SERVICES: { [N in ServiceName]: (state: SandboxState, account: string, region: string) => ServiceApis[N] } = {
  lambda: (s, a, r) => new SandboxLambda(s, a, r),
  s3: (s, a, r) => new SandboxS3(s, a, r),
  ecs: (s, a, r) => new SandboxEcs(s, a, r),
  autoscaling: (s, a, r) => new SandboxAutoScaling(s, a, r),
  eks: (s, a, r) => new SandboxEks(s, a, r),
};

/** IAM actions whose names are not the method's (S3's); the others are `service:Method`. */
const IAM_ACTION: Record<string, string> = {
  's3:listBuckets': 's3:ListAllMyBuckets',
  's3:getPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3:putPublicAccessBlock': 's3:PutBucketPublicAccessBlock',
  's3:getBucketEncryption': 's3:GetEncryptionConfiguration',
};

export interface SandboxOptions {
  /** The clock the estate's own times come from (an instance's termination time, ...), and the day an `asOf` estate is moved to. */
  now?: () => Date;
}

/**
 * A whole AWS estate in memory: the same API surface as the AWS provider, and actions change its
 * state. Used by `npm start` on a machine with no AWS account, by the demo, and by most tests.
 */
export class SandboxProvider implements CloudProvider {
  readonly kind = 'sandbox' as const;
  readonly label: string;
  readonly state: SandboxState;
  private readonly ce: SandboxCostExplorer;
  private readonly now: () => Date;

  constructor(estate: Estate, source = 'in-memory estate', options: SandboxOptions = {}) {
    this.state = new SandboxState(estate, options.now);
    this.now = options.now ?? (() => new Date());
    this.ce = new SandboxCostExplorer(this.state);
    this.label = `SANDBOX estate ${estate.name ?? source} (no real AWS calls)`;
  }

  static fromFile(path: string, options: SandboxOptions = {}): SandboxProvider {
    return new SandboxProvider(loadEstate(path), basename(path), options);
  }

  accounts(): AccountScope[] {
    return this.state.estate.accounts.map((a) => ({ id: a.id, alias: a.alias, regions: Object.keys(a.regions) }));
  }

  ec2(t: Target): Ec2Api {
    return this.guard('ec2', t, new SandboxEc2(this.state, t.account, t.region));
  }

  rds(t: Target): RdsApi {
    return this.guard('rds', t, new SandboxRds(this.state, t.account, t.region));
  }

  ssm(t: Target): SsmApi {
    return this.guard('ssm', t, new SandboxSsm(this.state, t.account, t.region));
  }

  cloudwatch(t: Target): CloudWatchApi {
    return this.guard('cloudwatch', t, new SandboxCloudWatch(this.state, t.account, t.region));
  }

  tagging(t: Target): TaggingApi {
    return this.guard('tag', t, new SandboxTagging(this.state, t.account, t.region));
  }

  service<N extends ServiceName>(name: N, t: Target): ServiceApis[N] {
    const make = SERVICES[name];
    if (!make) throw new CloudError('UnknownService', `the sandbox has no service ${String(name)}`);
    return this.guard(name, t, make(this.state, t.account, t.region) as ServiceApis[N] & object);
  }

  /**
   * The account's `deny` list, enforced as IAM would: a call needing a denied action fails before it
   * does anything, with the error code the service uses (EC2 checks this before DryRun, as AWS does).
   */
  private guard<T extends object>(service: string, t: Target, api: T): T {
    this.state.keepTime();
    const account = this.state.estate.accounts.find((a) => a.id === t.account);
    const denied = account?.deny ?? [];
    if (!denied.length) return api;
    return new Proxy(api, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || typeof prop !== 'string') return value;
        const action = IAM_ACTION[`${service}:${prop}`] ?? `${service}:${prop[0].toUpperCase()}${prop.slice(1)}`;
        if (!denied.includes(action) && !denied.includes(`${service}:*`)) return value.bind(target);
        return async () => {
          const who = `arn:aws:sts::${t.account}:assumed-role/cloudops/cloudops-${t.requestId ?? 'scan'}`;
          const message =
            `User: ${who} is not authorized to perform: ${action} because no identity-based ` + `policy allows the ${action} action`;
          throw new CloudError(
            service === 'ec2'
              ? 'UnauthorizedOperation'
              : ['ssm', 'lambda', 'ecs', 'eks'].includes(service)
                ? 'AccessDeniedException'
                : 'AccessDenied',
            message,
            { service, operation: prop, account: t.account, ...(account?.alias ? { accountAlias: account.alias } : {}), region: t.region },
          );
        };
      },
    });
  }

  costExplorer(_account?: string): CostExplorerApi {
    this.state.keepTime();
    return this.ce;
  }
}
