/**
 * Follow-ups in a thread refer to the plan above them: "and web-prod-2 too" (same playbook, another
 * resource), "yes, the one in us-west-2" (same request, narrowed), "actually make it m5.large" (same
 * request, one value changed), "now start it again" (another playbook, same resource).
 */
import { isResourceParameter, type Playbook } from '../core';
import type { IntentGuess, PlaybookCatalog, ThreadContext } from '../core';
import type { Analysis } from './analyse';
import { FOLLOW_UP } from './lexicon';

export interface FollowUpOptions {
  threshold: number;
  /** The values this request gives for a playbook. */
  paramsFor(playbookId: string): Record<string, string>;
}

const EC2_LIKE = new Set(['ec2-instance', 'ssm-instance']);

/** Can a resource picked for `from` be handed to `to`? */
function compatible(from: string | undefined, to: string | undefined): boolean {
  if (!from || !to) return false;
  return from === to || to === 'taggable' || (EC2_LIKE.has(from) && EC2_LIKE.has(to));
}

export function applyFollowUp(
  guess: IntentGuess,
  a: Analysis,
  context: ThreadContext,
  catalog: PlaybookCatalog,
  options: FollowUpOptions,
): IntentGuess {
  const before = catalog.get(context.playbook);
  if (!before) return guess;
  const e = a.entities;
  const marked = FOLLOW_UP.test(a.norm.trim());
  const scoped = e.regions.length + e.accounts.length + e.environments.length > 0;
  const values = e.instanceTypes.length + e.services.length + Object.keys(e.tags).length + (e.period ? 1 : 0) + (e.groupBy ? 1 : 0) > 0;
  const bareName = a.references[0]?.strong === true && a.words.length <= 3 && onlyFiller(a);
  const confident = guess.playbook !== null && guess.confidence >= options.threshold;

  const given = options.paramsFor(context.playbook);
  const fitsAbove = Object.keys(given).length > 0 || scoped;
  // A new request ("how much did we spend last week"), or another action on the same resource
  // ("now start it again", "oh and reboot web-prod-1 too").
  if (confident && guess.playbook !== context.playbook && (a.verbs.size > 0 || !marked || !fitsAbove)) {
    const now = catalog.get(guess.playbook!);
    const param = now?.parameters.find(isResourceParameter);
    const previous = before.parameters.find(isResourceParameter);
    if (
      a.verbs.size > 0 &&
      param &&
      previous &&
      !guess.params[param.name] &&
      context.params[previous.name] &&
      compatible(previous.type, param.type)
    ) {
      // "reboot it instead": the stop above is taken back.
      return {
        ...guess,
        params: { ...guess.params, [param.name]: context.params[previous.name] },
        candidates: undefined,
        ...(CORRECTION.test(a.norm) ? { replaces: true } : {}),
      };
    }
    return guess;
  }
  // "now start it again" read alone lacks a resource, which cost it confidence; the thread has one.
  const next = guess.candidates?.[0];
  if (
    !confident &&
    next &&
    next.playbook !== context.playbook &&
    a.verbs.size > 0 &&
    !a.references.length &&
    next.confidence >= options.threshold * 0.6
  ) {
    const param = catalog.get(next.playbook)?.parameters.find(isResourceParameter);
    const previous = before.parameters.find(isResourceParameter);
    if (param && previous && context.params[previous.name] && compatible(previous.type, param.type)) {
      const params = { ...next.params, [param.name]: context.params[previous.name] };
      return {
        ...guess,
        playbook: next.playbook,
        confidence: Math.min(0.99, next.confidence / 0.6),
        params,
        alternatives: [],
        note: undefined,
        candidates: undefined,
        ...(CORRECTION.test(a.norm) ? { replaces: true } : {}),
      };
    }
  }
  // The same playbook again: what the request says wins, the rest comes from the thread. A request
  // of its own ("spend by region last month" under "cost in staging") keeps only the resource it
  // leaves out; a value the thread chose (staging, m5.large) is not slipped into it.
  if (guess.playbook === context.playbook) {
    const own = !marked && !REFERS_BACK.test(a.norm) && a.words.some((w) => w.role === 'intent');
    const kept = own
      ? Object.fromEntries(
          Object.entries(context.params).filter(([k]) => before.parameters.some((p) => p.name === k && isResourceParameter(p))),
        )
      : context.params;
    const params = { ...kept, ...guess.params };
    return { ...guess, params, candidates: undefined, ...(replacing(before, context, params, a) ? { replaces: true } : {}) };
  }
  // "and web-prod-2 too", "the one in us-west-2", "use t3.large instead"; not "what's the weather".
  // Unmarked, only a bare value or name counts: "web-prod-3?" is one, "who owns grafana-prod?" and
  // "what's running in staging" are questions of their own.
  const followsUp = marked || (a.verbs.size === 0 && ((scoped && onlyFiller(a)) || values || bareName));
  if (!followsUp) return guess;
  const params = { ...context.params };
  let changed = scoped;
  for (const [k, v] of Object.entries(given)) {
    const param = before.parameters.find((p) => p.name === k);
    // A resource named in the follow-up replaces the one above; a bare "the one in us-west-2" keeps it.
    if (param && isResourceParameter(param) && !a.references.length) continue;
    changed ||= params[k] !== v;
    params[k] = v;
  }
  // "ok do it", "yes": nothing new to plan (approving is a button, never a message).
  if (!changed) return guess;
  return {
    ...(replacing(before, context, params, a) ? { replaces: true } : {}),
    playbook: context.playbook,
    confidence: Math.max(guess.confidence, 0.9),
    params,
    alternatives: [],
    scope: guess.scope,
    source: guess.source,
    ...(guess.later ? { later: guess.later } : {}),
    note: undefined,
  };
}

/** Words that take back what was asked above. */
const CORRECTION = /\b(?:actually|instead|rather|no wait|wait no|sorry|oops|i meant|make it|change it to|not that one)\b/;
/** Words that ask for more, beside what was asked above. */
const ADDING = /\b(?:too|also|as well|plus|another)\b|^(?:and|same)\b/;

/** Words pointing back at the plan above ("group it by region", "same but by account"). */
const REFERS_BACK = /\b(?:it|its|that|this one|them|those|same)\b/;

/** Questions start like this; a follow-up that says only a name or a place does not. */
const ASKING = /^(?:is|are|was|were|does|do|did|has|have|can|could|who|whos|why|when|where|which|whats)\b/;

/** Nothing but a name, a place and filler: no word that asks something else ("owns", "running"). */
function onlyFiller(a: Analysis): boolean {
  if (ASKING.test(a.norm.trim())) return false;
  const named = new Set(a.references[0]?.words ?? []);
  return a.words.every((w) => named.has(w) || w.role === 'stop' || w.role === 'env' || w.role === 'kind');
}

/**
 * "actually make it m5.large", "use t3.large instead": the plan above was wrong, this one replaces it.
 * "and web-prod-2 too" adds a plan; the same resources with another value can only be a correction.
 */
function replacing(before: Playbook, context: ThreadContext, params: Record<string, string>, a: Analysis): boolean {
  if (ADDING.test(a.norm)) return false;
  if (CORRECTION.test(a.norm)) return true;
  const same = before.parameters.filter(isResourceParameter).every((p) => params[p.name] === context.params[p.name]);
  return same && Object.keys(params).some((k) => params[k] !== context.params[k]);
}
