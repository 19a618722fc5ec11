/**
 * Names said aloud, as dictation and hurried typing write them: the number as a word ("web prod two", "api staging
 * one", "web prod too is down" for web-prod-2), a name word split in two ("check out staging" for checkout-staging),
 * several members of one family in a row ("web prod one two and three"), and a count as a word after the name
 * ("scale checkout-staging to three"). Each is rewritten to the name as typed, but only where the inventory has a
 * resource called exactly that (a map lookup per candidate), so a word that names nothing is left as it was.
 */

import { lookupTable } from '../core';
import { cardinals } from './number-words';

/** What the rewrite asks of the inventory: the types of the resources called exactly `name` (empty: none). */
export interface ExactNames {
  exactly(name: string): readonly string[];
}

// Null-prototype tables (lookupTable): a typed "constructor" or "toString" is no number word ("scale X to constructor").
const NUMBER_WORDS: Readonly<Record<string, number>> = lookupTable(cardinals(20));
/** What dictation writes for "two": only read so where a word follows that "to"/"too" cannot govern. */
const HOMOPHONES: Readonly<Record<string, number>> = lookupTable({ to: 2, too: 2 });
/**
 * After "to"/"too" read as two, what may follow a name: it is the subject ("… too is down", "… to keeps crashing"), or the
 * name ends the request ("… to please", "… to for the night"), or a part of it follows ("… to hard drive"). Anything else
 * keeps "to" a preposition ("restart api staging to pick up the config") and "too" an adverb ("too big").
 */
const AFTER_A_NAME = new Set([
  'is',
  'isnt',
  'was',
  'wasnt',
  'has',
  'hasnt',
  'had',
  'keeps',
  'kept',
  'needs',
  'seems',
  'looks',
  'went',
  'got',
  'just',
  'still',
  'cant',
  'cannot',
  'wont',
  'will',
  'should',
  'can',
  'could',
  'hard',
  'disk',
  'drive',
  'box',
  'server',
  'instance',
  'host',
  'node',
  'for',
  'in',
  'on',
  'please',
  'pls',
  'plz',
  'asap',
  'now',
  'real',
  'quickly',
]);
/** After "too", these say "also" ("reboot web prod too please"): no name ends there. */
const ALSO_AFTER = new Set(['please', 'pls', 'plz', 'asap', 'now', 'for', 'in', 'on', 'real', 'quickly']);
/** After a number word, these make it a time or a rate, not a count: "at two am", "two at a time", "to five minutes". */
const NOT_COUNTED = /^(?:at|of|times?|more|less|fewer|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|am|pm|o|oclock|percent)$/i;
const MAX_RUN = 4;

interface Tok {
  text: string;
  /** Lower case. */
  low: string;
  word: boolean;
}

/**
 * `text` with every name said aloud written as the inventory's name. The caller keeps the original text for what it
 * shows; only the reading changes.
 */
export function namesSaidAloud(text: string, names: ExactNames): string {
  if (!/[a-z]\s+[a-z]/i.test(text)) return text;
  const toks: Tok[] = [...text.matchAll(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g)].map((m) => ({
    text: m[0],
    low: m[0].toLowerCase(),
    word: /^[A-Za-z0-9]/.test(m[0]),
  }));
  // A word's neighbours, joined to it by spaces only (not "-", ",", "."): the parts of a name said aloud.
  const spaced = (i: number) => i + 1 < toks.length && /^ {1,2}$/.test(toks[i + 1].text) && !!toks[i + 2]?.word;
  // A hyphen or an id-like character either side: the word is already part of a typed name.
  const typedAround = (i: number) => /^[-_.:/]$/.test(toks[i - 1]?.text ?? '') || /^[-_.:/]/.test(toks[i + 1]?.text ?? '');
  const out: string[] = [];
  let i = 0;
  while (i < toks.length) {
    const found = toks[i].word && !typedAround(i) ? nameAt(toks, i, names, spaced) : undefined;
    if (!found || (found.typed && !listMember(toks, found.next, found.prefix, names, new Set([found.name])))) {
      out.push(toks[i].text);
      i++;
      continue;
    }
    out.push(found.name);
    i = found.next;
    // "web prod one two and three", "web prod 1, 2 and 3": more members of the same family.
    const listed = new Set([found.name]);
    for (;;) {
      const m = listMember(toks, i, found.prefix, names, listed);
      if (!m) break;
      out.push(m.sep, m.name);
      listed.add(m.name);
      i = m.next;
    }
  }
  return countsAsDigits(out.join(''));
}

/** The longest run of spaced words from `i` that is a resource's name said aloud, with where its family's prefix ends. */
function nameAt(
  toks: Tok[],
  i: number,
  names: ExactNames,
  spaced: (i: number) => boolean,
): { name: string; prefix: string; next: number; typed?: boolean } | undefined {
  const run = [i];
  while (run.length < MAX_RUN + 1 && spaced(run[run.length - 1])) run.push(run[run.length - 1] + 2);
  for (let n = run.length; n >= 2; n--) {
    const ws = run.slice(0, n).map((k) => toks[k].low);
    const last = ws[n - 1];
    const afterLast = run[n - 1] + 1;
    // Round 10. "search prod1 is hung" for search-prod-1: the last word's number typed against its letters.
    const compact = /^([a-z]+)(\d{1,3})$/.exec(last);
    if (compact) {
      const head = ws.slice(0, -1).join('-');
      // Only the number split off: "pg instance core7" as typed is read whole by analyse.ts (spelledNames), longer names too.
      const name = `${head}-${compact[1]}-${compact[2]}`;
      if (names.exactly(name).length) return { name, prefix: '', next: afterLast };
    }
    const number = numberOf(last, toks, afterLast);
    // A name said aloud ends in its number ("api staging two") or is split where it has no hyphen ("check out staging").
    // "web a s g": letters spelled one by one are one word of the name (web-asg).
    const letters = ws.slice(0, -1).map((w, k) => (/^[a-z]$/.test(w) && /^[a-z]$/.test(ws[k + 1]) ? '' : '-'));
    const spelled = letters.includes('') ? [letters] : [];
    // "cache node one" for cache-node-01: a number said as a word may be written zero-padded.
    const digits = number === undefined ? [''] : number < 10 && !/^\d+$/.test(last) ? [String(number), `0${number}`] : [String(number)];
    for (const joins of [...spelled, ...joinings(n - 1)])
      for (const d of digits) {
        const parts = number === undefined ? ws : [...ws.slice(0, -1), d];
        if (number === undefined && !joins.includes('')) continue;
        if (number === undefined && !joins.includes('-')) continue;
        if (number !== undefined && parts.slice(0, -1).some((w) => /^\d+$/.test(w) || NUMBER_WORDS[w] !== undefined)) continue;
        let name = parts[0];
        joins.forEach((j, k) => {
          name += j + parts[k + 1];
        });
        if (!names.exactly(name).length) continue;
        const prefix = number === undefined ? '' : name.slice(0, name.length - d.length);
        // Digits typed with spaces ("web prod 2") are already read as names (analyse.ts spelledNames): only a list after
        // one ("web prod 1, 2 and 3") is rewritten.
        return { name, prefix, next: afterLast, ...(/^\d+$/.test(last) && !joins.includes('') ? { typed: true } : {}) };
      }
  }
  return undefined;
}

/** Ways to join `gaps` spaces: all hyphens first ("web-prod-2"), then one closed up ("checkout-staging"). */
function joinings(gaps: number): string[][] {
  const hyphens = Array.from({ length: gaps }, () => '-');
  return [hyphens, ...hyphens.map((_h, k) => hyphens.map((h, m) => (m === k ? '' : h)))];
}

/** The number a word says at the end of a name: a digit, a number word, or "to"/"too" where a word follows that they cannot govern. */
function numberOf(word: string, toks: Tok[], after: number): number | undefined {
  if (/^\d{1,3}$/.test(word)) return Number(word);
  if (NUMBER_WORDS[word] !== undefined) return NUMBER_WORDS[word];
  if (HOMOPHONES[word] === undefined) return undefined;
  if (!/^ +$/.test(toks[after]?.text ?? '')) return undefined;
  const next = toks[after + 1];
  if (!next?.word || !/^[a-z]+$/i.test(next.text)) return undefined;
  if (!AFTER_A_NAME.has(next.low) || (word === 'too' && ALSO_AFTER.has(next.low))) return undefined;
  return HOMOPHONES[word];
}

/** ", two", " and three", " 2" after a family's member: the next member when the inventory has it and it is new. */
function listMember(
  toks: Tok[],
  i: number,
  prefix: string,
  names: ExactNames,
  listed: ReadonlySet<string>,
): { sep: string; name: string; next: number } | undefined {
  if (!prefix) return undefined;
  let k = i;
  let sep = '';
  while (k < toks.length && !toks[k].word && /^[ ,]+$/.test(toks[k].text)) {
    sep += toks[k].text;
    k++;
    if (toks[k]?.low === 'and' || toks[k]?.low === '&') {
      sep += toks[k].text;
      k++;
    }
  }
  if (!sep || k >= toks.length) return undefined;
  const w = toks[k].low;
  const n = /^\d{1,3}$/.test(w) ? Number(w) : NUMBER_WORDS[w];
  if (n === undefined) return undefined;
  // "… two at a time": a count of the rollout, not a member.
  if (/^ +at$/.test(`${toks[k + 1]?.text ?? ''}${toks[k + 2]?.low ?? ''}`)) return undefined;
  if (/^[-_.:/]/.test(toks[k + 1]?.text ?? '')) return undefined;
  const name = [prefix + n, `${prefix}0${n}`].find((x) => (n < 10 || x === prefix + n) && !listed.has(x) && names.exactly(x).length);
  if (!name) return undefined;
  // Words run together ("one two") are a list: written with a comma so each reads as a name of its own.
  return { sep: /,|and|&/i.test(sep) ? sep : `,${sep}`, name, next: k + 1 };
}

/** "to three", "to six tasks": a count said as a word after "to" is the number (params.ts reads digits). */
function countsAsDigits(text: string): string {
  return text.replace(/\b(to)\s+([a-z]+)\b(?=\s*(?:$|[.,!?;)]|\s+([a-z]+)))/gi, (m, prep: string, word: string, after?: string) => {
    const n = NUMBER_WORDS[word.toLowerCase()];
    if (n === undefined || (after !== undefined && NOT_COUNTED.test(after))) return m;
    return `${prep} ${n}`;
  });
}
