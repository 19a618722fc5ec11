/** Text as people type it in chat, made comparable: case, quotes, apostrophes, repeated letters, typos. */

/** Lower case, straight quotes, no zero-width characters, apostrophes dropped inside words ("don't" -> "dont"). */
export function normalize(text: string, lowerCase = true): string {
  const t = text
    .normalize('NFKC')
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    // Inside a word every dash is a hyphen: editors and phones turn `web-prod-1` into `web‑prod‑1` or `web–prod–1`.
    .replace(/(?<=[\p{L}\p{N}])[\u2010-\u2015\u2212\ufe63\uff0d](?=[\p{L}\p{N}])/gu, '-')
    .replace(/[\u2010-\u2015\u2212]/g, ' - ');
  return (lowerCase ? t.toLowerCase() : t).replace(/(\w)'[sS]\b/g, '$1').replace(/(\w)'(\w)/g, '$1$2');
}

/** A word as typed: letters, digits and the characters names are made of (`web-prod-1`, `m5.large`, `owner=web`). */
const WORD = /[\p{L}\p{N}][\p{L}\p{N}_.:/@+=-]*[\p{L}\p{N}_]|[\p{L}\p{N}]/gu;

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** An AWS identifier: i-…, vol-…, snap-…, db-…, arn:… */
export function isAwsId(word: string): boolean {
  return /^(?:i|vol|snap|ami|sg|subnet|vpc|eni|db|cluster)-[0-9a-f]{6,}$/.test(word) || word.startsWith('arn:');
}

/** Looks like the name of a thing rather than a word: has a digit, or a dash/dot/underscore inside. */
export function isNameLike(word: string): boolean {
  return /\d/.test(word) || /[\p{L}\p{N}][-._][\p{L}\p{N}]/u.test(word);
}

/** A name built like `web-prod-1`, `pg_main`, `orders.db` or an AWS id: never an ordinary word. */
export function isStrongName(word: string): boolean {
  return isAwsId(word) || /[\p{L}\p{N}][-._:][\p{L}\p{N}]/u.test(word);
}

/** "reboooot" -> "reboot", "taggg" -> "tagg": people hold keys down. */
export function collapseRepeats(word: string): string {
  return word.replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swapped neighbours. */
export function typoDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/**
 * Corrects typos against a vocabulary: a word of 4-6 letters may be one edit away, longer words two.
 * Short words are left alone ("pod" is not "pd"). Ties go to the more common word.
 */
export class Speller {
  private readonly byLength = new Map<number, string[]>();

  constructor(private readonly vocabulary: Map<string, number>) {
    for (const w of vocabulary.keys()) {
      if (!this.byLength.has(w.length)) this.byLength.set(w.length, []);
      this.byLength.get(w.length)!.push(w);
    }
  }

  correct(word: string): string | undefined {
    if (this.vocabulary.has(word)) return word;
    const collapsed = collapseRepeats(word);
    if (this.vocabulary.has(collapsed)) return collapsed;
    if (collapsed.length < 4 || !/^\p{L}+$/u.test(collapsed)) return undefined;
    // Typos rarely hit the first letter; long words may have two.
    const max = collapsed.length >= 8 ? 2 : 1;
    let best: { w: string; d: number; n: number } | undefined;
    for (let len = collapsed.length - max; len <= collapsed.length + max; len++) {
      for (const w of this.byLength.get(len) ?? []) {
        if (w.length < 4 || w[0] !== collapsed[0]) continue;
        const d = typoDistance(collapsed, w, max);
        if (d > max) continue;
        // Two edits only on a word that starts the same way: "snpashot" is a snapshot, "swapping" no "stopping".
        if (d === 2 && w[1] !== collapsed[1]) continue;
        // A four-letter word only by swapped letters ("stpo" is stop): "root" is no "room", "talk" no "task".
        if (collapsed.length === 4 && [...collapsed].sort().join('') !== [...w].sort().join('')) continue;
        const n = this.vocabulary.get(w) ?? 0;
        if (!best || d < best.d || (d === best.d && n > best.n)) best = { w, d, n };
      }
    }
    return best?.w;
  }
}
