/**
 * The cloud as the rest of the bot sees it. Method names, inputs and outputs are the AWS SDK v3's own
 * (so the sandbox and AWS behave alike, and real API responses can be pasted into a sandbox estate);
 * only src/cloud/ imports the SDK, the rest uses these interfaces.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as RDS from '@aws-sdk/client-rds';
import type * as SSM from '@aws-sdk/client-ssm';
import type * as Tagging from '@aws-sdk/client-resource-groups-tagging-api';
import type * as CE from '@aws-sdk/client-cost-explorer';
import type * as CW from '@aws-sdk/client-cloudwatch';
import type * as Lambda from '@aws-sdk/client-lambda';
import type * as S3 from '@aws-sdk/client-s3';
import type * as ECS from '@aws-sdk/client-ecs';
import type * as AutoScaling from '@aws-sdk/client-auto-scaling';
import type * as EKS from '@aws-sdk/client-eks';

export type { EC2, RDS, SSM, Tagging, CE, Lambda, S3, ECS, AutoScaling, CW, EKS };

/** Where a call goes. `requestId` names the chat request (role session name, CloudTrail). */
export interface Target {
  account: string;
  region: string;
  requestId?: string;
}

export interface AccountScope {
  id: string;
  alias?: string;
  regions: string[];
}

type Out<T> = Promise<Omit<T, '$metadata'> & { $metadata?: { requestId?: string } }>;

export interface Ec2Api {
  describeInstances(input: EC2.DescribeInstancesCommandInput): Out<EC2.DescribeInstancesCommandOutput>;
  describeVolumes(input: EC2.DescribeVolumesCommandInput): Out<EC2.DescribeVolumesCommandOutput>;
  describeInstanceAttribute(input: EC2.DescribeInstanceAttributeCommandInput): Out<EC2.DescribeInstanceAttributeCommandOutput>;
  describeSnapshots(input: EC2.DescribeSnapshotsCommandInput): Out<EC2.DescribeSnapshotsCommandOutput>;
  /** Instance and system status checks (the health gate of a rolling run). */
  describeInstanceStatus(input: EC2.DescribeInstanceStatusCommandInput): Out<EC2.DescribeInstanceStatusCommandOutput>;
  stopInstances(input: EC2.StopInstancesCommandInput): Out<EC2.StopInstancesCommandOutput>;
  startInstances(input: EC2.StartInstancesCommandInput): Out<EC2.StartInstancesCommandOutput>;
  rebootInstances(input: EC2.RebootInstancesCommandInput): Out<EC2.RebootInstancesCommandOutput>;
  terminateInstances(input: EC2.TerminateInstancesCommandInput): Out<EC2.TerminateInstancesCommandOutput>;
  modifyInstanceAttribute(input: EC2.ModifyInstanceAttributeCommandInput): Out<EC2.ModifyInstanceAttributeCommandOutput>;
  createSnapshots(input: EC2.CreateSnapshotsCommandInput): Out<EC2.CreateSnapshotsCommandOutput>;
  createTags(input: EC2.CreateTagsCommandInput): Out<EC2.CreateTagsCommandOutput>;
  /** Findings fixes: snapshot a volume, delete it, change its type, delete an old snapshot. */
  createSnapshot(input: EC2.CreateSnapshotCommandInput): Out<EC2.CreateSnapshotCommandOutput>;
  deleteVolume(input: EC2.DeleteVolumeCommandInput): Out<EC2.DeleteVolumeCommandOutput>;
  modifyVolume(input: EC2.ModifyVolumeCommandInput): Out<EC2.ModifyVolumeCommandOutput>;
  deleteSnapshot(input: EC2.DeleteSnapshotCommandInput): Out<EC2.DeleteSnapshotCommandOutput>;
}

export interface RdsApi {
  describeDBInstances(input: RDS.DescribeDBInstancesCommandInput): Out<RDS.DescribeDBInstancesCommandOutput>;
  describeDBClusters(input: RDS.DescribeDBClustersCommandInput): Out<RDS.DescribeDBClustersCommandOutput>;
  describeDBSnapshots(input: RDS.DescribeDBSnapshotsCommandInput): Out<RDS.DescribeDBSnapshotsCommandOutput>;
  stopDBInstance(input: RDS.StopDBInstanceCommandInput): Out<RDS.StopDBInstanceCommandOutput>;
  startDBInstance(input: RDS.StartDBInstanceCommandInput): Out<RDS.StartDBInstanceCommandOutput>;
  rebootDBInstance(input: RDS.RebootDBInstanceCommandInput): Out<RDS.RebootDBInstanceCommandOutput>;
  createDBSnapshot(input: RDS.CreateDBSnapshotCommandInput): Out<RDS.CreateDBSnapshotCommandOutput>;
  addTagsToResource(input: RDS.AddTagsToResourceCommandInput): Out<RDS.AddTagsToResourceCommandOutput>;
  /** Lifecycle dates (end of standard support) per major engine version, for the findings engine. */
  describeDBMajorEngineVersions(input: RDS.DescribeDBMajorEngineVersionsCommandInput): Out<RDS.DescribeDBMajorEngineVersionsCommandOutput>;
}

export interface SsmApi {
  describeInstanceInformation(input: SSM.DescribeInstanceInformationCommandInput): Out<SSM.DescribeInstanceInformationCommandOutput>;
  sendCommand(input: SSM.SendCommandCommandInput): Out<SSM.SendCommandCommandOutput>;
  getCommandInvocation(input: SSM.GetCommandInvocationCommandInput): Out<SSM.GetCommandInvocationCommandOutput>;
  startAutomationExecution(input: SSM.StartAutomationExecutionCommandInput): Out<SSM.StartAutomationExecutionCommandOutput>;
  getAutomationExecution(input: SSM.GetAutomationExecutionCommandInput): Out<SSM.GetAutomationExecutionCommandOutput>;
}

export interface TaggingApi {
  getResources(input: Tagging.GetResourcesCommandInput): Out<Tagging.GetResourcesCommandOutput>;
  tagResources(input: Tagging.TagResourcesCommandInput): Out<Tagging.TagResourcesCommandOutput>;
}

export interface CostExplorerApi {
  getCostAndUsage(input: CE.GetCostAndUsageCommandInput): Out<CE.GetCostAndUsageCommandOutput>;
  getCostForecast(input: CE.GetCostForecastCommandInput): Out<CE.GetCostForecastCommandOutput>;
  getAnomalies(input: CE.GetAnomaliesCommandInput): Out<CE.GetAnomaliesCommandOutput>;
  /** Resource-level daily cost (last 14 days only, and only where the payer opted in). */
  getCostAndUsageWithResources(input: CE.GetCostAndUsageWithResourcesCommandInput): Out<CE.GetCostAndUsageWithResourcesCommandOutput>;
}

export interface CloudWatchApi {
  getMetricData(input: CW.GetMetricDataCommandInput): Out<CW.GetMetricDataCommandOutput>;
}

/**
 * CloudWatch GetMetricData, in the SDK's own shapes (the fields the bot uses), for the incident card's
 * "metric over the last hour". Declared here rather than imported so the interface needs no extra client.
 */
export interface MetricDataQuery {
  Id: string;
  MetricStat: {
    Metric: { Namespace?: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
    Period: number;
    Stat: string;
  };
}
export interface GetMetricDataInput {
  MetricDataQueries: MetricDataQuery[];
  StartTime: Date;
  EndTime: Date;
  ScanBy?: 'TimestampAscending' | 'TimestampDescending';
}
export interface GetMetricDataOutput {
  MetricDataResults?: { Id?: string; Label?: string; Timestamps?: Date[]; Values?: number[]; StatusCode?: string }[];
  $metadata?: { requestId?: string };
}

export interface LambdaApi {
  listFunctions(input: Lambda.ListFunctionsCommandInput): Out<Lambda.ListFunctionsCommandOutput>;
  getFunction(input: Lambda.GetFunctionCommandInput): Out<Lambda.GetFunctionCommandOutput>;
  putFunctionConcurrency(input: Lambda.PutFunctionConcurrencyCommandInput): Out<Lambda.PutFunctionConcurrencyCommandOutput>;
  deleteFunctionConcurrency(input: Lambda.DeleteFunctionConcurrencyCommandInput): Out<Lambda.DeleteFunctionConcurrencyCommandOutput>;
  tagResource(input: Lambda.TagResourceCommandInput): Out<Lambda.TagResourceCommandOutput>;
  untagResource(input: Lambda.UntagResourceCommandInput): Out<Lambda.UntagResourceCommandOutput>;
}

export interface S3Api {
  listBuckets(input: S3.ListBucketsCommandInput): Out<S3.ListBucketsCommandOutput>;
  getPublicAccessBlock(input: S3.GetPublicAccessBlockCommandInput): Out<S3.GetPublicAccessBlockCommandOutput>;
  putPublicAccessBlock(input: S3.PutPublicAccessBlockCommandInput): Out<S3.PutPublicAccessBlockCommandOutput>;
  getBucketPolicyStatus(input: S3.GetBucketPolicyStatusCommandInput): Out<S3.GetBucketPolicyStatusCommandOutput>;
  getBucketVersioning(input: S3.GetBucketVersioningCommandInput): Out<S3.GetBucketVersioningCommandOutput>;
  getBucketEncryption(input: S3.GetBucketEncryptionCommandInput): Out<S3.GetBucketEncryptionCommandOutput>;
  getBucketTagging(input: S3.GetBucketTaggingCommandInput): Out<S3.GetBucketTaggingCommandOutput>;
  getBucketAcl(input: S3.GetBucketAclCommandInput): Out<S3.GetBucketAclCommandOutput>;
}

export interface EcsApi {
  listClusters(input: ECS.ListClustersCommandInput): Out<ECS.ListClustersCommandOutput>;
  listServices(input: ECS.ListServicesCommandInput): Out<ECS.ListServicesCommandOutput>;
  describeServices(input: ECS.DescribeServicesCommandInput): Out<ECS.DescribeServicesCommandOutput>;
  updateService(input: ECS.UpdateServiceCommandInput): Out<ECS.UpdateServiceCommandOutput>;
}

export interface AutoScalingApi {
  describeAutoScalingGroups(
    input: AutoScaling.DescribeAutoScalingGroupsCommandInput,
  ): Out<AutoScaling.DescribeAutoScalingGroupsCommandOutput>;
  setDesiredCapacity(input: AutoScaling.SetDesiredCapacityCommandInput): Out<AutoScaling.SetDesiredCapacityCommandOutput>;
}

export interface EksApi {
  listClusters(input: EKS.ListClustersCommandInput): Out<EKS.ListClustersCommandOutput>;
  describeCluster(input: EKS.DescribeClusterCommandInput): Out<EKS.DescribeClusterCommandOutput>;
  listNodegroups(input: EKS.ListNodegroupsCommandInput): Out<EKS.ListNodegroupsCommandOutput>;
  describeNodegroup(input: EKS.DescribeNodegroupCommandInput): Out<EKS.DescribeNodegroupCommandOutput>;
  /** Node group sizes (min/desired/max); answers with an update to follow with describeUpdate. */
  updateNodegroupConfig(input: EKS.UpdateNodegroupConfigCommandInput): Out<EKS.UpdateNodegroupConfigCommandOutput>;
  /** One minor version up for the control plane; answers with an update to follow with describeUpdate. */
  updateClusterVersion(input: EKS.UpdateClusterVersionCommandInput): Out<EKS.UpdateClusterVersionCommandOutput>;
  describeUpdate(input: EKS.DescribeUpdateCommandInput): Out<EKS.DescribeUpdateCommandOutput>;
}

/**
 * Services reached through `CloudProvider.service(name, target)`: adding a service is one entry here,
 * one in the AWS provider's table and one sandbox class, with nothing to change in the provider stand-ins.
 */
export interface ServiceApis {
  lambda: LambdaApi;
  s3: S3Api;
  ecs: EcsApi;
  autoscaling: AutoScalingApi;
  eks: EksApi;
}
export type ServiceName = keyof ServiceApis;
export const SERVICE_NAMES: readonly ServiceName[] = ['lambda', 's3', 'ecs', 'autoscaling', 'eks'];

/** The SDK waiters the bot uses (where AWS has one); see CloudProvider.waitFor. */
export const WAITERS = [
  'instanceRunning',
  'instanceStopped',
  'instanceTerminated',
  'snapshotCompleted',
  'dbInstanceAvailable',
  'dbSnapshotAvailable',
  'commandExecuted',
] as const;
export type WaiterName = (typeof WAITERS)[number];

export interface WaitOutcome {
  state: 'success' | 'failure' | 'timeout';
  /** AWS's last answer or error, in words, when the waiter did not succeed. */
  reason?: string;
}

export interface CloudProvider {
  readonly kind: 'aws' | 'sandbox';
  /** Shown wherever the estate shows: banners, cards, digests ("SANDBOX estate demo-estate.yaml"). */
  readonly label: string;
  accounts(): AccountScope[];
  ec2(target: Target): Ec2Api;
  rds(target: Target): RdsApi;
  ssm(target: Target): SsmApi;
  tagging(target: Target): TaggingApi;
  /** Lambda, S3, ECS, Auto Scaling, EKS, ...: one accessor for every service in ServiceApis. */
  service<N extends ServiceName>(name: N, target: Target): ServiceApis[N];
  /** Cost Explorer lives in us-east-1 of the payer account. */
  costExplorer(account?: string): CostExplorerApi;
  /**
   * CloudWatch metrics (alert cards, idle-instance findings). Optional: without it alert cards say "metric
   * unavailable" and there are no idle-instance findings.
   */
  cloudwatch?(target: Target): CloudWatchApi;
  /**
   * Wait with the SDK's own waiter (waitUntilInstanceStopped, ...). Optional: a provider without it
   * (the sandbox) is polled by the action through the describe calls above, with the injected clock.
   */
  waitFor?(target: Target, waiter: WaiterName, input: Record<string, unknown>, maxWaitSeconds: number): Promise<WaitOutcome>;
}

/** Where a cloud error happened: the call, and (when the provider knows them) the account, region and role. */
export interface CloudErrorDetails {
  service?: string;
  operation?: string;
  requestId?: string;
  attempts?: number;
  statusCode?: number;
  account?: string;
  accountAlias?: string;
  region?: string;
  /** The role the bot assumes in that account (aws.accounts[].roleArn), when it assumes one. */
  roleArn?: string;
}

/**
 * An error from the cloud with AWS's own error code (`IncorrectInstanceState`, `DryRunOperation`,
 * `UnauthorizedOperation`, `ThrottlingException`, ...), whichever provider raised it.
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: CloudErrorDetails = {},
  ) {
    super(message);
    this.name = 'CloudError';
  }
}

export function isCloudError(e: unknown, code?: string): e is CloudError {
  return e instanceof CloudError && (code === undefined || e.code === code);
}
