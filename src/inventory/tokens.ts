/**
 * Words as the resolver compares them. Names, tags and queries all go through `tokens`, so `prd`,
 * `prod` and `production` meet as one word, and `main1` splits into `main` + `1`.
 */
import { lookupTable } from '../core';

/** Words people shorten: every spelling on the left is compared as the word on the right. */
const CANONICAL: Readonly<Record<string, string>> = lookupTable({
  prd: 'prod',
  prod: 'prod',
  production: 'prod',
  stg: 'staging',
  stage: 'staging',
  staging: 'staging',
  dev: 'dev',
  develop: 'dev',
  development: 'dev',
  tst: 'test',
  testing: 'test',
  pg: 'pg',
  postgres: 'pg',
  postgresql: 'pg',
  psql: 'pg',
  db: 'db',
  database: 'db',
  databases: 'db',
  k8s: 'kubernetes',
  mssql: 'sqlserver',
  win: 'windows',
});

/**
 * One shared copy of each short string: 100k resources repeat the same few thousand words, states,
 * instance types and tag values. Bounded, so unique values (ids, names) never fill it.
 */
const interned = new Map<string, string>();
const MAX_INTERNED = 200_000;

export function intern<T extends string | null | undefined>(s: T): T {
  if (typeof s !== 'string' || s.length > 48) return s;
  const v = interned.get(s);
  if (v !== undefined) return v as T;
  if (interned.size < MAX_INTERNED) interned.set(s, s);
  return s;
}

export function canonical(word: string): string {
  return CANONICAL[word] ?? word;
}

export function isNumber(t: string): boolean {
  return /^\d+$/.test(t);
}

/**
 * Split text into comparable words: `pg-instance-main1` -> [pg, instance, main, 1]. Numbers keep their
 * zeros (`01`): they match `1` too, but less than an `01` typed as written.
 */
export function tokens(text: string): string[] {
  return asciiTokens(text) ?? tokensSlow(text);
}

/** Character classes of `asciiTokens`. */
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;

/**
 * `tokens` in one pass over the characters, for ASCII text (names, tags, ids: nearly all of it): the same
 * words as the regexes of `tokensSlow` (split at anything but a letter or digit, and between letters and
 * digits) without their intermediate strings. At 100k resources the index build tokenizes ~700k texts at
 * each start-up. Undefined for text with other characters (their lower case is Unicode's, left to the regexes).
 */
function asciiTokens(text: string): string[] | undefined {
  const n = text.length;
  let lower: string | undefined;
  const out: string[] = [];
  let start = 0;
  let kind = OTHER;
  for (let i = 0; i <= n; i++) {
    let c = i < n ? text.charCodeAt(i) : 32;
    if (c > 127) return undefined;
    if (c >= 65 && c <= 90) c += 32;
    const k = c >= 97 && c <= 122 ? LETTER : c >= 48 && c <= 57 ? DIGIT : OTHER;
    if (k === kind) continue;
    if (kind !== OTHER) {
      lower ??= text.toLowerCase();
      const p = lower.slice(start, i);
      out.push(intern(kind === DIGIT ? (p.length > 15 ? p.slice(-15) : p) : canonical(p)));
    }
    kind = k;
    start = i;
  }
  return out;
}

function tokensSlow(text: string): string[] {
  const out: string[] = [];
  const parts = text
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/[^a-z0-9]+/);
  for (const p of parts) {
    if (!p) continue;
    out.push(intern(isNumber(p) ? (p.length > 15 ? p.slice(-15) : p) : canonical(p)));
  }
  return out;
}

/** Name with everything but letters and digits removed: `Web_Prod 1` and `web-prod-1` are the same name. */
export function compact(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions: `mian` -> `main` is 1),
 * giving up as soon as it exceeds `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1))
        v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n];
}

/** Is `short` what is left of `long` after dropping letters (`brkr` of `broker`, `mgmt` of `management`)? */
export function isAbbreviationOf(short: string, long: string): boolean {
  if (short.length < 2 || short.length >= long.length || short[0] !== long[0]) return false;
  let j = 0;
  for (let i = 0; i < long.length && j < short.length; i++) if (long[i] === short[j]) j++;
  return j === short.length;
}

/** Qualities of the ways one query word can match one known word, strongest first. */
export const MATCH = {
  exact: 1,
  plural: 0.95,
  /** `report` for "reporting", `train` for "training": the word a name shortens to its stem. */
  stem: 0.9,
  /** `resizer` for "resizing", `ingest` for "ingestion": another word of the same root (see `rootOf`). */
  family: 0.85,
  /** `1` for `01`: the same number written differently. */
  samePaddedNumber: 0.6,
  /** Prefix quality grows with how much of the word was typed: 0.75 .. 0.9. */
  prefixBase: 0.75,
  abbreviation: 0.75,
  typo1: 0.8,
  typo2: 0.65,
  typoShort: 0.6,
} as const;

/**
 * The stems of an inflected word ("reporting" -> report, "training" -> train, "caching" -> cache, "scheduled"
 * -> schedule): what a name may call the same thing (win-report-prod-1, ml-train-1). Stems shorter than four
 * letters are left out ("ring" is no "r").
 */
export function stemsOf(word: string): string[] {
  const m = /^([a-z]{4,}?)(ing|ed)$/.exec(word);
  if (!m) return [];
  const base = m[1];
  const out = [base, `${base}e`];
  if (/([a-z])\1$/.test(base)) out.push(base.slice(0, -1));
  return out;
}

/** Endings one word of a family has and another has not, longest first ("resizing", "resizer", "resize", "resizes"). */
const FAMILY_ENDINGS = ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ers', 'er', 'ors', 'or', 'ed', 'es', 's', 'e'];

/**
 * The root a word shares with the other words of its family: "resizing", "resizer", "resize" -> resiz; "ingestion",
 * "ingest", "ingester" -> ingest; "reporting", "reports", "reporter" -> report; "runner", "running" -> run. One ending
 * off (leaving three letters or more), then a final e and a doubled consonant. Undefined for a word under four letters
 * or with anything but letters (numbers and short words stay themselves).
 */
export function rootOf(word: string): string | undefined {
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return undefined;
  let base = word;
  for (const end of FAMILY_ENDINGS) {
    // "process", "class": a double s is the word's own, not a plural.
    if (end === 's' && word.endsWith('ss')) break;
    if (word.endsWith(end) && word.length - end.length >= 3) {
      base = word.slice(0, -end.length);
      break;
    }
  }
  if (base.length > 3 && base.endsWith('e')) base = base.slice(0, -1);
  if (base.length > 3 && /([b-df-hj-np-tv-z])\1$/.test(base)) base = base.slice(0, -1);
  return base;
}

/** How well query word `q` matches known word `w`, 0 when it does not. Numbers match only exactly. */
export function wordMatch(q: string, w: string): number {
  if (q === w) return MATCH.exact;
  if (isNumber(q) || isNumber(w)) return isNumber(q) && isNumber(w) && Number(q) === Number(w) ? MATCH.samePaddedNumber : 0;
  if ((q.endsWith('s') && q.slice(0, -1) === w) || (q.endsWith('es') && q.slice(0, -2) === w)) return MATCH.plural;
  if (q.length >= 2 && w.length > q.length && w.startsWith(q)) return MATCH.prefixBase + 0.15 * (q.length / w.length);
  if (q.length >= 3 && w.length <= 3 * q.length && isAbbreviationOf(q, w)) return MATCH.abbreviation;
  // Three letters, one wrong (`axi` for api): only with the first letter right, and weakly.
  if (q.length === 3 && w.length === 3 && q[0] === w[0] && editDistance(q, w, 1) === 1) return MATCH.typoShort;
  if (q.length >= 4) {
    const max = q.length >= 8 ? 2 : 1;
    const d = editDistance(q, w, max);
    if (d === 1) return MATCH.typo1;
    if (d === 2 && max === 2) return MATCH.typo2;
  }
  return 0;
}
