/**
 * A fleet selector -> the resources it names, from the inventory: names listed one by one (each resolved
 * as a single name is), or every resource of the kind whose name starts with the shared part ("the kafka
 * brokers": kafka-broker-1..3), carries the tags, and is where the request said. Never everything: a
 * selector with nothing that narrows it names no set.
 */
import type { FleetSelector, Resolution, ResolvedSet } from '../core';
import type { Resource, ResourceType } from '../core';
import { describeScope, inScope } from '../core';
import type { Inventory } from './Inventory';
import { isGone } from './gone';

/** Words that say the kind of thing, not its name ("web-prod servers", "the kafka broker instances"). */
const GENERIC = new Set([
  'the',
  'all',
  'every',
  'each',
  'our',
  'my',
  'of',
  'server',
  'servers',
  'instance',
  'instances',
  'box',
  'boxes',
  'host',
  'hosts',
  'machine',
  'machines',
  'vm',
  'vms',
  'ec2',
  'node',
  'nodes',
  'database',
  'databases',
  'dbs',
  'rds',
  'fleet',
  'one',
  'ones',
  'cluster',
  'clusters',
]);

/** Words that never name anything. */
const DETERMINERS = new Set(['the', 'all', 'every', 'each', 'our', 'my', 'of', 'one', 'ones']);
/** An environment said as the first word of a set ("the staging web servers"); as in the request lexicon. */
const ENVIRONMENT_WORDS = new Set([
  'prod',
  'production',
  'prd',
  'staging',
  'stage',
  'stg',
  'dev',
  'development',
  'test',
  'testing',
  'qa',
  'uat',
]);

const byName = (a: Resource, b: Resource) => a.name.localeCompare(b.name, 'en', { numeric: true }) || a.id.localeCompare(b.id);

export async function resolveSet(
  inventory: Inventory,
  resolveOne: (name: string, type: ResourceType | 'any') => Promise<Resolution>,
  selector: FleetSelector,
  type: ResourceType | 'any',
): Promise<ResolvedSet> {
  if (selector.names?.length) {
    const members: Resource[] = [];
    const unresolved: string[] = [];
    for (const name of selector.names) {
      const found = await resolveOne(name, type);
      if (found.kind === 'match' && (!selector.scope || inScope(found.resource, selector.scope))) {
        if (!members.some((m) => sameResource(m, found.resource))) members.push(found.resource);
      } else unresolved.push(name);
    }
    return { members, unresolved, described: selector.names.join(', ') };
  }
  const pool = dedupe(
    inventory.all(type).filter((r) => !isGone(r)),
    type,
  );
  const tags = Object.entries(selector.tags ?? {});
  const facts = Object.entries(selector.facts ?? {});
  const narrowed = pool.filter(
    (r) =>
      (!selector.scope || inScope(r, selector.scope)) &&
      tags.every(([k, v]) => tagValue(r, k)?.toLowerCase() === v.toLowerCase()) &&
      facts.every(([k, v]) => String(r.facts[k] ?? '').toLowerCase() === v.toLowerCase()),
  );
  const where = [
    tags.length ? `tagged ${tags.map(([k, v]) => `${k}=${v}`).join(' ')}` : '',
    facts.length ? `with ${facts.map(([k, v]) => `${k} ${v}`).join(', ')}` : '',
    selector.scope ? describeScope(selector.scope) : '',
  ]
    .filter(Boolean)
    .join(' ');
  const words = (selector.prefix ?? '')
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && !GENERIC.has(w));
  if (!words.length) {
    if (!tags.length && !facts.length && !selector.scope)
      return {
        members: [],
        unresolved: [],
        described: 'every resource of that kind (name a prefix, a tag or an environment to say which)',
      };
    return { members: narrowed.sort(byName), unresolved: [], described: `everything ${where}`.trim() };
  }
  // "the cache nodes": a kind word the names carry (cache-node-01) says more than the words without it.
  const spoken = (selector.prefix ?? '')
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && !DETERMINERS.has(w));
  const longer = prefixes(spoken).filter((p) => p.split('-').length > words.length);
  for (const prefix of [...longer, ...prefixes(words)]) {
    const members = narrowed.filter((r) => startsWith(r.name.toLowerCase(), prefix));
    if (members.length)
      return { members: members.sort(byName), unresolved: [], described: `names starting ${prefix}${where ? ` ${where}` : ''}` };
  }
  // "every staging web server": the environment said first is where they are, the rest their names.
  const env = ENVIRONMENT_WORDS.has(words[0]) && words.length > 1 && !selector.scope?.environment ? words[0] : undefined;
  if (env)
    return resolveSet(
      inventory,
      resolveOne,
      { ...selector, prefix: words.slice(1).join(' '), scope: { ...selector.scope, environment: env } },
      type,
    );
  return { members: [], unresolved: [], described: `names starting ${words.join('-')}${where ? ` ${where}` : ''}` };
}

/** "kafka brokers" -> kafka-brokers, kafka-broker, kafka: the closest first. */
function prefixes(words: string[]): string[] {
  const out: string[] = [];
  for (let n = words.length; n >= 1; n--) {
    const head = words.slice(0, n);
    const last = head[n - 1];
    out.push(head.join('-'));
    const singular =
      last.endsWith('es') && /(?:x|ch|sh|ss)es$/.test(last)
        ? last.slice(0, -2)
        : last.endsWith('s') && last.length > 3
          ? last.slice(0, -1)
          : undefined;
    if (singular) out.push([...head.slice(0, -1), singular].join('-'));
    // Two words of a longer phrase are a prefix; one leftover word alone ("kafka") only when it was all that was said.
    if (n === 1 && words.length > 2) break;
  }
  return [...new Set(out)];
}

/** `web-prod` starts web-prod-1 and web-prod-east-2, not web-production-db. */
function startsWith(name: string, prefix: string): boolean {
  if (!name.startsWith(prefix)) return false;
  const next = name.charAt(prefix.length);
  // A digit may follow a word (kafka-broker -> kafka-broker1), never another digit (web-prod-1 is not web-prod-10).
  return next === '' || next === '-' || next === '_' || next === '.' || (/\d/.test(next) && !/\d$/.test(prefix));
}

function tagValue(r: Resource, key: string): string | undefined {
  const k = Object.keys(r.tags).find((x) => x.toLowerCase() === key.toLowerCase());
  return k ? r.tags[k] : undefined;
}

function sameResource(a: Resource, b: Resource): boolean {
  return a.account === b.account && a.region === b.region && a.id === b.id;
}

/** An instance listed both as EC2 and as SSM-managed is one member: the record of the kind asked for wins. */
function dedupe(list: Resource[], type: ResourceType | 'any'): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of list) {
    const key = `${r.account}/${r.region}/${r.id}`;
    const had = seen.get(key);
    if (!had || (had.type !== type && r.type === type)) seen.set(key, r);
  }
  return [...seen.values()];
}
