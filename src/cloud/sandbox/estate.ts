/**
 * The sandbox estate file: an AWS estate written in the SDK v3's own output shapes, so real
 * DescribeInstances / DescribeDBInstances / ... responses can be pasted in. Any field the code does not
 * need may be left out.
 */
import { readFileSync } from 'node:fs';
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { AutoScaling, CE, EC2, ECS, EKS, Lambda, RDS, S3, SSM } from '../provider';

const anyObject = z.record(z.string(), z.unknown());

// The states the inventory reads and cards show are text in AWS's answers; a number or a list there is refused
// here, with the file and line, rather than failing a conversation later ("text.replace is not a function").
const state = z.string().optional();
// Counts and sizes the cards and health answers compare ("4 of 4 tasks running", "min 2, desired 3, max 6") are
// whole numbers in AWS's answers; text or a negative number there is refused the same way.
const count = z.number().int().min(0).optional();
// The lists and maps the scanners walk (tags, deployments, an ASG's instances, a node group's health issues) and the
// ARNs they key resources by have AWS's shapes too: an object where a list belongs, or a number for an ARN, is refused
// here rather than failing the whole scan of that kind with "(s.deployments ?? []).some is not a function".
const text = z.string().optional();
// Tag values are kept as written (a YAML `0012` stays the number 12, as before); only the shape is checked.
const tagList = (key: 'Key' | 'key') => z.array(z.looseObject({ [key]: z.unknown() })).optional();
const tagMap = z.record(z.string(), z.unknown()).optional();

const regionSchema = z.object({
  ec2Instances: z
    .array(
      anyObject.and(
        z.object({
          InstanceId: z.string(),
          State: z.looseObject({ Name: state }).optional(),
          Tags: tagList('Key'),
          BlockDeviceMappings: z.array(z.looseObject({ Ebs: z.looseObject({ VolumeId: text }).optional() })).optional(),
        }),
      ),
    )
    .default([]),
  ebsVolumes: z
    .array(
      anyObject.and(
        z.object({
          VolumeId: z.string(),
          State: state,
          Tags: tagList('Key'),
          Attachments: z.array(z.looseObject({ InstanceId: text, State: state })).optional(),
        }),
      ),
    )
    .default([]),
  rdsInstances: z
    .array(
      anyObject.and(
        z.object({
          DBInstanceIdentifier: z.string(),
          DBInstanceStatus: state,
          TagList: tagList('Key'),
          ReadReplicaDBInstanceIdentifiers: z.array(z.string()).optional(),
        }),
      ),
    )
    .default([]),
  rdsClusters: z
    .array(
      anyObject.and(
        z.object({
          DBClusterIdentifier: z.string(),
          Status: state,
          TagList: tagList('Key'),
          DBClusterMembers: z.array(z.looseObject({ DBInstanceIdentifier: text })).optional(),
        }),
      ),
    )
    .default([]),
  ssmInstances: z.array(anyObject.and(z.object({ InstanceId: z.string() }))).default([]),
  ebsSnapshots: z
    .array(anyObject.and(z.object({ SnapshotId: z.string() })))
    .default([])
    .describe("EC2 DescribeSnapshots Snapshot (the account's own snapshots)."),
  cpuUtilizationP95: z
    .record(z.string(), z.number().min(0).max(100))
    .default({})
    .describe(
      'CloudWatch CPUUtilization p95 (%) over the last 14 days, by instance id: what ' +
        'GetMetricData answers. Instances not listed have no datapoints.',
    ),
  lambdaFunctions: z
    .array(
      anyObject.and(
        z.object({
          FunctionName: z.string(),
          FunctionArn: text,
          State: state,
          Runtime: state,
          LastUpdateStatus: state,
          MemorySize: count,
          Timeout: count,
          ReservedConcurrentExecutions: count,
          Tags: tagMap,
        }),
      ),
    )
    .default([]),
  s3Buckets: z.array(anyObject.and(z.object({ Name: z.string(), Tags: tagList('Key') }))).default([]),
  ecsServices: z
    .array(
      anyObject.and(
        z.object({
          serviceName: z.string(),
          clusterArn: z.string(),
          serviceArn: text,
          status: state,
          launchType: state,
          desiredCount: count,
          runningCount: count,
          pendingCount: count,
          taskDefinition: text,
          deployments: z.array(z.looseObject({ status: state, desiredCount: count, runningCount: count, pendingCount: count })).optional(),
          tags: tagList('key'),
        }),
      ),
    )
    .default([]),
  autoScalingGroups: z
    .array(
      anyObject.and(
        z.object({
          AutoScalingGroupName: z.string(),
          AutoScalingGroupARN: text,
          MinSize: count,
          MaxSize: count,
          DesiredCapacity: count,
          Status: state,
          Instances: z.array(z.looseObject({ InstanceId: text, LifecycleState: state, HealthStatus: state })).optional(),
          Tags: tagList('Key'),
        }),
      ),
    )
    .default([]),
  eksClusters: z
    .array(
      anyObject.and(
        z.object({
          name: z.string(),
          arn: text,
          status: state,
          version: state,
          upgradePolicy: z.looseObject({ supportType: state }).optional(),
          tags: tagMap,
        }),
      ),
    )
    .default([])
    .describe('EKS DescribeCluster Cluster objects (name, arn, version, status, tags).'),
  eksNodegroups: z
    .array(
      anyObject.and(
        z.object({
          nodegroupName: z.string(),
          clusterName: z.string(),
          nodegroupArn: text,
          status: state,
          version: state,
          instanceTypes: z.array(z.string()).optional(),
          health: z.looseObject({ issues: z.array(z.looseObject({ code: state, message: state })).optional() }).optional(),
          tags: tagMap,
          scalingConfig: z.looseObject({ minSize: count, maxSize: count, desiredSize: count }).optional(),
        }),
      ),
    )
    .default([])
    .describe('EKS DescribeNodegroup Nodegroup objects (clusterName names the cluster; scalingConfig, status, tags).'),
});
const EMPTY_REGION = {
  ec2Instances: [],
  ebsVolumes: [],
  rdsInstances: [],
  rdsClusters: [],
  ssmInstances: [],
  lambdaFunctions: [],
  s3Buckets: [],
  ecsServices: [],
  autoScalingGroups: [],
  eksClusters: [],
  eksNodegroups: [],
  ebsSnapshots: [],
  cpuUtilizationP95: {},
};

const estateSchema = z.object({
  name: z.string().optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day like 2026-11-22 (quoted or not)')
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'is not a calendar day',
    )
    .optional()
    .describe(
      'The day the estate\'s dates were written for (its "today"). Set, the sandbox moves ' +
        'every date of the estate by the same number of days so that this day is the ' +
        "clock's today: the costs end yesterday, a stopped instance stays stopped as many " +
        'days. Left out, dates are used as written.',
    ),
  accounts: z
    .array(
      z.object({
        id: z.string().regex(/^\d{12}$/, 'an AWS account id is 12 digits, quoted in YAML ("111111111111")'),
        alias: z.string().optional(),
        deny: z
          .array(z.string().regex(/^[a-z0-9-]+:[A-Za-z0-9*]+$/, 'an IAM action like ec2:TerminateInstances'))
          .default([])
          .describe(
            "IAM actions the bot's role lacks in this account: calls needing them fail as in AWS (UnauthorizedOperation / AccessDenied).",
          ),
        regions: z.record(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'a region name like us-west-2'), regionSchema.default(EMPTY_REGION)),
      }),
    )
    .min(1, 'an estate needs at least one account'),
  costs: z.array(anyObject).default([]),
  metrics: z
    .array(anyObject)
    .default([])
    .describe(
      'CloudWatch series for GetMetricData: { Namespace, MetricName, Dimensions: [{ Name, ' +
        'Value }], PeriodSeconds, Values } (oldest first, the last value is now).',
    ),
  rdsMajorEngineVersions: z
    .array(anyObject.and(z.object({ Engine: z.string(), MajorEngineVersion: z.string() })))
    .default([])
    .describe(
      'RDS DescribeDBMajorEngineVersions DBMajorEngineVersion: lifecycle dates (end of standard support) per engine major version.',
    ),
  resourceCosts: z
    .array(anyObject)
    .optional()
    .describe(
      'Cost Explorer GetCostAndUsageWithResources ResultsByTime, DAILY, grouped by ' +
        'RESOURCE_ID (the last 14 days). Left out: resource-level data is not enabled.',
    ),
});

export interface RegionEstate {
  ec2Instances: EC2.Instance[];
  ebsVolumes: EC2.Volume[];
  rdsInstances: RDS.DBInstance[];
  rdsClusters: RDS.DBCluster[];
  ssmInstances: SSM.InstanceInformation[];
  ebsSnapshots?: EC2.Snapshot[];
  /** CPUUtilization p95 over 14 days by instance id (the sandbox's CloudWatch). */
  cpuUtilizationP95?: Record<string, number>;
  /** Lambda GetFunction's Configuration, with its Tags and reserved concurrency beside it. */
  lambdaFunctions: (Lambda.FunctionConfiguration & { Tags?: Record<string, string>; ReservedConcurrentExecutions?: number })[];
  /** S3 buckets of this region: ListBuckets' Bucket plus what the Get*Bucket* calls return. */
  s3Buckets: SandboxBucket[];
  /** ECS DescribeServices Service objects (clusterArn names the cluster), tags included. */
  ecsServices: ECS.Service[];
  /** Auto Scaling DescribeAutoScalingGroups AutoScalingGroup objects. */
  autoScalingGroups: AutoScaling.AutoScalingGroup[];
  /** EKS DescribeCluster Cluster objects. Optional so estates written before EKS still type-check. */
  eksClusters?: EKS.Cluster[];
  /** EKS DescribeNodegroup Nodegroup objects, each naming its cluster. */
  eksNodegroups?: EKS.Nodegroup[];
}

export interface SandboxBucket {
  Name: string;
  CreationDate?: string;
  Tags?: { Key: string; Value: string }[];
  PublicAccessBlockConfiguration?: S3.PublicAccessBlockConfiguration;
  /** GetBucketPolicyStatus: is the bucket policy public? No policy when absent. */
  PolicyStatus?: { IsPublic?: boolean };
  Versioning?: { Status?: 'Enabled' | 'Suspended' };
  ServerSideEncryptionConfiguration?: S3.ServerSideEncryptionConfiguration;
  /** GetBucketAcl Grants beyond the owner's FULL_CONTROL (a grant to the AllUsers group makes the bucket public). */
  Grants?: S3.Grant[];
}

export interface Estate {
  name?: string;
  /** The day the estate's dates were written for; the sandbox moves them so that this day is today (see `shiftEstate`). */
  asOf?: string;
  accounts: { id: string; alias?: string; deny?: string[]; regions: Record<string, RegionEstate> }[];
  /** Cost Explorer GetCostAndUsage ResultsByTime entries, DAILY, grouped by SERVICE (optionally LINKED_ACCOUNT). */
  costs: CE.ResultByTime[];
  rdsMajorEngineVersions?: RDS.DBMajorEngineVersion[];
  /** Resource-level daily costs; undefined when the account has not enabled them. */
  resourceCosts?: CE.ResultByTime[];
  /** CloudWatch series, the newest value last (at "now"), one per PeriodSeconds (default 300). */
  metrics?: SandboxMetric[];
}

export interface SandboxMetric {
  Namespace?: string;
  MetricName: string;
  Dimensions?: { Name: string; Value: string }[];
  PeriodSeconds?: number;
  Values: number[];
}

export class EstateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EstateError';
  }
}

/** An anchor (`&name`) anywhere: aliases could multiply what is checked, so such files take the careful parser. */
const ANCHOR = /(?:^|[\s:[{,-])&[^\s]/m;

/**
 * The estate's data. Big estates (100k resources is a 30 MB file) parse with js-yaml's core schema, which
 * is several times faster and lighter than `yaml`'s document model and reads the same YAML 1.2 core data
 * (no timestamps, no merge keys); `yaml` stays for files with anchors (its alias limit guards against alias
 * bombs) and for the line number of a syntax error. A `.json` file is read as JSON.
 */
function estateData(text: string, file: string): unknown {
  if (/\.json$/i.test(file)) {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new EstateError(`${file}: not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!ANCHOR.test(text)) {
    try {
      return fastLoad(text, { schema: CORE_SCHEMA, filename: file });
    } catch {
      // Fall through: the careful parser names the line and says what is wrong in its own words.
    }
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: counter });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new EstateError(`${file}:${counter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`);
  }
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    // An alias bomb (aliases of aliases, billions of nodes): refused with the file named, never expanded.
    throw new EstateError(`${file}: ${(e as Error).message}; use fewer aliases (anchors and *references) in the estate file`);
  }
}

/** The line of the value at `path` (or of its nearest parent the file has), read again with the careful parser: errors only. */
function lineOf(text: string, path: (string | number)[]): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Parse an estate from YAML (or JSON) text. Problems name the file and the key. */
export function parseEstate(text: string, file = 'estate'): Estate {
  const result = estateSchema.safeParse(estateData(text, file));
  if (!result.success) {
    const issue = result.error.issues[0];
    // A bad record key (a region name) carries its reason one level down.
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    const line = /\.json$/i.test(file) ? undefined : lineOf(text, issue.path as (string | number)[]);
    throw new EstateError(`${file}${line ? `:${line}` : ''}: ${issue.path.join('.') || '(top)'}: ${message}`);
  }
  return result.data as unknown as Estate;
}

export function loadEstate(path: string): Estate {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new EstateError(`cannot read sandbox estate ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseEstate(text, path);
}
