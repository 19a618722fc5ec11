/**
 * Fill a playbook's parameters from an analysed request, by parameter type. Resource parameters get
 * the words that name the resource (handed to the resolver as text); values get what was found in the
 * text, made concrete (a period becomes dates).
 */
import { isResourceParameter, type Playbook, type PlaybookParameter, lookupTable } from '../core';
import type { Analysis } from './analyse';
import { isServiceKind, SYNONYMS, STOP_WORDS, TAG_KEY_WORDS } from './lexicon';
import { isStrongName, tokenize } from './text';

export function fillParams(p: Playbook, a: Analysis): Record<string, string> {
  const out: Record<string, string> = {};
  let ref = 0;
  // "scale the web asg to 6": the count is a value, not a resource name.
  const counts = p.parameters.filter((x) => x.type === 'number').map((x) => numberFor(x.name, a.norm));
  const values = counts.filter((c): c is string => c !== undefined);
  const references = values.length
    ? a.references.filter((r) => !values.some((c) => r.text === c || r.text.startsWith(`${c} `)))
    : [...a.references];
  // "…, throttle it": the pronoun is the resource of the kind the action takes.
  const saysIt = a.words.some((w) => w.text === 'it');
  for (const param of p.parameters) {
    if (isResourceParameter(param) && saysIt) ref = ofItsKind(references, ref, param.type);
    // "restart the checkout service": the service's name was taken as a unit name; for a kind called a service it names the resource.
    // "a spike at 9, can the search-api service run 6 tasks": a service said as one beats loose words that are no name.
    const service = isServiceKind(param.type) && !a.entities.serviceOnHost ? a.entities.services[0] : undefined;
    const v = isResourceParameter(param)
      ? service && references[ref] && !references[ref].strong && !references[ref].named
        ? (ref++, service)
        : (references[ref++]?.text ?? service)
      : valueFor(param, a);
    if (v !== undefined && v !== '') out[param.name] = isResourceParameter(param) ? bucketOfArn(v) : v;
  }
  return out;
}

/**
 * "orders-db is hammered by image-resizer, throttle it": of the resources the inventory resolves, the one of the kind
 * the parameter takes is what "it" means, not the first told (a database when a function is throttled). Moved to the front only
 * when the next one is of other kinds alone and exactly one later one is of this kind; otherwise `at` as it was.
 */
function ofItsKind(references: Analysis['references'], at: number, type: string): number {
  const next = references[at];
  if (!next?.resolved?.length || next.resolved.includes(type)) return at;
  // A name told in a clause before the request ("invoices-db alerts are noisy but reboot relay-edge-4") is story.
  const fits = references.map((r, i) => (i > at && !r.story && r.resolved?.includes(type) ? i : -1)).filter((i) => i >= 0);
  if (fits.length !== 1) return at;
  const [moved] = references.splice(fits[0], 1);
  references.splice(at, 0, moved);
  return at;
}

/** "arn:aws:s3:::acme-prod-logs" (a bucket's ARN, pasted from a finding) names the bucket: its name is the ARN's last part. */
function bucketOfArn(v: string): string {
  return /^arn:aws[\w-]*:s3:::([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/i.exec(v)?.[1] ?? v;
}

/** Words that add a resource to the list. "or" offers a choice instead (`eitherOf`); "then" is one after another. */
const LISTING = new Set(['and', 'plus', 'also', 'then']);

/**
 * Resources named beside the one a single-resource playbook takes, as a list ("stop web-prod-1 and
 * web-prod-2", "web-prod-1, web-prod-2", "web-prod-1 web-prod-2"): real names only, each after "and",
 * a comma or another name.
 */
export function alsoNamed(p: Playbook, a: Analysis): string[] {
  const used = p.parameters.filter(isResourceParameter).length;
  if (used !== 1) return [];
  const first = a.references[0];
  if (!first?.strong) return [];
  const at = (r: (typeof a.references)[number]) => a.words.indexOf(r.words[0]);
  // After "and" or a comma, or right after another name ("stop web-prod-1 web-prod-2"); "and the web-prod-2
  // box" is listed too (the article once made the longer "web-prod-2 box" the only resource planned).
  const listed = (r: (typeof a.references)[number]) => {
    let i = at(r);
    if (i <= 0) return false;
    if (r.words[0].gap) return true;
    while (i > 1 && ARTICLES.has(a.words[i - 1].text) && !a.words[i - 1].gap) i--;
    const before = a.words[i - 1];
    return a.words[i].gap || LISTING.has(before.text) || (before.role === 'name' && isStrongName(before.text));
  };
  // In the order typed: the first name leads the list, each other one must be listed after it.
  const strong = a.references.filter((r) => r.strong && !r.story && at(r) >= 0).sort((x, y) => at(x) - at(y));
  const chain = strong.filter((r, i) => i === 0 || listed(r)).map((r) => r.text);
  if (chain.length < 2 || !chain.includes(first.text)) return [];
  return chain.filter((t, i, all) => t !== first.text && all.indexOf(t) === i);
}

const ARTICLES = new Set(['the', 'a', 'an', 'that', 'this']);

/**
 * "stop web-prod-1 or web-prod-2", "either A or B": a choice between named resources for a playbook that
 * takes one. Planning both would do what was not asked, planning the first would guess: the names, to ask.
 */
export function eitherOf(p: Playbook, a: Analysis): string[] {
  if (p.parameters.filter(isResourceParameter).length !== 1) return [];
  const strong = a.references.filter((r) => r.strong);
  const offered = strong.filter((r, i) => {
    const at = a.words.indexOf(r.words[0]);
    return i > 0 && at > 0 && a.words[at - 1].text === 'or';
  });
  if (!offered.length) return [];
  return [...new Set(strong.map((r) => r.text))];
}

function valueFor(param: PlaybookParameter, a: Analysis): string | undefined {
  const e = a.entities;
  switch (param.type) {
    case 'instance-type':
      return e.instanceTypes[0];
    case 'service-name':
      return e.services[0];
    case 'tags':
      return Object.keys(e.tags).length ? formatTags(e.tags) : undefined;
    case 'period':
      return e.period;
    case 'tag-key':
      return tagKeyIn(a.norm);
    case 'query':
      return queryOf(a);
    case 'enum':
      return enumIn(param, a);
    case 'boolean':
      return booleanIn(param, a.norm);
    case 'number':
      return numberFor(param.name, a.norm);
    case 'account':
      // "in the staging account", "in staging", "what did staging cost": the account as the user named it.
      return e.accounts[0] ?? e.environments[0] ?? a.words.find((w) => w.role === 'env')?.text;
    default:
      return undefined;
  }
}

export function formatTags(tags: Record<string, string>): string {
  return Object.entries(tags)
    .map(([k, v]) => `${k}=${/[\s,]/.test(v) || v === '' ? `"${v}"` : v}`)
    .join(' ');
}

const NOT_A_KEY = new Set([
  ...STOP_WORDS,
  'missing',
  'required',
  'mandatory',
  'compliance',
  'tag',
  'tags',
  'untagged',
  'report',
  'resources',
  'resource',
  'instances',
  'instance',
  'everything',
  'anything',
  'proper',
  'our',
  'cost',
]);

/** "missing the owner tag", "without an owner", "for cost-center" -> the tag key. */
export function tagKeyIn(norm: string): string | undefined {
  const ok = (k: string | undefined) => (k && !NOT_A_KEY.has(k) && !SYNONYMS.has(k) ? k : undefined);
  const tagged = /\b([a-z][\w.:/-]*)\s+(?:tag|label)s?\b/g;
  for (const m of norm.matchAll(tagged)) if (ok(m[1])) return m[1];
  const phrased = new RegExp(
    String.raw`\b(?:missing|without|lacks?|lacking|no|(?:dont|doesnt|didnt|do not|does not|did not)` +
      String.raw`\s+have|(?:isnt|arent|not)\s+tagged\s+with|tagged\s+with|for)\s+(?:an?\s+|the\s+|` +
      String.raw`any\s+|its\s+|their\s+|a\s+proper\s+)?([a-z][\w.:/-]*)`,
    'g',
  );
  for (const m of norm.matchAll(phrased)) if (ok(m[1]) && TAG_KEY_WORDS.has(m[1])) return m[1];
  return undefined;
}

const QUERY_VERBS = new Set([
  'find',
  'search',
  'lookup',
  'look',
  'locate',
  'list',
  'show',
  'display',
  'get',
  'give',
  'where',
  'which',
  'what',
  'whats',
  'is',
  'are',
  'there',
  'any',
  'inventory',
  'live',
  'lives',
  'located',
  'called',
  'named',
  'id',
  'ids',
]);

/** What to look for: the names, tags and words left once the asking is taken away. */
export function queryOf(a: Analysis): string | undefined {
  // "owned by payments", "belonging to data": the owner tag, as the estate writes it.
  const owner = /\b(?:owned\s+by|belong(?:s|ing)?\s+to|that\s+belong\s+to)\s+(?:the\s+)?([a-z][\w.-]*)/.exec(a.norm);
  const entityTags = owner ? { ...a.entities.tags, owner: owner[1] } : a.entities.tags;
  const regions = a.entities.regions;
  // A region looks like a name (`eu-west-1`) but is a filter: it never stands for the whole query.
  const strong = tokenize(a.norm).filter((t) => isStrongName(t.text) && !t.text.includes('=') && !regions.includes(t.text));
  const tagged = Object.entries(entityTags).map(([k, v]) => `${k}=${v}`);
  if (strong.length && !tagged.length) return [...strong.map((t) => t.text), ...regions].join(' ');
  const skip = new Set(owner ? [...tokenize(owner[0]).map((t) => t.text)] : []);
  const words = tokenize(a.norm)
    .map((t) => t.text)
    .filter((w) => !skip.has(w) && !QUERY_VERBS.has(w) && (!STOP_WORDS.has(w) || w === 'running') && !w.includes('='));
  const q = [...words, ...tagged].join(' ').trim();
  return q || undefined;
}

function enumIn(param: PlaybookParameter, a: Analysis): string | undefined {
  const values = param.enum ?? [];
  if (a.entities.groupBy && values.includes(a.entities.groupBy)) return a.entities.groupBy;
  for (const v of values) if (new RegExp(`\\b(?:by|per)\\s+${escape(v)}s?\\b`).test(a.norm)) return v;
  return undefined;
}

const BOOLEAN_WORDS: Readonly<Record<string, string>> = lookupTable({
  failover: 'fail[ -]?over',
  snapshot: 'snap[ -]?shot|backup|back up',
});

/** Words that say an option's thing is not wanted ("no need for a snapshot", "skip the backup"). */
const NEGATIONS = String.raw`no|without|dont|don't|do\s+not|skip|skipping|forget|not|never|nor`;

/** "don't skip the snapshot", "do not forget the backup", "never go without a snapshot": the thing is wanted (qa 18f). */
function doubleNegative(between: string | undefined): boolean {
  return /\b(?:skip|skipping|forget|omit|miss|without|no)\b/.test(between ?? '');
}

/** A yes/no option named in the request ("with failover" -> true, "without a snapshot" -> false). */
function booleanIn(param: PlaybookParameter, norm: string): string | undefined {
  // "skip_snapshot": an option that leaves something out is true where that thing is said not to be wanted ("no need
  // for a snapshot", "skip the snapshot", "don't bother snapshotting it"); asked for, it keeps its default.
  const skipped = /^(?:skip|no)_(\w+)$/.exec(param.name)?.[1];
  if (skipped) {
    const thing = BOOLEAN_WORDS[skipped] ?? escape(skipped);
    const m = new RegExp(`(?:\\b(${NEGATIONS})\\s+((?:\\w+\\s+){0,3}))?\\b(?:${thing})(?:s|ting|ted|ing)?\\b`).exec(norm);
    return m?.[1] && !doubleNegative(m[2]) ? 'true' : undefined;
  }
  const name = BOOLEAN_WORDS[param.name] ?? param.name.split('_').map(escape).join('[ _-]?');
  const m = new RegExp(`(?:\\b(no|without|dont|skip|forget|never|not)\\s+((?:\\w+\\s+){0,2}))?\\b(?:${name})\\b`).exec(norm);
  if (!m) return undefined;
  return m[1] && !doubleNegative(m[2]) ? 'false' : 'true';
}

/** "scale the web asg to 6", "set concurrency of x to 50", "desired count 3": the count asked for (never a number inside a name). */
export function numberIn(norm: string): string | undefined {
  // "max of 10", "min = 2" are bounds (numberFor), not the count.
  const found = [
    ...norm.matchAll(
      /(?<!\b(?:min|max|minimum|maximum)(?:\s+size)?\s*)(?:^|\s)(?:to|at|of|=|count|capacity|concurrency)\s*(\d{1,6})(?=\s|$|[.,!?])/g,
    ),
  ];
  return found.length ? String(Number(found[found.length - 1][1])) : undefined;
}

/**
 * A number parameter by its name: `min`/`min_size` and `max`/`max_size` take the bound the request names
 * ("min 2", "max of 10", "maximum size 8"); any other takes the count asked for (numberIn).
 */
export function numberFor(name: string, norm: string): string | undefined {
  const bound = /^(min|max)(?:_?size)?$/.exec(name)?.[1];
  if (!bound) return numberIn(norm);
  const word = bound === 'min' ? 'min(?:imum)?' : 'max(?:imum)?';
  const m = new RegExp(`\\b${word}(?:\\s+size)?\\s*(?:of|to|=|at|is)?\\s*(\\d{1,6})(?=\\s|$|[.,!?])`).exec(norm);
  return m ? String(Number(m[1])) : undefined;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
