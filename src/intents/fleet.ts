/**
 * Requests for many resources at once: "terminate every instance", "reboot all the web servers",
 * "stop all of production". The bot acts on one named resource at a time, so such a request is answered
 * as what it is; the words left over ("production", "web") never become the query of a one-resource plan.
 * An action on everything in an account or environment is refused outright, now and once fleet plans
 * over a named set exist.
 */
import type { Analysis, Word } from './analyse';
import { ENVIRONMENTS, pluralKindNouns } from './lexicon';
import { isStrongName } from './text';

export type ManyResources = 'set' | 'everything';

const ENV = [...ENVIRONMENTS].join('|');
const SCOPE_AFTER = `(?:\\s+(?:in|on|from|across|of)\\s+(?:the\\s+)?(?:${ENV}|[a-z]{2}(?:-[a-z]+)+-\\d|\\d{12}|[a-z][\\w-]*\\s+account|account\\s+\\S+)(?:\\s+(?:env|environment|account|region))?)*`;

/** Everything in an account, region or environment: never an action, whatever comes later. */
const EVERYTHING = [
  // "stop everything", "terminate everything in staging" (not "everything tagged owner=bob": a set).
  new RegExp(`\\b(?:everything|every\\s+(?:single\\s+)?(?:thing|resource)|all\\s+(?:of\\s+)?(?:the\\s+|our\\s+|my\\s+)?(?:resources|things|stuff))${SCOPE_AFTER}\\s*(?:$|[,.!?;¦])`),
  // "all of production", "all of the staging account", "all prod".
  new RegExp(`\\ball\\s+of\\s+(?:the\\s+)?(?:${ENV}|[a-z][\\w-]*\\s+account|account\\s+\\S+)\\b`),
  new RegExp(`\\ball\\s+(?:the\\s+)?(?:${ENV})(?:\\s+(?:env|environment|account))?\\s*(?:$|[,.!?;])`),
  // "the whole account", "the entire estate", "the whole of prod".
  new RegExp(`\\b(?:whole|entire)\\s+(?:of\\s+)?(?:the\\s+)?(?:aws\\s+)?(?:account|estate|fleet|environment|env|region|${ENV})\\b`),
  // "stop everything but web-prod-1", "reboot web-prod-1 and everything else": the named one is the
  // exception, or one of many; planning it alone would do the opposite of what was asked.
  /\b(?:everything|all)\s+(?:else(?!\s+fail)|but|except|other\s+than|apart\s+from|besides|bar|save)\b/,
  // "shut everything down", "turn everything off".
  /\b(?:shut|turn|power|take|switch|spin)\s+everything\s+(?:down|off)\b/,
  // "restart nginx everywhere": on every instance there is.
  /\beverywhere\b/,
];

/** The fleet as a whole, without saying which: "stop the fleet", "reboot fleet-wide", "across the fleet". */
const FLEET = /\b(?:the\s+fleet|fleet[-\s]?wide|across\s+(?:the\s+|our\s+)?fleet)\b/;

/** "all good", "all set", "at all", "once and for all", "if all else fails": not a quantity of resources. */
const NOT_A_QUANTITY_AFTER = new Set(['good', 'set', 'done', 'ok', 'okay', 'right', 'fine', 'clear', 'day', 'night', 'week', 'weekend', 'morning', 'afternoon', 'evening', 'along', 'over', 'full', 'because', 'in', 'else']);
const NOT_A_QUANTITY_BEFORE = new Set(['at', 'after', 'for', 'of']);
const QUANTIFIERS = new Set(['all', 'every', 'each']);
/** Words that say the quantified things are parts of one named resource ("all the disks on etl-1"). */
const PART_OF = new Set(['on', 'of', 'in', 'from', 'for', 'attached', 'to', 'inside', 'behind', 'under']);
const FILLER = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'that']);

export function manyResources(a: Analysis): ManyResources | undefined {
  // On the text with its values masked (`¦`): "tag everything owner=alice" is everything, tags aside.
  if (EVERYTHING.some((re) => re.test(a.norm) || re.test(a.masked))) return 'everything';
  if (FLEET.test(a.norm)) return 'set';
  const words = a.words;
  // "stop all", "reboot them all": a verb on "all" and nothing else is many, not a missing name.
  if (words.length === 2 && words[1].text === 'all' && a.verbs.size > 0) return 'set';
  for (const [i, w] of words.entries()) {
    if (QUANTIFIERS.has(w.text) && quantifies(words, i)) return 'set';
    // "stop them all", "reboot those all".
    if (w.text === 'all' && ['them', 'those', 'these'].includes(words[i - 1]?.text ?? '')) return 'set';
  }
  // "reboot the web servers", "stop the staging boxes": many of a kind, none of them named.
  const named = a.references.some((r) => r.strong);
  if (!named && words.some((w) => w.role === 'kind' && pluralKindNouns().has(w.text))) return 'set';
  return undefined;
}

/** The quantifier at `i` counts resources, rather than the parts of one named resource or a figure of speech. */
function quantifies(words: Word[], i: number): boolean {
  const next = words[i + 1];
  if (!next) return false;
  if (NOT_A_QUANTITY_AFTER.has(next.text) || (next.text === 'the' && words[i + 2]?.text === 'time')) return false;
  if (NOT_A_QUANTITY_BEFORE.has(words[i - 1]?.text ?? '') && words[i].text === 'all') return false;
  for (let j = i + 1; j < Math.min(words.length, i + 8); j++) {
    if (!PART_OF.has(words[j].text)) continue;
    let k = j + 1;
    while (k < words.length && (FILLER.has(words[k].text) || words[k].text === 'to')) k++;
    const target = words[k];
    // A named resource after "on"/"of"/"attached to": its disks, its volumes. A region or an account is
    // masked out of the words, so "every instance in us-east-1" stays many.
    if (target && !target.gap && target.role === 'name' && isStrongName(target.text)) return false;
  }
  return true;
}
