import { isResourceParameter, type Playbook, type PlaybookParameter } from './playbook';
import type { ApprovalNeed, ParamValue, Plan, RiskAssessment } from './plan';
import type { IntentClassifier, PlaybookCatalog, RequestFacts, ResourceResolver, RiskAssessor, ThreadContext } from './ports';
import type { ResourceType } from './resource';

export interface PlannerDeps {
  classifier: IntentClassifier;
  resolver: ResourceResolver;
  assessor: RiskAssessor;
  catalog: PlaybookCatalog;
}

const NO_RISK: RiskAssessment = { level: 'low', reasons: [], blocked: false, reversible: true };
const NO_APPROVAL: ApprovalNeed = { required: false, approvers: 0, requesterMayApprove: true, eligible: [], ttlSeconds: 0 };

export interface PlanOptions {
  context?: ThreadContext;
  /** Force a playbook (a suggestion button was clicked). */
  playbook?: string;
  /** Parameters already settled (a clarify button was clicked): resource ids or plain values. */
  fixed?: Record<string, ParamValue>;
}

/**
 * Turn one request into a plan: understand -> resolve -> assess. Runs nothing; pure apart from its ports.
 */
export class Planner {
  constructor(private readonly deps: PlannerDeps) {}

  async plan(input: string, request: RequestFacts, options: PlanOptions = {}): Promise<Plan> {
    const guess = await this.deps.classifier.classify(input, options.context);
    const chosen = options.playbook ?? guess.playbook;
    const playbook = chosen ? this.deps.catalog.get(chosen) : undefined;
    const base: Plan = {
      input,
      playbook: null,
      confidence: guess.confidence,
      params: {},
      suggestions: guess.alternatives,
      risk: NO_RISK,
      approval: NO_APPROVAL,
      blocked: false,
    };
    if (!playbook) {
      const reasons = guess.note ? [guess.note] : [];
      return { ...base, risk: { ...NO_RISK, reasons } };
    }
    const plan: Plan = { ...base, playbook, confidence: options.playbook ? 1 : guess.confidence, suggestions: options.playbook ? [] : guess.alternatives.filter((s) => s.playbook !== playbook.id) };
    for (const param of playbook.parameters) {
      const fixed = options.fixed?.[param.name];
      if (fixed !== undefined) {
        plan.params[param.name] = fixed;
        continue;
      }
      const raw = guess.params[param.name];
      const settled = await this.settle(param, raw, plan);
      if (settled === 'stop') return this.withoutRisk(plan);
    }
    plan.risk = this.deps.assessor.assess(playbook, plan.params, request);
    plan.blocked = plan.risk.blocked;
    plan.approval = playbook.readOnly ? NO_APPROVAL : this.deps.assessor.approvalFor(playbook, plan.risk);
    return plan;
  }

  private withoutRisk(plan: Plan): Plan {
    return { ...plan, risk: { ...NO_RISK, level: plan.playbook?.risk.base ?? 'low' }, approval: NO_APPROVAL };
  }

  /** Fill one parameter of the plan; 'stop' when the plan cannot go on without the user. */
  private async settle(param: PlaybookParameter, raw: string | undefined, plan: Plan): Promise<'ok' | 'stop'> {
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
      const found = await this.deps.resolver.resolve(raw, param.type as ResourceType, param.states ? { states: param.states } : undefined);
      if (found.kind === 'match') {
        plan.params[param.name] = found.resource;
        return 'ok';
      }
      if (found.kind === 'ambiguous') {
        plan.clarify = { param: param.name, query: raw, candidates: found.candidates };
        return 'stop';
      }
      plan.missing = { param: param.name, query: raw, nearest: found.nearest };
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

/** Why a free-text value is not acceptable for its parameter, or undefined when it is. */
export function checkValue(param: PlaybookParameter, raw: string): string | undefined {
  if (param.enum && !param.enum.includes(raw)) return `\`${param.name}\` must be one of ${param.enum.join(', ')}; got "${raw}".`;
  if (param.pattern && !new RegExp(`^(?:${param.pattern})$`, 'u').test(raw)) {
    return `\`${param.name}\` value "${raw}" is not allowed: it must match ${param.pattern}.`;
  }
  return undefined;
}

/** `owner=alice team=data` -> { owner: 'alice', team: 'data' }. */
export function parseTags(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of raw.matchAll(/([\w.:/@+-]+)\s*=\s*("([^"]*)"|'([^']*)'|[^\s,]+)/g)) out[m[1]] = m[3] ?? m[4] ?? m[2];
  return out;
}

export function playbookNeedsNoResources(p: Playbook): boolean {
  return !p.parameters.some(isResourceParameter);
}
