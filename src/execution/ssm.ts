import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isCloudError, type SSM } from '../cloud';
import { defineAction, waitForChange, type ActionContext, type DryRunAnswer } from './action';
import { requestIds } from './outcome';

const instanceId = z.string().regex(/^(i|mi)-[0-9a-f]{8,17}$/, 'must be an EC2 instance id (i-…) or a managed instance id (mi-…)');
const POLL_MS = 5_000;
const TAIL_LINES = 15;

/** SSM has no dry run; the next best thing is asking whether the agent is there and online. */
async function agentOnline(ctx: ActionContext, id: string): Promise<DryRunAnswer> {
  const out = await ctx.provider.ssm(ctx.target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [id] }] });
  const info = out.InstanceInformationList?.find((x) => x.InstanceId === id);
  if (!info)
    return { supported: false, allowed: false, note: `${id} is not managed by SSM (no agent registered), so Run Command cannot reach it` };
  if (info.PingStatus !== 'Online')
    return { supported: false, allowed: false, note: `the SSM agent on ${id} is ${info.PingStatus}; Run Command would not reach it` };
  return { supported: false, note: `AWS has no dry run for Run Command; the SSM agent on ${id} is Online` };
}

/** The last lines of a command's output, for the thread. */
export function tail(text: string | undefined, lines = TAIL_LINES): string {
  const all = (text ?? '').trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

function describeInvocation(inv: Omit<SSM.GetCommandInvocationCommandOutput, '$metadata'>): string {
  const out = tail(inv.StandardOutputContent);
  const err = tail(inv.StandardErrorContent, 5);
  return `exit code ${inv.ResponseCode ?? '?'}${out ? `; output:\n${out}` : ''}${err ? `\nstderr:\n${err}` : ''}`;
}

const FAILED = [
  'Failed',
  'Cancelled',
  'TimedOut',
  'Cancelling',
  'Undeliverable',
  'Terminated',
  'InvalidPlatform',
  'AccessDenied',
  'DeliveryTimedOut',
  'ExecutionTimedOut',
];

export const runShellScript = defineAction({
  name: 'ssm.runShellScript',
  description:
    'Run shell commands on one instance with SSM Run Command (AWS-RunShellScript), poll ' +
    'the invocation to its end, report exit code and the tail of the output. Parameters ' +
    'in `commands` must match their pattern and are shell-quoted.',
  input: z.object({
    InstanceId: instanceId,
    commands: z.array(z.string().min(1).max(4096)).min(1).max(50),
    executionTimeout: z.coerce.number().int().min(30).max(172_800).default(600),
  }),
  permissions: ['ssm:SendCommand', 'ssm:GetCommandInvocation', 'ssm:DescribeInstanceInformation'],
  shell: ['commands'],
  dryRun: (ctx, input) => agentOnline(ctx, input.InstanceId),
  async apply(ctx, input) {
    const out = await ctx.provider.ssm(ctx.target).sendCommand({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [input.InstanceId],
      Parameters: { commands: input.commands, executionTimeout: [String(input.executionTimeout)] },
      Comment: `cloudops ${ctx.target.requestId ?? ''}`.trim().slice(0, 100),
      TimeoutSeconds: 600,
    });
    const id = out.Command?.CommandId ?? '';
    return { summary: `command ${id} sent to ${input.InstanceId}`, requestIds: requestIds(out), ids: [id] };
  },
  async wait(ctx, input, applied) {
    const commandId = applied.ids?.[0] ?? '';
    let last: Omit<SSM.GetCommandInvocationCommandOutput, '$metadata'> | undefined;
    await waitForChange(ctx, {
      what: `command ${commandId} on ${input.InstanceId}`,
      waiter: 'commandExecuted',
      waiterInput: { CommandId: commandId, InstanceId: input.InstanceId },
      intervalMs: POLL_MS,
      observe: async () => {
        try {
          last = await ctx.provider.ssm(ctx.target).getCommandInvocation({ CommandId: commandId, InstanceId: input.InstanceId });
        } catch (e) {
          // Right after SendCommand the invocation may not exist yet.
          if (isCloudError(e, 'InvocationDoesNotExist')) return { done: false, state: 'Pending' };
          throw e;
        }
        const status = last.Status ?? 'Pending';
        return {
          done: status === 'Success',
          state: status,
          ...(FAILED.includes(status)
            ? {
                failed:
                  `the command ${status === 'Failed' ? 'failed' : `ended ${status}`} on ` +
                  `${input.InstanceId}: ${describeInvocation(last)}`,
              }
            : {}),
        };
      },
    });
    return `command finished on ${input.InstanceId}: ${last ? describeInvocation(last) : 'exit code 0'}`;
  },
});

/** The same request and step always give the same token, so a retried step never starts a second run. */
export function automationToken(requestId: string, document: string, parameters: unknown): string {
  const h = createHash('sha256')
    .update(`${requestId}\n${document}\n${JSON.stringify(parameters)}`)
    .digest('hex');
  // SSM wants a UUID-formatted token.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const startAutomation = defineAction({
  name: 'ssm.startAutomation',
  description:
    'Start an SSM Automation runbook (StartAutomationExecution) with a client token derived from the request, and poll it to its end.',
  input: z.object({
    DocumentName: z.string().regex(/^[a-zA-Z0-9_.:/-]{3,128}$/, 'must be an SSM document name like AWS-RestartEC2Instance'),
    Parameters: z
      .record(
        z.string(),
        z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v])),
      )
      .default({}),
  }),
  permissions: ['ssm:StartAutomationExecution', 'ssm:GetAutomationExecution'],
  dryRun: async () => ({ supported: false, note: 'AWS has no dry run for Automation; the runbook checks its own inputs when it starts' }),
  async apply(ctx, input) {
    const ClientToken = automationToken(ctx.target.requestId ?? ctx.now().toISOString(), input.DocumentName, input.Parameters);
    const out = await ctx.provider
      .ssm(ctx.target)
      .startAutomationExecution({ DocumentName: input.DocumentName, Parameters: input.Parameters, ClientToken });
    const id = out.AutomationExecutionId ?? '';
    return { summary: `automation ${input.DocumentName} started (${id})`, requestIds: requestIds(out), ids: [id] };
  },
  async wait(ctx, input, applied) {
    const id = applied.ids?.[0] ?? '';
    const state = await waitForChange(ctx, {
      what: `automation ${input.DocumentName} (${id})`,
      intervalMs: POLL_MS,
      observe: async () => {
        const a = (await ctx.provider.ssm(ctx.target).getAutomationExecution({ AutomationExecutionId: id })).AutomationExecution;
        const status = a?.AutomationExecutionStatus ?? 'Pending';
        const failed = ['Failed', 'TimedOut', 'Cancelled', 'Cancelling', 'CompletedWithFailure', 'Exited', 'Rejected'].includes(status);
        return {
          done: status === 'Success' || status === 'CompletedWithSuccess',
          state: status,
          ...(failed ? { failed: `automation ${id} ended ${status}${a?.FailureMessage ? `: ${a.FailureMessage}` : ''}` } : {}),
        };
      },
    });
    return `automation ${input.DocumentName} (${id}) ended ${state}`;
  },
});

export const ssmActions = [runShellScript, startAutomation];
