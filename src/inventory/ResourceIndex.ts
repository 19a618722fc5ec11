import type { Resource, ResourceType } from '../core';
import { passes } from './filters';
import { parseArn } from './normalize';
import { addSlot, pack, slotsOf, type Slots } from './posting-lists';
import { parseQuery, type ParsedQuery } from './query';
import { attributeWords, nameWords, typesFor } from './resource-words';
import { ATTR_WEIGHT, FUZZY_CAP, scoreEntry, type Contradiction, type IndexEntry, type QueryWord } from './score-entry';
import { compact, editDistance, isNumber, tokens } from './tokens';
import { lowerBound, Vocabulary } from './Vocabulary';

/** How a match was found: an exact id/ARN, an exact name, fuzzy words, or filters alone (`in us-west-2`). */
export type MatchTier = 'id' | 'name' | 'fuzzy' | 'filter';

export interface Ranked {
  resource: Resource;
  /** 0..1; exact ids score 1, exact names 0.97-0.99, fuzzy matches at most 0.96. */
  score: number;
  tier: MatchTier;
  /** A fuzzy match whose number is not the one asked for (`web-prod-9` -> web-prod-1): near, never the one meant. */
  otherNumber?: true;
  /** A fuzzy match that leaves a word of the query unexplained (`web-prod-east-3` -> web-prod-3). */
  unexplained?: true;
}

export interface SearchOptions {
  type?: ResourceType | 'any';
  limit?: number;
  /** Leave out fuzzy matches below this score. */
  minScore?: number;
  /** Only fuzzy matches within this of the best one are wanted (the resolver's ambiguity margin). */
  within?: number;
  /** When an exact id or name matches, return only those (what a plan resolves to). */
  exactFirst?: boolean;
  /** Only exact ids and names; no fuzzy matching at all (cheap). */
  exactOnly?: boolean;
}

/** Score of a resource picked by filters alone ("in us-west-2", "owner=alice"). */
const FILTER_SCORE = 0.7;
/** At most this many resources get the full score per query (the best by the cheap first pass). */
const MAX_FINE = 4000;
/** Resolution of the first pass's ordering. */
const BUCKETS = 128;
/** A word on more than this share of the estate is common ... */
const COMMON_SHARE = 0.25;
/** ... and at most this share of a query's words are left to scoring alone. */
const MAX_SKIPPED_SHARE = 0.25;

export function resourceKey(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): string {
  return `${r.account}|${r.region}|${r.type}|${r.id}`;
}

function sameRef(r: Resource, ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): boolean {
  return r.id === ref.id && r.account === ref.account && r.region === ref.region && r.type === ref.type;
}

/**
 * The resolver's index: exact maps for ids and names, and word -> resources posting lists for fuzzy
 * matching, so a query touches only the resources that share a word with it. Query words are matched
 * against the (small) vocabulary first: exact, plural, prefix, abbreviation, typo. Kept lean: 100k
 * resources must fit with the bot in 300 MB.
 */
export class ResourceIndex {
  private readonly entries: (IndexEntry | undefined)[] = [];
  private readonly byId = new Map<string, Slots>();
  private readonly byName = new Map<string, Slots>();
  /** Names without punctuation or case (`webprod1`): `Web_Prod 1` finds web-prod-1 in one lookup. */
  private readonly byCompact = new Map<string, Slots>();
  private readonly nameVocab = new Map<string, Slots>();
  private readonly attrVocab = new Map<string, Slots>();
  /** Identical attribute word lists are shared (most resources of a fleet have the same tags). */
  private readonly attrSets = new Map<string, string[]>();
  private readonly aliases = new Map<string, Set<string>>();
  private readonly vocabulary = new Vocabulary(
    (w) => this.nameVocab.has(w) || this.attrVocab.has(w),
    () => [...this.nameVocab.keys(), ...this.attrVocab.keys()],
  );
  private sortedIds?: string[];
  private packed = false;
  private acc = new Float64Array(0);
  private best = new Float64Array(0);
  private touched = new Int32Array(0);
  private candidates = new Int32Array(0);
  private sorted = new Int32Array(0);
  private readonly bucketCounts = new Int32Array(BUCKETS);
  private readonly bucketStarts = new Int32Array(BUCKETS);
  private readonly bucketFill = new Int32Array(BUCKETS);
  private live = 0;

  constructor(resources: Iterable<Resource> = []) {
    for (const r of resources) this.add(r);
    this.pack();
  }

  private pack(): void {
    if (this.packed) return;
    pack(this.nameVocab);
    pack(this.attrVocab);
    this.packed = true;
  }

  get size(): number {
    return this.live;
  }

  private slotOf(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): number | undefined {
    for (const s of slotsOf(this.byId, ref.id.toLowerCase())) if (this.entries[s] && sameRef(this.entries[s]!.r, ref)) return s;
    return undefined;
  }

  /** Add a resource, or put a newer copy of one in its place. */
  add(r: Resource): void {
    const attrs = attributeWords(r);
    const attrKey = attrs.join('\u0001');
    let shared = this.attrSets.get(attrKey);
    if (!shared) this.attrSets.set(attrKey, (shared = attrs));
    const e: IndexEntry = { r, name: nameWords(r), attrs: shared };
    const existing = this.slotOf(r);
    if (existing !== undefined) {
      const old = this.entries[existing]!;
      // Same words and name: the postings still hold, swap the object in place.
      if (old.r.name === r.name && old.attrs === e.attrs) {
        this.entries[existing] = e;
        return;
      }
      this.remove(r);
    }
    const slot = this.entries.length;
    this.entries.push(e);
    this.live += 1;
    addSlot(this.byId, r.id.toLowerCase(), slot);
    addSlot(this.byName, r.name.toLowerCase(), slot);
    addSlot(this.byCompact, compact(r.name), slot);
    for (const w of e.name) addSlot(this.nameVocab, w, slot);
    for (const w of e.attrs) addSlot(this.attrVocab, w, slot);
    if (r.accountAlias) {
      const k = tokens(r.accountAlias).join(' ');
      if (!this.aliases.has(k)) this.aliases.set(k, new Set());
      this.aliases.get(k)!.add(r.account);
    }
    this.vocabulary.changed();
    this.sortedIds = undefined;
    this.packed = false;
  }

  /** Forget a resource. Its posting-list entries stay behind as dead slots until the next rebuild. */
  remove(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): void {
    const slot = this.slotOf(r);
    if (slot === undefined) return;
    this.entries[slot] = undefined;
    this.live -= 1;
  }

  /** Every live resource, in the order they were added. */
  all(): Resource[] {
    const out: Resource[] = [];
    for (const e of this.entries) if (e) out.push(e.r);
    return out;
  }

  /**
   * Whether a word could match something of a resource (a name, tag or fact word, as typed, as a prefix,
   * stem, plural or typo): a word that matches nothing ("queued") is no part of any reference. Cached per word.
   */
  knows(word: string): boolean {
    this.pack();
    return tokens(word).every((t) => this.vocabulary.match(t).size > 0);
  }

  /**
   * The word names use for `word`: itself when a name has it, else the one name word of its family ("resizing" ->
   * `resizer` of image-resizer); undefined when no name has either, or several family words would do.
   */
  nameWord(word: string): string | undefined {
    this.pack();
    if (this.nameVocab.has(word)) return word;
    const family = this.vocabulary.family(word).filter((w) => this.nameVocab.has(w));
    return family.length === 1 ? family[0] : undefined;
  }

  /** Resources whose id or name is exactly `text` (any case): two map lookups, no scoring. */
  named(text: string): Resource[] {
    const key = text.toLowerCase();
    const out: Resource[] = [];
    for (const slot of new Set([...slotsOf(this.byId, key), ...slotsOf(this.byName, key)])) {
      const e = this.entries[slot];
      if (e) out.push(e.r);
    }
    return out;
  }

  get(r: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined {
    const slot = this.slotOf(r);
    return slot === undefined ? undefined : this.entries[slot]?.r;
  }

  parse(text: string): ParsedQuery {
    const aliases = new Map<string, string[]>();
    for (const [k, ids] of this.aliases) aliases.set(k, [...ids]);
    return parseQuery(text, { aliases, nameWord: (w) => this.nameVocab.has(w) });
  }

  /** Ranked matches, best first: exact ids and names, then fuzzy matches. */
  search(text: string, options: SearchOptions = {}): Ranked[] {
    this.pack();
    const q = this.parse(text);
    const allowed = typesFor(options.type ?? 'any');
    const pass = (e: IndexEntry) => passes(e.r, q, allowed);
    const limit = options.limit ?? 50;
    const exact = this.exact(q, text, pass);
    if ((exact.length && options.exactFirst) || options.exactOnly)
      return exact.slice(0, limit).map((x) => ({ resource: this.entries[x.slot]!.r, score: x.score, tier: x.tier }));
    const seen = new Set(exact.map((x) => x.slot));
    const fuzzy = this.fuzzy(q, pass, options.minScore ?? 0, options.within ?? 1).filter((x) => !seen.has(x.slot));
    const out: Ranked[] = [];
    const hits: { slot: number; score: number; tier: MatchTier; otherNumber?: boolean; unexplained?: boolean }[] = [...exact, ...fuzzy];
    for (const x of hits) {
      if (out.length >= limit) break;
      const ranked: Ranked = { resource: this.entries[x.slot]!.r, score: round(x.score), tier: x.tier };
      if (x.otherNumber) ranked.otherNumber = true;
      if (x.unexplained) ranked.unexplained = true;
      out.push(ranked);
    }
    return out;
  }

  private exact(q: ParsedQuery, text: string, pass: (e: IndexEntry) => boolean): { slot: number; score: number; tier: MatchTier }[] {
    const pick = (slots: Iterable<number>, score: number, tier: MatchTier, also: (e: IndexEntry) => boolean = () => true) => {
      // `also` (a name's word count, its compact form) is cheaper than the filters: test it first.
      const out: { slot: number; score: number; tier: MatchTier }[] = [];
      for (const slot of slots) {
        const e = this.entries[slot];
        if (e && also(e) && pass(e)) out.push({ slot, score, tier });
      }
      return out;
    };
    const whole = text.trim().toLowerCase();
    const rest = q.rest.toLowerCase();
    for (const key of new Set([whole, rest])) {
      if (!key) continue;
      const byId = pick(slotsOf(this.byId, key), 1, 'id');
      if (byId.length) return byId;
      if (key.startsWith('arn:')) {
        // An ARN names its resource's id (`…:instance/i-0abc`, `…:db:orders-db`); the ARN must match whole.
        const hit = pick(slotsOf(this.byId, parseArn(key).resourceId), 1, 'id', (e) => e.r.arn?.toLowerCase() === key);
        if (hit.length) return hit;
      }
      const byName = pick(slotsOf(this.byName, key), 0.99, 'name');
      if (byName.length) return byName;
    }
    // The name with other punctuation or case: `Web_Prod 1` is web-prod-1.
    const words = tokens(rest);
    if (words.length && words.every((w) => this.nameVocab.has(w))) {
      const bare = compact(rest);
      const same = pick(slotsOf(this.byCompact, bare), 0.97, 'name', (e) => e.name.length === words.length);
      if (same.length) return same;
    }
    // A typed id prefix (`i-0ee23f`) names one instance as surely as the whole id.
    if (/^[a-z]+-[0-9a-f]{4,}$/.test(rest)) {
      const ids = (this.sortedIds ??= [...this.byId.keys()].sort());
      const hits: number[] = [];
      for (let i = lowerBound(ids, rest); i < ids.length && ids[i].startsWith(rest) && hits.length <= 20; i++)
        hits.push(...slotsOf(this.byId, ids[i]));
      return pick(hits, 0.95, 'id');
    }
    return [];
  }

  /**
   * Fuzzy matches in two passes. First, posting lists add up, per resource, the best quality of each
   * query word (cheap). Then resources get their full score in order of that sum, highest first, and
   * the walk stops once the best a resource could still score (its sum, with every kind word counted
   * as matched) falls below what is still of interest: `floor`, or `within` of the best so far.
   */
  private fuzzy(
    q: ParsedQuery,
    pass: (e: IndexEntry) => boolean,
    floor: number,
    within: number,
  ): { slot: number; score: number; tier: MatchTier; otherNumber?: boolean; unexplained?: boolean }[] {
    // The scorer tracks query words in a 31-bit mask: a reference longer than 30 words is cut.
    const words = [...q.required.map((w) => ({ w, optional: false })), ...q.optional.map((w) => ({ w, optional: true }))].slice(0, 30);
    if (!q.required.length) return this.withoutWords(q, words, pass);
    // A bare number ("stop 1") names no resource: it is in too many names to mean one of them.
    if (q.required.every(isNumber) && !q.optional.length && !q.tags.length) return [];
    const matches = words.map((x) => this.vocabulary.match(x.w));
    this.grow();
    const reach = matches.map((m) => {
      let n = 0;
      for (const w of m.keys()) n += slotsOf(this.nameVocab, w).length + slotsOf(this.attrVocab, w).length;
      return n;
    });
    // Kind words ("box") only score; a word that matches nothing finds nothing. The most common words
    // ("prod" on a third of the estate) only score too, as long as few are left out: each one left
    // out lets every candidate hope for one more matched word, which loosens the bound below.
    const finders = words.map((x, i) => !x.optional && reach[i] > 0);
    const common = words
      .map((_, i) => i)
      .filter((i) => finders[i] && reach[i] > this.live * COMMON_SHARE)
      .sort((a, b) => reach[b] - reach[a])
      .slice(0, Math.floor(words.length * MAX_SKIPPED_SHARE));
    for (const i of common) finders[i] = false;
    if (!finders.some(Boolean)) return [];
    const skipped = common.length;
    const R = words.filter((x) => !x.optional).length;
    const O = words.length - R;
    // Work arrays are typed and reused, and the loops over them are methods of their own (`collect`,
    // `merge`, `bucketSort`): this method sees queries of many shapes (empty and full word lists, words
    // with one or several matches), and each new shape deoptimizes it. Inside it, the loops would then
    // run unoptimized until V8 recompiled it, boxing every double they read: tens of kilobytes per query,
    // whose scavenges were most of the slow end of resolution at 100k. On their own they stay optimized.
    let nCandidates = 0;
    // Rarest words first. Once the words left could not lift a resource none of the earlier words
    // found to `floor`, later (common: "prod", "1") words only add to the candidates already found
    // (MaxScore pruning), so "prod" never makes every production resource a candidate.
    const order = words
      .map((_, i) => i)
      .filter((i) => finders[i])
      .sort((a, b) => reach[a] - reach[b]);
    let left = order.length;
    for (const i of order) {
      const admit = ((left + O + skipped) / (R + O)) * FUZZY_CAP >= floor;
      left -= 1;
      let nTouched = 0;
      // A word that admits no one ("qa", "east", "1" on 17k resources each) only adds to the candidates
      // already found: its posting lists are read, but only candidates are marked, so `merge` walks the
      // candidates, not the whole list.
      for (const [w, quality] of matches[i]) {
        nTouched = this.collect(this.nameVocab.get(w), quality, nTouched, admit);
        nTouched = this.collect(this.attrVocab.get(w), quality * ATTR_WEIGHT, nTouched, admit);
      }
      nCandidates = this.merge(nTouched, admit, nCandidates);
    }
    const most = Math.max(1, R - skipped);
    // Below this first-pass sum a resource cannot reach `floor` even with every other word matched.
    const least = (floor * (R + O)) / FUZZY_CAP - O - skipped - 1e-9;
    this.bucketSort(nCandidates, least, most);
    const counts = this.bucketCounts;
    const starts = this.bucketStarts;
    const sorted = this.sorted;
    const out: { slot: number; score: number; tier: MatchTier; otherNumber?: boolean; unexplained?: boolean }[] = [];
    const seen: Contradiction = { otherNumber: false, unexplained: false };
    let best = 0;
    let scored = 0;
    for (let b = BUCKETS - 1; b >= 0 && scored < MAX_FINE; b--) {
      if (!counts[b]) continue;
      const upper = Math.min(1, (((b + 1) / BUCKETS) * most + O + skipped) / (R + O)) * FUZZY_CAP;
      if (upper < Math.max(floor, best - within)) break;
      for (let k = starts[b]; k < starts[b] + counts[b]; k++) {
        const slot = sorted[k];
        const e = this.entries[slot];
        // Filters (type, region, account, tags) only for what gets this far: most candidates never do.
        if (!e || !pass(e)) continue;
        const score = scoreEntry(e, words, matches, q.scopeWords, seen);
        scored += 1;
        if (score <= 0 || score < floor) continue;
        out.push({ slot, score, tier: 'fuzzy', otherNumber: seen.otherNumber, unexplained: seen.unexplained });
        if (score > best) best = score;
      }
    }
    return out.sort((a, b) => b.score - a.score || byName(this.entries[a.slot]!.r, this.entries[b.slot]!.r));
  }

  /** Add the word just collected to the candidates' first-pass sums (and admit new ones when `admit`). */
  private merge(nTouched: number, admit: boolean, nCandidates: number): number {
    const { acc, best: top, touched, candidates } = this;
    let n = nCandidates;
    for (let t = 0; t < nTouched; t++) {
      const slot = touched[t];
      if (acc[slot] === 0) {
        if (!admit) {
          top[slot] = 0;
          continue;
        }
        candidates[n++] = slot;
      }
      acc[slot] += top[slot];
      top[slot] = 0;
    }
    return n;
  }

  /**
   * Counting sort of the candidates by first-pass sum into BUCKETS levels (those below `least` left
   * out): `bucketCounts`, `bucketStarts` and `sorted` hold the result; `acc` is cleared for the next query.
   */
  private bucketSort(nCandidates: number, least: number, most: number): void {
    const { acc, candidates, sorted } = this;
    const counts = this.bucketCounts.fill(0);
    const level = this.touched; // reused: `touched` is done with
    for (let c = 0; c < nCandidates; c++) {
      const a = acc[candidates[c]];
      level[c] = a >= least ? Math.min(BUCKETS - 1, Math.floor((a / most) * BUCKETS)) : -1;
      if (level[c] >= 0) counts[level[c]] += 1;
    }
    const starts = this.bucketStarts;
    for (let b = BUCKETS - 1, at = 0; b >= 0; b--) {
      starts[b] = at;
      at += counts[b];
    }
    const fill = this.bucketFill.fill(0);
    for (let c = 0; c < nCandidates; c++) {
      acc[candidates[c]] = 0;
      if (level[c] >= 0) sorted[starts[level[c]] + fill[level[c]]++] = candidates[c];
    }
  }

  /**
   * Raise `best` for each slot of a posting list; new slots go on `touched`. Returns the new count. When
   * the word admits no new candidates, only slots that already are one (`acc` > 0) are marked.
   */
  private collect(slots: Slots | undefined, quality: number, n: number, admit: boolean): number {
    if (slots === undefined) return n;
    const { best, touched, acc } = this;
    if (typeof slots === 'number') {
      if (!admit && acc[slots] === 0) return n;
      if (best[slots] === 0) touched[n++] = slots;
      if (quality > best[slots]) best[slots] = quality;
      return n;
    }
    if (admit) {
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i];
        if (best[slot] === 0) touched[n++] = slot;
        if (quality > best[slot]) best[slot] = quality;
      }
      return n;
    }
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      if (acc[slot] === 0) continue;
      if (best[slot] === 0) touched[n++] = slot;
      if (quality > best[slot]) best[slot] = quality;
    }
    return n;
  }

  /** Queries with nothing but filters and kind words ("the database in us-west-2"). */
  private withoutWords(q: ParsedQuery, words: QueryWord[], pass: (e: IndexEntry) => boolean) {
    const filtered = q.regions.length || q.accounts.length || q.tags.length;
    if (!filtered && !words.length) return [];
    const matches = words.map((x) => this.vocabulary.match(x.w));
    const out: { slot: number; score: number; tier: MatchTier }[] = [];
    this.entries.forEach((e, slot) => {
      if (!e || !pass(e)) return;
      if (!words.length) return void out.push({ slot, score: FILTER_SCORE, tier: 'filter' });
      const score = scoreEntry(e, words, matches, q.scopeWords);
      if (score > 0 || filtered) out.push({ slot, score: Math.max(score, filtered ? FILTER_SCORE : 0), tier: 'filter' });
    });
    return out.sort((a, b) => b.score - a.score || byName(this.entries[a.slot]!.r, this.entries[b.slot]!.r));
  }

  /** Names near `text` when nothing matched well: loose typos and shared parts over the vocabulary. */
  nearest(text: string, type: ResourceType | 'any' = 'any', n = 3): string[] {
    const q = this.parse(text);
    const allowed = typesFor(type);
    const words = q.required.filter((w) => !isNumber(w) && w.length >= 2);
    const sorted = this.vocabulary.words();
    const sums = new Map<number, number>();
    words.forEach((word) => {
      const best = new Map<number, number>();
      const maxEdits = Math.max(1, Math.floor(word.length / 2));
      for (const w of sorted) {
        let sim = 0;
        if (w.length >= 3 && word.length >= 3 && (w.includes(word) || word.includes(w)))
          sim = 0.3 + (0.6 * Math.min(w.length, word.length)) / Math.max(w.length, word.length);
        else {
          const d = editDistance(word, w, maxEdits);
          if (d <= maxEdits) sim = 1 - d / Math.max(word.length, w.length);
        }
        if (sim < 0.6) continue;
        for (const slot of slotsOf(this.nameVocab, w)) if ((best.get(slot) ?? 0) < sim) best.set(slot, sim);
      }
      for (const [slot, sim] of best) sums.set(slot, (sums.get(slot) ?? 0) + sim);
    });
    // "webprod1", "kafkabroker2": a name typed without its dashes (or with a typo besides) is nearest of
    // all, above anything that only shares a part of it. Only on a miss, so one pass over the names is fine.
    const typed = squeeze(text);
    if (typed.length >= 4) {
      const maxEdits = Math.floor(typed.length / 6);
      this.entries.forEach((e, slot) => {
        if (!e) return;
        const d = editDistance(typed, squeeze(e.r.name), maxEdits);
        if (d <= maxEdits) sums.set(slot, words.length + 2 - d / (maxEdits + 1));
      });
    }
    const names: string[] = [];
    // Ties go to the names with fewest other words (`web-prod-9`: web-prod-1 before web-prod-eu-1).
    const extra = (slot: number) => this.entries[slot]?.name.length ?? Infinity;
    for (const [slot] of [...sums].sort((a, b) => b[1] - a[1] || extra(a[0]) - extra(b[0]))) {
      const e = this.entries[slot];
      if (!e || (allowed && !allowed.has(e.r.type)) || names.includes(e.r.name)) continue;
      names.push(e.r.name);
      if (names.length >= n) break;
    }
    return names;
  }

  private grow(): void {
    if (this.acc.length < this.entries.length) {
      const size = Math.max(1024, this.entries.length + (this.entries.length >> 2));
      this.acc = new Float64Array(size);
      this.best = new Float64Array(size);
      this.touched = new Int32Array(size);
      this.candidates = new Int32Array(size);
      this.sorted = new Int32Array(size);
    }
  }
}

/** Ties in score list by name (plain comparison: localeCompare is far too slow for thousands of ties). */
function byName(a: Resource, b: Resource): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** A name without case, spaces or punctuation: `Web-Prod_1` -> `webprod1`. */
function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}
