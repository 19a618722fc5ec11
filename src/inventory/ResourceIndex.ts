import type { Resource, ResourceType } from '../core/resource';
import { parseQuery, type ParsedQuery } from './query';
import { attributeWords, nameWords, TYPE_WORDS, typesFor } from './resource-words';
import { compact, editDistance, isNumber, tokens, wordMatch } from './tokens';

/** How a match was found: an exact id/ARN, an exact name, fuzzy words, or filters alone (`in us-west-2`). */
export type MatchTier = 'id' | 'name' | 'fuzzy' | 'filter';

export interface Ranked {
  resource: Resource;
  /** 0..1; exact ids score 1, exact names 0.97-0.99, fuzzy matches at most 0.96. */
  score: number;
  tier: MatchTier;
}

export interface SearchOptions {
  type?: ResourceType | 'any';
  limit?: number;
  /** Leave out fuzzy matches below this score. */
  minScore?: number;
}

interface Entry {
  r: Resource;
  key: string;
  name: string[];
  attrs: string[];
}

/** A query word matched in tags, state or engine counts this much of a name word. */
const ATTR_WEIGHT = 0.85;
/** Fuzzy scores stay below exact names. */
const FUZZY_CAP = 0.96;
/** Score of a resource picked by filters alone ("in us-west-2", "owner=alice"). */
const FILTER_SCORE = 0.7;
/** Each name word the query did not mention costs 10%; each number 4% (fleets differ by number). */
const UNMATCHED_WORD = 0.9;
const UNMATCHED_NUMBER = 0.96;
/** Only the best candidates by the cheap first pass get the full score. */
const MAX_FINE = 4000;

export function resourceKey(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): string {
  return `${r.account}|${r.region}|${r.type}|${r.id}`;
}

function push(map: Map<string, number[]>, key: string, slot: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== slot) list.push(slot);
  } else map.set(key, [slot]);
}

/**
 * The resolver's index: exact maps for ids, ARNs and names, and word -> resources posting lists for
 * fuzzy matching, so a query touches only the resources that share a word with it. Query words are
 * matched against the (small) vocabulary first: exact, plural, prefix, abbreviation, typo.
 */
export class ResourceIndex {
  private entries: (Entry | undefined)[] = [];
  private readonly slotByKey = new Map<string, number>();
  private readonly byId = new Map<string, number[]>();
  private readonly byName = new Map<string, number[]>();
  private readonly byCompact = new Map<string, number[]>();
  private readonly nameVocab = new Map<string, number[]>();
  private readonly attrVocab = new Map<string, number[]>();
  private readonly aliases = new Map<string, Set<string>>();
  private sortedWords?: string[];
  private wordsByLength?: string[][];
  private sortedIds?: string[];
  private acc = new Float64Array(0);
  private best = new Float64Array(0);
  private live = 0;

  constructor(resources: Iterable<Resource> = []) {
    for (const r of resources) this.add(r);
  }

  get size(): number {
    return this.live;
  }

  /** Add a resource, or put a newer copy of one in its place. */
  add(r: Resource): void {
    const key = resourceKey(r);
    const e: Entry = { r, key, name: nameWords(r), attrs: attributeWords(r) };
    const existing = this.slotByKey.get(key);
    if (existing !== undefined) {
      const old = this.entries[existing]!;
      // Same words and name: the postings still hold, swap the object in place.
      if (old.r.name === r.name && old.r.arn === r.arn && sameWords(old.attrs, e.attrs)) {
        this.entries[existing] = e;
        return;
      }
      this.remove(r);
    }
    const slot = this.entries.length;
    this.entries.push(e);
    this.slotByKey.set(key, slot);
    this.live += 1;
    push(this.byId, r.id.toLowerCase(), slot);
    if (r.arn) push(this.byId, r.arn.toLowerCase(), slot);
    push(this.byName, r.name.toLowerCase(), slot);
    push(this.byCompact, compact(r.name), slot);
    for (const w of e.name) push(this.nameVocab, w, slot);
    for (const w of e.attrs) push(this.attrVocab, w, slot);
    if (r.accountAlias) {
      const k = tokens(r.accountAlias).join(' ');
      if (!this.aliases.has(k)) this.aliases.set(k, new Set());
      this.aliases.get(k)!.add(r.account);
    }
    this.sortedWords = undefined;
    this.wordsByLength = undefined;
    this.sortedIds = undefined;
  }

  /** Forget a resource. Its posting-list entries stay behind as dead slots until the next rebuild. */
  remove(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): void {
    const key = resourceKey(r);
    const slot = this.slotByKey.get(key);
    if (slot === undefined) return;
    this.slotByKey.delete(key);
    this.entries[slot] = undefined;
    this.live -= 1;
  }

  /** Every live resource, in the order they were added. */
  all(): Resource[] {
    const out: Resource[] = [];
    for (const e of this.entries) if (e) out.push(e.r);
    return out;
  }

  get(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined {
    const slot = this.slotByKey.get(resourceKey(r));
    return slot === undefined ? undefined : this.entries[slot]?.r;
  }

  parse(text: string): ParsedQuery {
    const aliases = new Map<string, string[]>();
    for (const [k, ids] of this.aliases) aliases.set(k, [...ids]);
    return parseQuery(text, { aliases });
  }

  /** Ranked matches, best first: exact ids and names, then fuzzy matches. */
  search(text: string, options: SearchOptions = {}): Ranked[] {
    const q = this.parse(text);
    const allowed = typesFor(options.type ?? 'any');
    const pass = (e: Entry) => passes(e.r, q, allowed);
    const limit = options.limit ?? 50;
    const exact = this.exact(q, text, pass);
    const seen = new Set(exact.map((x) => x.slot));
    const fuzzy = this.fuzzy(q, pass).filter((x) => !seen.has(x.slot) && x.score >= (options.minScore ?? 0));
    const out: Ranked[] = [];
    for (const x of [...exact, ...fuzzy]) {
      if (out.length >= limit) break;
      out.push({ resource: this.entries[x.slot]!.r, score: round(x.score), tier: x.tier });
    }
    return out;
  }

  private exact(q: ParsedQuery, text: string, pass: (e: Entry) => boolean): { slot: number; score: number; tier: MatchTier }[] {
    const pick = (slots: number[] | undefined, score: number, tier: MatchTier) =>
      (slots ?? []).filter((s) => this.entries[s] && pass(this.entries[s]!)).map((slot) => ({ slot, score, tier }));
    const whole = text.trim().toLowerCase();
    const rest = q.rest.toLowerCase();
    for (const key of new Set([whole, rest])) {
      if (!key) continue;
      const byId = pick(this.byId.get(key), 1, 'id');
      if (byId.length) return byId;
      const byName = pick(this.byName.get(key), 0.99, 'name');
      if (byName.length) return byName;
      const byCompact = pick(this.byCompact.get(compact(key)), 0.97, 'name');
      if (byCompact.length) return byCompact;
    }
    // A typed id prefix (`i-0ee23f`) names one instance as surely as the whole id.
    if (/^[a-z]+-[0-9a-f]{4,}$/.test(rest)) {
      const ids = (this.sortedIds ??= [...this.byId.keys()].sort());
      const hits: number[] = [];
      for (let i = lowerBound(ids, rest); i < ids.length && ids[i].startsWith(rest) && hits.length <= 20; i++) hits.push(...this.byId.get(ids[i])!);
      return pick(hits, 0.95, 'id');
    }
    return [];
  }

  /** The known words `word` matches, with the quality of each match. */
  private matchWord(word: string): Map<string, number> {
    const out = new Map<string, number>();
    const known = (w: string) => this.nameVocab.has(w) || this.attrVocab.has(w);
    if (known(word)) out.set(word, 1);
    if (isNumber(word)) return out;
    for (const plural of [word.slice(0, -1), word.slice(0, -2)]) if (word.endsWith('s') && plural && known(plural)) out.set(plural, wordMatch(word, plural));
    const sorted = (this.sortedWords ??= [...new Set([...this.nameVocab.keys(), ...this.attrVocab.keys()])].filter((w) => !isNumber(w)).sort());
    if (word.length >= 2) {
      for (let i = lowerBound(sorted, word); i < sorted.length && sorted[i].startsWith(word); i++) {
        if (sorted[i] !== word) out.set(sorted[i], wordMatch(word, sorted[i]));
      }
    }
    const byLength = (this.wordsByLength ??= bucketByLength(sorted));
    const lo = word.length >= 4 ? word.length - (word.length >= 8 ? 2 : 1) : word.length + 1;
    const hi = word.length >= 3 ? Math.min(byLength.length - 1, 3 * word.length) : 0;
    for (let len = Math.max(1, lo); len <= hi; len++) {
      for (const w of byLength[len] ?? []) {
        if (out.has(w)) continue;
        const m = wordMatch(word, w);
        if (m > 0) out.set(w, m);
      }
    }
    return out;
  }

  private fuzzy(q: ParsedQuery, pass: (e: Entry) => boolean): { slot: number; score: number; tier: MatchTier }[] {
    const words = [...q.required.map((w) => ({ w, optional: false })), ...q.optional.map((w) => ({ w, optional: true }))];
    if (!q.required.length) return this.withoutWords(q, words, pass);
    const matches = words.map((x) => this.matchWord(x.w));
    this.grow();
    const candidates: number[] = [];
    const touched: number[] = [];
    for (const m of matches) {
      for (const [w, quality] of m) {
        for (const [vocab, weight] of [[this.nameVocab, 1], [this.attrVocab, ATTR_WEIGHT]] as const) {
          const q2 = quality * weight;
          for (const slot of vocab.get(w) ?? []) {
            if (this.best[slot] === 0) touched.push(slot);
            if (q2 > this.best[slot]) this.best[slot] = q2;
          }
        }
      }
      for (const slot of touched) {
        if (this.acc[slot] === 0) candidates.push(slot);
        this.acc[slot] += this.best[slot];
        this.best[slot] = 0;
      }
      touched.length = 0;
    }
    let chosen = candidates.filter((s) => this.entries[s] && pass(this.entries[s]!));
    if (chosen.length > MAX_FINE) chosen = topByScore(chosen, this.acc, MAX_FINE);
    for (const s of candidates) this.acc[s] = 0;
    const out = chosen.map((slot) => ({ slot, score: this.score(this.entries[slot]!, words, matches), tier: 'fuzzy' as MatchTier })).filter((x) => x.score > 0);
    return out.sort((a, b) => b.score - a.score || this.entries[a.slot]!.r.name.localeCompare(this.entries[b.slot]!.r.name));
  }

  /** Queries with nothing but filters and kind words ("the database in us-west-2"). */
  private withoutWords(q: ParsedQuery, words: { w: string; optional: boolean }[], pass: (e: Entry) => boolean) {
    const filtered = q.regions.length || q.accounts.length || q.tags.length;
    if (!filtered && !words.length) return [];
    const matches = words.map((x) => this.matchWord(x.w));
    const out: { slot: number; score: number; tier: MatchTier }[] = [];
    this.entries.forEach((e, slot) => {
      if (!e || !pass(e)) return;
      if (!words.length) return void out.push({ slot, score: FILTER_SCORE, tier: 'filter' });
      const score = this.score(e, words, matches);
      if (score > 0 || filtered) out.push({ slot, score: Math.max(score, filtered ? FILTER_SCORE : 0), tier: 'filter' });
    });
    return out.sort((a, b) => b.score - a.score || this.entries[a.slot]!.r.name.localeCompare(this.entries[b.slot]!.r.name));
  }

  /**
   * The full score of one resource: how much of the query it explains (name words count fully, tag
   * and fact words a little less), times a small cost for each name word the query left out.
   */
  private score(e: Entry, words: { w: string; optional: boolean }[], matches: Map<string, number>[]): number {
    const pairs: [number, number, number][] = [];
    for (let i = 0; i < words.length; i++) {
      for (let j = 0; j < e.name.length; j++) {
        const m = matches[i].get(e.name[j]);
        if (m) pairs.push([m, i, j]);
      }
    }
    pairs.sort((a, b) => b[0] - a[0]);
    const byWord = new Array<number>(words.length).fill(0);
    const nameUsed = new Array<boolean>(e.name.length).fill(false);
    const wordUsed = new Array<boolean>(words.length).fill(false);
    let nameMatched = 0;
    for (const [m, i, j] of pairs) {
      if (wordUsed[i] || nameUsed[j]) continue;
      wordUsed[i] = nameUsed[j] = true;
      byWord[i] = m;
      nameMatched += 1;
    }
    let sum = 0;
    let count = 0;
    const typeWords = TYPE_WORDS[e.r.type];
    for (let i = 0; i < words.length; i++) {
      let b = byWord[i];
      if (b < 1) {
        for (const a of e.attrs) {
          const m = matches[i].get(a);
          if (m && m * ATTR_WEIGHT > b) b = m * ATTR_WEIGHT;
        }
        if (words[i].optional && typeWords.has(words[i].w)) b = 1;
      }
      if (words[i].optional && b === 0) continue;
      sum += b;
      count += 1;
    }
    if (!count || sum === 0) return 0;
    const explained = sum / count;
    if (!nameMatched) return explained * 0.8 * FUZZY_CAP;
    let factor = 1;
    for (let j = 0; j < e.name.length; j++) if (!nameUsed[j]) factor *= isNumber(e.name[j]) ? UNMATCHED_NUMBER : UNMATCHED_WORD;
    return explained * factor * FUZZY_CAP;
  }

  /** Names near `text` when nothing matched well: loose typos and shared parts over the vocabulary. */
  nearest(text: string, type: ResourceType | 'any' = 'any', n = 3): string[] {
    const q = this.parse(text);
    const allowed = typesFor(type);
    const words = q.required.filter((w) => !isNumber(w) && w.length >= 2);
    const sorted = (this.sortedWords ??= [...new Set([...this.nameVocab.keys(), ...this.attrVocab.keys()])].filter((w) => !isNumber(w)).sort());
    const sums = new Map<number, number>();
    words.forEach((word) => {
      const best = new Map<number, number>();
      const maxEdits = Math.max(1, Math.floor(word.length / 2));
      for (const w of sorted) {
        let sim = 0;
        if (w.length >= 3 && word.length >= 3 && (w.includes(word) || word.includes(w))) sim = 0.3 + (0.6 * Math.min(w.length, word.length)) / Math.max(w.length, word.length);
        else {
          const d = editDistance(word, w, maxEdits);
          if (d <= maxEdits) sim = 1 - d / Math.max(word.length, w.length);
        }
        if (sim < 0.6) continue;
        for (const slot of this.nameVocab.get(w) ?? []) if ((best.get(slot) ?? 0) < sim) best.set(slot, sim);
      }
      for (const [slot, sim] of best) sums.set(slot, (sums.get(slot) ?? 0) + sim);
    });
    const names: string[] = [];
    for (const [slot] of [...sums].sort((a, b) => b[1] - a[1])) {
      const e = this.entries[slot];
      if (!e || (allowed && !allowed.has(e.r.type)) || names.includes(e.r.name)) continue;
      names.push(e.r.name);
      if (names.length >= n) break;
    }
    return names;
  }

  private grow(): void {
    if (this.acc.length < this.entries.length) {
      const size = Math.max(1024, this.entries.length * 2);
      this.acc = new Float64Array(size);
      this.best = new Float64Array(size);
    }
  }
}

function passes(r: Resource, q: ParsedQuery, allowed: ReadonlySet<ResourceType> | undefined): boolean {
  if (allowed && !allowed.has(r.type)) return false;
  if (q.regions.length && !q.regions.includes(r.region)) return false;
  if (q.accounts.length && !q.accounts.includes(r.account)) return false;
  for (const t of q.tags) if (!hasTag(r, t.key, t.value)) return false;
  return true;
}

const KEY_ALIASES: Record<string, string> = { env: 'environment', stage: 'environment', team: 'owner' };

function hasTag(r: Resource, key: string, value: string): boolean {
  const want = tokens(value).join(' ');
  const k = key.toLowerCase();
  return Object.entries(r.tags).some(([tk, tv]) => {
    const have = tk.toLowerCase();
    return (have === k || have === KEY_ALIASES[k]) && tokens(tv).join(' ') === want;
  });
}

function sameWords(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

function lowerBound(sorted: string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function bucketByLength(words: string[]): string[][] {
  const out: string[][] = [];
  for (const w of words) (out[w.length] ??= []).push(w);
  return out;
}

/** The `k` slots with the highest first-pass score, without sorting them all (a histogram threshold). */
function topByScore(slots: number[], acc: Float64Array, k: number): number[] {
  let max = 0;
  for (const s of slots) if (acc[s] > max) max = acc[s];
  const buckets = new Uint32Array(101);
  const bucket = (v: number) => Math.min(100, Math.floor((v / max) * 100));
  for (const s of slots) buckets[bucket(acc[s])] += 1;
  let cut = 100;
  for (let n = 0; cut > 0 && n + buckets[cut] <= k; cut--) n += buckets[cut];
  const keep = slots.filter((s) => bucket(acc[s]) > cut);
  if (keep.length < k) keep.push(...slots.filter((s) => bucket(acc[s]) === cut).slice(0, k - keep.length));
  return keep;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
