import { isResourceParameter, type Playbook, type PlaybookParameter } from './playbook';
import type { ApprovalNeed, ParamValue, Plan, RiskAssessment } from './plan';
import type {
  FleetSelector,
  IntentClassifier,
  IntentGuess,
  PlanPreflight,
  PlaybookCatalog,
  RequestFacts,
  Resolution,
  ResourceResolver,
  ResourceScope,
  RiskAssessor,
  ThreadContext,
} from './ports';
import { matchesWhole, tooLongToMatch } from './pattern';
import { describeScope, narrowToScope } from './scope';
import { resourceTypeLabel, withArticle, type ResourceType } from './resource';
import { assessFleet, DEFAULT_FLEET_LIMIT } from './fleet-plan';

export interface PlannerDeps {
  classifier: IntentClassifier;
  resolver: ResourceResolver;
  assessor: RiskAssessor;
  catalog: PlaybookCatalog;
  /** Dry runs before approval: a plan AWS would refuse (missing permission, protection on) is blocked. */
  preflight?: PlanPreflight;
  /** At most this many members in one fleet plan (default 20); beyond it the card says how many and asks to narrow. */
  fleetLimit?: number;
}

const NO_RISK: RiskAssessment = { level: 'low', reasons: [], blocked: false, reversible: true };
const NO_APPROVAL: ApprovalNeed = { required: false, approvers: 0, requesterMayApprove: true, eligible: [], ttlSeconds: 0 };

export interface PlanOptions {
  context?: ThreadContext;
  /** Force a playbook (a suggestion button was clicked). */
  playbook?: string;
  /** Parameters already settled (a clarify button was clicked): resource ids or plain values. */
  fixed?: Record<string, ParamValue>;
  /** Raw values that replace what the request says for these parameters (resources still get resolved). */
  raw?: Record<string, string>;
}

/** Words that list one name beside another, and the words that may stand between ("and the", "and also"). */
const LIST_WORDS = new Set(['and', '&', 'plus']);
/** Words that correct an earlier name ("stop web-prod-1 i mean web-prod-2", "not web-prod-1, web-prod-3"). */
const CORRECTION = new RegExp(
  String.raw`\b(?:i\s+mean|i\s+meant|meant|sorry|not|instead|rather|actually|oops|correction|scratch\s+that)\b|n't\b|` +
    // "leave web-prod-1 alone", "web-prod-1 is fine": that one is left out (src/intents/phrasing.ts reads it so).
    String.raw`\bleave\s+\S+\s+(?:alone|be|out\s+of\s+it)\b|[-\w.]*[-\d][-\w.]*\s+(?:is|'s|seems|looks|was)\s+` +
    String.raw`(?:totally\s+|perfectly\s+|still\s+)?(?:fine|ok|okay|healthy|good|alright|all\s+right|unaffected|not\s+affected)\b`,
);
const LIST_FILLER = new Set(['the', 'a', 'an', 'also', 'then', 'my', 'our', 'both']);
/**
 * Turn one request into a plan: understand -> resolve -> assess. Runs nothing; pure apart from its ports.
 */
export class Planner {
  constructor(private readonly deps: PlannerDeps) {}

  async plan(input: string, request: RequestFacts, options: PlanOptions = {}): Promise<Plan> {
    const guess = await this.deps.classifier.classify(input, options.context);
    await nextTurn();
    // Each reference is resolved (and re-read) once per plan, though choosing a playbook and filling it both ask.
    const resolutions = new Map<string, Promise<Resolution>>();
    const resolve = (raw: string, param: PlaybookParameter): Promise<Resolution> => {
      const key = `${param.type}\u0000${param.states?.join(',') ?? ''}\u0000${param.service ?? ''}\u0000${raw}`;
      let found = resolutions.get(key);
      if (!found)
        resolutions.set(
          key,
          (found = this.deps.resolver.resolve(raw, param.type as ResourceType, {
            ...(param.states ? { states: param.states } : {}),
            ...(param.service ? { service: param.service } : {}),
            ...(request.requestId ? { requestId: request.requestId } : {}),
          })),
        );
      return found;
    };
    // "reboot orders-db and web-prod-1": a list whose names are of another kind than the words' first choice.
    const sorted = options.playbook ? undefined : await this.sortListByKind(guess, resolve, request, input);
    if (sorted?.split)
      return {
        input,
        playbook: null,
        confidence: guess.confidence,
        params: {},
        suggestions: [],
        ...(guess.source ? { understoodBy: guess.source } : {}),
        risk: { ...NO_RISK, reasons: [sorted.split] },
        approval: NO_APPROVAL,
        blocked: false,
      };
    const picked = options.playbook
      ? { chosen: options.playbook, params: paramsFor(guess, options.playbook) }
      : sorted?.chosen
        ? { chosen: sorted.chosen, params: paramsFor(guess, sorted.chosen) }
        : await this.choose(guess, resolve);
    const { chosen } = picked;
    const params = { ...picked.params, ...options.raw };
    const playbook = chosen ? this.deps.catalog.get(chosen) : undefined;
    const base: Plan = {
      input,
      playbook: null,
      confidence: guess.confidence,
      params: {},
      suggestions: guess.alternatives,
      ...(guess.source ? { understoodBy: guess.source } : {}),
      risk: NO_RISK,
      approval: NO_APPROVAL,
      blocked: false,
    };
    if (!playbook) {
      const reasons = guess.note ? [guess.note] : [];
      return { ...base, risk: { ...NO_RISK, reasons } };
    }
    // When another candidate than the words' first choice was taken (it fits the names better), the first
    // choice stays on offer as a suggestion ("stop billing": asked among the databases, the EC2 one a click away).
    const passedOver =
      guess.playbook && guess.playbook !== playbook.id && !guess.alternatives.some((s) => s.playbook === guess.playbook)
        ? this.deps.catalog.get(guess.playbook)
        : undefined;
    const offered = passedOver
      ? [{ playbook: passedOver.id, title: passedOver.title, confidence: guess.confidence }, ...guess.alternatives]
      : guess.alternatives;
    const plan: Plan = {
      ...base,
      playbook,
      confidence: options.playbook ? 1 : guess.confidence,
      suggestions: options.playbook ? [] : offered.filter((s) => s.playbook !== playbook.id),
    };
    if (!options.playbook && guess.alsoNamed?.length) plan.alsoNamed = guess.alsoNamed;
    if (!options.playbook && guess.replaces) plan.replaces = true;
    // "stop it tonight at 10pm": nothing here schedules; an approval at 3pm would run it at 3pm.
    if (guess.later && !playbook.readOnly)
      plan.notes = [
        `You said "${guess.later}", but I cannot schedule changes: this runs as soon as it ` +
          `is approved. Ask again at that time, or approve it then if it is still open.`,
      ];
    // "reboot the kafka brokers": the playbook's resource parameter is filled by a set, not by one resource.
    const fleetParam =
      guess.fleet && !options.playbook && this.deps.resolver.resolveSet ? playbook.parameters.find(isResourceParameter) : undefined;
    for (const param of playbook.parameters) {
      if (param === fleetParam) continue;
      const fixed = options.fixed?.[param.name];
      if (fixed !== undefined) {
        plan.params[param.name] = fixed;
        continue;
      }
      const raw = params[param.name];
      const settled = await this.settle(param, raw, plan, resolve, guess.scope);
      if (settled === 'stop') return this.withoutRisk(plan);
    }
    await nextTurn();
    // "restart checkout and search-api": a name listed beside the planned one that the words did not read as a
    // name would be left out without a word; plan nothing and say which, rather than act on part of a list.
    const left = fleetParam || options.playbook ? undefined : await this.leftOutOfList(playbook, plan, input, request);
    if (left) return { ...base, params: {}, risk: { ...NO_RISK, reasons: [left] } };
    // "web-prod-1 is fine; reboot web-prod-2": two names of the kind the plan takes and one picked.
    const other = fleetParam || options.playbook ? undefined : await this.alsoNamedOfKind(playbook, plan, input, request);
    if (other) return { ...base, params: {}, risk: { ...NO_RISK, reasons: [other] } };
    if (fleetParam && guess.fleet)
      return this.planFleet(
        plan,
        playbook,
        fleetParam,
        { ...guess.fleet, ...((guess.fleet.scope ?? guess.scope) ? { scope: guess.fleet.scope ?? guess.scope } : {}) },
        request,
      );
    plan.risk = this.deps.assessor.assess(playbook, plan.params, request);
    plan.blocked = plan.risk.blocked;
    if (!plan.blocked && !playbook.readOnly && this.deps.preflight) {
      const checked = await this.deps.preflight.check(playbook, plan.params, request.requestId);
      plan.preflight = [...checked.blocks, ...(checked.failed ?? []), ...checked.notes];
      // A dry run that could not be made is said on the card (every platform), not only in `plan --json`.
      if (checked.failed?.length) plan.notes = [...(plan.notes ?? []), ...checked.failed];
      if (checked.blocks.length) {
        plan.blocked = true;
        plan.risk = { ...plan.risk, blocked: true, reasons: [...checked.blocks, ...plan.risk.reasons] };
      }
    }
    plan.approval = playbook.readOnly ? NO_APPROVAL : this.deps.assessor.approvalFor(playbook, plan.risk);
    return plan;
  }

  /**
   * Several playbooks may fit the words equally well and differ only in the kind of resource they take
   * ("stop pg-main": an EC2 instance or an RDS database?). A resource named exactly decides (the best
   * such match, the first on a tie). Otherwise the candidate whose resources the name fits closest: several close
   * resources of one kind ("dev-scratch": dev-scratch-1 and dev-scratch-2) beat one resource of another kind
   * that only shares a word (pg-dev-scratch), so the plan asks among the close ones; ties go to the order
   * the words gave. A kind the words rule out (`exactOnly`) is taken only on an exact name. When nothing
   * resolves, the best-scoring playbook (its card then says what was not found).
   */
  private async choose(
    guess: IntentGuess,
    resolve: (raw: string, param: PlaybookParameter) => Promise<Resolution>,
  ): Promise<{ chosen: string | null; params: Record<string, string> }> {
    if (!guess.playbook) return { chosen: null, params: guess.params };
    const candidates = guess.candidates?.length
      ? guess.candidates
      : [{ playbook: guess.playbook, confidence: guess.confidence, params: guess.params }];
    if (candidates.length === 1) return { chosen: candidates[0].playbook, params: candidates[0].params };
    const tried: { index: number; quality: number; exact: boolean; several: boolean }[] = [];
    for (const [index, c] of candidates.entries()) {
      const playbook = this.deps.catalog.get(c.playbook);
      if (!playbook) continue;
      // How well its resources resolve: 1 for exact names, the match score of a look-alike or of the
      // closest of several candidates, 0 when nothing fits.
      let quality = 1;
      let exact = false;
      let fuzzy = false;
      let several = false;
      for (const param of playbook.parameters.filter(isResourceParameter)) {
        const raw = c.params[param.name];
        if (!raw) continue;
        const r = await resolveInScope(raw, param, guess.scope, resolve);
        if (r.kind === 'match' && !r.fuzzy) exact = true;
        else fuzzy = true;
        quality = Math.min(quality, r.kind === 'match' ? r.score : r.kind === 'ambiguous' ? (r.score ?? 0.5) : 0);
        if (r.kind === 'ambiguous') several = true;
      }
      tried.push({ index, quality, exact: exact && !fuzzy, several });
    }
    const exactly = tried.filter((t) => t.exact);
    let best: { index: number; quality: number; several: boolean } | undefined;
    for (const t of exactly.length ? exactly : tried) {
      if (!t.exact && candidates[t.index].exactOnly) continue;
      // A tie between one look-alike of one kind and several equally close ones of another ("stop billing":
      // billing-worker-staging, or billing-db-prod / billing-db-staging) goes to the plan that asks.
      const tie = best && Math.abs(t.quality - best.quality) < 1e-9;
      if (t.quality > (best?.quality ?? 0) + 1e-9 || (tie && t.several && !best!.several)) best = t;
    }
    if (best) return { chosen: candidates[best.index].playbook, params: candidates[best.index].params };
    return { chosen: candidates[0].playbook, params: candidates[0].params };
  }

  /**
   * A resource named exactly right beside "and" (or "&", "plus") next to the one a one-resource plan resolved,
   * that the plan does not include: the sentence listed two and the plan would act on one. Says which.
   */
  private async leftOutOfList(playbook: Playbook, plan: Plan, input: string, request: RequestFacts): Promise<string | undefined> {
    const params = playbook.parameters.filter(isResourceParameter);
    if (params.length !== 1) return undefined;
    const planned = plan.params[params[0].name] as { id?: unknown; name?: unknown } | undefined;
    if (!planned || typeof planned.id !== 'string' || typeof planned.name !== 'string') return undefined;
    const words = input
      .toLowerCase()
      .split(/[\s,;]+/)
      .filter(Boolean);
    if (!words.some((w) => LIST_WORDS.has(w))) return undefined;
    const own = new Set([planned.id.toLowerCase(), planned.name.toLowerCase()]);
    for (let i = 0; i < words.length; i++) {
      if (!LIST_WORDS.has(words[i])) continue;
      let next = i + 1;
      while (next < words.length && LIST_FILLER.has(words[next])) next++;
      for (const word of [words[i - 1], words[next]]) {
        const name = word?.replace(/^["'`]+|["'`?!.:]+$/g, '');
        if (!name || name.length < 3 || own.has(name) || LIST_FILLER.has(name)) continue;
        const found = await this.deps.resolver.resolve(name, 'any', request.requestId ? { requestId: request.requestId } : {});
        if (found.kind !== 'match' || found.fuzzy || found.resource.id === planned.id) continue;
        if (found.resource.name.toLowerCase() !== name && found.resource.id.toLowerCase() !== name) continue;
        return (
          `You listed ${found.resource.name} (${withArticle(resourceTypeLabel(found.resource.type))}) beside ` +
          `${planned.name}, but I could read only ${planned.name} as what "${playbook.title}" acts on, so I planned ` +
          `nothing rather than leave ${found.resource.name} out. Ask for each on its own.`
        );
      }
    }
    return undefined;
  }

  /**
   * Another resource of the kind a one-resource plan takes, named exactly in the same words ("web-prod-1 is
   * fine; reboot web-prod-2", "leave web-prod-1 alone and reboot web-prod-2", "is web-prod-1 running? terminate
   * web-prod-2"): which one the action is for is a guess, and a wrong guess acts on the wrong resource. Plans
   * nothing and says so, unless the words correct themselves or leave one out ("i mean", "not", "instead",
   * "web-prod-1 is fine", "leave web-prod-1 alone": the classifier's reading of a correction stands).
   */
  private async alsoNamedOfKind(playbook: Playbook, plan: Plan, input: string, request: RequestFacts): Promise<string | undefined> {
    const params = playbook.parameters.filter(isResourceParameter);
    if (params.length !== 1) return undefined;
    const planned = plan.params[params[0].name] as { id?: unknown; name?: unknown; type?: unknown } | undefined;
    if (!planned || typeof planned.id !== 'string' || typeof planned.name !== 'string') return undefined;
    const text = input.toLowerCase().replace(/[\u2018\u2019]/g, "'");
    if (CORRECTION.test(text)) return undefined;
    const own = new Set([planned.id.toLowerCase(), planned.name.toLowerCase()]);
    const words = new Set(text.split(/[\s,;:]+/).map((w) => w.replace(/^["'`*_(<]+|["'`*_?!.:)>]+$/g, '')));
    for (const name of words) {
      // Only words that look like a resource's name: a bare word ("grafana") is too often just a word.
      if (name.length < 3 || own.has(name) || !/[-_.\d]/.test(name)) continue;
      // Exactly that name, looked up (not searched: a fuzzy search per word cost 100+ ms p99 and 130 MB at 100k).
      const same = (this.deps.resolver.exactly?.(name) ?? []).filter((r) => r.type === planned.type && r.id !== planned.id);
      if (same.length !== 1) continue;
      const found = same[0];
      return (
        `You named ${found.name} and ${planned.name}, both ${resourceTypeLabel(found.type)}s, and I cannot tell ` +
        `which one "${playbook.title}" is for, so I planned nothing rather than guess. Ask again naming only the one you mean ` +
        `(both: "${found.name} and ${planned.name}").`
      );
    }
    return undefined;
  }

  /**
   * A list of names ("reboot orders-db and web-prod-1") that the words' first choice cannot take whole: the
   * candidate playbook that takes every name is chosen instead (`chosen`); when the names are of several
   * kinds and no one playbook takes them all, `split` says which names are which kind and to ask apart,
   * rather than planning some and dropping the rest.
   */
  private async sortListByKind(
    guess: IntentGuess,
    resolve: (raw: string, param: PlaybookParameter) => Promise<Resolution>,
    request: RequestFacts,
    input: string,
  ): Promise<{ chosen?: string; split?: string } | undefined> {
    const misread = guess.fleet?.names ? undefined : this.serviceListed(guess, input);
    const names = guess.fleet?.names ?? misread;
    if (!guess.playbook || !names || names.length < 2) return undefined;
    // Only playbooks of one kind: one that takes any resource (a snapshot's delete, tagging) is never a
    // stand-in for the action asked ("snapshot orders-db and web-prod-1" must not become a delete).
    const typeOf = (id: string) => this.deps.catalog.get(id)?.parameters.find(isResourceParameter)?.type;
    const ofOneKind = (id: string) => typeOf(id) !== undefined && typeOf(id) !== 'taggable' && typeOf(id) !== 'any';
    // The words' other readings (same words, another kind) may take the list; the rest only name a playbook to ask.
    const readings = new Set((guess.candidates ?? []).map((c) => c.playbook));
    const ids = [
      ...new Set([guess.playbook, ...(guess.candidates ?? []).map((c) => c.playbook), ...guess.alternatives.map((a) => a.playbook)]),
    ].filter((id) => (!misread || id !== guess.playbook) && (id === guess.playbook || ofOneKind(id)));
    const takes = async (id: string, list: string[]): Promise<boolean> => {
      const param = this.deps.catalog.get(id)?.parameters.find(isResourceParameter);
      if (!param) return false;
      for (const name of list) if ((await resolve(name, param)).kind !== 'match') return false;
      return true;
    };
    if (!misread && (await takes(guess.playbook, names))) return undefined;
    for (const id of ids) if (id !== guess.playbook && (misread || readings.has(id)) && (await takes(id, names))) return { chosen: id };
    // Which kind each name is, whatever the playbook.
    const kinds = new Map<string, string[]>();
    for (const name of names) {
      const found = await this.deps.resolver.resolve(name, 'any', request.requestId ? { requestId: request.requestId } : {});
      if (found.kind !== 'match') return undefined; // a name that is nothing: the plan says it was not found
      kinds.set(found.resource.type, [...(kinds.get(found.resource.type) ?? []), found.resource.name]);
    }
    if (kinds.size < 2) return undefined;
    const groups: string[] = [];
    const asks: string[] = [];
    for (const [type, members] of kinds) {
      groups.push(
        `${members.join(', ')} ${members.length > 1 ? 'are' : 'is'} ` +
          `${members.length > 1 ? `${resourceTypeLabel(type)}s` : withArticle(resourceTypeLabel(type))}`,
      );
      let fits: string | undefined;
      for (const id of ids) if (await takes(id, members)) fits = fits ?? id;
      const title = fits ? this.deps.catalog.get(fits)?.title : undefined;
      asks.push(
        title
          ? `"${title}" for ${members.join(', ')}`
          : `${members.join(', ')} (no playbook here does this to ${resourceTypeLabel(type)}s)`,
      );
    }
    return {
      split:
        `These cannot go in one plan: ${groups.join('; ')}, and no playbook acts on both ` +
        `kinds at once. I planned none of them; ask for each kind on its own: ` +
        `${asks.join(', then ')}.`,
    };
  }

  /**
   * "restart web-prod-1 and the checkout service": read as restarting a service called checkout on
   * web-prod-1, but "and" lists it beside the instance, as a resource of its own (an ECS service): both names.
   */
  private serviceListed(guess: IntentGuess, input: string): string[] | undefined {
    const playbook = guess.playbook ? this.deps.catalog.get(guess.playbook) : undefined;
    const service = playbook?.parameters.find((p) => p.type === 'service-name');
    const resource = playbook?.parameters.find(isResourceParameter);
    const svc = service ? guess.params[service.name] : undefined;
    const ref = resource ? guess.params[resource.name] : undefined;
    if (!svc || !ref || !/^[\w.-]+$/.test(svc)) return undefined;
    const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const listed = new RegExp(
      `\\b${escape(ref.toLowerCase())}\\s*,?\\s+(?:and|&|plus|as\\s+well\\s+as)` +
        `\\s+(?:the\\s+)?${escape(svc.toLowerCase())}\\s+(?:ecs\\s+|fargate\\s+)?service\\b`,
    );
    return listed.test(input.toLowerCase()) ? [ref, svc] : undefined;
  }

  /** The set, read from the inventory; each member assessed; the whole covered by one approval. */
  private async planFleet(
    plan: Plan,
    playbook: Playbook,
    param: PlaybookParameter,
    selector: FleetSelector,
    request: RequestFacts,
  ): Promise<Plan> {
    const set = await this.deps.resolver.resolveSet!(selector, param.type as ResourceType);
    // "reboot 30 web servers": planned only when exactly that many match; otherwise say how many do.
    if (selector.count !== undefined && !set.unresolved.length && set.members.length !== selector.count) {
      const shown = set.members.slice(0, 10).map((m) => m.name);
      const more = set.members.length > shown.length ? ` and ${set.members.length - shown.length} more` : '';
      const reason = set.members.length
        ? `You asked for ${selector.count}, but ${set.members.length} match ${set.described}: ` +
          `${shown.join(', ')}${more}. I planned none; ask for these by that name (without the ` +
          `number), or name the ones you mean.`
        : `You asked for ${selector.count}, but none match ${set.described}. I planned none; ` +
          `\`find <part of the name>\` lists what exists.`;
      plan.blocked = true;
      plan.risk = { level: playbook.risk.base, reasons: [reason], blocked: true, reversible: playbook.risk.reversible };
      plan.approval = NO_APPROVAL;
      return plan;
    }
    if (set.unresolved.length || !set.members.length) {
      plan.missing = { param: param.name, query: set.unresolved.length ? set.unresolved.join(', ') : set.described, nearest: [] };
      return this.withoutRisk(plan);
    }
    const assessed = await assessFleet(
      { assessor: this.deps.assessor, preflight: this.deps.preflight },
      playbook,
      param,
      selector,
      set,
      plan.params,
      request,
      this.deps.fleetLimit ?? DEFAULT_FLEET_LIMIT,
    );
    plan.fleet = assessed.fleet;
    plan.risk = assessed.risk;
    plan.blocked = assessed.risk.blocked;
    if (!playbook.readOnly && this.deps.preflight && assessed.preflight.length) plan.preflight = assessed.preflight;
    plan.approval = playbook.readOnly || plan.blocked ? NO_APPROVAL : this.deps.assessor.approvalFor(playbook, plan.risk);
    return plan;
  }

  private withoutRisk(plan: Plan): Plan {
    // A refused value (pattern, enum) already says why in plan.risk; keep that message.
    if (plan.blocked) return { ...plan, approval: NO_APPROVAL };
    return { ...plan, risk: { ...NO_RISK, level: plan.playbook?.risk.base ?? 'low' }, approval: NO_APPROVAL };
  }

  /** Fill one parameter of the plan; 'stop' when the plan cannot go on without the user. */
  private async settle(
    param: PlaybookParameter,
    raw: string | undefined,
    plan: Plan,
    resolve: (raw: string, param: PlaybookParameter) => Promise<Resolution>,
    scope?: ResourceScope,
  ): Promise<'ok' | 'stop'> {
    if (raw === undefined || raw.trim() === '') {
      if (param.default !== undefined) {
        plan.params[param.name] = param.default;
        return 'ok';
      }
      if (!param.required) return 'ok';
      plan.missing = { param: param.name, nearest: [] };
      return 'stop';
    }
    if (isResourceParameter(param)) {
      const found = await resolveInScope(raw, param, scope, resolve);
      if (found.kind === 'match') {
        plan.params[param.name] = found.resource;
        // "billing-mysql-prod" is no name here; billing-db-prod is what its words matched: say so on the card.
        if (found.fuzzy)
          plan.notes = [
            ...(plan.notes ?? []),
            `"${raw.trim()}" is not an exact name; it matched ${found.resource.name}. Check that it is the one you mean.`,
          ];
        return 'ok';
      }
      if (found.kind === 'ambiguous') {
        plan.clarify = { param: param.name, query: raw, candidates: found.candidates };
        return 'stop';
      }
      const missing: NonNullable<Plan['missing']> = {
        param: param.name,
        query: scope ? `${raw} ${describeScope(scope)}`.trim() : raw,
        nearest: [],
        ...(found.kind === 'none' && found.unscanned?.length ? { unscanned: found.unscanned } : {}),
        ...(found.gone ? { gone: found.gone } : {}),
      };
      // The nearest names are worked out only if the card (or JSON) shows them: most plans tried never are.
      Object.defineProperty(missing, 'nearest', { enumerable: true, configurable: true, get: () => found.nearest });
      plan.missing = missing;
      return 'stop';
    }
    const problem = checkValue(param, raw);
    if (problem) {
      plan.blocked = true;
      plan.risk = { ...NO_RISK, blocked: true, reasons: [problem] };
      plan.params[param.name] = raw;
      return 'stop';
    }
    plan.params[param.name] = param.type === 'tags' ? parseTags(raw) : raw;
    return 'ok';
  }
}

/**
 * Let the event loop take I/O (other requests, their acknowledgements) between the stages of a plan:
 * each stage is CPU work on the only thread, and a plan at 100k resources takes milliseconds.
 */
function nextTurn(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}

/** Why a free-text value is not acceptable for its parameter, or undefined when it is. */
export function checkValue(param: PlaybookParameter, raw: string): string | undefined {
  if (param.type === 'tags') {
    for (const key of Object.keys(parseTags(raw))) {
      const mixed = mixedScripts(key);
      if (mixed)
        return (
          `Tag key "${key}" mixes ${mixed.join(' and ')} letters, so it only looks like a key ` +
          `you know and would be a different one. Type the key in one alphabet.`
        );
    }
  }
  if (param.enum && !param.enum.includes(raw)) return `\`${param.name}\` must be one of ${param.enum.join(', ')}; got "${raw}".`;
  if (param.pattern && tooLongToMatch(param.name, raw)) return tooLongToMatch(param.name, raw);
  if (param.pattern && !matchesWhole(param.pattern, raw)) {
    return `\`${param.name}\` value "${raw}" is not allowed: it must match ${param.pattern}.`;
  }
  return undefined;
}

/** `owner=alice team=data` -> { owner: 'alice', team: 'data' }. Keys are taken whole, non-ASCII letters too. */
export function parseTags(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/([\p{L}\p{N}_.:/@+-]+)\s*=\s*("([^"]*)"|'([^']*)'|[^\s,]+)/gu)) out[m[1]] = m[3] ?? m[4] ?? m[2];
  return out;
}

/** Scripts whose letters look like Latin ones (Cyrillic е, Greek ο): a key mixing them is a look-alike. */
const LOOK_ALIKE_SCRIPTS: [string, RegExp][] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
];

/** The look-alike scripts a key mixes (`kеy` with a Cyrillic е: Latin and Cyrillic), or undefined. */
function mixedScripts(key: string): string[] | undefined {
  const used = LOOK_ALIKE_SCRIPTS.filter(([, re]) => re.test(key)).map(([name]) => name);
  return used.length > 1 ? used : undefined;
}

/** The parameters read for a playbook the user picked from the suggestions. */
function paramsFor(guess: IntentGuess, playbook: string): Record<string, string> {
  const c = guess.candidates?.find((x) => x.playbook === playbook);
  if (c) return c.params;
  return guess.playbook === playbook || !guess.playbook ? guess.params : {};
}

/**
 * "reboot the payments server in staging", "the worker in staging": the place narrows what the words found, but the
 * resolver keeps only the closest look-alikes (payments-svc-1 and -2, in production), so the one in that place
 * (payments-svc-staging) was never among them, and one left of several became an exact match that beat every other
 * kind of resource. Look-alikes are asked again with the place in the words, so the resolver filters before it
 * ranks, and one that is not called so stays a look-alike. An exact name stays itself: "web-prod-1 in staging" is
 * never a look-alike of it in staging.
 */
async function resolveInScope(
  raw: string,
  param: PlaybookParameter,
  scope: ResourceScope | undefined,
  resolve: (raw: string, param: PlaybookParameter) => Promise<Resolution>,
): Promise<Resolution> {
  const first = await resolve(raw, param);
  const found = narrowToScope(first, scope);
  const place = scope ? describeScope(scope) : '';
  // "restart checkout in staging": the resource called exactly so by plain words is elsewhere (prod's checkout), so the
  // name is looked for with the place said (checkout-staging), as a look-alike is.
  // A name typed whole ("web-prod-1 in staging") stays itself: that is a place it is not in.
  const elsewhere = first.kind === 'match' && found.kind === 'none' && /^[a-z ]+$/i.test(raw.trim());
  if (!place || !(first.kind === 'ambiguous' || (first.kind === 'match' && (first.fuzzy || elsewhere)))) return found;
  const again = narrowToScope(await resolve(`${raw.trim()} ${place}`, param), scope);
  const chosen = again.kind === 'none' ? found : again;
  const said = raw.trim().toLowerCase();
  if (chosen.kind !== 'match' || chosen.fuzzy || chosen.resource.name.toLowerCase() === said || chosen.resource.id.toLowerCase() === said)
    return chosen;
  return {
    ...chosen,
    fuzzy: true,
    score: Math.min(chosen.score, first.kind === 'ambiguous' ? (first.score ?? chosen.score) : first.score),
  };
}
