import { isNumber, MATCH, rootOf, stemsOf, wordMatch } from './tokens';

export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The words the estate uses, and what a query word matches among them: itself, a plural, the same
 * number written with other zeros, words it is a prefix or abbreviation of, words one or two typos
 * away. Small even at 100k resources (a few hundred words), so a scan of it per new query word is
 * cheap; results are cached until the words change.
 */
export class Vocabulary {
  private sorted?: string[];
  private byLength?: string[][];
  private numbers?: Map<string, Set<string>>;
  private roots?: Map<string, string[]>;
  private readonly cache = new Map<string, Map<string, number>>();

  /** `known` says whether a word is used; `all` lists every word used. */
  constructor(
    private readonly known: (w: string) => boolean,
    private readonly all: () => Iterable<string>,
  ) {}

  /** The words changed (a resource was added): forget what was derived from them. */
  changed(): void {
    this.sorted = undefined;
    this.byLength = undefined;
    this.numbers = undefined;
    this.roots = undefined;
    if (this.cache.size) this.cache.clear();
  }

  /** Every word that is not a number, sorted. */
  words(): readonly string[] {
    return (this.sorted ??= [...new Set(this.all())].filter((w) => !isNumber(w)).sort());
  }

  /** The known words `word` matches, with the quality of each match. */
  match(word: string): Map<string, number> {
    let out = this.cache.get(word);
    if (!out) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(word, (out = this.expand(word)));
    }
    return out;
  }

  private expand(word: string): Map<string, number> {
    const out = new Map<string, number>();
    if (this.known(word)) out.set(word, 1);
    if (isNumber(word)) {
      if (!this.numbers) {
        this.numbers = new Map();
        for (const w of this.all()) {
          if (!isNumber(w)) continue;
          const v = String(Number(w));
          if (!this.numbers.has(v)) this.numbers.set(v, new Set());
          this.numbers.get(v)!.add(w);
        }
      }
      for (const w of this.numbers.get(String(Number(word))) ?? []) if (w !== word) out.set(w, wordMatch(word, w));
      return out;
    }
    // "reporting" is also the `report` of win-report-prod-1, "training" the `train` of ml-train-1, though
    // reporting-mysql uses the word itself.
    for (const stem of stemsOf(word)) if (stem !== word && this.known(stem) && !out.has(stem)) out.set(stem, MATCH.stem);
    // "exporting" is as much the `exporter` of audit-exporter as the `export` of audit-export: a stem's family too.
    if (out.size && !out.has(word)) for (const w of this.family(word)) if (!out.has(w)) out.set(w, MATCH.family);
    // A word the estate uses means itself: `east` is not a typo of `elastic`, `web` not short for `webhook`.
    if (out.size) return out;
    for (const plural of [word.slice(0, -1), word.slice(0, -2)])
      if (word.endsWith('s') && plural && this.known(plural)) out.set(plural, wordMatch(word, plural));
    const sorted = this.words();
    if (word.length >= 2) {
      for (let i = lowerBound(sorted, word); i < sorted.length && sorted[i].startsWith(word); i++) {
        if (sorted[i] !== word) out.set(sorted[i], wordMatch(word, sorted[i]));
      }
    }
    const byLength = (this.byLength ??= bucketByLength(sorted));
    const lo = word.length >= 4 ? word.length - (word.length >= 8 ? 2 : 1) : word.length === 3 ? 3 : word.length + 1;
    const hi = word.length >= 3 ? Math.min(byLength.length - 1, 3 * word.length) : 0;
    for (let len = Math.max(1, lo); len <= hi; len++) {
      for (const w of byLength[len] ?? []) {
        if (out.has(w)) continue;
        const m = wordMatch(word, w);
        if (m > 0) out.set(w, m);
      }
    }
    // "resizing" is the `resizer` of image-resizer, "ingestion" the `ingest` of events-ingest: a word of the same family
    // the estate uses, where nothing closer matched it.
    for (const w of this.family(word)) if (!out.has(w)) out.set(w, MATCH.family);
    return out;
  }

  /** The words the estate uses of the same family as `word` (another ending of its root), never `word` itself. */
  family(word: string): readonly string[] {
    const root = rootOf(word);
    if (!root) return [];
    if (!this.roots) {
      this.roots = new Map();
      for (const w of this.words()) {
        const r = rootOf(w);
        if (!r) continue;
        const list = this.roots.get(r);
        if (list) list.push(w);
        else this.roots.set(r, [w]);
      }
    }
    return (this.roots.get(root) ?? []).filter((w) => w !== word);
  }
}

function bucketByLength(words: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const w of words) (out[w.length] ??= []).push(w);
  return out;
}
