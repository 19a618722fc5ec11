/**
 * Direct questions about the estate, answered from the inventory rather than offered as a button:
 * "is web-prod-1 running?", "what's running in staging?", "who owns grafana?", "when was orders-db last
 * snapshotted?". Only a question and nothing else: "is web-prod-1 running? stop it" is a request.
 */
import { ENVIRONMENTS, REGION_NICKNAMES } from './lexicon';

/**
 * Where a question looks: an environment, a region (or a part of one: "east" is any `*-east-*` region,
 * "eu" any `eu-*`), an account by id or alias. "prod east" is both an environment and a part of a region.
 */
export interface QuestionPlace {
  environment?: string;
  region?: string;
  /** A part of a region's code: `east` (us-east-1, ap-southeast-2 is not), `eu`, `us-west`. */
  regionPart?: string;
  account?: string;
}

export type DirectQuestion =
  | { kind: 'state'; name: string; asked: string }
  | { kind: 'running'; where: QuestionPlace }
  /** "how many instances in eu-west-1": `types` undefined counts every kind; `state` only those running or stopped. */
  | { kind: 'count'; what: string; types?: string[]; where: QuestionPlace; state?: 'running' | 'stopped' }
  | { kind: 'owner'; name: string }
  | { kind: 'snapshot'; name: string };

const NAME = `(?:the\\s+)?(?<name>[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]*(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]*){0,3}?)`;
const END = `\\s*[?.!]*\\s*$`;
const STATES = '(?<state>running|up|down|stopped|started|available|online|offline|alive|healthy|on|off|dead|ok|okay|reachable|live)';
const KIND =
  `(?:\\s+(?:instance|server|box|host|vm|db|database|rds|volume|machine|service|ecs\\s+service|cluster|` +
  `eks\\s+cluster|function|lambda|bucket|node\\s*group|asg|auto\\s*scaling\\s+group))?`;

const STATE = [
  new RegExp(
    // Round 9: "is web-prod-1 even running rn?", "is orders-db really up atm".
    `^(?:is|are|isn'?t)\\s+${NAME}${KIND}\\s+(?:(?:still|currently|actually|even|really)\\s+)?${STATES}` +
      `(?:\\s+(?:(?:right\\s+)?now|rn|atm|at\\s+the\\s+moment|or\\s+not))?${END}`,
    'u',
  ),
  new RegExp(`^(?:what(?:'?s|\\s+is)\\s+)?(?:the\\s+)?(?:state|status)\\s+(?:of|for)\\s+${NAME}${KIND}${END}`, 'u'),
  new RegExp(`^(?:what|which)\\s+state\\s+is\\s+${NAME}${KIND}\\s+in${END}`, 'u'),
  new RegExp(`^(?:how(?:'?s|\\s+is)\\s+)${NAME}${KIND}\\s+doing${END}`, 'u'),
];
// One to three words, read by placeOf: "staging", "us-east-1", "prod east", "the eu staging account".
const WHERE = `(?<where>[a-z0-9][\\w-]*(?:\\s+(?!now\\b|right\\b)[a-z0-9][\\w-]*){0,2}?)`;
const RUNNING = [
  new RegExp(
    `^(?:what(?:'?s|\\s+is|\\s+are)?|(?:(?:is|are)\\s+(?:there\\s+)?)?(?:anything|something|` +
      `any\\s+(?:instances|servers|boxes|hosts|databases|dbs))(?:\\s+still)?|(?:which|what)` +
      `\\s+(?:instances|servers|resources|databases|boxes|hosts)(?:\\s+are)?|` +
      `list\\s+(?:what(?:'?s|\\s+is)?|everything))\\s+(?:currently\\s+|still\\s+)` +
      `?(?:running|up|on|live|alive)\\s+(?:in|on)\\s+(?:the\\s+)?${WHERE}(?:\\s+(?:env|` +
      `environment|account|region))?(?:\\s+(?:right\\s+)?now)?${END}`,
    'u',
  ),
  new RegExp(
    `^what\\s+(?:do\\s+we\\s+have|have\\s+we\\s+got)\\s+running\\s+in\\s+(?:the\\s+)?` +
      `${WHERE}(?:\\s+(?:env|environment|account|region))?${END}`,
    'u',
  ),
];
const STATE_WORD = `(?<state>running|up|on|live|alive|stopped|down|off)`;
const COUNT = [
  // "how many instances in eu-west-1", "how many dbs do we have in staging", "how many servers are running in prod east"
  new RegExp(
    `^how\\s+many\\s+(?:(?<pre>running|stopped|live|down)\\s+)?(?<what>[a-z][\\w-]*(?:\\s+[a-z][\\w-]*){0,2}?)` +
      `(?:\\s+(?:are\\s+there|is\\s+there|` +
      `do\\s+we\\s+have|have\\s+we\\s+got|we\\s+have|are|exist|there\\s+are))?(?:\\s+(?:currently\\s+|still\\s+)?` +
      `${STATE_WORD})?(?:\\s+(?:in|on)\\s+(?:the\\s+)?${WHERE}(?:\\s+(?:env|environment|account|region))?)?` +
      `(?:\\s+(?:right\\s+)?now)?${END}`,
    'u',
  ),
  // "any dbs down in staging?", "are there any instances stopped in prod", "anything down in prod east?"
  new RegExp(
    `^(?:(?:is|are)\\s+(?:there\\s+)?)?(?:any\\s+(?<what>[a-z][\\w-]*(?:\\s+[a-z][\\w-]*)?)|(?<anything>anything|something))` +
      `\\s+(?:currently\\s+|still\\s+)?(?<state>stopped|down|off)\\s+(?:in|on)\\s+(?:the\\s+)?${WHERE}` +
      `(?:\\s+(?:env|environment|account|region))?(?:\\s+(?:right\\s+)?now)?${END}`,
    'u',
  ),
];

/** The kinds a counted word means ("how many dbs"); `undefined` types: every kind ("resources"). */
const COUNTED: [RegExp, string[] | undefined][] = [
  [/^(?:ec2\s+)?(?:instances?|servers?|boxes|box|hosts?|vms?|machines?|ec2s?)$/, ['ec2-instance']],
  [/^(?:rds\s+)?(?:databases?|dbs?|rds(?:\s+instances?)?|database\s+instances?)$/, ['rds-instance']],
  [/^(?:ebs\s+)?(?:volumes?|disks?)$/, ['ebs-volume']],
  [/^(?:lambda\s+)?(?:functions?|lambdas?)$/, ['lambda-function']],
  [/^(?:s3\s+)?buckets?$/, ['s3-bucket']],
  [/^(?:ecs\s+)?services?$/, ['ecs-service']],
  [/^(?:eks\s+|kubernetes\s+|k8s\s+)?clusters?$/, ['eks-cluster']],
  [/^(?:eks\s+)?(?:node\s*groups?)$/, ['eks-nodegroup']],
  [/^(?:auto\s*scaling\s+groups?|asgs?)$/, ['autoscaling-group']],
  [/^(?:aws\s+)?(?:resources?|things)$/, undefined],
];

const OWNER = [
  new RegExp(
    `^who(?:'?s|\\s+is)?\\s+(?:owns|own|is\\s+responsible\\s+for|responsible\\s+for|` +
      `the\\s+owner\\s+of|owner\\s+of|looks\\s+after|on\\s+the\\s+hook\\s+for)\\s+${NAME}` +
      `${KIND}${END}`,
    'u',
  ),
  new RegExp(`^(?:whose|who\\s+owns)\\s+${NAME}${KIND}${END}`, 'u'),
  new RegExp(`^(?:what\\s+team\\s+owns|which\\s+team\\s+owns|owner\\s+of)\\s+${NAME}${KIND}${END}`, 'u'),
];
const SNAPSHOT = [
  new RegExp(
    `^when\\s+(?:was|were|did)\\s+${NAME}${KIND}\\s+(?:last\\s+)?(?:(?:get|got|been)\\s+)` +
      `?(?:snapshotted|snapshot|snapshoted|backed\\s+up|back\\s+up)(?:\\s+last)?${END}`,
    'u',
  ),
  new RegExp(
    `^(?:(?:when|what|which)(?:'?s|\\s+is|\\s+was)\\s+)?(?:the\\s+)?(?:last|latest|` +
      `newest|most\\s+recent)\\s+(?:snapshot|backup)\\s+(?:of|for|on)\\s+${NAME}${KIND}` +
      `${END}`,
    'u',
  ),
  new RegExp(`^(?:does|do|has)\\s+${NAME}${KIND}\\s+(?:have|got)\\s+(?:a\\s+)?(?:recent\\s+)?(?:snapshot|backup)s?${END}`, 'u'),
  // "when did we last snapshot billing-db-prod?", "when did anyone last back up orders-db": the name last.
  new RegExp(
    `^when\\s+(?:did|have|has)\\s+(?:we|you|someone|anyone|somebody|anybody|they)` +
      `\\s+(?:last\\s+)?(?:snapshot|snapshotted|back(?:ed)?\\s+up|backup|` +
      `take\\s+a\\s+(?:snapshot|backup)\\s+of|took\\s+a\\s+(?:snapshot|backup)\\s+of)\\s+` +
      `${NAME}${KIND}(?:\\s+last)?${END}`,
    'u',
  ),
];

/** The question the whole text asks, or undefined when it is anything else (a request, chatter). */
export function directQuestion(text: string): DirectQuestion | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^@?\S*cloudops\S*\s+/, '')
    // Chat markup around the words ("is *web-prod-1* running?", "is `orders-db` up?") and a leading mention.
    .replace(/^<@[\w.-]+>\s*/, '')
    .replace(/[`*~]+/g, '')
    .replace(/(^|\s)_+(?=\S)|(?<=\S)_+(?=\s|[?.!]|$)/g, '$1')
    // A region code said with spaces: "us west 2".
    .replace(/\b([a-z]{2}) ((?:north|south)?(?:east|west)|north|south|central) (\d)\b/g, '$1-$2-$3')
    .replace(/\s+/g, ' ')
    .trim();
  // "whats running in staging", "hows web-prod-1 doing": typed without the apostrophe or the question mark.
  if (
    !/[?]\s*$/.test(t) &&
    !/^(?:is|are|who(?:'?s)?|what(?:'?s)?|when|which|whose|how(?:'?s)?|does|has|list|status|state|owner|last|latest|any(?:thing)?)\b/.test(
      t,
    )
  )
    return undefined;
  for (const re of STATE) {
    const m = re.exec(t);
    if (m?.groups && plausibleName(m.groups.name)) return { kind: 'state', name: m.groups.name, asked: m.groups.state ?? 'status' };
  }
  for (const re of RUNNING) {
    const where = placeOf(re.exec(t)?.groups?.where);
    if (where) return { kind: 'running', where };
  }
  for (const re of COUNT) {
    const m = re.exec(t);
    if (!m?.groups) continue;
    const what = m.groups.what ?? 'resources';
    const counted = COUNTED.find(([w]) => w.test(what));
    const where = m.groups.where === undefined ? {} : placeOf(m.groups.where);
    if (!counted || !where) continue;
    const said = m.groups.state ?? m.groups.pre;
    const state = said ? (/^(?:stopped|down|off)$/.test(said) ? 'stopped' : 'running') : undefined;
    return { kind: 'count', what, ...(counted[1] ? { types: counted[1] } : {}), where, ...(state ? { state } : {}) };
  }
  for (const re of OWNER) {
    const m = re.exec(t);
    if (m?.groups && plausibleName(m.groups.name)) return { kind: 'owner', name: m.groups.name };
  }
  for (const re of SNAPSHOT) {
    const m = re.exec(t);
    if (m?.groups && plausibleName(m.groups.name)) return { kind: 'snapshot', name: m.groups.name };
  }
  return undefined;
}

const REGION_CODE = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
/** Parts of region codes people say on their own: "prod east", "staging eu". */
const REGION_PARTS = new Set(['east', 'west', 'north', 'south', 'central', 'eu', 'us', 'ap', 'europe']);
const PLACE_FILLER = new Set(['the', 'and', 'env', 'environment', 'account', 'region', 'regions']);

/**
 * Read the words after "in": each one an environment, a region, a part of a region or an account. A
 * single other word is an account alias ("in payments"); among several words, one that is none of these
 * makes it not a place (undefined), so "what's running in staging web" is left to the planner.
 */
export function placeOf(words: string | undefined): QuestionPlace | undefined {
  if (!words) return undefined;
  const list = words.split(/\s+/).filter((w) => w && !PLACE_FILLER.has(w));
  if (!list.length) return undefined;
  const place: QuestionPlace = {};
  for (const w of list) {
    if (REGION_CODE.test(w) && !place.region) place.region = w;
    else if (REGION_NICKNAMES[w] && !place.region) place.region = REGION_NICKNAMES[w];
    else if (ENVIRONMENTS.has(w) && !place.environment) place.environment = w;
    else if (REGION_PARTS.has(w)) place.regionPart = place.regionPart ? `${place.regionPart}-${w}` : w === 'europe' ? 'eu' : w;
    else if (/^\d{12}$/.test(w) && !place.account) place.account = w;
    else if (list.length === 1) place.account = w;
    else return undefined;
  }
  return place;
}

/** Does a region code have this part ("east" in us-east-1, "us-east" in us-east-2, "eu" in eu-west-1; "east" is not in "northeast")? */
export function regionHas(region: string, part: string): boolean {
  const have = region.split('-');
  const want = part.split('-');
  return have.some((_, i) => want.every((w, j) => have[i + j] === w));
}

/** "it", "this", "that thing" name nothing on their own. */
function plausibleName(name: string | undefined): boolean {
  return !!name && !/^(?:it|this|that|they|them|this one|that one|everything|anything|something|you|i|we)$/.test(name);
}
