import { lookupTable } from '../../core';
import { paginate, type CloudProvider, type Tagging } from '../../cloud';
import type { Resource } from '../../core';

/** A resource the tagging policy looks at, from the inventory or the Tagging API. */
export interface TaggedResource {
  /** The ARN (account/region/id when there is none): unique across the estate. */
  key: string;
  /** ec2-instance, ebs-volume, rds-instance, rds-cluster, or `service:type` from the ARN (s3:bucket, lambda:function). */
  type: string;
  id: string;
  name: string;
  account: string;
  accountAlias?: string;
  region: string;
  tags: Record<string, string>;
  /** The inventory's resource, when the inventory knows it. */
  resource?: Resource;
}

export interface ResourceSource {
  all(): Resource[];
  /** A resource that no longer exists (a terminated instance the Tagging API may list for an hour). */
  isGoneArn?(arn: string): boolean;
}

export interface CollectFailure {
  account: string;
  region: string;
  error: string;
}

export interface Collected {
  resources: TaggedResource[];
  failures: CollectFailure[];
  /** GetResources pages requested. */
  requests: number;
}

const ARN_TYPES: Readonly<Record<string, string>> = lookupTable({
  'ec2:instance': 'ec2-instance',
  'ec2:volume': 'ebs-volume',
  'rds:db': 'rds-instance',
  'rds:cluster': 'rds-cluster',
});

const TYPE_NAMES: Readonly<Record<string, string>> = lookupTable({
  'ec2-instance': 'EC2 instances',
  'ebs-volume': 'EBS volumes',
  'rds-instance': 'RDS instances',
  'rds-cluster': 'Aurora clusters',
  's3:bucket': 'S3 buckets',
  'lambda:function': 'Lambda functions',
  'dynamodb:table': 'DynamoDB tables',
  'ec2:snapshot': 'EBS snapshots',
  'ec2:security-group': 'security groups',
  'elasticloadbalancing:loadbalancer': 'load balancers',
});

/** "EC2 instances", for the digest. */
export function typeName(type: string): string {
  return TYPE_NAMES[type] ?? type;
}

/** The singular, for one offender: "EC2 instance". */
export function typeNameOne(type: string): string {
  return TYPE_NAMES[type]?.replace(/s$/, '') ?? type;
}

/** What an ARN names: type label, id, account, region. */
export function parseArn(arn: string): { type: string; id: string; account: string; region: string } | undefined {
  const m = /^arn:[^:]+:([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, service, region, account, rest] = m;
  const sep = rest.search(/[:/]/);
  const kind = sep < 0 ? (service === 's3' ? 'bucket' : '') : rest.slice(0, sep);
  const id = sep < 0 ? rest : rest.slice(sep + 1);
  const label = `${service}:${kind}`;
  return { type: ARN_TYPES[label] ?? (kind ? label : service), id, account, region };
}

function fromInventory(r: Resource): TaggedResource | undefined {
  // An SSM-managed instance is the EC2 instance again; the tagging policy counts it once.
  if (r.type === 'ssm-instance') return undefined;
  const parsed = r.type === 'taggable' && r.arn ? parseArn(r.arn) : undefined;
  return {
    key: r.arn ?? `${r.account}/${r.region}/${r.id}`,
    type: parsed?.type ?? r.type,
    id: r.id,
    name: r.name,
    account: r.account,
    ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}),
    region: r.region,
    tags: { ...r.tags },
    resource: r,
  };
}

/** The inventory's resources as the tagging policy sees them. */
export function inventoryTaggables(inventory: ResourceSource): TaggedResource[] {
  const byKey = new Map<string, TaggedResource>();
  for (const r of inventory.all()) {
    const t = fromInventory(r);
    if (t && !byKey.has(t.key)) byKey.set(t.key, t);
  }
  return [...byKey.values()];
}

/** One resource by key, its tags read now with one GetResources call (the inventory's when that fails). */
export async function readTaggable(provider: CloudProvider, inventory: ResourceSource, key: string): Promise<TaggedResource | undefined> {
  if (inventory.isGoneArn?.(key)) return undefined;
  const known = inventoryTaggables(inventory).find((r) => r.key === key);
  const arn = parseArn(key);
  if (!arn) return known;
  try {
    const out = await provider.tagging({ account: arn.account, region: arn.region }).getResources({ ResourceARNList: [key] });
    const m = out.ResourceTagMappingList?.find((x) => x.ResourceARN === key);
    if (!m) return known;
    const tags = Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    const alias = provider.accounts().find((a) => a.id === arn.account)?.alias;
    return known
      ? { ...known, tags }
      : {
          key,
          type: arn.type,
          id: arn.id,
          name: tags.Name || arn.id,
          account: arn.account,
          ...(alias ? { accountAlias: alias } : {}),
          region: arn.region,
          tags,
        };
  } catch {
    return known;
  }
}

/**
 * Everything taggable: the inventory (which knows untagged EC2, EBS and RDS resources the Tagging API may
 * never list) merged by ARN with the Tagging API's GetResources for every type, in every account and
 * region. Tags from GetResources win: they are read now, the inventory may be minutes old.
 */
export async function collectTaggable(provider: CloudProvider, inventory: ResourceSource): Promise<Collected> {
  const byKey = new Map(inventoryTaggables(inventory).map((t) => [t.key, t]));
  const failures: CollectFailure[] = [];
  let requests = 0;
  const aliases = new Map(provider.accounts().map((a) => [a.id, a.alias]));
  const scopes = provider.accounts().flatMap((a) => a.regions.map((region) => ({ account: a.id, region })));
  const found = await Promise.all(
    scopes.map(async (scope) => {
      const api = provider.tagging(scope);
      const out: { arn: string; tags: Record<string, string> }[] = [];
      try {
        const call = (input: Tagging.GetResourcesCommandInput) => {
          requests += 1;
          return api.getResources(input);
        };
        for await (const page of paginate(call, { ResourcesPerPage: 100 } as Tagging.GetResourcesCommandInput, {
          input: 'PaginationToken',
          output: 'PaginationToken',
        })) {
          for (const m of page.ResourceTagMappingList ?? []) {
            if (m.ResourceARN)
              out.push({ arn: m.ResourceARN, tags: Object.fromEntries((m.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])) });
          }
        }
      } catch (e) {
        failures.push({ ...scope, error: (e as Error).message });
      }
      return { scope, out };
    }),
  );
  for (const { scope, out } of found) {
    for (const { arn, tags } of out) {
      // GetResources keeps listing a terminated instance for a while: it is nothing to tag any more.
      if (inventory.isGoneArn?.(arn)) continue;
      const known = byKey.get(arn);
      if (known) {
        known.tags = tags;
        continue;
      }
      const parsed = parseArn(arn);
      const account = parsed?.account || scope.account;
      const alias = aliases.get(account);
      byKey.set(arn, {
        key: arn,
        type: parsed?.type ?? 'unknown',
        id: parsed?.id ?? arn,
        name: tags.Name || parsed?.id || arn,
        account,
        ...(alias ? { accountAlias: alias } : {}),
        region: parsed?.region || scope.region,
        tags,
      });
    }
  }
  return { resources: [...byKey.values()], failures, requests };
}
