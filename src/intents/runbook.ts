/**
 * Chat decorations and runbook forms, read as the request they carry (issue 18, round 7).
 *
 * - Slack decorations: emoji shortcodes (":pray:", ":fire:") and the bot's own mention ("@cloudops") are never names;
 *   change and incident ticket ids ("#CHG-0931", "INC-4471") are never resources.
 * - Runbook key: value forms ("action: reboot / target: X / reason: … / ticket: …", "target: X | action: …"): the
 *   action asked of the target; the reason, ticket and the other keys are the story and are not read.
 * - Arrows: "X -> t3.xlarge" is a resize, "X -> 3 instances", "X desired capacity -> 8" a count.
 */

const EMOJI = /(?<![\w:]):[a-z0-9_+-]{2,40}:(?![\w:])/gi;
const BOT_MENTION = /(?<![\w@])@(?:cloudops(?:[-_]?bot)?|bot|ops-?bot)\b[,:]?/gi;
/** "#CHG-0931", "INC-4471", "OPS-2210": a ticket id is upper case letters, a dash and digits (or any id after "#"). */
const TICKET = /(?<![\w=-])(?:#[A-Za-z]{2,10}-?\d{1,8}|[A-Z]{2,8}-\d{2,8})(?![\w-])/g;

const TICKET_SAID = /\b(?:ticket|incident|jira|issue)\s*$/i;

const KEYS = [
  'action|target|resource|host|instance',
  'reason|why|ticket|change|incident|jira|priority|env|environment',
  'owner|when|note|notes|impact|requested\\s+by|requester|window',
].join('|');
const FIELD = new RegExp(`^\\s*(${KEYS})\\s*:\\s*(.*)$`, 'i');

/** "action: reboot / target: web-prod-3 / reason: hung": the action said of its target, or undefined when not that form. */
export function runbookRequest(text: string): string | undefined {
  const segments = text.split(/\s+[/|]\s+|\s*\n\s*|\s*;\s*|\s+\|\s*|\s*\|\s+/);
  if (segments.length < 2) return undefined;
  const fields = new Map<string, string>();
  for (const s of segments) {
    const m = FIELD.exec(s);
    if (!m) return undefined;
    fields.set(m[1].toLowerCase().replace(/\s+/g, ' '), m[2].trim());
  }
  const action = fields.get('action');
  const target = fields.get('target') ?? fields.get('resource') ?? fields.get('host') ?? fields.get('instance');
  if (!action || !target) return undefined;
  // "action: snapshot its volumes / target: X": the pronoun is the target.
  if (/\bits\b/i.test(action)) return `${action.replace(/\s*\bits\s+[\w-]+/i, '')} ${target}`;
  if (/\b(?:it|them)\b/i.test(action)) return action.replace(/\b(?:it|them)\b/i, target);
  const env = fields.get('env') ?? fields.get('environment');
  return `${action} ${target}${env ? ` in ${env}` : ''}`;
}

/** Round 10. Conventional-commit types: "fix(X): reboot" is the reboot of X (the scope is the target). */
const COMMIT_TYPES = /^(?:fix|feat|chore|ops|hotfix|perf|refactor|infra|build|ci|revert)$/;
/** Keys of a request written as an object that name its target, and those that carry its number. */
const TARGET_KEYS =
  /^(?:fn|func|function|name|target|resource|instance|host|db|database|bucket|group|asg|nodegroup|cluster|service|volume|id)$/;
const NUMBER_KEYS = /^(?:value|count|n|num|size|to|concurrency|desired|capacity|replicas|nodes)$/;
const ACTION_KEYS = /^(?:action|op|operation|cmd|command|do|verb)$/;

/** "snapshot=true", "skip_snapshot: true": an option written as code, said in words. */
function options(args: string): string {
  return args
    .replace(/\bskip[_-]?snapshot\s*[=:]\s*(?:true|yes|1)\b/g, 'skip the snapshot')
    .replace(/\b(?:take[_-]?)?snapshot\s*[=:]\s*(?:true|yes|1)\b/g, 'snapshot first')
    .replace(/\b(?:take[_-]?)?snapshot\s*[=:]\s*(?:false|no|0)\b/g, 'no snapshot');
}

/**
 * Round 10: requests written as code. "stop(X, snapshot=true)" is "stop X, snapshot first"; "fix(X): reboot" (a commit
 * message) the reboot of X; "{action: set_concurrency, fn: X, value: 5}" the concurrency of X set to 5.
 */
export function codeForm(text: string): string {
  const obj = /^\s*\{([^{}]+)\}\s*$/.exec(text);
  if (obj) {
    let action: string | undefined;
    let target: string | undefined;
    let value: string | undefined;
    for (const pair of obj[1].split(',')) {
      const m = /^\s*["']?([\w-]+)["']?\s*[:=]\s*["']?([^"']*?)["']?\s*$/.exec(pair);
      if (!m) return text;
      const key = m[1].toLowerCase();
      if (ACTION_KEYS.test(key)) action = m[2].replace(/[_-]+/g, ' ').trim();
      else if (TARGET_KEYS.test(key)) target = m[2].trim();
      else if (NUMBER_KEYS.test(key)) value = m[2].trim();
    }
    if (!action || !target) return text;
    // "set concurrency" of X to 5: "set X concurrency to 5".
    const set = /^(set|update|change)\s+(.+)$/.exec(action);
    if (set && value) return `${set[1]} ${target} ${set[2]} to ${value}`;
    return `${action} ${target}${value ? ` to ${value}` : ''}`;
  }
  const call = /^\s*([a-z][\w-]*)\s*\(\s*([^()]+?)\s*\)\s*(?::\s*(.*))?$/i.exec(text);
  if (!call) return text;
  const verb = call[1].toLowerCase();
  const args = options(call[2]);
  const rest = (call[3] ?? '').trim();
  if (COMMIT_TYPES.test(verb)) {
    if (!rest) return text;
    return /\b(?:it|them)\b/i.test(rest) ? rest.replace(/\b(?:it|them)\b/i, args) : `${rest} ${args}`;
  }
  return `${verb} ${args}${rest ? `, ${rest}` : ''}`;
}

/** A count or an instance type after an arrow: "X -> 3 instances", "X desired capacity -> 8", "X -> t3.xlarge". */
function arrows(text: string): string {
  return (
    text
      // Round 10. "X nodes -> 5": a count of nodes (or instances, tasks) is that many of them.
      .replace(
        /(^|[.!?;,]\s+)([a-z0-9][\w.:-]*)\s+(nodes|instances|tasks|replicas|servers)\s*(?:->|=>|→)\s*(\d{1,5})\b/gi,
        (_m, pre, name, noun, n) => `${pre}scale ${name} to ${n} ${noun}`,
      )
      .replace(
        /(^|[.!?;,]\s+)([^.!?;,]*?\S)\s*(?:->|=>|→)\s*([a-z][0-9][a-z0-9-]*\.[0-9]*[a-z][a-z0-9]*)\b/gi,
        (_m, pre, subject, type) => `${pre}resize ${subject} to ${type}`,
      )
      .replace(/(^|[.!?;,]\s+)([^.!?;,]*?\S)\s*(?:->|=>|→)\s*(\d{1,5})\b/g, (_m, pre, subject, n) => `${pre}set ${subject} to ${n}`)
  );
}

/** "once done", "when it is completed", "after it's finished". */
const ONCE_DONE = String.raw`(?:once|when|after)\s+(?:it\s+is\s+|its\s+|it'?s\s+)?(?:done|completed?|finished)`;
/** Verbs said in chat for catalog actions: "bin it", "get rid of it" (a delete), "un-throttle", "give X N nodes". */
const VERBS: [RegExp, string][] = [
  [/\b(?:bin|trash|nuke|ditch)\s+(it|them|that|those)\b/gi, 'delete $1'],
  [/\bget\s+rid\s+of\s+(it|them|that|those)\b/gi, 'delete $1'],
  // Round 10. "can we get someone to clean the disk on X": a request handed to someone is the request ("get" is no start).
  [/\b(?:can|could)\s+(?:we|you|i)\s+(?:please\s+)?(?:get|have|ask)\s+(?:someone|somebody|anyone|one\s+of\s+you)\s+to\s+/gi, 'please '],
  [/\bun-throttle/gi, 'unthrottle'],
  // Round 10. "rm the scratch volume", "rm vol-0abc": the shell's remove, said of a resource, is its delete.
  [/(^|[.!?;,]\s+)rm\s+(?=the\s|(?:vol|snap)-|[a-z0-9][\w.:]*[-\d])/gi, '$1delete '],
  // Round 9. "shut down and delete X", "power off and terminate X": one verb pair before one object, said of a machine,
  // is its termination (terminating stops it first); "stop X and then terminate Y" stays two requests.
  [
    new RegExp(
      String.raw`\b(?:shut\s+(?:it\s+)?down|stop|power\s+(?:it\s+)?off|turn\s+(?:it\s+)?off)\s+(?:and|&|then|and\s+then)\s+` +
        String.raw`(terminate|delete|destroy|remove|nuke)\b`,
      'gi',
    ),
    '$1',
  ],
  // Round 9. "502s again,rebut it": a comma typed on a phone with no space after it still ends the clause (not in
  // tags: "owner=ml,team=data").
  [/([a-z0-9)]),(?=[a-z])(?![\w-]*=)/gi, '$1, '],
  // Autocorrected verbs on a phone: "rebut it" (reboot), "stip X" (stop), "snapshit" (snapshot), "retsart" (restart).
  [
    new RegExp(
      String.raw`\brebut(?=\s+(?:it|them|that|this|all|every|each|both|` +
        String.raw`the\s+[\w-]+\s+(?:box|server|instance|host|vm|node|machine)s?\b|[a-z0-9][\w.:]*[-\d]))`,
      'gi',
    ),
    'reboot',
  ],
  [/\bstip(?=\s+(?:it|them|that|this|all|every|each|both|the\b|[a-z0-9][\w.:]*[-\d]))/gi, 'stop'],
  [/\bsnapshit\b/gi, 'snapshot'],
  [/\bretsart\b/gi, 'restart'],
  // British: "knock X on the head" (stop it), "bin X off" / "bin off X" (delete it: a machine's delete is its
  // termination), "sort it out" (fix it), "..., save a few quid" (the reason, not a cost question).
  [/\bknock\s+((?:[^\s,.;!?]+\s+){1,5}?)on\s+the\s+head\b/gi, 'stop $1'],
  [/\bbin\s+off\b/gi, 'delete'],
  [/\bbin\s+((?:[^\s,.;!?]+\s+){1,4}?)off\b/gi, 'delete $1'],
  [/\bsort\s+(it|that|this|them)\s+out\b/gi, 'fix $1'],
  [
    new RegExp(
      String.raw`\s*(?:[,;-]+\s*|\s+)(?:and\s+|to\s+|that'?ll\s+|it'?ll\s+|should\s+)?save\s+(?:us\s+)?` +
        String.raw`(?:a\s+few|a\s+couple\s+of|some|a\s+bit\s+of|a\s+little)?\s*(?:quid|pounds|bucks|money|cash|pennies|dollars)\b`,
      'gi',
    ),
    '',
  ],
  // Indian English: "do one thing, …" opens the request; "… and revert (once done)" / "revert back to me" asks for a
  // reply, not a rollback; "the same" is the resource just named ("web-prod-3 is hung, kindly reboot the same").
  [/(^|[.!?]\s+)do\s+one\s+thing\s*[,:;-]*\s*/gi, '$1'],
  [
    new RegExp(
      String.raw`\s*(?:[,;]\s*|\s+and\s+|\s+&\s+)(?:please\s+|pls\s+|kindly\s+)?revert(?:\s+back)?(?:\s+to\s+(?:me|us))?` +
        String.raw`(?:\s+${ONCE_DONE})?(?:\s+with\s+(?:the\s+)?(?:status|update|details|confirmation|output))?` +
        String.raw`(?:\s+(?:asap|please|pls))?(?=\s*(?:$|[.!?]))`,
      'gi',
    ),
    '',
  ],
  [new RegExp(String.raw`\s*,?\s*revert(?:\s+back)?(?:\s+to\s+(?:me|us))?\s+${ONCE_DONE}\b`, 'gi'), ''],
  [/\bthe\s+same\b(?=\s*(?:$|[,.;!?]|and\b|also\b|too\b|as\s+well\b|asap\b|please\b|pls\b|now\b|first\b|once\b|before\b))/gi, 'it'],
  // "X is past standard support, kick off the k8s version upgrade": the upgrade of the cluster told of.
  [/\b(?:kick\s+off|start|run|do|trigger)\s+the\s+(?:k8s\s+|kubernetes\s+|eks\s+)?version\s+upgrade\b/gi, 'upgrade its kubernetes version'],
  [/\bgive\s+([a-z0-9][\w.-]*-[\w.-]+)\s+(\d{1,4})\s+(nodes|instances|tasks|servers)\b/gi, 'scale $1 to $2 $3'],
  // Round 10. "scale X nodegroup: desired 3, max 6", "X desired 2": the desired count said as a field is the count asked.
  [/\s*[,:]?\s*\bdesired(?:\s+(?:count|capacity|size))?\s*[:=]?\s*(\d{1,5})\b/gi, ' to $1'],
  // "bump X to 10 nodes and raise the max to 12": the count asked for is the first, the max its bound ("to 10, max 12").
  [
    /(\bto\s+\d{1,4}\s+(?:nodes|instances|tasks)\b)\s*,?\s*and\s+(?:raise|bump|set|up)\s+the\s+max(?:imum)?\s+to\s+(\d{1,4})\b/gi,
    '$1, max $2',
  ],
];

/**
 * Round 10. A forwarded email ("FW: Decommission request …" / "> X is no longer needed, please terminate it" /
 * "> Regards, IT Service Desk"): its quote marks and its sign-off are dropped, so the request quoted is read.
 */
export function unforward(text: string): string {
  if (!/^\s*(?:fw|fwd)\s*:/i.test(text) || !/\n\s*>/.test(text)) return text;
  return text
    .replace(/^\s*(?:fw|fwd)\s*:\s*/i, '')
    .split('\n')
    .map((line) => line.replace(/^\s*(?:>\s*)+/, ''))
    .filter((line) => !/^\s*(?:regards|kind\s+regards|best(?:\s+regards)?|thanks|thank\s+you|cheers|sent\s+from\s+my)\b/i.test(line))
    .join('\n');
}

/** The message with its decorations dropped and a runbook form or an arrow read as the request. */
export function tidyChat(text: string): string {
  let out = unforward(text).replace(EMOJI, ' ').replace(BOT_MENTION, ' ');
  // "ticket INC-4411 says …" already tells what the id is (analyse.ts reads it so); a bare id is dropped.
  out = out.replace(TICKET, (id: string, at: number, whole: string) =>
    !id.startsWith('#') && TICKET_SAID.test(whole.slice(0, at)) ? id : ' ',
  );
  const form = runbookRequest(out);
  if (form) out = form;
  out = codeForm(out);
  // Round 10. "why is X throttled?? let it run again": a throttled function let run again is unthrottled (read on the
  // whole message, before its clauses are split).
  if (/\bthrottl(?:ed|ing)\b/i.test(out) && !/\bunthrottl/i.test(out))
    out = out.replace(/\b(?:let|allow)\s+(it|them|that)\s+(?:to\s+)?run\s+(?:again|normally)\b/gi, 'unthrottle $1');
  out = arrows(out);
  for (const [re, to] of VERBS) out = out.replace(re, to);
  return out === text
    ? text
    : out
        .replace(/[ \t]+/g, ' ')
        .replace(/\s+([,.!?])/g, '$1')
        .trim();
}
