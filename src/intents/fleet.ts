/**
 * Requests for many resources at once: "reboot the kafka brokers one at a time", "restart nginx on all
 * web-prod servers", "snapshot every production database", "stop all of production". A set the request
 * narrows (a shared name, a tag, an environment, a list of names) becomes a fleet selector: one plan over
 * those resources. An action on everything in an account or environment, or on "every instance" with
 * nothing that says which, is refused outright.
 */
import { lookupTable } from '../core';
import type { FleetSelector, ResourceScope } from '../core';
import { ACTION_CONCEPTS, type Analysis, type Word } from './analyse';
import { ENVIRONMENTS, kindFamily, kindNouns, pluralKindNouns } from './lexicon';
import { isStrongName } from './text';
import { cardinals } from './number-words';

export type ManyResources = 'set' | 'everything';

const ENV = [...ENVIRONMENTS].join('|');
const SCOPE_AFTER =
  `(?:\\s+(?:in|on|from|across|of)\\s+(?:the\\s+)?(?:${ENV}|[a-z]{2}(?:-[a-z]+)+-\\d|` +
  `\\d{12}|[a-z][\\w-]*\\s+account|account\\s+\\S+)(?:\\s+(?:env|environment|account|` +
  `region))?)*`;

/** "reboot everything in prod lol", "… asap pls": chatter or a time after the set says nothing of it. */
const CHATTER_AFTER = '(?:\\s+(?:lol|lmao|haha|pls|plz|please|thx|thanks|asap|now|rn|tonight|today|ok|kthx|ty|again|too|as\\s+well))*';

/** Everything in an account, region or environment: never an action, whatever comes later. */
const EVERYTHING = [
  // "stop everything", "terminate everything in staging" (not "everything tagged owner=bob": a set).
  new RegExp(
    `\\b(?:everything|every\\s+(?:single\\s+)?(?:thing|resource)|all\\s+(?:of\\s+)` +
      `?(?:the\\s+|our\\s+|my\\s+)?(?:resources|things|stuff))${SCOPE_AFTER}${CHATTER_AFTER}\\s*(?:$|[,` +
      `.!?;¦])`,
  ),
  // "all of production", "all of the staging account", "all prod".
  new RegExp(`\\ball\\s+of\\s+(?:the\\s+)?(?:${ENV}|[a-z][\\w-]*\\s+account|account\\s+\\S+)\\b`),
  new RegExp(`\\ball\\s+(?:the\\s+)?(?:${ENV})(?:\\s+(?:env|environment|account))?\\s*(?:$|[,.!?;])`),
  // "delete all in staging", "stop all on prod": "all" with only a place after it (round 8, nlu15).
  new RegExp(`\\ball\\s+(?:in|on|across|from)\\s+(?:the\\s+)?(?:${ENV}|[a-z][\\w-]*\\s+account|account\\s+\\S+)\\b`),
  // "the whole account", "the entire estate", "the whole of prod".
  new RegExp(`\\b(?:whole|entire)\\s+(?:of\\s+)?(?:the\\s+)?(?:aws\\s+)?(?:account|estate|fleet|environment|env|region|${ENV})\\b`),
  // "stop everything but web-prod-1", "reboot web-prod-1 and everything else": the named one is the
  // exception, or one of many; planning it alone would do the opposite of what was asked.
  /\b(?:everything|all)\s+(?:else(?!\s+fail)|but|except|other\s+than|apart\s+from|besides|bar|save)\b/,
  // "shut everything down", "turn everything off".
  /\b(?:shut|turn|power|take|switch|spin)\s+everything\s+(?:down|off)\b/,
  // h17/h18: "reboot everything we have", "stop all instances in all accounts", "bounce every server across every
  // region": every resource there is, or every one of a kind in every account or region, is no set named.
  /\beverything\s+(?:that\s+)?(?:we|you|i)\s+(?:have|run|own|got|use)\b/,
  new RegExp(
    String.raw`\b(?:all|every|each)\s+(?:single\s+)?(?:of\s+)?(?:the\s+|our\s+)?(?:instances?|servers?|resources?|box(?:es)?|` +
      String.raw`hosts?|machines?|vms?|dbs?|databases?|volumes?)\s+(?:in|across|on|from)\s+(?:all|every|each)\s+(?:of\s+)?` +
      String.raw`(?:the\s+|our\s+)?(?:accounts?|regions?)\b`,
  ),
];

/** The fleet as a whole, without saying which: "stop the fleet", "reboot fleet-wide", "across the fleet". */
const FLEET = /\b(?:the\s+fleet|fleet[-\s]?wide|across\s+(?:the\s+|our\s+)?fleet)\b/;

/** "all good", "all set", "at all", "once and for all", "if all else fails": not a quantity of resources. */
const NOT_A_QUANTITY_AFTER = new Set([
  'good',
  'set',
  'done',
  'ok',
  'okay',
  'right',
  'fine',
  'clear',
  'day',
  'night',
  'week',
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'along',
  'over',
  'full',
  'because',
  'in',
  'else',
  // "web prod 2 hangs on every request", "it times out every time": what the story counts, not resources.
  'request',
  'requests',
  'call',
  'calls',
  'click',
  'page',
  'query',
  'queries',
  'login',
  'attempt',
  'transaction',
  'hour',
  'minute',
  'time',
]);
const NOT_A_QUANTITY_BEFORE = new Set(['at', 'after', 'for', 'of']);
const QUANTIFIERS = new Set(['all', 'every', 'each']);
const COPULAS = new Set(['are', 'were', 'is', 'was', 'been', 're']);
/** Words that say the quantified things are parts of one named resource ("all the disks on etl-1"). */
const PART_OF = new Set(['on', 'of', 'in', 'from', 'for', 'attached', 'to', 'inside', 'behind', 'under']);
const FILLER = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'that']);

/** Words that add nothing to a clause of "everywhere" ("…, everywhere pls"). */
const EVERYWHERE_CHATTER = new Set(['everywhere', 'and', 'then', 'just', 'also', 'pls', 'plz', 'please', 'now', 'asap', 'too', 'lol']);

/**
 * "restart nginx everywhere", "…, everywhere pls": on every instance there is. "restart nginx on X, 502s everywhere",
 * "errors everywhere - reboot web-1": where a symptom shows is no place to act (qa 18f); "everywhere" is the action's
 * place only when its clause has an action word, or nothing but itself and chatter.
 */
function everywhereToAct(a: Analysis): boolean {
  const words = a.words;
  for (const [i, w] of words.entries()) {
    if (w.text !== 'everywhere') continue;
    let start = i;
    while (start > 0 && !(words[start].gap && !words[start].afterValue)) start -= 1;
    let end = i + 1;
    while (end < words.length && !(words[end].gap && !words[end].afterValue)) end += 1;
    const clause = words.slice(start, end);
    const acts = clause.some((c) => c.role === 'intent' && ACTION_CONCEPTS.has(c.canon) && !c.negated && !c.participle);
    if (acts || clause.every((c) => EVERYWHERE_CHATTER.has(c.text))) return true;
  }
  return false;
}

export function manyResources(a: Analysis): ManyResources | undefined {
  // On the text with its values masked (`¦`): "tag everything owner=alice" is everything, tags aside.
  if (EVERYTHING.some((re) => re.test(a.norm) || re.test(a.masked)) || everywhereToAct(a)) return 'everything';
  // "reboot 30 web servers", "restart the 3 kafka brokers": a count of a kind is many.
  if (countOf(a)) return 'set';
  if (FLEET.test(a.norm)) return 'set';
  // "reboot the kafka brokers one at a time": a rollout says there are several.
  if (rollout(a.norm).phrase) return 'set';
  const words = a.words;
  // "stop all", "reboot them all": a verb on "all" and nothing else is many, not a missing name.
  if (words.length === 2 && words[1].text === 'all' && a.verbs.size > 0) return 'set';
  for (const [i, w] of words.entries()) {
    if (QUANTIFIERS.has(w.text) && quantifies(words, i) && !toldAfterNamed(a, i)) return 'set';
    // "stop them all", "reboot those all".
    if (w.text === 'all' && ['them', 'those', 'these'].includes(words[i - 1]?.text ?? '')) return 'set';
  }
  // "reboot the web servers", "stop the staging boxes": many of a kind, none of them named.
  // A spaced name the inventory resolves ("build runner 7") is one resource as surely as build-runner-7.
  const named = a.references.some((r) => r.strong || (r.spaced && r.resolved));
  if (!named && words.some((w, i) => w.role === 'kind' && pluralKindNouns().has(w.text) && !partsOfNamed(a, i))) return 'set';
  // "reboot the kafka brokers": plain words ending in a plural after "the" are names they share, as the
  // bot's own advice says ("Name the set: a shared name ("the kafka brokers")"); it asked which one.
  if (!named && a.references.some((r) => sharedPlural(a, r))) return 'set';
  return undefined;
}

/**
 * "snapshot the eu bastion's volumes", "the volumes of the eu bastion": a plural kind noun right after (or "of"/"on"
 * before) plain words the inventory resolves to resources of another kind counts that resource's parts, not resources.
 * "the web prod servers" (the same kind) stays many.
 */
function partsOfNamed(a: Analysis, i: number): boolean {
  const words = a.words;
  const kind = kindNouns().get(words[i].text) ?? kindNouns().get(words[i].text.replace(/s$/, ''));
  const of = (r: Analysis['references'][number]) =>
    !!r.resolved?.length && r.resolved.every((t) => kindFamily(t) !== undefined && kindFamily(t) !== kind);
  return a.references.some((r) => {
    if (!of(r)) return false;
    const last = words.indexOf(r.words[r.words.length - 1]);
    if (last >= 0 && last + 1 === i && !words[i].gap) return true;
    let k = i + 1;
    if (!PART_OF.has(words[k]?.text ?? '') || words[k].gap) return false;
    k++;
    while (k < words.length && FILLER.has(words[k].text) && !words[k].gap) k++;
    // "the volumes of the irish bastion": a place taken out before the name (a value) leaves no clause between.
    return words[k] === r.words[0] && (!words[k].gap || !!words[k].afterValue);
  });
}

/**
 * "restart the grafana box? every panel is blank": a quantifier in a later clause than a resource the inventory
 * resolved, with no kind of resource in its clause, counts parts of the story (panels), not resources.
 */
function toldAfterNamed(a: Analysis, i: number): boolean {
  const words = a.words;
  const named = a.references.find((r) => r.resolved);
  if (!named) return false;
  const end = words.indexOf(named.words[named.words.length - 1]);
  if (end < 0 || end >= i || !words.slice(end + 1, i + 1).some((w) => w.gap)) return false;
  for (let j = i + 1; j < words.length && !words[j].gap; j++) if (words[j].role === 'kind') return false;
  return true;
}

function sharedPlural(a: Analysis, r: Analysis['references'][number]): boolean {
  const last = r.words[r.words.length - 1];
  const before = a.words[a.words.indexOf(r.words[0]) - 1];
  return (
    r.words.length >= 2 &&
    r.words.every((w) => !w.gap || w === r.words[0]) &&
    // "the main postgres": an engine's name ends in an s, it is no plural.
    last.role !== 'engine' &&
    /^[a-z]{3,}s$/.test(last.text) &&
    !/(?:ss|us|is)$/.test(last.text) &&
    !MEASURES.has(last.text) &&
    !SINGULAR_IN_S.has(last.text) &&
    // "the pg staging database keeps dropping …": a verb said of the subject, not a plural.
    !TOLD_OF.has(last.text) &&
    !!before &&
    COUNT_BEFORE.has(before.text) &&
    // "… until the investigation concludes": the subject of a clause saying when, and its verb, are no set.
    !SUBORDINATORS.has(a.words[a.words.indexOf(before) - 1]?.text ?? '')
  );
}

const TOLD_OF = new Set([
  'keeps',
  'needs',
  'seems',
  'looks',
  'gets',
  'goes',
  'runs',
  'throws',
  'shows',
  'says',
  'fails',
  'crashes',
  'hangs',
]);
const SUBORDINATORS = new Set(['until', 'till', 'before', 'after', 'when', 'while', 'once', 'unless', 'since', 'because', 'as']);

/** Words ending in an s that are no plural: platforms and tools ("the data team's windows server", "the jenkins box"). */
const SINGULAR_IN_S = new Set([
  'windows',
  'jenkins',
  'kubernetes',
  'redis',
  'aws',
  'analytics',
  'devops',
  'finops',
  'ops',
  'metrics',
  'atlas',
  // "the box the data team owns": a verb, not a plural.
  'owns',
  'uses',
  'runs',
  'needs',
]);

/** The quantifier at `i` counts resources, rather than the parts of one named resource or a figure of speech. */
function quantifies(words: Word[], i: number): boolean {
  const next = words[i + 1];
  if (!next) return false;
  if (NOT_A_QUANTITY_AFTER.has(next.text) || (next.text === 'the' && words[i + 2]?.text === 'time')) return false;
  if (NOT_A_QUANTITY_BEFORE.has(words[i - 1]?.text ?? '') && words[i].text === 'all') return false;
  // "block all public access on X": what the request does, not how many.
  if (words[i].text === 'all' && next.text === 'public' && words[i + 2]?.text === 'access') return false;
  // "the connections are all stuck", "they were all timing out": how every one of something is, said of the story.
  if (words[i].text === 'all' && COPULAS.has(words[i - 1]?.text ?? '') && next.role !== 'kind' && !FILLER.has(next.text)) return false;
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

const NUMBER_WORDS: Readonly<Record<string, number>> = lookupTable({ ...cardinals(10), a: 1, single: 1 });
const NUM = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
/** "one at a time", "2 at once", "in batches of three", "in pairs", "one by one", "sequentially". */
const CONCURRENCY: [RegExp, (m: RegExpMatchArray) => number][] = [
  [new RegExp(`\\b${NUM}\\s+(?:at\\s+a\\s+time|at\\s+once|in\\s+parallel|concurrently|simultaneously)\\b`), (m) => count(m[1])],
  [new RegExp(`\\b(?:in\\s+)?(?:batch(?:es)?|groups?|waves?|chunks?)\\s+of\\s+${NUM}\\b`), (m) => count(m[1])],
  [/\b(?:in\s+pairs|two\s+by\s+two|2\s+by\s+2)\b/, () => 2],
  [
    new RegExp(
      String.raw`\b(?:one\s+(?:by|after)\s+(?:one|another|the\s+other)|sequentially|serially|` +
        String.raw`in\s+sequence|in\s+turn|rolling|rolling\s+(?:restart|reboot))\b`,
    ),
    () => 1,
  ],
];
const UNIT = '(s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?)';
/** "wait 5 minutes between", "with a 30s pause between each", "10 min apart", "pause 2m between them". */
const PAUSE = [
  new RegExp(`\\b(?:wait(?:ing)?|pause|pausing|sleep|gap|delay|leave)\\s+(?:of\\s+)?(?:for\\s+)?(?:a\\s+)?${NUM}\\s*${UNIT}\\b`),
  new RegExp(`\\b${NUM}\\s*${UNIT}\\s+(?:pause|wait|gap|delay|break)\\b`),
  new RegExp(`\\b${NUM}\\s*${UNIT}\\s+(?:apart|between)\\b`),
];

function count(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

/** Plural words that measure (time, size, share) rather than count resources. */
const MEASURES = new Set([
  'days',
  'weeks',
  'months',
  'years',
  'hours',
  'snapshots',
  'minutes',
  'mins',
  'secs',
  'seconds',
  'hrs',
  'gbs',
  'gigs',
  'tbs',
  'mbs',
  'cpus',
  'vcpus',
  'percents',
  'times',
  'tasks',
  'replicas',
]);
const COUNT_BEFORE = new Set(['the', 'those', 'these', 'all', 'our', 'my', 'your']);

/**
 * "reboot 30 web servers", "restart the 3 kafka brokers", "stop two staging boxes": a number (2 or more)
 * right after the verb or "the", then a few words ending in a plural that is not a measure ("5 minutes",
 * "30 days"), none of them a resource's name. Not a pace ("two at a time"): no plural follows.
 */
export function countOf(a: Analysis): { count: number; words: string[] } | undefined {
  const words = a.words;
  for (const [i, w] of words.entries()) {
    const n = /^\d{1,4}$/.test(w.text) ? Number(w.text) : (NUMBER_WORDS[w.text] ?? 0);
    if (n < 2 || w.text === 'a' || w.text === 'single') continue;
    const before = words[i - 1];
    if (before && before.role !== 'intent' && !COUNT_BEFORE.has(before.text)) continue;
    for (let j = i + 1; j < Math.min(words.length, i + 5); j++) {
      const x = words[j];
      if (x.gap || (x.role === 'name' && isStrongName(x.text))) break;
      if (MEASURES.has(x.text)) break;
      if (pluralKindNouns().has(x.text) || (/^[a-z]{3,}s$/.test(x.text) && !x.text.endsWith('ss'))) {
        if (
          words[j + 1] &&
          !words[j + 1].gap &&
          /^(?:at|by|in)$/.test(words[j + 1].text) &&
          /^(?:a|time|once|one)$/.test(words[j + 2]?.text ?? '')
        )
          break;
        return { count: n, words: words.slice(i, j + 1).map((y) => y.text) };
      }
    }
  }
  return undefined;
}

/** How the request says to roll out over a set: `concurrency` at once, `pauseSeconds` between. */
export function rollout(norm: string): { concurrency?: number; pauseSeconds?: number; phrase?: boolean } {
  const out: { concurrency?: number; pauseSeconds?: number; phrase?: boolean } = {};
  for (const [re, n] of CONCURRENCY) {
    const m = norm.match(re);
    if (m) {
      out.concurrency = Math.max(1, Math.min(50, n(m)));
      out.phrase = true;
      break;
    }
  }
  for (const re of PAUSE) {
    const m = norm.match(re);
    if (!m) continue;
    const unit = m[2][0];
    out.pauseSeconds = count(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
    out.phrase = true;
    break;
  }
  return out;
}

/** The words of a rollout instruction, taken out of what names the set. */
const ROLLOUT_WORDS = new RegExp(
  `\\b(?:${NUM}\\s+(?:at\\s+a\\s+time|at\\s+once|in\\s+parallel)|(?:in\\s+)` +
    `?(?:batch(?:es)?|groups?|waves?)\\s+of\\s+${NUM}|in\\s+pairs|one\\s+(?:by|after)` +
    `\\s+(?:one|another)|sequentially|rolling|(?:wait(?:ing)?|pause|with)\\b.*)`,
  'g',
);

/** "5 minutes between", "30s apart": a pause read as if it named something. */
const PACE_LEFTOVER = new RegExp(`\\b${NUM}\\s*${UNIT}\\b.*$`);

/** Words that only say which kind of thing or how many: a set described by these alone is not narrowed. */
// Age filters ("older than 30 days", "from 2 weeks ago") say which ones, not what they are called; snapshots
// are not in the inventory, so "all snapshots" names no set the bot can list.
const AGE_WORDS = [
  'snapshot',
  'snapshots',
  'older',
  'newer',
  'than',
  'ago',
  'day',
  'days',
  'week',
  'weeks',
  'month',
  'months',
  'year',
  'years',
  'hour',
  'hours',
];
const NOT_A_NAME = new Set([
  ...AGE_WORDS,
  'the',
  'all',
  'every',
  'each',
  'our',
  'my',
  'of',
  'them',
  'those',
  'these',
  'ones',
  'one',
  'fleet',
  'wide',
  'others',
  'other',
  'rest',
  'too',
  'as',
  'well',
  'and',
  'remaining',
]);
/** Kind nouns come from the resource-kind registry (read when asked: kinds register as their modules load). */
const isNotAName = (w: string): boolean => NOT_A_NAME.has(w) || kindNouns().has(w);

/**
 * The set a request names, for a playbook with one resource parameter: listed names ("web-prod-1
 * web-prod-2", "a, b and c", "a then b"), or the shared words of their names plus tags and where they are.
 * Undefined when nothing narrows it ("terminate every instance"): that is not a set the bot plans.
 */
export function fleetSelector(
  a: Analysis,
  reference: string | undefined,
  listed: string[],
  options: { tagsAreValues: boolean; scope?: ResourceScope },
): FleetSelector | undefined {
  const how = rollout(a.norm);
  const counted = countOf(a);
  const pacing = {
    ...(how.concurrency ? { concurrency: how.concurrency } : {}),
    ...(how.pauseSeconds !== undefined ? { pauseSeconds: how.pauseSeconds } : {}),
    ...(counted ? { count: counted.count } : {}),
  };
  if (reference && listed.length) {
    // Every name the request lists, in the order typed (the references come best first).
    const strong = a.references
      .filter((r) => r.strong && !r.story)
      .sort((x, y) => a.words.indexOf(x.words[0]) - a.words.indexOf(y.words[0]));
    const names = [...new Set(strong.map((r) => r.text))];
    return { names: names.length >= 2 ? names : [reference, ...listed], ...(options.scope ? { scope: options.scope } : {}), ...pacing };
  }
  const tags = options.tagsAreValues ? {} : a.entities.tags;
  // The count is how many, not a part of their names ("30 web servers": names starting web).
  const uncount = (text: string) => (counted ? text.replace(new RegExp(`(?:^|\\s)${counted.words[0]}(?=\\s)`), ' ') : text);
  const clean = (text: string) =>
    uncount(text.toLowerCase()).replace(ROLLOUT_WORDS, ' ').replace(PACE_LEFTOVER, ' ').replace(/\s+/g, ' ').trim();
  const naming = (text: string) => text.split(/[\s-]+/).some((w) => w && !isNotAName(w) && !/^\d+[a-z]*$/.test(w));
  // The best reference may be the pace ("30s between"): the first one that names something is the set.
  // The kind word after the name stays with it ("the cache nodes"): it may be part of the names
  // (cache-node-01); the set reader tries it first and drops it when no name has it.
  const withKind = (text: string) => {
    const r = a.references.find((x) => x.text === text);
    const last = r?.words[r.words.length - 1];
    const next = last ? a.words[a.words.indexOf(last) + 1] : undefined;
    return next && !next.gap && next.role === 'kind' ? `${text} ${next.text}` : text;
  };
  // Words of the pace itself ("time" of "50 at a time") name nothing.
  const pace = [...CONCURRENCY.map(([re]) => re), ...PAUSE].map((re) => a.norm.match(re)?.[0]).filter((m): m is string => !!m);
  const inPace = (t: string) => pace.some((m) => ` ${m} `.includes(` ${t} `));
  // "staging two" of "every instance in staging two at a time": the pace's first word is not a name's last.
  const offPace = (t: string) => pace.reduce((text, m) => text.replace(new RegExp(`\\s+${m.split(' ')[0]}$`), ''), t);
  const said = [reference ?? '', ...a.references.map((r) => r.text)].map(offPace).find((t) => !inPace(t) && naming(clean(t)));
  // Nothing else names it: the reference left may be a word of the pace itself ("time" of "one at a time").
  const leftover = offPace(reference ?? '');
  let prefix = said !== undefined ? clean(withKind(said)) : inPace(leftover) ? '' : clean(leftover);
  let where = options.scope;
  // "every production database": the environment is where they are, not a part of their names.
  const words = prefix.split(/\s+/).filter(Boolean);
  const env = words.find((w) => ENVIRONMENTS.has(w));
  if (env && words.every((w) => w === env || isNotAName(w))) {
    where = { ...where, environment: where?.environment ?? env };
    prefix = '';
  }
  // "every gp2 volume", "all the volumes still on gp2": the volume type the members have (not the "to gp3" asked for).
  const facts = sharedFacts(a.norm);
  if (facts && words.every((w) => VOLUME_TYPES.test(w) || isNotAName(w))) prefix = '';
  const named = naming(prefix);
  // Only where they are, and that is a region or an account ("terminate all instances in us-east-1"):
  // everything there, which is refused. An environment ("every instance in staging") is a set.
  if (!named && !Object.keys(tags).length && !where?.environment && !facts) return undefined;
  return {
    ...(named ? { prefix } : {}),
    ...(Object.keys(tags).length ? { tags } : {}),
    ...(facts ? { facts } : {}),
    ...(where ? { scope: where } : {}),
    ...pacing,
  };
}

const VOLUME_TYPES = /^(?:gp2|gp3|io1|io2|st1|sc1)$/;
const VOLUME_TYPE = String.raw`(gp2|gp3|io1|io2|st1|sc1|magnetic)`;
const VOLUME_NOUN = String.raw`(?:ebs\s+)?(?:volumes?|disks?|drives?)`;
/** A fact the set shares as the request says it: the volume type of "every gp2 volume", "the volumes still on gp2". */
function sharedFacts(norm: string): Record<string, string> | undefined {
  const m =
    new RegExp(String.raw`(?<!\b(?:to|into|onto|from)\s+)(?<![\w-])${VOLUME_TYPE}\s+${VOLUME_NOUN}\b`).exec(norm) ??
    new RegExp(String.raw`\b${VOLUME_NOUN}\s+(?:that\s+are\s+|which\s+are\s+|still\s+)*(?:on|of\s+type|using|in)\s+${VOLUME_TYPE}\b`).exec(
      norm,
    ) ??
    // "change all volumes gp2 to gp3": the type right after the noun, then the one asked for.
    new RegExp(String.raw`\b${VOLUME_NOUN}\s+${VOLUME_TYPE}\s+(?:to|into|->|=>)\s`).exec(norm);
  if (!m) return undefined;
  return { volumeType: m[1] === 'magnetic' ? 'standard' : m[1] };
}
