/**
 * Health gates of a rolling run: after each member, before the next, is it healthy? EC2: its instance and
 * system status checks are ok (or it reached the state a stop/terminate asked for); RDS: `available` (or
 * `stopped`); an SSM-managed server: its command succeeded (the step's own wait) and, for an EC2 instance,
 * its status checks. One gate per resource type, in a registry, so a new kind brings its own (ECS: steady state).
 */
import type { CloudProvider, Target } from '../cloud';
import type { Resource } from '../core';
import { explainError } from './errors';

export interface GateContext {
  provider: CloudProvider;
  target: Target;
  sleep(ms: number): Promise<void>;
  /** How many times to look before giving up (a poll every `intervalMs`). */
  attempts: number;
  intervalMs: number;
}

export interface GateResult {
  ok: boolean;
  /** What was checked and found, in words ("status checks ok", "status checks impaired"). */
  summary: string;
}

export type HealthGate = (ctx: GateContext, resource: Resource) => Promise<GateResult>;

/** Look until `check` settles (ok or failed); `undefined` (or what it saw, in words) means not yet. */
async function poll(ctx: GateContext, check: () => Promise<GateResult | string | undefined>, waiting: string): Promise<GateResult> {
  let last: string | undefined;
  for (let i = 0; i < ctx.attempts; i++) {
    const found = await check();
    if (typeof found === 'object') return found;
    last = found ?? last;
    await ctx.sleep(ctx.intervalMs);
  }
  return {
    ok: false,
    summary: `${waiting} after ${Math.round((ctx.attempts * ctx.intervalMs) / 1000)} s${last ? ` (last seen: ${last})` : ''}`,
  };
}

const ec2Gate: HealthGate = (ctx, r) =>
  poll(
    ctx,
    async () => {
      const ec2 = ctx.provider.ec2(ctx.target);
      const state = (await ec2.describeInstances({ InstanceIds: [r.id] })).Reservations?.[0]?.Instances?.[0]?.State?.Name;
      if (state === 'stopped' || state === 'terminated') return { ok: true, summary: `${state}` };
      if (state !== 'running') return undefined;
      const s = (await ec2.describeInstanceStatus({ InstanceIds: [r.id] })).InstanceStatuses?.[0];
      const instance = s?.InstanceStatus?.Status;
      const system = s?.SystemStatus?.Status;
      if (instance === 'ok' && system === 'ok') return { ok: true, summary: 'running, status checks ok' };
      if (instance === 'impaired' || system === 'impaired')
        return { ok: false, summary: `status checks impaired (instance ${instance ?? 'unknown'}, system ${system ?? 'unknown'})` };
      return undefined;
    },
    'status checks not ok',
  );

const RDS_SETTLING = new Set([
  'rebooting',
  'modifying',
  'backing-up',
  'starting',
  'stopping',
  'configuring-enhanced-monitoring',
  'configuring-log-exports',
  'upgrading',
  'maintenance',
  'renaming',
  'resetting-master-credentials',
  'storage-optimization',
]);

const rdsGate: HealthGate = (ctx, r) =>
  poll(
    ctx,
    async () => {
      const status = (await ctx.provider.rds(ctx.target).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances?.[0]
        ?.DBInstanceStatus;
      if (status === 'available' || status === 'stopped') return { ok: true, summary: status };
      if (status && RDS_SETTLING.has(status)) return undefined;
      return { ok: false, summary: `status ${status ?? 'unknown'}` };
    },
    'not available',
  );

/** The SSM command's success is the step's own wait; an EC2 instance behind it also passes its status checks. */
const ssmGate: HealthGate = async (ctx, r) => {
  if (!r.id.startsWith('i-')) return { ok: true, summary: 'SSM command succeeded' };
  const ec2 = await ec2Gate(ctx, r);
  return { ok: ec2.ok, summary: `SSM command succeeded; ${ec2.summary}` };
};

/**
 * ECS: steady state, as the SDK's `waitUntilServicesStable` reads it (one deployment, running = desired),
 * and that deployment's rollout COMPLETED (a circuit breaker that gave up says FAILED: no point waiting).
 * The service's cluster is in the inventory's facts; its ARN names it otherwise.
 */
const ecsGate: HealthGate = (ctx, r) =>
  poll(
    ctx,
    async () => {
      const cluster =
        typeof r.facts?.clusterArn === 'string' && r.facts.clusterArn
          ? r.facts.clusterArn
          : r.id.replace(/:service\/([^/]+)\/.*$/, ':cluster/$1');
      const got = await ctx.provider.service('ecs', ctx.target).describeServices({ cluster, services: [r.id] });
      const s = got.services?.find((x) => x.serviceArn === r.id || x.serviceName === r.name);
      if (!s) return { ok: false, summary: `service not found (${got.failures?.[0]?.reason ?? 'no reason given'})` };
      const deployments = s.deployments ?? [];
      const primary = deployments.find((d) => d.status === 'PRIMARY');
      const counts = `${s.runningCount ?? 0}/${s.desiredCount ?? 0} tasks running, ${deployments.length} deployment(s)`;
      if (primary?.rolloutState === 'FAILED')
        return { ok: false, summary: `deployment FAILED: ${primary.rolloutStateReason ?? 'no reason given'} (${counts})` };
      // A deployment without a rollout state (no circuit breaker, older APIs) is settled by the counts alone.
      const rolledOut = !primary?.rolloutState || primary.rolloutState === 'COMPLETED';
      if (deployments.length === 1 && s.runningCount === s.desiredCount && rolledOut)
        return { ok: true, summary: `steady state: ${counts}` };
      return `${counts}, rollout ${primary?.rolloutState ?? 'unknown'}`;
    },
    'not in steady state',
  );

/** The gate for each resource type; a type without one passes on its steps' success alone. */
export const HEALTH_GATES = new Map<string, HealthGate>([
  ['ec2-instance', ec2Gate],
  ['ssm-instance', ssmGate],
  ['rds-instance', rdsGate],
  ['ecs-service', ecsGate],
]);

/** Run the member's gate; an error reading its health is a failed gate, said in words. */
export async function checkHealth(
  ctx: GateContext,
  r: Resource,
  gates: ReadonlyMap<string, HealthGate> = HEALTH_GATES,
): Promise<GateResult> {
  const gate = gates.get(r.type);
  if (!gate) return { ok: true, summary: 'steps succeeded (no health check for this kind)' };
  try {
    return await gate(ctx, r);
  } catch (e) {
    return { ok: false, summary: `could not read its health: ${explainError(e)}` };
  }
}
