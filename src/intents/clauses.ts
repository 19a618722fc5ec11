/**
 * The request clause (issue 18, round 5). People tell a story around what they ask: "the grafana box is super slow
 * again, could someone reboot it? dashboards won't load". Read whole, the story's words veto the request (a thing no
 * playbook acts on) or dilute it (half the words are context). So a message is split into clauses, each is a
 * **request** (asks for an action), a **question**, a **confirmation** ("if so please go ahead", "thanks") or
 * **story** (states, past events, reasons, times, feelings), and the request clause is decided on alone, its
 * pronoun ("it", "that one", "the box") bound to the resource the story names.
 */
import { ACTION_CONCEPTS, type Analysis, type Word } from './analyse';
import { FOREIGN_OBJECTS, FOREIGN_VERBS } from './lexicon';

export type ClauseRole = 'request' | 'question' | 'confirm' | 'story';

export interface Clause {
  /** As typed (its own case), without the connective that opened it. */
  text: string;
  role: ClauseRole;
}

/** What the classifier decides on instead of the whole message: the request clause, its pronoun bound. */
export interface RequestFocus {
  /** The request clause as the classifier reads it ("please terminate sandbox-box in staging"). */
  text: string;
  /** The clause as typed. */
  clause: string;
  /** The story's words the pronoun was bound to, if any ("sandbox-box in staging"). */
  bound?: string;
  /** The bound resource is named as names are (typed, spelled with spaces, or known to the inventory). */
  boundByName?: boolean;
  clauses: Clause[];
}

/**
 * A question about doing something, not a request to do it: "can the kafka brokers be rebooted safely?", "is it
 * ok to terminate X safely?", "does X need a reboot?", "how do I restart X?", "what happens if you stop X?", "could
 * rebooting X fix the 502s?". Polite requests stay requests: "can you / could we reboot X", "is it possible to get X
 * restarted", "could X be started again?" (no "safely"). Read on a clause or a whole request as typed (lower case).
 */
export const ACTION_QUESTION = new RegExp(
  [
    // "is it ok to X" is as often a polite request as a question: only safety and wisdom are asked about.
    String.raw`^(?:is|would|will)\s+it\s+(?:be\s+)?(?:safe|wise|risky|a\s+good\s+idea|a\s+bad\s+idea)\s+(?:to|if)\b`,
    String.raw`^(?:does|do|did)\s+(?!(?:you|u)\b)(?:[^\s?]+\s+){1,6}?needs?\s+(?:a|an|to\s+be)\b`,
    String.raw`^how\s+(?:do|can|should|would|could)\s+(?:i|we|one|people|someone)\b`,
    String.raw`^what\s+(?:happens|would\s+happen|will\s+happen|happened)\s+(?:if|when)\b`,
    String.raw`^(?:could|would|will|might|does|did)\s+\w+ing\b`,
    String.raw`^(?:can|could|should|may)\s+(?!(?:you|u|we|someone|somebody|anyone|i)\b).*\bbe\s+\w+(?:ed|en)\s+(?:safely|without\b)`,
    String.raw`^(?:should|shall)\s+(?:i|we)\b`,
    // "do we need to reboot web-prod-2?", "not sure if we should stop pg-staging": whether to, not a request to.
    String.raw`^(?:do|does|did)\s+(?:we|i|they)\s+(?:really\s+|actually\s+|still\s+)?(?:need|have)\s+to\b`,
    String.raw`^(?:i'?m\s+|im\s+)?(?:not\s+sure|unsure|wondering)\s+(?:if|whether)\b`,
    // "terminate sandbox-box? is that safe?": the question asked of the request before it.
    String.raw`^(?:is|would|will)\s+(?:that|this|it)\s+(?:be\s+)?(?:safe|wise|risky|dangerous|a\s+good\s+idea|a\s+bad\s+idea)\s*\??$`,
  ].join('|'),
);
/** "… safely? if so go ahead": the question comes with the request. */
export const GO_AHEAD = /\b(?:if\s+so|go\s+ahead|please\s+do|do\s+it)\b/;

const SUBJECT = String.raw`(?:we|they|i|you|he|she|someone|somebody|people|it|its|the\s+\w+\s+team)`;
/**
 * Where one clause ends and the next begins. Punctuation needs a space after it ("c6i.2xlarge", "14:05" and
 * "owner=a,b" are one word); words start the next clause ("so", "because", "but", "and then", "before they …").
 */
const BOUNDARY = new RegExp(
  [
    String.raw`[.!?\u2026]+(?=\s|$)`,
    // "per the support ticket the prod postgres …", "according to the incident doc …": where the request came from.
    String.raw`(?<=^\s*(?:as\s+)?(?:per|according\s+to|re:?|regarding)\s+(?:the\s+|my\s+|our\s+|this\s+)?(?:[\w-]+\s+){0,2}?` +
      String.raw`(?:ticket|email|thread|call|chat|meeting|incident|alert|page|request|escalation|doc|runbook)(?:\s+#?\d+)?)\s`,
    String.raw`\n+`,
    String.raw`[,;:](?=\s|$)`,
    String.raw`\s(?:--+|-|\u2013|\u2014)\s`,
    String.raw`(?<!\bif)\s(?=(?:so|because|cause|cuz|coz|but|though|although|otherwise|and\s+then|if\s+so)\b)`,
    // "before patch tuesday can we get …", "X is broken please reboot it": a request opening mid-sentence.
    String.raw`(?<!^\s*(?:\w+\s+)?)\s(?=(?:can|could|would|will)\s+(?:you|u|we|someone|somebody|anyone|i)\b)`,
    String.raw`(?<!\b(?:you|u|we|someone|somebody|anyone|i|can|could|would|will|just|also|so|and|then|now)\b)` +
      String.raw`\s(?=(?:please|pls|plz)\s+[a-z])`,
    String.raw`\s(?=(?:before|after|until|till|while|when|once|since|as\s+soon\s+as)\s+${SUBJECT}\b)`,
    // "… before the morning upload", "during tonight's export": when, told apart from what is asked.
    String.raw`\s(?=(?:before|after|until|till|during|ahead\s+of|in\s+time\s+for)\s+(?!(?:it|that|this|them|you|i)\b)\w)`,
    // "the windows machine that builds the finance reports": what a thing does describes it; it asks nothing.
    String.raw`\s(?=(?:that|which|who)\s+(?!(?:is|was|has|does|needs)\b)[a-z]+s\b)`,
    // "throttle the resizer lambda its hammering the bucket": what it is doing, told after the request, is story.
    String.raw`\s(?=(?:its|it's|it\s+is|it\s+keeps|they're|theyre|they\s+are|they\s+keep)\s+[a-z]+ing\s+` +
      String.raw`(?:the|our|all|a|an|my|every|us|me|everything|everyone|[a-z0-9]+-[\w-]+)\b)`,
    // "… and it has no tags at all", "… and we're over budget": a new subject starts a new clause (a list of names does not).
    String.raw`\s(?=and\s+(?:it|its|it's|they|we|we're|were|i|i'm|im|he|she|there|nobody|no\s+one|someone|somebody)\b)`,
  ].join('|'),
  'gi',
);
/** Words that open a clause without saying anything of it ("so could you …", "and then reboot it", "ok, …"). */
const OPENERS =
  /^(?:(?:so|and\s+then|and|but|then|ok|okay|oh|also|hey|hi|hello|well|anyway|btw|fyi|um|uh|ah|right|now|though|if\s+so)\b[\s,]*)+/i;
/** A list of names continuing the clause before ("stop web-1, web-2 and web-3"). */
const NAMES_ONLY = /^(?:(?:and|or|&)\s+)?[a-z0-9][\w.:-]*[-\d][\w.:-]*(?:\s*(?:,|and|or|&)?\s*[a-z0-9][\w.:-]*[-\d][\w.:-]*)*\s*$/i;

/** The option of the request before it, said alone ("…, snapshot first", "…, no need for a backup", "(skip the snapshot)"). */
const OPTION_ONLY = new RegExp(
  String.raw`^(?:(?:and|but|just)\s+)?(?:(?:take|grab|do|make)\s+(?:a\s+)?)?(?:snapshot|snap|backup)\s+(?:it\s+)?(?:first|beforehand)\b` +
    String.raw`(?:\s+(?:obv|obvs|obviously|ofc|of\s+course|pls|please|plz|thx|thanks))*\s*$|` +
    String.raw`^(?:(?:and|but)\s+)?(?:skip\s+the|no\s+need\s+for\s+a|without\s+a|no)\s+(?:snapshot|backup)\s*$`,
  'i',
);

/** Split a message into clauses (brackets are an aside: a clause of their own). */
export function splitClauses(text: string): string[] {
  const asides: string[] = [];
  const flat = text
    .replace(/\(([^()\n]{1,200})\)/g, (_m, inside: string) => {
      asides.push(inside);
      return ' ';
    })
    // "batch-workers-asg: spin up 3 instances": a name opening the message, then a colon, is what the clause is about.
    .replace(/^(\s*[a-z0-9][\w.-]*[-\d][\w.-]*):\s+/i, '$1 ');
  const parts: string[] = [];
  for (const piece of flat.split(BOUNDARY)) {
    const t = (piece ?? '').trim().replace(OPENERS, '').trim();
    if (!t || !/[\p{L}\p{N}]/u.test(t)) continue;
    if (parts.length && (NAMES_ONLY.test(t) || OPTION_ONLY.test(t))) parts[parts.length - 1] += `, ${t}`;
    else parts.push(t);
  }
  return [...parts, ...asides.map((x) => x.trim()).filter(Boolean)];
}

/** Opens a request: "please", "can you / could someone / would we", "can i get", "would it be ok to", "go ahead and", "i need". */
const ASKS = new RegExp(
  [
    String.raw`^(?:please|pls|plz|kindly)\b`,
    String.raw`^(?:can|could|would|will|cud|wud|cn)\s+(?:you|u|ya|someone|somebody|anyone|any1|we|one\s+of\s+you)\b`,
    String.raw`^(?:can|could|may)\s+i\s+(?:get|have|ask\s+for|grab)\b`,
    String.raw`^(?:would|will|is)\s+it\s+be\s+(?:ok|okay|fine|possible|alright|all\s+right)\s+to\b`,
    String.raw`^is\s+it\s+(?:ok|okay|fine|possible|alright|all\s+right)\s+(?:to|if\s+(?:we|i|you))\b`,
    String.raw`^go\s+ahead\s+and\b`,
    String.raw`^(?:i|we)\s+(?:really\s+|just\s+|urgently\s+)?(?:need|want|would\s+like|'d\s+like|d\s+like)\b`,
    String.raw`^(?:need|want|lets|let's|let\s+us)\b`,
    String.raw`\b(?:needs?|need\s+to\s+be|needs\s+to\s+be|should\s+be|must\s+be|has\s+to\s+be|have\s+to\s+be)\s+` +
      String.raw`(?:a|an|to\s+be|to\s+get|some|more|\w+ed)\b`,
    String.raw`\b(?:please|pls|plz|asap)\s*[.!]*$`,
    // A decision stated: "the old bucket can go", "X can be stopped", "it has to be deleted", "X ought to be resized".
    String.raw`\b(?:can|could|should|must|may)\s+(?:just\s+|safely\s+|now\s+)?(?:go|be\s+\w+(?:ed|en)|get\s+\w+(?:ed|en))\b`,
    String.raw`\b(?:has|have|ought|needs)\s+to\s+(?:be\s+|get\s+)?\w+`,
  ].join('|'),
  'i',
);
/** "need it for the quarterly review", "needed that for the audit": why, not a request. */
const NEED_FOR = /^(?:i\s+|we\s+)?(?:need|needed|want|wanted)\s+(?:it|this|that|them|those|these)\s+(?:for|by|before)\b/i;
/** "jenkins needs to be up for the release at 10", "X has to be running by 9": why and by when, not what is asked. */
const NEEDED_UP = new RegExp(
  String.raw`\b(?:needs?|has|have|must|should)\s+(?:to\s+)?be\s+(?:back\s+)?(?:up|running|ready|available|online|alive|working|` +
    String.raw`on|up\s+and\s+running)\s+(?:again\s+)?(?:for|by|before|in\s+time\s+for|ahead\s+of|when|at)\b`,
  'i',
);
/** The same, its when split off as a clause of its own ("confluence has to be back up, before the all-hands"). */
const NEEDED_UP_ENDS = new RegExp(
  String.raw`\b(?:needs?|has|have|must|should)\s+(?:to\s+)?be\s+(?:back\s+)?(?:up|running|ready|available|online|alive|working|` +
    String.raw`on|up\s+and\s+running)(?:\s+again)?\s*$`,
  'i',
);
const NEED_TO = /^(?:i\s+|we\s+)?(?:really\s+|just\s+|still\s+)?(?:need|want|have|got)\s+to\s+(\S+)/i;
/** "i need to know whether we are over budget": asking to be told is asking. */
const KNOWING = /^(?:know|see|find|check|get|understand|figure|confirm|hear|learn)\b/;
const QUESTION_OPENS = new RegExp(
  String.raw`^(?:is|are|was|were|does|do|did|has|have|had|should|shall|could|can|would|will|may|might|what|whats|what's|` +
    String.raw`which|where|who|whos|who's|how|why|when|any|anything|isn'?t|aren'?t)\b`,
  'i',
);
const CONFIRM = new RegExp(
  String.raw`^(?:if\s+so\s*,?\s*)?(?:(?:please|pls|plz)\s+)?` +
    String.raw`(?:go\s+ahead|please\s+do|do\s+it|thanks?(?:\s+(?:so\s+much|a\s+lot|in\s+advance))?|` +
    String.raw`thank\s+you(?:\s+so\s+much)?|ty|thx|cheers|asap|yes|yep|sure|please|pls|plz)\b[\s!.]*` +
    String.raw`(?:please|pls|thanks|asap|now|tonight)?[\s!.]*$`,
  'i',
);
const PERMISSION = /^(?:is|would|will)\s+(?:that|this)\s+(?:be\s+)?(?:ok|okay|fine|alright|all\s+right)\b/i;

const isAction = (w: Word) => w.role === 'intent' && ACTION_CONCEPTS.has(w.canon) && !w.participle && !w.negated;
/** An operation no playbook does, said as one ("delete", "deploy"), not named after a determiner. */
const isForeignAction = (w: Word) => w.role === 'foreign' && FOREIGN_VERBS.has(w.text) && !FOREIGN_OBJECTS.has(w.text);
const IMPERATIVES = new Set([
  'add',
  'put',
  'set',
  'give',
  'make',
  'move',
  'bump',
  'switch',
  'change',
  'take',
  'bring',
  'kick',
  'clear',
  'fix',
  'free',
  'grab',
  'get',
]);
const FILLER = new Set(['please', 'pls', 'plz', 'kindly', 'just', 'also', 'now', 'then', 'quickly', 'go', 'and', 'ahead']);

/** What one clause does. `read` is the analyser (the classifier's, after its rewrites). */
export function clauseRole(clause: string, read: (text: string) => Analysis): ClauseRole {
  const t = clause
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .trim();
  if (CONFIRM.test(t) || PERMISSION.test(t)) return 'confirm';
  if (NEED_FOR.test(t)) return 'story';
  if (NEEDED_UP.test(t)) return 'story';
  // "need to rerun an old pipeline for an audit": what the person will do themselves, unless it is an action asked of us.
  const doing = NEED_TO.exec(t);
  if (doing && !KNOWING.test(doing[1]) && !read(doing[1]).words.some(isAction)) return 'story';
  if (ACTION_QUESTION.test(t)) return 'question';
  const a = read(clause);
  const acts = a.words.some(isAction) || a.words.some(isForeignAction);
  // "could we move it to c6i.2xlarge": a value of a request's kind says what is asked as plainly as a word.
  const e = a.entities;
  // "set web-asg to 6", "put the workers at 3": a count for something named is what is asked, said as plainly.
  const counted =
    (/\b(?:to|at)\s+\d{1,5}\b/.test(t) && a.references.some((r) => r.strong || r.named)) ||
    // "…, set it to 8": the count for what the story names.
    /^(?:set|bump|put|bring|take|scale)\s+(?:it|them|that)\s+(?:up\s+|down\s+|back\s+)?(?:to|at)\s+\d{1,5}\b/.test(t);
  const valued = e.instanceTypes.length > 0 || e.services.length > 0 || Object.keys(e.tags).length > 0 || counted;
  const content = acts || valued || a.words.some((w) => w.role === 'intent' || w.role === 'foreign');
  // "reboot it", "pls clear it out", "delete the bucket": an action word opens the clause.
  const first = a.words.find((w) => !FILLER.has(w.text));
  if (first && (isAction(first) || isForeignAction(first))) return 'request';
  // "add owner=ml to X", "kick it", "move it to c6i.2xlarge": a plain imperative verb with something asked after it.
  if (first && IMPERATIVES.has(first.text) && first === a.words[0] && content) return 'request';
  if (ASKS.test(t) && content) return 'request';
  if (QUESTION_OPENS.test(t) || /\?\s*$/.test(t)) return 'question';
  return 'story';
}

const COPULA = new Set(['is', 'are', 'was', 'were', 'has', 'had', 'keeps', 'kept', 'looks', 'seems', 'got', 'gets', 'been']);
const DESCRIBES = /^(?:the\s+one|the\s+ones|which|that|who|whose)\b/i;
const WHEN_CLAUSE = /^(?:before|after|during|until|till|ahead\s+of|in\s+time\s+for|since|while|when|once)\b/i;

/** Words that stand for the resource the story names: "it", "that one", "them", "the box". */
const PRONOUN = new RegExp(
  String.raw`\b(?:this\s+one|that\s+one|it|them|this|that|the\s+(?:box|machine|server|instance|host|vm|db|database|` +
    // "… on worker-9 …, can we free the disk": the disk of the resource the story names.
    String.raw`function|lambda|volume|cluster|node\s*group|asg|thing|disk|drive|filesystem))` +
    // "that" and "this" are a pronoun only where no noun follows: "move that to gp3", "clear it out asap".
    String.raw`(?=\s*$|\s*[,.;!?]|\s+(?:to|into|onto|out|up|down|off|on|back|for|now|please|pls|plz|asap|again|too|as|with|` +
    String.raw`before|after|first|over|so|right|today|tonight|real|quickly|in|at|from|and|if|when|while|by|till|until)\b)`,
  'i',
);

/** The clauses of a message and the one to decide on, or undefined when the message is one clause or asks two things. */
export function requestFocus(text: string, read: (text: string) => Analysis): RequestFocus | undefined {
  const parts = splitClauses(text);
  if (parts.length < 2) return undefined;
  const clauses = parts.map((p) => ({ text: p, role: clauseRole(p, read) }));
  clauses.forEach((c, i) => {
    if (NEEDED_UP_ENDS.test(c.text) && WHEN_CLAUSE.test(clauses[i + 1]?.text ?? '')) c.role = 'story';
  });
  const lower = text.toLowerCase();
  // "X is slow again, does it need a reboot?": a question about doing it, with or without a story, plans nothing; alone
  // with its story it is decided as the question it is (the classifier answers it with the action as a button).
  const doing = clauses.filter((c) => ACTION_QUESTION.test(c.text.toLowerCase()));
  const requests = clauses.filter((c) => c.role === 'request');
  if (doing.length && !GO_AHEAD.test(lower) && (requests.length || doing.length > 1)) return undefined;
  // "delete the bucket and reboot web-1": a second request is never dropped; the whole message decides (and vetoes).
  if (requests.length > 1) return undefined;
  const questions = clauses.filter((c) => c.role === 'question');
  const focus =
    requests[0] ??
    (doing.length === 1 && !GO_AHEAD.test(lower) ? doing[0] : undefined) ??
    (questions.length === 1 ? questions[0] : undefined);
  if (!focus) return undefined;
  const at = clauses.indexOf(focus);
  const own = read(focus.text);
  const named = own.references.some((r) => r.strong || r.spaced || r.resolved || r.named);
  let pronoun: { 0: string; index: number } | null | undefined = named ? undefined : PRONOUN.exec(focus.text);
  // "kafka-broker-2 keeps dropping off the cluster, reboot pls": a request with no object at all is about the story's
  // resource as "it" would be (bound after its action word).
  if (!pronoun && !named && !own.references.length) {
    const verb = own.words.find(isAction);
    const at = verb ? new RegExp(String.raw`\b${verb.text}\b`, 'i').exec(focus.text) : null;
    if (at) pronoun = { 0: '', index: at.index + at[0].length };
  }
  if (!pronoun) return { text: focus.text, clause: focus.text, clauses };
  // The nearest story clause before the request that names a resource; after it ("…, its disk is full") otherwise.
  const order = [...clauses.slice(0, at).reverse(), ...clauses.slice(at + 1)];
  const seen = new Map<Clause, Analysis>();
  const readOf = (c: Clause) => seen.get(c) ?? seen.set(c, read(c.text)).get(c)!;
  // A name as names are typed, or one the inventory knows, anywhere first; plain words beside a kind noun ("the grafana
  // box") only when the story has no such name ("the root volume" is a part of "api prod 2", not another resource).
  // A clause saying when ("during the customer's batch import", "before they rebuild the image") is the last place a
  // resource is looked for; one describing the thing before it ("the accounting vm, the one finance uses for the
  // month-end export") names none of its own.
  const told = order.filter((c) => !WHEN_CLAUSE.test(c.text) && !DESCRIBES.test(c.text));
  let byName = true;
  let bound = told.map((c) => resourcePhrase(readOf(c), 1)).find(Boolean);
  // "jenkins needs to be up for the release at 10, start it": what needs to be up is the subject before it.
  if (!bound) {
    byName = false;
    bound = told
      .map((c) => {
        const up = NEEDED_UP.exec(c.text) ?? NEEDED_UP_ENDS.exec(c.text);
        return up && up.index > 0 ? resourcePhrase(read(c.text.slice(0, up.index)), 2) : undefined;
      })
      .find(Boolean);
  }
  if (!bound) bound = told.map((c) => resourcePhrase(readOf(c), 2)).find(Boolean);
  // "before they rotate the keys on vault-node-2, could we get a snapshot of it": a name told only in when.
  if (!bound) {
    byName = true;
    bound = order
      .filter((c) => WHEN_CLAUSE.test(c.text))
      .map((c) => resourcePhrase(readOf(c), 1))
      .find(Boolean);
  }
  if (bound) {
    const kind = /^the\s+/i.test(pronoun[0]) && !bound.includes(' ') ? ` ${pronoun[0].replace(/^the\s+/i, '')}` : '';
    const phrase = `${bound}${kind}`;
    const gap = pronoun[0] ? '' : ' ';
    const replaced = `${focus.text.slice(0, pronoun.index)}${gap}${phrase}${focus.text.slice(pronoun.index + pronoun[0].length)}`;
    return { text: replaced, clause: focus.text, bound: phrase, boundByName: byName, clauses };
  }
  return { text: focus.text, clause: focus.text, clauses };
}

/**
 * The words a clause names a resource by, as the request should say it: a name as typed, or plain words with their
 * kind noun ("the grafana box", "the ml teams training machine"), and the place said right after ("in staging").
 */
function resourcePhrase(a: Analysis, tier: 1 | 2): string | undefined {
  // "the old staging bastion, nobody has touched it in months, …": a clause that is only a noun phrase names it too.
  const content = a.words.filter((w) => w.role !== 'stop' && w.role !== 'signal');
  const whole = (r: Analysis['references'][number]) => content.every((w) => r.words.includes(w) || w.role === 'kind');
  // Tier 1: a name as typed, one the inventory knows or spelled with spaces; 2: plain words with their kind noun.
  type Ref = Analysis['references'][number];
  const byName = (r: Ref) => r.strong || r.spaced || r.resolved || r.words.some((w) => w.known);
  // "pg staging is just sitting there", "the payments db was left on": the subject a story is told of, said with a
  // kind or engine word, is as sure as a name.
  const subject = (r: Ref) => {
    const i = a.words.indexOf(r.words[0]);
    const j = a.words.indexOf(r.words[r.words.length - 1]);
    const opens = a.words.slice(0, i).every((w) => w.role === 'stop');
    const after = a.words[j + 1]?.role === 'kind' ? a.words[j + 2] : a.words[j + 1];
    return opens && COPULA.has(after?.text ?? '') && (r.named || r.words.some((w) => ['kind', 'engine'].includes(w.role)));
  };
  // "ticket INC-4411 says jenkins-ci is wedged": what names a ticket, a page or a change is no resource.
  const ticket = (r: Ref) => TICKET_WORDS.has(a.words[a.words.indexOf(r.words[0]) - 1]?.text ?? '');
  const ref = a.references.find((r) => !r.story && !ticket(r) && (byName(r) || subject(r) || (tier === 2 && (r.named || whole(r)))));
  if (!ref) return undefined;
  // Only a noun phrase: all of it, as said ("the old staging bastion").
  if (!ref.strong && whole(ref) && !ref.named && !ref.resolved && !ref.spaced)
    return a.words[0]?.text === 'the' ? a.words.map((w) => w.text).join(' ') : `the ${a.words.map((w) => w.text).join(' ')}`;
  const at = ref.words.map((w) => a.words.indexOf(w)).filter((i) => i >= 0);
  if (!at.length) return undefined;
  let from = Math.min(...at);
  let to = Math.max(...at);
  // "the box grafana runs on" is rare; the kind noun after the words is common ("the grafana box").
  if (a.words[from - 1]?.role === 'kind' && !a.words[from].gap) from -= 1;
  if (a.words[to + 1]?.role === 'kind' && !a.words[to + 1].gap) to += 1;
  // "the jenkins box fell over": the kind noun ends the noun phrase; what follows it is told of it.
  const head = a.words.slice(from + 1, to + 1).findIndex((w) => w.role === 'kind');
  const spelled = ref.resolved || ref.spaced || ref.words.some((w) => w.known);
  if (!ref.strong && !spelled && head >= 0 && a.words[from].role !== 'kind') to = from + 1 + head;
  // "sandbox-box in staging was …": the place said right after it.
  const next = a.words[to + 1];
  if (next?.text === 'in' && !next.gap && a.words[to + 2]?.role === 'env' && !a.words[to + 2].gap) to += 2;
  if (ref.strong && endsInPlace(a, to)) return `${ref.text} in ${a.words[to].text}`;
  // A typed name is the name alone ("report-gen-3 finished …" is report-gen-3); plain words keep their kind noun.
  // "the volume old-kafka-data-2 is …": a kind noun said before the name says which resource, and goes with it.
  const said = a.words[from].role === 'kind' && a.words[from].text !== ref.text ? [a.words[from].text, ref.text] : [ref.text];
  const words = ref.strong && !endsInPlace(a, to) ? said : a.words.slice(from, to + 1).map((w) => w.text);
  // The place told with it ("sandbox-box in staging was …") is taken out as a value before the words are read.
  const e = a.entities;
  const placed = endsInPlace(a, to);
  const place = placed
    ? ''
    : e.environments[0]
      ? ` in ${e.environments[0]}`
      : e.regions[0]
        ? ` in ${e.regions[0]}`
        : e.accounts[0]
          ? ` in account ${e.accounts[0]}`
          : '';
  return `${ref.strong ? '' : 'the '}${words.join(' ')}${place}`;
}

const TICKET_WORDS = new Set([
  'ticket',
  'tickets',
  'incident',
  'inc',
  'jira',
  'issue',
  'case',
  'change',
  'cr',
  'pr',
  'page',
  'alert',
  'sev',
]);

/** The words end in a place said as words ("… in staging"). */
function endsInPlace(a: Analysis, to: number): boolean {
  return a.words[to]?.role === 'env' && a.words[to - 1]?.text === 'in';
}
