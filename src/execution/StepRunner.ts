import type { CloudProvider, Target } from '../cloud';
import { isResourceParameter, type Playbook, type PlaybookStep } from '../core';
import { isResource, type ParamValue } from '../core';
import type { FleetPlan } from '../core';
import type {
  AuditTrail,
  ExecutionContext,
  ExecutionResult,
  Executor,
  FleetExecutionResult,
  PlanPreflight,
  PreflightResult,
  StepReport,
} from '../core';
import { checkHealth, HEALTH_GATES, type HealthGate } from './health';
import { rollOut } from './rolling';
import { renderDeep } from '../core';
import type { ActionContext, ActionDefinition, ReadServices } from './action';
import type { ActionRegistry } from './ActionRegistry';
import { explainError } from './errors';
import { renderShellDeep } from './shell';

export interface StepRunnerDeps {
  provider: CloudProvider;
  registry: ActionRegistry;
  audit: AuditTrail;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  services?: ReadServices;
  /** Health gates of rolling runs by resource type (default: EC2 status checks, RDS available, SSM). */
  gates?: ReadonlyMap<string, HealthGate>;
  /** How long a health gate waits for a member to become healthy (default 10 minutes, a look every 15 s). */
  gateTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export function parseDuration(text: string | undefined): number {
  const m = text?.match(/^(\d+)(s|m|h)$/);
  if (!m) return DEFAULT_TIMEOUT_MS;
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

class Refusal extends Error {}

interface PreparedStep {
  action: ActionDefinition;
  input: Record<string, unknown>;
  target: Target;
}

/**
 * Runs a playbook's steps in order: check the input against the action's schema, dry run, apply, wait.
 * Stops at the first failure and says which step failed and why; every AWS call goes to the audit trail.
 * Also the plan's preflight: the same checks and dry runs, before anyone approves.
 */
export class StepRunner implements Executor, PlanPreflight {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly deps: StepRunnerDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = deps.now ?? (() => new Date());
  }

  /** The action, its checked input and where it runs. Throws Refusal when the input is not acceptable. */
  private prepare(playbook: Playbook, step: PlaybookStep, params: Record<string, ParamValue>, requestId: string | undefined): PreparedStep {
    const action = this.deps.registry.get(step.action);
    if (!action) throw new Refusal(`action ${step.action} is not registered`);
    const targetName = step.target ?? playbook.parameters.find(isResourceParameter)?.name;
    const resource = targetName ? params[targetName] : undefined;
    const target: Target = isResource(resource)
      ? { account: resource.account, region: resource.region, requestId }
      : { account: '', region: '', requestId };
    let rendered: Record<string, unknown>;
    try {
      rendered = Object.fromEntries(
        Object.entries(step.with).map(([k, v]) => [
          k,
          action.shell?.includes(k) ? renderShellDeep(v, params, playbook.parameters) : renderDeep(v, params),
        ]),
      );
    } catch (e) {
      throw new Refusal((e as Error).message);
    }
    const input = action.input.safeParse(rendered);
    if (!input.success) {
      const issue = input.error.issues[0];
      throw new Refusal(`refused before calling AWS: \`${issue.path.join('.')}\` ${issue.message}`);
    }
    return { action, input: input.data as Record<string, unknown>, target };
  }

  private context(target: Target, timeoutMs: number, progress: (text: string) => void | Promise<void>): ActionContext {
    return {
      services: this.deps.services ?? {},
      provider: this.deps.provider,
      target,
      sleep: this.sleep,
      now: this.now,
      progress,
      timeoutMs,
    };
  }

  /** Dry-run every step; nothing changes. A step AWS would refuse blocks the plan. */
  async check(playbook: Playbook, params: Record<string, ParamValue>, requestId?: string): Promise<PreflightResult> {
    const result: PreflightResult = { blocks: [], notes: [] };
    // Only the first step: later ones may depend on it having run (a type change needs a stop first).
    const step = playbook.steps[0];
    if (!step) return result;
    const label = `Step 1 (${step.name ?? step.action})`;
    try {
      const { action, input, target } = this.prepare(playbook, step, params, requestId);
      const dry = await action.dryRun(
        this.context(target, parseDuration(step.wait?.timeout), () => undefined),
        input,
      );
      if (dry.allowed === false) result.blocks.push(`${label}: ${dry.note}`);
      else result.notes.push(`${label}: ${dry.note}`);
    } catch (e) {
      if (e instanceof Refusal) result.blocks.push(`${label}: ${e.message}`);
      else
        (result.failed ??= []).push(`${label}: the dry run could not be made (${explainError(e)}); it is made again before the step runs`);
    }
    return result;
  }

  /** A fleet plan, member by member, each followed by its health gate; the first failure stops the rest. */
  executeFleet(
    playbook: Playbook,
    params: Record<string, ParamValue>,
    fleet: FleetPlan,
    ctx: ExecutionContext,
  ): Promise<FleetExecutionResult> {
    const intervalMs = 15_000;
    const attempts = Math.max(1, Math.ceil((this.deps.gateTimeoutMs ?? 10 * 60_000) / intervalMs));
    return rollOut(
      {
        runMember: (p, c) => this.execute(playbook, p, c),
        gate: (r) =>
          checkHealth(
            {
              provider: this.deps.provider,
              target: { account: r.account, region: r.region, requestId: ctx.requestId },
              sleep: this.sleep,
              attempts,
              intervalMs,
            },
            r,
            this.deps.gates ?? HEALTH_GATES,
          ),
        sleep: this.sleep,
        audit: this.deps.audit,
      },
      playbook,
      params,
      fleet,
      ctx,
    );
  }

  async execute(playbook: Playbook, params: Record<string, ParamValue>, ctx: ExecutionContext): Promise<ExecutionResult> {
    const reports: StepReport[] = [];
    const total = playbook.steps.length;
    for (const [index, step] of playbook.steps.entries()) {
      const label = step.name ?? step.action;
      const report: StepReport = { step: label, action: step.action, ok: false, summary: '', awsRequestIds: [] };
      reports.push(report);
      const prefix = `Step ${index + 1}/${total} (${label})`;
      try {
        const { action, input, target } = this.prepare(playbook, step, params, ctx.requestId);
        const progress = (text: string) => ctx.onProgress(`${prefix}: ${text}`);
        const actx = this.context(target, parseDuration(step.wait?.timeout), progress);
        const dry = await action.dryRun(actx, input);
        if (dry.allowed === false) throw new Refusal(`refused before changing anything: ${dry.note}`);
        await progress(`${dry.note}.`);
        const outcome = await action.apply(actx, input);
        report.awsRequestIds.push(...outcome.requestIds);
        await this.deps.audit.record({
          requestId: ctx.requestId,
          kind: 'aws-call',
          data: {
            action: step.action,
            input,
            account: target.account,
            region: target.region,
            awsRequestIds: outcome.requestIds,
            summary: outcome.summary,
          },
        });
        await progress(`sent. ${outcome.summary}`);
        report.summary = outcome.summary;
        if (action.wait) {
          report.summary = await action.wait(actx, input, outcome);
          await progress(`done. ${report.summary}`);
        }
        report.ok = true;
        if (outcome.output) return { ok: true, steps: reports, output: outcome.output };
      } catch (e) {
        report.error = explainError(e);
        report.summary = `${prefix} failed: ${report.error}`;
        await this.deps.audit.record({ requestId: ctx.requestId, kind: 'aws-call', data: { action: step.action, error: report.error } });
        return { ok: false, steps: reports };
      }
    }
    return { ok: true, steps: reports };
  }
}
