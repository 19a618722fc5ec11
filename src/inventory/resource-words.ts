import type { Resource, ResourceType } from '../core/resource';
import { intern, tokens } from './tokens';

/** Identifiers AWS makes up (`i-0ee23f…`, `vol-…`): compared whole, never split into words. */
const GENERATED_ID = /^(?:i|vol|mi|snap|eni|sg|subnet|vpc|ami)-[0-9a-f]{8,17}$/i;

/** Words that name each resource type ("the box", "the database", "the disk"). */
export const TYPE_WORDS: Record<ResourceType, ReadonlySet<string>> = {
  'ec2-instance': new Set(['ec2', 'instance', 'server', 'box', 'vm', 'machine', 'host']),
  'ssm-instance': new Set(['ssm', 'managed', 'instance', 'server', 'box', 'vm', 'machine', 'host']),
  'ebs-volume': new Set(['ebs', 'volume', 'disk']),
  'rds-instance': new Set(['rds', 'db', 'instance']),
  'rds-cluster': new Set(['rds', 'db', 'cluster', 'aurora']),
  taggable: new Set(['resource']),
};

/** Tags whose values say nothing about which resource is meant (billing codes, timestamps). */
const SILENT_TAGS = /^(name|cost[-_ ]?cent(er|re)|created[-_ ]?(at|on|by)?|aws:.*|lastmodified|expiry)$/i;

export function nameWords(r: Resource): string[] {
  if (r.name === r.id && GENERATED_ID.test(r.id)) return [];
  if (r.name.startsWith('arn:')) return [];
  // The scorer tracks name words in a 31-bit mask; no real name has that many words.
  return tokens(r.name).slice(0, 30);
}

/**
 * Words a resource answers to besides its name: tag values, state, engine, platform, account alias,
 * "untagged". A query word matched here counts a little less than a name word.
 */
export function attributeWords(r: Resource): string[] {
  const out = new Set<string>();
  const add = (text: unknown) => {
    if (typeof text === 'string' && text.length <= 64) for (const t of tokens(text)) out.add(t);
  };
  let tagged = false;
  for (const [k, v] of Object.entries(r.tags)) {
    if (k === 'Name') {
      if (v !== r.name) add(v);
      continue;
    }
    tagged = true;
    if (!SILENT_TAGS.test(k)) add(v);
  }
  if (!tagged) out.add(intern('untagged'));
  add(r.state);
  add(r.accountAlias);
  add(r.facts.engine);
  add(r.facts.platform);
  if (r.type === 'taggable') {
    add(r.facts.service);
    add(r.facts.resourceType);
  }
  return [...out];
}

/** Which resource types a parameter of type `type` may resolve to. */
export function typesFor(type: ResourceType | 'any'): ReadonlySet<ResourceType> | undefined {
  if (type === 'any' || type === 'taggable') return undefined;
  // An SSM-managed instance is an EC2 instance with an agent (or an on-premises `mi-` machine).
  if (type === 'ssm-instance') return new Set(['ec2-instance', 'ssm-instance']);
  return new Set([type]);
}
