import type { ApprovalConfig, Config, FreezeWindow, RiskConfig } from '../config';
import { durationSeconds } from '../config';
import type { RiskLevel } from '../core';
import { isResourceParameter, type Playbook, type RiskRule } from '../core';
import { isResource, type ApprovalNeed, type ParamValue, type RiskAssessment } from '../core';
import type { RequestFacts, RiskAssessor } from '../core';
import type { Resource } from '../core';
import { maxRisk, riskRank } from '../core';
import { lookup, renderTemplate } from '../core';
import { builtinChecks, type Target } from './builtin-checks';
import { matches, readsResource, type RequestView } from './conditions';
import { dependentsOf, nowOf, type EstateView } from './dependents';
import { inPeriod } from './wall-clock';

const LEVEL_DEFAULTS: Record<RiskLevel, { required: boolean; approvers: number; requesterMayApprove: boolean }> = {
  low: { required: false, approvers: 1, requesterMayApprove: true },
  medium: { required: true, approvers: 1, requesterMayApprove: false },
  high: { required: true, approvers: 1, requesterMayApprove: false },
  critical: { required: true, approvers: 2, requesterMayApprove: false },
};

const NO_RISK_CONFIG: RiskConfig = { timezone: 'UTC', productionAccounts: [], productionLevel: 'high', freezes: [], rules: [] };

export interface RiskEngineOptions {
  risk?: RiskConfig;
  /** Account ids and aliases that are production, beyond risk.productionAccounts. */
  productionAccounts?: string[];
  /** The inventory, for what depends on a resource (replicas, fleet peers). */
  estate?: EstateView;
}

type GlobalRule = RiskRule & { playbooks?: string[] };

/**
 * Rules -> level, reasons, blocked; level -> approval need. Pure and deterministic: the same request
 * (same time) on the same estate gives the same card. Order: built-in checks, the playbook's rules,
 * production accounts, the config's global rules, change freezes.
 */
export class RiskEngine implements RiskAssessor {
  private readonly risk: RiskConfig;
  private readonly production: Set<string>;

  constructor(
    private readonly policy: ApprovalConfig,
    private readonly options: RiskEngineOptions = {},
  ) {
    this.risk = options.risk ?? NO_RISK_CONFIG;
    this.production = new Set([...this.risk.productionAccounts, ...(options.productionAccounts ?? [])].map((a) => a.toLowerCase()));
  }

  static fromConfig(config: Config, estate?: EstateView): RiskEngine {
    const fromAws = (config.aws?.accounts ?? []).filter((a) => a.production).flatMap((a) => [a.id, ...(a.alias ? [a.alias] : [])]);
    return new RiskEngine(config.approval, { risk: config.risk, productionAccounts: fromAws, estate });
  }

  isProduction(r: Resource): boolean {
    return this.production.has(r.account) || (!!r.accountAlias && this.production.has(r.accountAlias.toLowerCase()));
  }

  /** The change freezes in force at `at`. */
  freezesAt(at: Date): FreezeWindow[] {
    return this.risk.freezes.filter((f) => inPeriod(at, f.from, f.to, this.risk.timezone));
  }

  assess(playbook: Playbook, params: Record<string, ParamValue>, request: RequestFacts): RiskAssessment {
    const targets: Target[] = playbook.parameters.filter(isResourceParameter).flatMap((param) => {
      const value = params[param.name];
      return isResource(value) ? [{ param, resource: value }] : [];
    });
    const freezes = playbook.readOnly ? [] : this.freezesAt(request.at);
    const req: RequestView = {
      at: request.at,
      timezone: this.risk.timezone,
      freezes: freezes.map((f) => f.name),
      resources: targets.length,
      params,
      isProduction: (r) => this.isProduction(r),
    };
    let level = playbook.risk.base;
    let downtime: string | undefined;
    const blocks: string[] = [];
    const reasons: string[] = [];
    const add = (list: string[], text: string) => {
      if (text && !list.includes(text)) list.push(text);
    };
    const apply = (rule: RiskRule) => {
      const scoped = targets.filter((t) => !rule.when.param || t.param.name === rule.when.param);
      const hits: (Resource | undefined)[] = readsResource(rule.when)
        ? scoped.filter((t) => matches(rule.when, t.resource, req)).map((t) => t.resource)
        : matches(rule.when, undefined, req)
          ? [undefined]
          : [];
      // Rules only raise: one that names a level below the playbook's base changes nothing, so its reason
      // would explain nothing (and must never read as if the risk were lowered).
      if (rule.raise && !rule.block && riskRank(rule.raise) < riskRank(playbook.risk.base)) return;
      for (const resource of hits) {
        const vars = { ...(resource ? { resource } : {}), playbook: playbook.title, freeze: req.freezes.join(', '), ...params };
        if (rule.block) add(blocks, riskText(rule.block, vars));
        if (rule.raise) level = maxRisk(level, rule.raise);
        if (rule.reason) add(reasons, riskText(rule.reason, vars));
        if (rule.downtime && downtime === undefined) downtime = riskText(rule.downtime, vars);
      }
    };

    for (const text of builtinChecks(playbook, targets, params)) add(blocks, text);
    for (const rule of playbook.risk.rules) apply(rule);
    if (!playbook.readOnly) {
      for (const rule of this.changeRules(playbook)) apply(rule);
      for (const f of freezes) {
        const why = f.reason ?? `change freeze "${f.name}" is in force (${f.from} to ${f.to})`;
        if (f.block) add(blocks, `${why}: nothing that changes AWS runs until it ends`);
        else {
          level = maxRisk(level, f.raise);
          add(reasons, why);
        }
      }
    }
    return {
      level,
      reasons: [...blocks, ...reasons],
      blocked: blocks.length > 0,
      reversible: playbook.risk.reversible,
      ...(playbook.rollback ? { rollback: playbook.rollback } : {}),
      ...((downtime ?? playbook.risk.downtime) ? { downtime: downtime ?? playbook.risk.downtime } : {}),
      ...this.now(targets),
      ...this.dependents(targets),
    };
  }

  /** Rules from the config that apply to changes: production accounts, then the global rules. */
  private changeRules(playbook: Playbook): RiskRule[] {
    const rules: RiskRule[] = [];
    // A playbook that already speaks about accounts keeps its own wording; otherwise the config's list applies.
    const coversAccounts = playbook.risk.rules.some((r) => usesAccount(r.when));
    if (this.production.size && !coversAccounts) {
      rules.push({
        when: { production: true },
        raise: this.risk.productionLevel,
        reason: '{{resource.name}} is in a production account ({{resource.accountAlias}} {{resource.account}})',
      });
    }
    for (const rule of this.risk.rules as GlobalRule[]) {
      if (rule.playbooks && !rule.playbooks.includes(playbook.id)) continue;
      rules.push(rule);
    }
    return rules;
  }

  private now(targets: Target[]): { now?: string[] } {
    const lines = targets.flatMap((t) => nowOf(t.resource));
    return lines.length ? { now: [...new Set(lines)] } : {};
  }

  private dependents(targets: Target[]): { dependents?: string[] } {
    const lines = targets.flatMap((t) => dependentsOf(t.resource, this.options.estate));
    return lines.length ? { dependents: [...new Set(lines)] } : {};
  }

  approvalFor(_playbook: Playbook, risk: RiskAssessment): ApprovalNeed {
    const defaults = LEVEL_DEFAULTS[risk.level];
    const conf = this.policy.levels[risk.level] ?? {};
    const from = conf.from ?? Object.keys(this.policy.approvers);
    return {
      required: conf.required ?? defaults.required,
      approvers: conf.approvers ?? defaults.approvers,
      requesterMayApprove: conf.requesterMayApprove ?? defaults.requesterMayApprove,
      eligible: from,
      ttlSeconds: durationSeconds(conf.ttl ?? this.policy.ttl),
    };
  }
}

/** A rule's text for people: a fact the inventory does not have reads "none", never an empty gap. */
function riskText(text: string, vars: Record<string, ParamValue>): string {
  const filled = text.replace(/\{\{\s*([a-zA-Z_][\w]*(?:\.[\w:/-]+)*)\s*\}\}/g, (whole, ref: string) => {
    const v = lookup(vars, ref.split('.'));
    return v === null || v === undefined || v === '' ? 'none' : whole;
  });
  return String(renderTemplate(filled, vars));
}

function usesAccount(c: RiskRule['when']): boolean {
  if (c.account || c.production !== undefined) return true;
  return [...(c.all ?? []), ...(c.any ?? []), ...(c.not ? [c.not] : [])].some(usesAccount);
}
