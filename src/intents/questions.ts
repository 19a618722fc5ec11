/**
 * Direct questions about the estate, answered from the inventory rather than offered as a button:
 * "is web-prod-1 running?", "what's running in staging?", "who owns grafana?", "when was orders-db last
 * snapshotted?". Only a question and nothing else: "is web-prod-1 running? stop it" is a request.
 */
import { ENVIRONMENTS } from './lexicon';

export type DirectQuestion =
  | { kind: 'state'; name: string; asked: string }
  | { kind: 'running'; where: { environment?: string; region?: string; account?: string } }
  | { kind: 'owner'; name: string }
  | { kind: 'snapshot'; name: string };

const NAME = `(?:the\\s+)?(?<name>[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]*(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}_.:/-]*){0,3}?)`;
const END = `\\s*[?.!]*\\s*$`;
const STATES = '(?<state>running|up|down|stopped|started|available|online|offline|alive|healthy|on|off|dead|ok|okay|reachable|live)';
const KIND = `(?:\\s+(?:instance|server|box|host|vm|db|database|rds|volume|machine))?`;

const STATE = [
  new RegExp(
    `^(?:is|are|isn'?t)\\s+${NAME}${KIND}\\s+(?:still\\s+|currently\\s+|actually\\s+)?${STATES}(?:\\s+(?:right\\s+)?now)?${END}`,
    'u',
  ),
  new RegExp(`^(?:what(?:'?s|\\s+is)\\s+)?(?:the\\s+)?(?:state|status)\\s+(?:of|for)\\s+${NAME}${KIND}${END}`, 'u'),
  new RegExp(`^(?:what|which)\\s+state\\s+is\\s+${NAME}${KIND}\\s+in${END}`, 'u'),
  new RegExp(`^(?:how(?:'?s|\\s+is)\\s+)${NAME}${KIND}\\s+doing${END}`, 'u'),
];
const WHERE = `(?<where>[a-z]{2}(?:-[a-z]+)+-\\d|\\d{12}|[a-z][\\w-]*)`;
const RUNNING = [
  new RegExp(
    `^(?:what(?:'?s|\\s+is|\\s+are)?|(?:is|are)\\s+(?:there\\s+)?(?:anything|something|` +
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
    .replace(/\s+/g, ' ');
  // "whats running in staging", "hows web-prod-1 doing": typed without the apostrophe or the question mark.
  if (
    !/[?]\s*$/.test(t) &&
    !/^(?:is|are|who(?:'?s)?|what(?:'?s)?|when|which|whose|how(?:'?s)?|does|has|list|status|state|owner|last|latest)\b/.test(t)
  )
    return undefined;
  for (const re of STATE) {
    const m = re.exec(t);
    if (m?.groups && plausibleName(m.groups.name)) return { kind: 'state', name: m.groups.name, asked: m.groups.state ?? 'status' };
  }
  for (const re of RUNNING) {
    const m = re.exec(t);
    if (m?.groups) {
      const w = m.groups.where;
      if (/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(w)) return { kind: 'running', where: { region: w } };
      if (ENVIRONMENTS.has(w)) return { kind: 'running', where: { environment: w } };
      return { kind: 'running', where: { account: w } };
    }
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

/** "it", "this", "that thing" name nothing on their own. */
function plausibleName(name: string | undefined): boolean {
  return !!name && !/^(?:it|this|that|they|them|this one|that one|everything|anything|something|you|i|we)$/.test(name);
}
