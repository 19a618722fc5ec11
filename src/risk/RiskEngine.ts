import type { ApprovalConfig } from '../config';
import { durationSeconds } from '../config';
import type { RiskLevel } from '../core/chat';
import { isResourceParameter, type Playbook } from '../core/playbook';
import { isResource, type ApprovalNeed, type ParamValue, type RiskAssessment } from '../core/plan';
import type { RequestFacts, RiskAssessor } from '../core/ports';
import { maxRisk } from '../core/risk-level';
import { renderTemplate } from '../core/template';
import { matches } from './conditions';

const LEVEL_DEFAULTS: Record<RiskLevel, { required: boolean; approvers: number; requesterMayApprove: boolean }> = {
  low: { required: false, approvers: 1, requesterMayApprove: true },
  medium: { required: true, approvers: 1, requesterMayApprove: false },
  high: { required: true, approvers: 1, requesterMayApprove: false },
  critical: { required: true, approvers: 2, requesterMayApprove: false },
};

/**
 * Rules -> level, reasons, blocked; level -> approval need. Pure and deterministic: the same request
 * on the same estate gives the same card.
 */
export class RiskEngine implements RiskAssessor {
  constructor(private readonly policy: ApprovalConfig) {}

  assess(playbook: Playbook, params: Record<string, ParamValue>, _request: RequestFacts): RiskAssessment {
    let level = playbook.risk.base;
    const reasons: string[] = [];
    const blocks: string[] = [];
    const resources = playbook.parameters.filter(isResourceParameter).map((p) => ({ param: p, value: params[p.name] }));
    for (const { param, value } of resources) {
      if (!isResource(value) || !param.states) continue;
      if (!param.states.includes(value.state ?? '')) {
        blocks.push(`${value.name} is ${value.state ?? 'in an unknown state'}; ${playbook.id} needs it ${param.states.join(' or ')}.`);
      }
    }
    for (const rule of playbook.risk.rules) {
      const targets = resources.filter((x) => !rule.when.param || x.param.name === rule.when.param);
      const hit = targets.some((x) => isResource(x.value) && matches(rule.when, x.value));
      if (!hit) continue;
      if (rule.block) blocks.push(String(renderTemplate(rule.block, params)));
      if (rule.raise) level = maxRisk(level, rule.raise);
      if (rule.reason) reasons.push(String(renderTemplate(rule.reason, params)));
    }
    return {
      level,
      reasons: [...blocks, ...reasons],
      blocked: blocks.length > 0,
      reversible: playbook.risk.reversible,
      ...(playbook.rollback ? { rollback: playbook.rollback } : {}),
      ...(playbook.risk.downtime ? { downtime: playbook.risk.downtime } : {}),
    };
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
