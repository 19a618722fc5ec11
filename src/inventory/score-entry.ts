import type { Resource } from '../core';
import { typeWordsOf } from './resource-words';
import { isNumber } from './tokens';

/** A resource in the index, with the words it answers to. */
export interface IndexEntry {
  r: Resource;
  name: string[];
  attrs: string[];
}

/** A word of the query; kind words ("box") are optional: they count only when they match. */
export interface QueryWord {
  w: string;
  optional: boolean;
}

/** What a match contradicts besides its score (filled by `scoreEntry` when asked). */
export interface Contradiction {
  /** The query's number is not the name's: another member of a numbered fleet (`web-prod-9` for web-prod-1). */
  otherNumber: boolean;
  /** A word of the query matched nothing of the resource (`east` of `web-prod-east-3` for web-prod-3). */
  unexplained: boolean;
}

/** A word matched in tags, state or engine counts this much of a name word. */
export const ATTR_WEIGHT = 0.85;
/** Fuzzy scores stay below exact names. */
export const FUZZY_CAP = 0.96;
/** Each name word the query did not mention costs 10%; each number 4% (fleets differ by number). */
const UNMATCHED_WORD = 0.9;
const UNMATCHED_NUMBER = 0.96;

/**
 * The full score of one resource: how much of the query it explains (name words count fully, tag
 * and fact words a little less), times a small cost for each name word the query left out.
 */
export function scoreEntry(
  e: IndexEntry,
  words: QueryWord[],
  matches: Map<string, number>[],
  scope: readonly string[] = [],
  seen?: Contradiction,
): number {
  const W = words.length;
  const N = e.name.length;
  // Pair query words with name words, best pairs first, each word used once (no allocation: this runs
  // for thousands of candidates per query).
  const q = scratch(W * N);
  for (let i = 0; i < W; i++) for (let j = 0; j < N; j++) q[i * N + j] = matches[i].get(e.name[j]) ?? 0;
  const byWord = scratchWords(W);
  let nameUsed = 0;
  let wordUsed = 0;
  let nameMatched = 0;
  for (;;) {
    let top = 0;
    let at = -1;
    for (let k = 0; k < W * N; k++) {
      if (q[k] > top && !(wordUsed & (1 << Math.floor(k / N))) && !(nameUsed & (1 << (k % N)))) {
        top = q[k];
        at = k;
      }
    }
    if (at < 0) break;
    byWord[Math.floor(at / N)] = top;
    wordUsed |= 1 << Math.floor(at / N);
    nameUsed |= 1 << (at % N);
    nameMatched += 1;
  }
  if (seen) {
    // `ml-train-2` is not ml-train-1: a number the query gives that no name word matched, against a
    // number of the name the query left out, says another member of the fleet, not a typo.
    let nameNumber = false;
    for (let j = 0; j < N && !nameNumber; j++) nameNumber = !(nameUsed & (1 << j)) && isNumber(e.name[j]);
    seen.otherNumber = false;
    seen.unexplained = false;
    if (nameNumber) for (let i = 0; i < W; i++) if (!words[i].optional && byWord[i] === 0 && isNumber(words[i].w)) seen.otherNumber = true;
  }
  let sum = 0;
  let count = 0;
  const typeWords = typeWordsOf(e.r.type);
  for (let i = 0; i < W; i++) {
    let b = byWord[i];
    if (b < 1) {
      for (const a of e.attrs) {
        const m = matches[i].get(a);
        if (m && m * ATTR_WEIGHT > b) b = m * ATTR_WEIGHT;
      }
      if (words[i].optional && typeWords.has(words[i].w)) b = 1;
    }
    if (words[i].optional && b === 0) continue;
    if (b === 0 && seen) seen.unexplained = true;
    sum += b;
    count += 1;
  }
  if (!count || sum === 0) return 0;
  const explained = sum / count;
  if (!nameMatched) return explained * 0.8 * FUZZY_CAP;
  let factor = 1;
  for (let j = 0; j < N; j++)
    if (!(nameUsed & (1 << j)) && !scope.includes(e.name[j])) factor *= isNumber(e.name[j]) ? UNMATCHED_NUMBER : UNMATCHED_WORD;
  return explained * factor * FUZZY_CAP;
}

let pairBuffer = new Float64Array(256);
let wordBuffer = new Float64Array(32);

function scratch(n: number): Float64Array {
  if (pairBuffer.length < n) pairBuffer = new Float64Array(n * 2);
  return pairBuffer;
}

function scratchWords(n: number): Float64Array {
  if (wordBuffer.length < n) wordBuffer = new Float64Array(n * 2);
  wordBuffer.fill(0, 0, n);
  return wordBuffer;
}
