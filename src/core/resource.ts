/**
 * A concrete cloud resource as the bot knows it: found in the inventory, named in a plan.
 *
 * A resource type is the id of a registered `ResourceKind` (src/inventory/kinds/): the inventory's
 * registry owns everything about a kind. Core, which imports nothing else, keeps only what it needs to
 * write sentences: the names of the registered kinds, filled in by the registry when a kind registers.
 */
export type ResourceType = string;

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

/** What core knows of a kind: what it is called in messages people read ("EC2 instance", never `ec2-instance`). */
export interface KindName {
  type: ResourceType;
  label: string;
  /** "an" or "a" before the label, when the first letter does not say it ("an EC2 instance", "an S3 bucket"). */
  article?: 'a' | 'an';
}

const KIND_NAMES = new Map<string, KindName>();

/** Called by the kind registry (inventory/kinds) as each kind registers. */
export function nameResourceType(name: KindName): void {
  KIND_NAMES.set(name.type, name);
}

/** The registered resource types, in registration order. */
export function resourceTypes(): ResourceType[] {
  return [...KIND_NAMES.keys()];
}

export function isResourceType(value: string): value is ResourceType {
  return KIND_NAMES.has(value);
}

/** "EC2 instance" for `ec2-instance`; an unknown type reads as its words. */
export function resourceTypeLabel(type: string): string {
  return KIND_NAMES.get(type)?.label ?? type.replace(/-/g, ' ');
}

/** "an EC2 instance", "a resource". */
export function withArticle(label: string): string {
  const named = [...KIND_NAMES.values()].find((k) => k.label === label && k.article);
  if (named) return `${named.article} ${label}`;
  return `${/^[aeiouAEIOU]|^(?:EC2|EBS|RDS|SSM|S3|ECS|EKS)\b/.test(label) ? 'an' : 'a'} ${label}`;
}

/** One line naming a resource for people: `web-prod-1 (i-0abc…, production/us-west-2)`. */
export function describeResource(r: Resource): string {
  const where = `${r.accountAlias ?? r.account}/${r.region}`;
  return r.name === r.id ? `${r.id} (${where})` : `${r.name} (${r.id}, ${where})`;
}
