/**
 * The cloud through the AWS SDK v3: one client per (service, account, region), created lazily and
 * reused. First version: default credential chain, one call per method, AWS errors mapped to
 * CloudError. Role assumption per account, retry policy and error sentences grow here.
 */
import * as EC2 from '@aws-sdk/client-ec2';
import * as RDS from '@aws-sdk/client-rds';
import * as SSM from '@aws-sdk/client-ssm';
import * as Tagging from '@aws-sdk/client-resource-groups-tagging-api';
import * as CE from '@aws-sdk/client-cost-explorer';
import { CloudError, type AccountScope, type CloudProvider, type CostExplorerApi, type Ec2Api, type RdsApi, type SsmApi, type TaggingApi, type Target } from '../provider';

export interface AwsAccountConfig {
  id: string;
  alias?: string;
  regions: string[];
  roleArn?: string;
  externalId?: string;
}

export interface AwsProviderOptions {
  accounts: AwsAccountConfig[];
  maxAttempts?: number;
}

interface SdkClient {
  send(command: unknown): Promise<unknown>;
}

/** Map an SDK exception to a CloudError with AWS's error code. */
export function toCloudError(e: unknown, service: string, operation: string): CloudError {
  if (e instanceof CloudError) return e;
  const err = e as { name?: string; Code?: string; message?: string; $metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number } };
  const code = (err.Code ?? err.name ?? 'Unknown').replace(/Fault$/, '');
  return new CloudError(code, err.message ?? String(e), {
    service,
    operation,
    requestId: err.$metadata?.requestId,
    attempts: err.$metadata?.attempts,
    statusCode: err.$metadata?.httpStatusCode,
  });
}

/** Build an API object whose methods send the matching SDK command. */
function api<T>(client: SdkClient, service: string, commands: Record<string, new (input: never) => unknown>): T {
  const out: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [method, Command] of Object.entries(commands)) {
    out[method] = async (input: unknown) => {
      try {
        return await client.send(new Command(input as never));
      } catch (e) {
        throw toCloudError(e, service, method);
      }
    };
  }
  return out as T;
}

export class AwsProvider implements CloudProvider {
  readonly kind = 'aws' as const;
  readonly label = 'AWS';
  private readonly clients = new Map<string, SdkClient>();

  constructor(private readonly options: AwsProviderOptions) {}

  accounts(): AccountScope[] {
    return this.options.accounts.map((a) => ({ id: a.id, alias: a.alias, regions: a.regions }));
  }

  /** One client per service/account/region, reused. */
  protected client<C extends SdkClient>(service: string, t: { account: string; region: string }, make: (config: { region: string; maxAttempts: number }) => C): C {
    const key = `${service}:${t.account}:${t.region}`;
    let c = this.clients.get(key) as C | undefined;
    if (!c) {
      c = make({ region: t.region, maxAttempts: this.options.maxAttempts ?? 3 });
      this.clients.set(key, c);
    }
    return c;
  }

  ec2(t: Target): Ec2Api {
    return api(this.client('ec2', t, (c) => new EC2.EC2Client(c)), 'ec2', {
      describeInstances: EC2.DescribeInstancesCommand,
      describeVolumes: EC2.DescribeVolumesCommand,
      describeInstanceAttribute: EC2.DescribeInstanceAttributeCommand,
      describeSnapshots: EC2.DescribeSnapshotsCommand,
      stopInstances: EC2.StopInstancesCommand,
      startInstances: EC2.StartInstancesCommand,
      rebootInstances: EC2.RebootInstancesCommand,
      terminateInstances: EC2.TerminateInstancesCommand,
      modifyInstanceAttribute: EC2.ModifyInstanceAttributeCommand,
      createSnapshots: EC2.CreateSnapshotsCommand,
      createTags: EC2.CreateTagsCommand,
    });
  }

  rds(t: Target): RdsApi {
    return api(this.client('rds', t, (c) => new RDS.RDSClient(c)), 'rds', {
      describeDBInstances: RDS.DescribeDBInstancesCommand,
      describeDBClusters: RDS.DescribeDBClustersCommand,
      describeDBSnapshots: RDS.DescribeDBSnapshotsCommand,
      stopDBInstance: RDS.StopDBInstanceCommand,
      startDBInstance: RDS.StartDBInstanceCommand,
      rebootDBInstance: RDS.RebootDBInstanceCommand,
      createDBSnapshot: RDS.CreateDBSnapshotCommand,
      addTagsToResource: RDS.AddTagsToResourceCommand,
    });
  }

  ssm(t: Target): SsmApi {
    return api(this.client('ssm', t, (c) => new SSM.SSMClient(c)), 'ssm', {
      describeInstanceInformation: SSM.DescribeInstanceInformationCommand,
      sendCommand: SSM.SendCommandCommand,
      getCommandInvocation: SSM.GetCommandInvocationCommand,
      startAutomationExecution: SSM.StartAutomationExecutionCommand,
      getAutomationExecution: SSM.GetAutomationExecutionCommand,
    });
  }

  tagging(t: Target): TaggingApi {
    return api(this.client('tagging', t, (c) => new Tagging.ResourceGroupsTaggingAPIClient(c)), 'tagging', {
      getResources: Tagging.GetResourcesCommand,
      tagResources: Tagging.TagResourcesCommand,
    });
  }

  costExplorer(account?: string): CostExplorerApi {
    const payer = account ?? this.options.accounts[0]?.id ?? '';
    return api(this.client('ce', { account: payer, region: 'us-east-1' }, (c) => new CE.CostExplorerClient(c)), 'ce', {
      getCostAndUsage: CE.GetCostAndUsageCommand,
      getCostForecast: CE.GetCostForecastCommand,
      getAnomalies: CE.GetAnomaliesCommand,
    });
  }
}
