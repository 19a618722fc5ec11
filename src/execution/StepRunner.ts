import type { CloudProvider } from '../cloud';
import { isResourceParameter, type Playbook } from '../core/playbook';
import { isResource, type ParamValue } from '../core/plan';
import type { AuditTrail, ExecutionContext, ExecutionResult, Executor, StepReport } from '../core/ports';
import { renderDeep } from '../core/template';
import type { ActionContext, ReadServices } from './action';
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
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export function parseDuration(text: string | undefined): number {
  const m = text?.match(/^(\d+)(s|m|h)$/);
  if (!m) return DEFAULT_TIMEOUT_MS;
  return Number(m[1]) * { s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

/**
 * Runs a playbook's steps in order: check the input against the action's schema, dry run, apply, wait.
 * Stops at the first failure and says which step failed and why; every AWS call goes to the audit trail.
 */
export class StepRunner implements Executor {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(private readonly deps: StepRunnerDeps) {
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.now = deps.now ?? (() => new Date());
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
        const action = this.deps.registry.get(step.action);
        if (!action) throw new Error(`action ${step.action} is not registered`);
        const targetName = step.target ?? playbook.parameters.find(isResourceParameter)?.name;
        const target = targetName ? params[targetName] : undefined;
        const scope = isResource(target) ? { account: target.account, region: target.region, requestId: ctx.requestId } : { account: '', region: '', requestId: ctx.requestId };
        const rendered = Object.fromEntries(
          Object.entries(step.with).map(([k, v]) => [k, action.shell?.includes(k) ? renderShellDeep(v, params, playbook.parameters) : renderDeep(v, params)]),
        );
        const input = action.input.safeParse(rendered);
        if (!input.success) {
          const issue = input.error.issues[0];
          throw new Error(`refused before calling AWS: \`${issue.path.join('.')}\` ${issue.message}`);
        }
        const timeoutMs = parseDuration(step.wait?.timeout);
        const progress = (text: string) => ctx.onProgress(`${prefix}: ${text}`);
        const actx: ActionContext = { services: this.deps.services ?? {}, provider: this.deps.provider, target: scope, sleep: this.sleep, now: this.now, progress, timeoutMs };
        const dry = await action.dryRun(actx, input.data);
        if (dry.allowed === false) throw new Error(`refused before changing anything: ${dry.note}`);
        await ctx.onProgress(`${prefix}: ${dry.note}.`);
        const outcome = await action.apply(actx, input.data);
        report.awsRequestIds.push(...outcome.requestIds);
        await this.deps.audit.record({ requestId: ctx.requestId, kind: 'aws-call', data: { action: step.action, input: input.data, account: scope.account, region: scope.region, awsRequestIds: outcome.requestIds, summary: outcome.summary } });
        await ctx.onProgress(`${prefix}: sent. ${outcome.summary}`);
        report.summary = outcome.summary;
        if (action.wait) {
          report.summary = await action.wait(actx, input.data, outcome);
          await ctx.onProgress(`${prefix}: done. ${report.summary}`);
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
