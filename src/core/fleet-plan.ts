/**
 * One playbook over a set of resources: which members the plan covers, which are left out and why, and
 * the risk of the whole (the highest of its members). Pure apart from its ports; used by the planner and,
 * at approval, to read the set again.
 */
import type { FleetPlan, FleetSkip, ParamValue, RiskAssessment } from './plan';
import type { Playbook, PlaybookParameter } from './playbook';
import type { FleetSelector, PlanPreflight, RequestFacts, ResolvedSet, RiskAssessor } from './ports';
import type { Resource } from './resource';
import { maxRisk } from './risk-level';

/** How many members one plan lists (and one approval covers) unless the config says otherwise. */
export const DEFAULT_FLEET_LIMIT = 20;

export interface FleetAssessment {
  fleet: FleetPlan;
  risk: RiskAssessment;
  /** Dry-run notes of the members kept. */
  preflight: string[];
}

/** `15m` -> 900; undefined or malformed -> undefined. */
export function durationSeconds(text: string | undefined): number | undefined {
  const m = text?.match(/^(\d+)(s|m|h)$/);
  return m ? Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h'] : undefined;
}

/**
 * Assess every member on its own (the playbook's rules see one resource at a time): a member its rules
 * or its dry run block is shown and left out, or blocks the whole plan when the playbook says so.
 */
export async function assessFleet(
  deps: { assessor: RiskAssessor; preflight?: PlanPreflight },
  playbook: Playbook,
  param: PlaybookParameter,
  selector: FleetSelector,
  set: ResolvedSet,
  params: Record<string, ParamValue>,
  request: RequestFacts,
  limit: number,
): Promise<FleetAssessment> {
  const fleet: FleetPlan = {
    param: param.name,
    selector,
    described: set.described,
    members: [],
    skipped: [],
    concurrency: Math.max(1, selector.concurrency ?? playbook.fleet?.concurrency ?? 1),
    pauseSeconds: selector.pauseSeconds ?? durationSeconds(playbook.fleet?.pause) ?? 0,
  };
  if (set.members.length > limit) {
    fleet.tooMany = { matched: set.members.length, limit };
    const reason =
      `${set.described} matches ${set.members.length} resources, more than the ${limit} ` +
      `one plan may cover. Narrow it (a longer name prefix, a tag such as role=web, "in ` +
      `staging") or ask for fewer by name.`;
    return {
      fleet,
      risk: { level: playbook.risk.base, reasons: [reason], blocked: true, reversible: playbook.risk.reversible },
      preflight: [],
    };
  }
  const kept: { resource: Resource; risk: RiskAssessment }[] = [];
  const preflight: string[] = [];
  for (const resource of set.members) {
    const memberParams = { ...params, [param.name]: resource };
    if (param.states && !param.states.includes(resource.state ?? '')) {
      fleet.skipped.push({
        resource,
        reasons: [`${resource.name} is ${resource.state ?? 'in an unknown state'}; ${playbook.id} needs it ${param.states.join(' or ')}`],
      });
      continue;
    }
    const risk = deps.assessor.assess(playbook, memberParams, request);
    if (risk.blocked) {
      fleet.skipped.push({ resource, reasons: risk.reasons });
      continue;
    }
    if (!playbook.readOnly && deps.preflight) {
      const checked = await deps.preflight.check(playbook, memberParams, request.requestId);
      if (checked.blocks.length) {
        fleet.skipped.push({ resource, reasons: checked.blocks });
        continue;
      }
      preflight.push(...checked.notes.map((n) => `${resource.name}: ${n}`), ...(checked.failed ?? []).map((n) => `${resource.name}: ${n}`));
    }
    kept.push({ resource, risk });
  }
  fleet.members = kept.map((k) => k.resource);
  const risk = combine(
    playbook,
    kept.map((k) => k.risk),
  );
  if (fleet.skipped.length && playbook.fleet?.onBlocked === 'block') {
    const names = fleet.skipped.map((s) => s.resource.name).join(', ');
    return {
      fleet,
      risk: {
        ...risk,
        blocked: true,
        reasons: [
          `${playbook.id} runs on the whole set or not at all, and ${names} cannot run: ${skipReasons(fleet.skipped)}`,
          ...risk.reasons,
        ],
      },
      preflight,
    };
  }
  if (!kept.length) {
    return {
      fleet,
      risk: { ...risk, blocked: true, reasons: [`None of ${set.described} can run: ${skipReasons(fleet.skipped)}`] },
      preflight,
    };
  }
  return { fleet, risk, preflight };
}

function skipReasons(skipped: FleetSkip[]): string {
  return skipped.map((s) => `${s.resource.name} (${s.reasons[0] ?? 'blocked'})`).join('; ');
}

/** The risk of the whole: the highest level, every reason once, reversible only if every member is. */
export function combine(playbook: Playbook, risks: RiskAssessment[]): RiskAssessment {
  let level = playbook.risk.base;
  const reasons: string[] = [];
  const dependents: string[] = [];
  for (const r of risks) {
    level = maxRisk(level, r.level);
    for (const x of r.reasons) if (!reasons.includes(x)) reasons.push(x);
    for (const d of r.dependents ?? []) if (!dependents.includes(d)) dependents.push(d);
  }
  const first = risks[0];
  return {
    level,
    reasons,
    blocked: false,
    reversible: risks.every((r) => r.reversible) && playbook.risk.reversible,
    ...(first?.rollback ? { rollback: first.rollback } : {}),
    ...(first?.downtime ? { downtime: first.downtime } : {}),
    ...(dependents.length ? { dependents } : {}),
  };
}

/** The members' ids, in order: the set one approval covers. */
export function memberKey(members: Resource[]): string {
  return members
    .map((m) => `${m.account}/${m.region}/${m.id}`)
    .sort()
    .join(',');
}
