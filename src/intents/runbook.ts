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

/** A count or an instance type after an arrow: "X -> 3 instances", "X desired capacity -> 8", "X -> t3.xlarge". */
function arrows(text: string): string {
  return text
    .replace(
      /(^|[.!?;,]\s+)([^.!?;,]*?\S)\s*(?:->|=>|→)\s*([a-z][0-9][a-z0-9-]*\.[0-9]*[a-z][a-z0-9]*)\b/gi,
      (_m, pre, subject, type) => `${pre}resize ${subject} to ${type}`,
    )
    .replace(/(^|[.!?;,]\s+)([^.!?;,]*?\S)\s*(?:->|=>|→)\s*(\d{1,5})\b/g, (_m, pre, subject, n) => `${pre}set ${subject} to ${n}`);
}

/** "once done", "when it is completed", "after it's finished". */
const ONCE_DONE = String.raw`(?:once|when|after)\s+(?:it\s+is\s+|its\s+|it'?s\s+)?(?:done|completed?|finished)`;
/** Verbs said in chat for catalog actions: "bin it", "get rid of it" (a delete), "un-throttle", "give X N nodes". */
const VERBS: [RegExp, string][] = [
  [/\b(?:bin|trash|nuke|ditch)\s+(it|them|that|those)\b/gi, 'delete $1'],
  [/\bget\s+rid\s+of\s+(it|them|that|those)\b/gi, 'delete $1'],
  [/\bun-throttle/gi, 'unthrottle'],
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
  // "bump X to 10 nodes and raise the max to 12": the count asked for is the first, the max its bound ("to 10, max 12").
  [
    /(\bto\s+\d{1,4}\s+(?:nodes|instances|tasks)\b)\s*,?\s*and\s+(?:raise|bump|set|up)\s+the\s+max(?:imum)?\s+to\s+(\d{1,4})\b/gi,
    '$1, max $2',
  ],
];

/** The message with its decorations dropped and a runbook form or an arrow read as the request. */
export function tidyChat(text: string): string {
  let out = text.replace(EMOJI, ' ').replace(BOT_MENTION, ' ');
  // "ticket INC-4411 says …" already tells what the id is (analyse.ts reads it so); a bare id is dropped.
  out = out.replace(TICKET, (id: string, at: number, whole: string) =>
    !id.startsWith('#') && TICKET_SAID.test(whole.slice(0, at)) ? id : ' ',
  );
  const form = runbookRequest(out);
  if (form) out = form;
  out = arrows(out);
  for (const [re, to] of VERBS) out = out.replace(re, to);
  return out === text
    ? text
    : out
        .replace(/[ \t]+/g, ' ')
        .replace(/\s+([,.!?])/g, '$1')
        .trim();
}
