/** A concrete cloud resource as the bot knows it: found in the inventory, named in a plan. */
export const RESOURCE_TYPES = ['ec2-instance', 'ebs-volume', 'rds-instance', 'rds-cluster', 'ssm-instance', 'taggable'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export type FactValue = string | number | boolean | string[] | null;

export interface Resource {
  type: ResourceType;
  /** The identifier AWS uses in API calls (InstanceId, DBInstanceIdentifier, VolumeId, ...). */
  id: string;
  arn?: string;
  /** The Name tag, or the identifier when there is none. */
  name: string;
  account: string;
  accountAlias?: string;
  region: string;
  /** Lifecycle state in AWS's own words (running, stopped, available, ...). */
  state?: string;
  tags: Record<string, string>;
  /** Facts the risk rules read: multiAZ, readReplicas, terminationProtection, engine, instanceType, ssmPingStatus, ... */
  facts: Record<string, FactValue>;
}

/** What each type is called in messages people read ("EC2 instance", never `ec2-instance`). */
export const RESOURCE_TYPE_LABEL: Record<ResourceType, string> = {
  'ec2-instance': 'EC2 instance',
  'ebs-volume': 'EBS volume',
  'rds-instance': 'RDS instance',
  'rds-cluster': 'RDS cluster',
  'ssm-instance': 'SSM managed instance',
  taggable: 'resource',
};

/** "an EC2 instance", "a resource". */
export function withArticle(label: string): string {
  return `${/^[aeiouAEIOU]|^(?:EC2|EBS|RDS|SSM)\b/.test(label) ? 'an' : 'a'} ${label}`;
}

export function isResourceType(value: string): value is ResourceType {
  return (RESOURCE_TYPES as readonly string[]).includes(value);
}

/** One line naming a resource for people: `web-prod-1 (i-0abc…, production/us-west-2)`. */
export function describeResource(r: Resource): string {
  const where = `${r.accountAlias ?? r.account}/${r.region}`;
  return r.name === r.id ? `${r.id} (${where})` : `${r.name} (${r.id}, ${where})`;
}
