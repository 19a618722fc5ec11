/**
 * A rolling run over a fleet plan: members in batches of `concurrency` (one at a time by default), each
 * member's steps then its health gate, `pauseSeconds` between batches; the first failure stops the rest.
 * Progress per member goes to the thread; the audit trail gets one `fleet-member` record per member.
 */
import type { Playbook } from '../core';
import type { FleetPlan, ParamValue } from '../core';
import type { AuditTrail, ExecutionContext, ExecutionResult, FleetExecutionResult, FleetMemberOutcome, StepReport } from '../core';
import type { Resource } from '../core';
import type { GateResult } from './health';

export interface RollingDeps {
  runMember(params: Record<string, ParamValue>, ctx: ExecutionContext): Promise<ExecutionResult>;
  gate(resource: Resource): Promise<GateResult>;
  sleep(ms: number): Promise<void>;
  audit: AuditTrail;
}

function pause(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

export async function rollOut(
  deps: RollingDeps,
  playbook: Playbook,
  params: Record<string, ParamValue>,
  fleet: FleetPlan,
  ctx: ExecutionContext,
): Promise<FleetExecutionResult> {
  const total = fleet.members.length;
  const outcomes: FleetMemberOutcome[] = fleet.members.map((resource) => ({ resource, status: 'not started', summary: '' }));
  const steps: StepReport[] = [];
  const size = Math.max(1, fleet.concurrency);
  let stopped = false;
  for (let start = 0; start < total && !stopped; start += size) {
    if (start > 0 && fleet.pauseSeconds > 0) {
      await ctx.onProgress(`Waiting ${pause(fleet.pauseSeconds)} before the next ${size === 1 ? 'one' : `${size}`}.`);
      await deps.sleep(fleet.pauseSeconds * 1000);
    }
    const batch = outcomes.slice(start, start + size);
    await Promise.all(
      batch.map(async (outcome, k) => {
        const m = outcome.resource;
        const label = `[${start + k + 1}/${total}] ${m.name}`;
        await ctx.onProgress(`${label}: starting.`);
        const result = await deps.runMember(
          { ...params, [fleet.param]: m },
          { requestId: ctx.requestId, onProgress: (text) => ctx.onProgress(`${label}: ${text}`) },
        );
        const ran = result.steps
          .map((s) => (s.ok ? s.summary : s.error))
          .filter(Boolean)
          .join('; ');
        let gate: GateResult | undefined;
        if (result.ok) gate = await deps.gate(m);
        const ok = result.ok && gate!.ok;
        outcome.status = ok ? 'done' : 'failed';
        outcome.summary = result.ok ? `health check ${gate!.ok ? 'passed' : 'failed'}: ${gate!.summary}` : ran || 'its steps failed';
        steps.push({
          step: m.name,
          action: playbook.id,
          ok,
          summary: `${ran}${gate ? `; health check: ${gate.summary}` : ''}`,
          awsRequestIds: result.steps.flatMap((s) => s.awsRequestIds),
          ...(ok ? {} : { error: outcome.summary }),
        });
        await deps.audit.record({
          requestId: ctx.requestId,
          kind: 'fleet-member',
          data: {
            member: m.name,
            id: m.id,
            account: m.account,
            region: m.region,
            position: start + k + 1,
            of: total,
            status: outcome.status,
            steps: ran,
            gate: gate ?? null,
          },
        });
        // A summary that ends a sentence of its own (an AWS reason such as "…failed to start.") gets no second full stop.
        const said = ok ? `done; health check passed (${gate!.summary}).` : `FAILED: ${sentence(outcome.summary)}`;
        await ctx.onProgress(`${label}: ${said}`);
      }),
    );
    if (batch.some((o) => o.status === 'failed')) stopped = true;
  }
  const notStarted = outcomes.filter((o) => o.status === 'not started');
  if (stopped && notStarted.length)
    await ctx.onProgress(
      `Stopped after the first failure: ${notStarted.length} not started (${notStarted.map((o) => o.resource.name).join(', ')}).`,
    );
  return { ok: outcomes.every((o) => o.status === 'done'), steps, members: outcomes };
}

/** `text` as one sentence: a full stop added unless it already ends with one (or with ! or ?). */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text}.`;
}
