import type { Resource, ResourceType } from '../core';
import { resourceKinds } from './kinds';
import { intern, tokens } from './tokens';

/** Identifiers AWS makes up (`i-0ee23f…`, `vol-…`): compared whole, never split into words. */
const GENERATED_ID = /^(?:i|vol|mi|snap|eni|sg|subnet|vpc|ami)-[0-9a-f]{8,17}$/i;

const NO_WORDS: ReadonlySet<string> = new Set();
let typeWords: { version: number; byType: Map<string, ReadonlySet<string>> } | undefined;

/** Words that name a resource's kind ("the box", "the database", "the disk"), from its ResourceKind. */
export function typeWordsOf(type: ResourceType): ReadonlySet<string> {
  if (!typeWords || typeWords.version !== resourceKinds.version) {
    typeWords = { version: resourceKinds.version, byType: new Map(resourceKinds.all().map((k) => [k.type, new Set(k.words)])) };
  }
  return typeWords.byType.get(type) ?? NO_WORDS;
}

/** Words of tag values, states and aliases, by text: a fleet's resources share most of them. */
const valueCache = new Map<string, readonly string[]>();
const MAX_VALUES = 50_000;

/**
 * `tokens(text)`, remembered: at 100k resources the index build tokenized each resource's tag values,
 * state and account alias again (regexes and garbage for ~600k texts, a few thousand of them distinct),
 * a fifth of start-up. Bounded, so unique values (IPs, timestamps) cannot grow it without end.
 */
function valueWords(text: string): readonly string[] {
  let words = valueCache.get(text);
  if (words === undefined) {
    words = tokens(text);
    if (valueCache.size < MAX_VALUES) valueCache.set(text, words);
  }
  return words;
}

/** Tags whose values say nothing about which resource is meant (billing codes, timestamps). */
const SILENT_TAGS = /^(name|cost[-_ ]?cent(er|re)|created[-_ ]?(at|on|by)?|aws:.*|lastmodified|expiry)$/i;

const silentKeys = new Map<string, boolean>();

/** SILENT_TAGS.test(key), remembered per key (an estate has a few dozen tag keys, on every resource). */
function silentTag(key: string): boolean {
  let silent = silentKeys.get(key);
  if (silent === undefined) {
    silent = SILENT_TAGS.test(key);
    if (silentKeys.size < MAX_VALUES) silentKeys.set(key, silent);
  }
  return silent;
}

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
    if (typeof text === 'string' && text.length <= 64) for (const t of valueWords(text)) out.add(t);
  };
  let tagged = false;
  // for-in rather than Object.entries: no pair arrays for the ~500k tags of a 100k estate (tags are plain objects).
  const tags = r.tags;
  for (const k in tags) {
    const v = tags[k];
    if (k === 'Name') {
      if (v !== r.name) add(v);
      continue;
    }
    tagged = true;
    if (!silentTag(k)) add(v);
  }
  if (!tagged) out.add(intern('untagged'));
  add(r.state);
  add(r.accountAlias);
  for (const fact of resourceKinds.get(r.type)?.searchFacts ?? []) add(r.facts[fact]);
  return [...out];
}

/** The words of a resource's searchable facts (engine, platform, runtime): what it is, shared by many of its kind. */
export function factWords(r: Resource): readonly string[] {
  const out: string[] = [];
  for (const fact of resourceKinds.get(r.type)?.searchFacts ?? []) {
    const v = r.facts[fact];
    if (typeof v === 'string' && v.length <= 64) out.push(...valueWords(v));
  }
  return out;
}

/** Which resource types a parameter of type `type` may resolve to. */
export function typesFor(type: ResourceType | 'any'): ReadonlySet<ResourceType> | undefined {
  // An SSM-managed instance is an EC2 instance with an agent (or an on-premises `mi-` machine): its kind says so.
  return resourceKinds.typesFor(type);
}
