/**
 * The cloud through the AWS SDK v3: one client per (service, account, region, role session), created
 * lazily and reused. Credentials come from the SDK's default chain (environment, profiles, SSO, web
 * identity, instance role); an account with a `roleArn` is reached by assuming that role, with the
 * session named after the chat request so CloudTrail shows which request made each call. Retries use
 * the SDK's standard mode with a bounded number of attempts. AWS_ENDPOINT_URL and its per-service
 * variants are honoured by the SDK itself, because the bot never sets an endpoint.
 */
import * as CE from '@aws-sdk/client-cost-explorer';
import * as CW from '@aws-sdk/client-cloudwatch';
import * as EC2 from '@aws-sdk/client-ec2';
import * as RDS from '@aws-sdk/client-rds';
import * as Tagging from '@aws-sdk/client-resource-groups-tagging-api';
import * as SSM from '@aws-sdk/client-ssm';
import * as Lambda from '@aws-sdk/client-lambda';
import * as S3 from '@aws-sdk/client-s3';
import * as ECS from '@aws-sdk/client-ecs';
import * as AutoScaling from '@aws-sdk/client-auto-scaling';
import * as EKS from '@aws-sdk/client-eks';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
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
  type WaiterName,
  type WaitOutcome,
} from '../provider';
import { toCloudError, type CallContext } from './errors';
import { sharedCredentials } from './shared-credentials';

/** What `credentials` in an SDK client config takes. */
type AwsCredentialIdentityProvider = ReturnType<typeof fromTemporaryCredentials>;
import { runWaiter } from './waiters';

export interface AwsAccountConfig {
  id: string;
  alias?: string;
  regions: string[];
  /** Role to assume in this account; without it the default credential chain is used as it is. */
  roleArn?: string;
  externalId?: string;
}

export interface AwsProviderOptions {
  accounts: AwsAccountConfig[];
  /** Attempts per call in the SDK's standard retry mode (first try included). */
  maxAttempts?: number;
  /** Shortest pause between waiter polls, seconds (the SDK's defaults otherwise; tests make it small). */
  waiterMinDelaySeconds?: number;
  /** How role credentials are made; tests hand in their own. Default: fromTemporaryCredentials. */
  assumeRole?: (params: { roleArn: string; sessionName: string; externalId?: string; region: string }) => AwsCredentialIdentityProvider;
  /** Clients kept at most (a role session per chat request makes new ones); the oldest are closed. */
  maxClients?: number;
  /** Told of every SDK call when it ends (metrics): one middleware on every client this provider builds. */
  onCall?: (call: AwsCallObservation) => void;
}

/** One SDK call as the client saw it, the SDK's own retries included. */
export interface AwsCallObservation {
  /** `EC2`, `RDS`, `SSM`, `CostExplorer`, ... */
  service: string;
  /** `DescribeInstances`, ... */
  operation: string;
  /** The AWS error code (`RequestLimitExceeded`, `UnauthorizedOperation`, ...), or `ok`. */
  code: string;
  seconds: number;
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
  destroy(): void;
  middlewareStack?: { add(middleware: unknown, options: { step: 'initialize'; name: string; override?: boolean }): void };
}

/**
 * A middleware at the `initialize` step (outside the retry loop: one record per call, however many
 * attempts it took) that tells `onCall` the service, operation, error code and duration.
 */
function observeCalls(client: SdkClient, onCall: (call: AwsCallObservation) => void): void {
  const middleware =
    (next: (args: unknown) => Promise<unknown>, context: { clientName?: string; commandName?: string }) => async (args: unknown) => {
      const started = performance.now();
      const service = (context.clientName ?? 'unknown').replace(/Client$/, '');
      const operation = (context.commandName ?? 'unknown').replace(/Command$/, '');
      const tell = (code: string) => {
        try {
          onCall({ service, operation, code, seconds: (performance.now() - started) / 1000 });
        } catch {
          // Measuring never breaks a call.
        }
      };
      try {
        const out = await next(args);
        tell('ok');
        return out;
      } catch (e) {
        const err = e as { name?: string; Code?: string; code?: string };
        tell(String(err.Code ?? err.name ?? err.code ?? 'Error'));
        throw e;
      }
    };
  client.middlewareStack?.add(middleware, { step: 'initialize', name: 'cloudopsCallMetrics', override: true });
}

interface ClientConfig {
  region: string;
  maxAttempts: number;
  retryMode: 'standard';
  credentials?: AwsCredentialIdentityProvider;
}

/** Role session names allow [\w+=,.@-], 2 to 64 characters. */
export function sessionName(requestId: string | undefined): string {
  const id = (requestId ?? 'scan').replace(/[^\w+=,.@-]/g, '-');
  return `cloudops-${id}`.slice(0, 64);
}

function defaultAssumeRole(p: {
  roleArn: string;
  sessionName: string;
  externalId?: string;
  region: string;
}): AwsCredentialIdentityProvider {
  return fromTemporaryCredentials({
    params: {
      RoleArn: p.roleArn,
      RoleSessionName: p.sessionName,
      ...(p.externalId ? { ExternalId: p.externalId } : {}),
      DurationSeconds: 3600,
    },
    clientConfig: { region: p.region },
  });
}

/** Build an API object whose methods send the matching SDK command and map its errors. */
function api<T>(client: SdkClient, service: string, commands: Record<string, new (input: never) => unknown>, where: CallContext): T {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, Command] of Object.entries(commands)) {
    out[method] = async (input: unknown) => {
      try {
        return await client.send(new Command(input as never));
      } catch (e) {
        throw toCloudError(e, service, method, where);
      }
    };
  }
  return out as T;
}

/** Each service of ServiceApis: its client, and the SDK command behind each method. */
const SERVICES: {
  [N in ServiceName]: { client: (c: ClientConfig) => SdkClient; commands: { [M in keyof ServiceApis[N]]: new (input: never) => unknown } };
} = {
  lambda: {
    client: (c) => new Lambda.LambdaClient(c),
    commands: {
      listFunctions: Lambda.ListFunctionsCommand,
      getFunction: Lambda.GetFunctionCommand,
      putFunctionConcurrency: Lambda.PutFunctionConcurrencyCommand,
      deleteFunctionConcurrency: Lambda.DeleteFunctionConcurrencyCommand,
      tagResource: Lambda.TagResourceCommand,
      untagResource: Lambda.UntagResourceCommand,
    },
  },
  s3: {
    client: (c) => new S3.S3Client(c),
    commands: {
      listBuckets: S3.ListBucketsCommand,
      getPublicAccessBlock: S3.GetPublicAccessBlockCommand,
      putPublicAccessBlock: S3.PutPublicAccessBlockCommand,
      getBucketPolicyStatus: S3.GetBucketPolicyStatusCommand,
      getBucketVersioning: S3.GetBucketVersioningCommand,
      getBucketEncryption: S3.GetBucketEncryptionCommand,
      getBucketTagging: S3.GetBucketTaggingCommand,
      getBucketAcl: S3.GetBucketAclCommand,
    },
  },
  ecs: {
    client: (c) => new ECS.ECSClient(c),
    commands: {
      listClusters: ECS.ListClustersCommand,
      listServices: ECS.ListServicesCommand,
      describeServices: ECS.DescribeServicesCommand,
      updateService: ECS.UpdateServiceCommand,
    },
  },
  autoscaling: {
    client: (c) => new AutoScaling.AutoScalingClient(c),
    commands: {
      describeAutoScalingGroups: AutoScaling.DescribeAutoScalingGroupsCommand,
      setDesiredCapacity: AutoScaling.SetDesiredCapacityCommand,
    },
  },
  eks: {
    client: (c) => new EKS.EKSClient(c),
    commands: {
      listClusters: EKS.ListClustersCommand,
      describeCluster: EKS.DescribeClusterCommand,
      listNodegroups: EKS.ListNodegroupsCommand,
      describeNodegroup: EKS.DescribeNodegroupCommand,
      updateNodegroupConfig: EKS.UpdateNodegroupConfigCommand,
      updateClusterVersion: EKS.UpdateClusterVersionCommand,
      describeUpdate: EKS.DescribeUpdateCommand,
    },
  },
};

export class AwsProvider implements CloudProvider {
  readonly kind = 'aws' as const;
  readonly label = 'AWS';
  private readonly clients = new Map<string, SdkClient>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();

  constructor(private readonly options: AwsProviderOptions) {}

  static fromConfig(
    aws: { accounts: AwsAccountConfig[]; maxAttempts?: number },
    hooks: Pick<AwsProviderOptions, 'onCall'> = {},
  ): AwsProvider {
    return new AwsProvider({ accounts: aws.accounts, maxAttempts: aws.maxAttempts, ...hooks });
  }

  accounts(): AccountScope[] {
    return this.options.accounts.map((a) => ({ id: a.id, alias: a.alias, regions: a.regions }));
  }

  private account(id: string): AwsAccountConfig {
    const a = this.options.accounts.find((x) => x.id === id || x.alias === id);
    if (!a)
      throw new CloudError('UnknownAccount', `account ${id} is not in the bot's config (aws.accounts); add it with its regions and role`);
    return a;
  }

  /** The account, region and role a call goes to, so its errors can name them. */
  private where(t: Target): CallContext {
    const a = this.account(t.account);
    return { account: a.id, accountAlias: a.alias, region: t.region, roleArn: a.roleArn };
  }

  /** The credentials for one account and request: the default chain, or the account's role. */
  private credentialsFor(
    account: AwsAccountConfig,
    requestId: string | undefined,
    region: string,
  ): AwsCredentialIdentityProvider | undefined {
    if (!account.roleArn) return undefined;
    const name = sessionName(requestId);
    const key = `${account.id}:${name}`;
    let c = this.credentials.get(key);
    if (!c) {
      // Every client of this session (each service and region) shares one AssumeRole and its refreshes.
      c = sharedCredentials(
        (this.options.assumeRole ?? defaultAssumeRole)({
          roleArn: account.roleArn,
          sessionName: name,
          externalId: account.externalId,
          region,
        }),
      );
      this.credentials.set(key, c);
      this.trim(this.credentials);
    }
    return c;
  }

  /** One client per service/account/region (and role session), reused; the oldest are closed past the limit. */
  protected client<C extends SdkClient>(service: string, t: Target, make: (config: ClientConfig) => C): C {
    const account = this.account(t.account);
    const session = account.roleArn ? sessionName(t.requestId) : '';
    const key = `${service}:${account.id}:${t.region}:${session}`;
    let c = this.clients.get(key) as C | undefined;
    if (!c) {
      const credentials = this.credentialsFor(account, t.requestId, t.region);
      c = make({
        region: t.region,
        maxAttempts: this.options.maxAttempts ?? 3,
        retryMode: 'standard',
        ...(credentials ? { credentials } : {}),
      });
      if (this.options.onCall) observeCalls(c, this.options.onCall);
      this.clients.set(key, c);
      this.trim(this.clients, (old) => old.destroy());
    }
    return c;
  }

  private trim<V>(map: Map<string, V>, close?: (v: V) => void): void {
    const max = this.options.maxClients ?? 200;
    while (map.size > max) {
      const [oldest, v] = map.entries().next().value as [string, V];
      map.delete(oldest);
      close?.(v);
    }
  }

  private ec2Client(t: Target) {
    return this.client('ec2', t, (c) => new EC2.EC2Client(c));
  }

  private rdsClient(t: Target) {
    return this.client('rds', t, (c) => new RDS.RDSClient(c));
  }

  private ssmClient(t: Target) {
    return this.client('ssm', t, (c) => new SSM.SSMClient(c));
  }

  ec2(t: Target): Ec2Api {
    return api(
      this.ec2Client(t),
      'ec2',
      {
        describeInstances: EC2.DescribeInstancesCommand,
        describeVolumes: EC2.DescribeVolumesCommand,
        describeInstanceAttribute: EC2.DescribeInstanceAttributeCommand,
        describeSnapshots: EC2.DescribeSnapshotsCommand,
        describeInstanceStatus: EC2.DescribeInstanceStatusCommand,
        stopInstances: EC2.StopInstancesCommand,
        startInstances: EC2.StartInstancesCommand,
        rebootInstances: EC2.RebootInstancesCommand,
        terminateInstances: EC2.TerminateInstancesCommand,
        modifyInstanceAttribute: EC2.ModifyInstanceAttributeCommand,
        createSnapshots: EC2.CreateSnapshotsCommand,
        createTags: EC2.CreateTagsCommand,
        createSnapshot: EC2.CreateSnapshotCommand,
        deleteVolume: EC2.DeleteVolumeCommand,
        modifyVolume: EC2.ModifyVolumeCommand,
        deleteSnapshot: EC2.DeleteSnapshotCommand,
      },
      this.where(t),
    );
  }

  rds(t: Target): RdsApi {
    return api(
      this.rdsClient(t),
      'rds',
      {
        describeDBInstances: RDS.DescribeDBInstancesCommand,
        describeDBClusters: RDS.DescribeDBClustersCommand,
        describeDBSnapshots: RDS.DescribeDBSnapshotsCommand,
        stopDBInstance: RDS.StopDBInstanceCommand,
        startDBInstance: RDS.StartDBInstanceCommand,
        rebootDBInstance: RDS.RebootDBInstanceCommand,
        createDBSnapshot: RDS.CreateDBSnapshotCommand,
        addTagsToResource: RDS.AddTagsToResourceCommand,
        describeDBMajorEngineVersions: RDS.DescribeDBMajorEngineVersionsCommand,
      },
      this.where(t),
    );
  }

  ssm(t: Target): SsmApi {
    return api(
      this.ssmClient(t),
      'ssm',
      {
        describeInstanceInformation: SSM.DescribeInstanceInformationCommand,
        sendCommand: SSM.SendCommandCommand,
        getCommandInvocation: SSM.GetCommandInvocationCommand,
        startAutomationExecution: SSM.StartAutomationExecutionCommand,
        getAutomationExecution: SSM.GetAutomationExecutionCommand,
      },
      this.where(t),
    );
  }

  tagging(t: Target): TaggingApi {
    return api(
      this.client('tag', t, (c) => new Tagging.ResourceGroupsTaggingAPIClient(c)),
      'tag',
      {
        getResources: Tagging.GetResourcesCommand,
        tagResources: Tagging.TagResourcesCommand,
      },
      this.where(t),
    );
  }

  service<N extends ServiceName>(name: N, t: Target): ServiceApis[N] {
    const s = SERVICES[name];
    if (!s) throw new CloudError('UnknownService', `the AWS provider has no service ${String(name)}`);
    return api(this.client(name, t, s.client), name, s.commands as Record<string, new (input: never) => unknown>, this.where(t));
  }

  /** Cost Explorer answers in us-east-1, for the payer account (the first account unless named). */
  costExplorer(account?: string): CostExplorerApi {
    const payer = account ?? this.options.accounts[0]?.id ?? '';
    return api(
      this.client('ce', { account: payer, region: 'us-east-1' }, (c) => new CE.CostExplorerClient(c)),
      'ce',
      {
        getCostAndUsage: CE.GetCostAndUsageCommand,
        getCostForecast: CE.GetCostForecastCommand,
        getAnomalies: CE.GetAnomaliesCommand,
        getCostAndUsageWithResources: CE.GetCostAndUsageWithResourcesCommand,
      },
      this.where({ account: payer, region: 'us-east-1' }),
    );
  }

  /** CloudWatch metrics (GetMetricData) for alert cards and idle-instance findings. */
  cloudwatch(t: Target): CloudWatchApi {
    return api(
      this.client('cloudwatch', t, (c) => new CW.CloudWatchClient(c)),
      'cloudwatch',
      { getMetricData: CW.GetMetricDataCommand },
      this.where(t),
    );
  }

  /** The SDK's own waiters. */
  async waitFor(t: Target, waiter: WaiterName, input: Record<string, unknown>, maxWaitSeconds: number): Promise<WaitOutcome> {
    const delay = this.options.waiterMinDelaySeconds;
    const clients = { ec2: () => this.ec2Client(t), rds: () => this.rdsClient(t), ssm: () => this.ssmClient(t) };
    return runWaiter(waiter, clients, input, {
      maxWaitTime: maxWaitSeconds,
      ...(delay ? { minDelay: delay, maxDelay: Math.max(delay, delay * 4) } : {}),
    });
  }
}
