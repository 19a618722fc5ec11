import type { Playbook } from './playbook';
import type { Resource } from './resource';
import type { RiskLevel } from './chat';
import type { FleetSelector } from './ports';

export type ParamValue = Resource | string | number | boolean | Record<string, string>;

export interface RiskAssessment {
  level: RiskLevel;
  reasons: string[];
  /** The plan must not run; reasons say why. */
  blocked: boolean;
  reversible: boolean;
  rollback?: string;
  downtime?: string;
  /** What depends on the resources, where the inventory knows it (replicas, fleet peers, attached volumes). */
  dependents?: string[];
  /** The resources' facts as they are now, as their kinds word them (sizes, versions, runtime). */
  now?: string[];
}

export interface ApprovalNeed {
  required: boolean;
  /** Distinct approvers needed. */
  approvers: number;
  /** Whether the requester may approve their own request. */
  requesterMayApprove: boolean;
  /** Who may approve, as the policy names them (for the card). */
  eligible: string[];
  ttlSeconds: number;
}

/** A member of a fleet plan left out, and why (its own risk rules or dry run block it). */
export interface FleetSkip {
  resource: Resource;
  reasons: string[];
}

/**
 * One playbook over a set of resources ("reboot the kafka brokers one at a time"): the members the one
 * approval covers, exactly, and how they roll out. The fleet parameter is not in `params`; each member is
 * put there in turn when it runs.
 */
export interface FleetPlan {
  /** The resource parameter the members fill. */
  param: string;
  /** How the set was asked for, to read it again at approval ("kafka-broker*", "tagged team=search in staging"). */
  selector: FleetSelector;
  /** In words, for the card ("names starting kafka-broker"). */
  described: string;
  members: Resource[];
  /** Shown on the card and left out of the run. */
  skipped: FleetSkip[];
  /** Members run at once (1: one at a time). */
  concurrency: number;
  /** Seconds to wait between one member (or batch) and the next. */
  pauseSeconds: number;
  /** More resources matched than one plan may cover: nothing is listed, the card asks to narrow. */
  tooMany?: { matched: number; limit: number };
}

export interface Suggestion {
  playbook: string;
  title: string;
  confidence: number;
}

/** What the bot made of one request: the contract of `cloudops plan --json`. */
export interface Plan {
  input: string;
  playbook: Playbook | null;
  confidence: number;
  params: Record<string, ParamValue>;
  /** Understood, but a resource parameter matched several resources. */
  clarify?: { param: string; query: string; candidates: Resource[] };
  /** Understood, but a required parameter is missing or matched nothing. */
  /** `unscanned`: where it could be but the last scan failed (so "not found" may not be the truth), in words. `gone`: it was terminated. */
  missing?: { param: string; query?: string; nearest: string[]; unscanned?: string[]; gone?: string };
  suggestions: Suggestion[];
  /** Which classifier understood the request (local, bedrock), for the audit trail. */
  understoodBy?: string;
  risk: RiskAssessment;
  approval: ApprovalNeed;
  blocked: boolean;
  /** What the dry runs found before approval (set when a preflight ran). */
  preflight?: string[];
  /** Other resources the request names for the same action; each is planned on its own. */
  alsoNamed?: string[];
  /** What the card must also tell, beside the risk (a time asked for that the bot cannot schedule). */
  notes?: string[];
  /** A correction of the plan above in the thread: that one, if still waiting, is cancelled. */
  replaces?: boolean;
  /** One playbook over a set of resources (the fleet parameter is listed here, not in `params`). */
  fleet?: FleetPlan;
}

export function isResource(v: ParamValue | undefined): v is Resource {
  return typeof v === 'object' && v !== null && 'type' in v && 'id' in v && 'account' in v;
}

/** Is this plan ready to be put in front of approvers (or run, when no approval is needed)? */
export function isActionable(plan: Plan): boolean {
  return plan.playbook !== null && !plan.clarify && !plan.missing && !plan.blocked;
}

/** A resource as the JSON contracts show it (`plan --json`, `find --json`). */
export function resourceJson(r: Resource) {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    account: r.account,
    ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}),
    region: r.region,
    ...(r.arn ? { arn: r.arn } : {}),
    ...(r.state ? { state: r.state } : {}),
  };
}

/** The JSON shape printed by `cloudops plan --json`. Later issues may add keys, never rename them. */
export function planToJson(plan: Plan): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plan.params)) params[k] = isResource(v) ? resourceJson(v) : v;
  // A fleet parameter is the list of the members the approval covers.
  if (plan.fleet) params[plan.fleet.param] = plan.fleet.members.map(resourceJson);
  const out: Record<string, unknown> = {
    input: plan.input,
    playbook: plan.playbook?.id ?? null,
    confidence: Math.round(plan.confidence * 100) / 100,
    params,
    risk: {
      level: plan.risk.level,
      reasons: plan.risk.reasons,
      reversible: plan.risk.reversible,
      ...(plan.risk.rollback ? { rollback: plan.risk.rollback } : {}),
      ...(plan.risk.downtime ? { downtime: plan.risk.downtime } : {}),
      ...(plan.risk.dependents?.length ? { dependents: plan.risk.dependents } : {}),
      ...(plan.risk.now?.length ? { now: plan.risk.now } : {}),
    },
    approval: {
      required: plan.approval.required,
      ...(plan.approval.required ? { approvers: plan.approval.approvers, requesterMayApprove: plan.approval.requesterMayApprove } : {}),
    },
    blocked: plan.blocked,
  };
  if (plan.fleet) out.fleet = fleetJson(plan.fleet);
  if (plan.preflight) out.preflight = plan.preflight;
  if (plan.alsoNamed?.length) out.alsoNamed = plan.alsoNamed;
  if (plan.notes?.length) out.notes = plan.notes;
  if (plan.clarify)
    out.clarify = { param: plan.clarify.param, query: plan.clarify.query, candidates: plan.clarify.candidates.map(resourceJson) };
  if (plan.missing) out.missing = plan.missing;
  if (plan.playbook === null || plan.suggestions.length) out.suggestions = plan.suggestions;
  return out;
}

/** `fleet` in `plan --json`: size is the members the approval covers (skipped ones are listed apart). */
export function fleetJson(f: FleetPlan): Record<string, unknown> {
  return {
    size: f.members.length,
    concurrency: f.concurrency,
    pause: f.pauseSeconds,
    selector: f.described,
    ...(f.skipped.length ? { skipped: f.skipped.map((s) => ({ ...resourceJson(s.resource), reasons: s.reasons })) } : {}),
    ...(f.tooMany ? { tooMany: f.tooMany } : {}),
  };
}
