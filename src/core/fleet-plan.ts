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
    kept.map((k) => k.resource.name),
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

/**
 * The risk of the whole: the highest level, every reason once, reversible only if every member is. A reason
 * each member has in its own name ("kafka-broker-1 is tagged as production") is said once for all of them,
 * and lists of names under one heading ("attached EBS volumes: …") are one line: a card for 20 members
 * stays readable.
 */
export function combine(playbook: Playbook, risks: RiskAssessment[], names: string[] = []): RiskAssessment {
  let level = playbook.risk.base;
  const said = new Map<string, string[]>();
  const dependents: string[] = [];
  risks.forEach((r, i) => {
    level = maxRisk(level, r.level);
    const name = names[i];
    const own = name ? new RegExp(`(?<![\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g') : undefined;
    for (const x of r.reasons) {
      const key = own ? x.replace(own, NAME_SLOT) : x;
      const who = said.get(key) ?? [];
      if (name && key !== x && !who.includes(name)) who.push(name);
      said.set(key, who);
    }
    for (const d of r.dependents ?? []) if (!dependents.includes(d)) dependents.push(d);
  });
  const reasons = [...said].map(([key, who]) => sayFor(key, who));
  const first = risks[0];
  const merged = mergeDependents(dependents, names);
  return {
    level,
    reasons,
    blocked: false,
    reversible: risks.every((r) => r.reversible) && playbook.risk.reversible,
    ...(first?.rollback ? { rollback: first.rollback } : {}),
    ...(first?.downtime ? { downtime: first.downtime } : {}),
    ...(merged.length ? { dependents: merged } : {}),
  };
}

const NAME_SLOT = '\u0000';

/** A reason with the member's name taken out, said for the members that have it. */
function sayFor(key: string, who: string[]): string {
  if (!key.includes(NAME_SLOT)) return key;
  if (who.length === 1) return key.split(NAME_SLOT).join(who[0]);
  if (key.startsWith(NAME_SLOT) && key.indexOf(NAME_SLOT, 1) < 0) return `${who.join(', ')}: each${key.slice(1)}`;
  return `${key.split(NAME_SLOT).join('each member')} (${who.join(', ')})`;
}

/**
 * "attached EBS volume: a-root" and "attached EBS volumes: b-data, b-root" are one line; a note that names
 * only other members of the set ("other instances named kafka-broker-N: kafka-broker-2, kafka-broker-3 (…)")
 * says nothing the member list does not.
 */
function mergeDependents(lines: string[], members: string[]): string[] {
  const out: string[] = [];
  const lists = new Map<string, { at: number; items: string[] }>();
  for (const line of lines) {
    const m = /^([^:]+): (.+)$/.exec(line);
    const named = m?.[2].replace(/\s*\([^)]*\)$/, '').split(/,\s*/) ?? [];
    if (members.length > 1 && named.length && named.every((n) => members.includes(n))) continue;
    if (!m || m[2].includes('(')) {
      out.push(line);
      continue;
    }
    const heading = m[1].replace(/s$/, '');
    const had = lists.get(heading);
    if (had) had.items.push(...named.filter((n) => !had.items.includes(n)));
    else {
      lists.set(heading, { at: out.length, items: named });
      out.push(heading);
    }
  }
  for (const [heading, { at, items }] of lists) out[at] = `${heading}${items.length > 1 ? 's' : ''}: ${items.join(', ')}`;
  return out;
}

/** The members' ids, in order: the set one approval covers. */
export function memberKey(members: Resource[]): string {
  return members
    .map((m) => `${m.account}/${m.region}/${m.id}`)
    .sort()
    .join(',');
}
