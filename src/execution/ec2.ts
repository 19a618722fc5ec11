import { z } from 'zod';
import { isCloudError } from '../cloud';
import { defineAction, pollUntil, type ActionContext, type DryRunAnswer } from './action';

/** EC2 answers DryRun=true with DryRunOperation when the call would be allowed. */
export async function ec2DryRun(call: () => Promise<unknown>): Promise<DryRunAnswer> {
  try {
    await call();
    return { supported: true, allowed: true, note: 'dry run passed' };
  } catch (e) {
    if (isCloudError(e, 'DryRunOperation')) return { supported: true, allowed: true, note: 'AWS dry run: the request would succeed' };
    if (isCloudError(e, 'UnauthorizedOperation')) return { supported: true, allowed: false, note: `AWS dry run: the bot lacks permission (${e.message})` };
    throw e;
  }
}

export async function instanceState(ctx: ActionContext, id: string): Promise<string | undefined> {
  const out = await ctx.provider.ec2(ctx.target).describeInstances({ InstanceIds: [id] });
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

const instanceInput = z.object({ InstanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, 'an EC2 instance id (i-…)') });
const POLL_MS = 5_000;

export const stopInstance = defineAction({
  name: 'ec2.stopInstance',
  description: 'Stop an EC2 instance and wait until it is stopped.',
  input: instanceInput,
  permissions: ['ec2:StopInstances', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).stopInstances({ InstanceIds: [input.InstanceId], DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).stopInstances({ InstanceIds: [input.InstanceId] });
    const s = out.StoppingInstances?.[0];
    return { summary: `${input.InstanceId}: ${s?.PreviousState?.Name} -> ${s?.CurrentState?.Name}`, requestIds: [out.$metadata?.requestId ?? ''].filter(Boolean) };
  },
  async wait(ctx, input, timeoutMs) {
    const state = await pollUntil(ctx, `${input.InstanceId} to stop`, timeoutMs, POLL_MS, async () => {
      const s = await instanceState(ctx, input.InstanceId);
      return s === 'stopped' ? s : undefined;
    });
    return `${input.InstanceId} is ${state}`;
  },
});

export const startInstance = defineAction({
  name: 'ec2.startInstance',
  description: 'Start an EC2 instance and wait until it is running.',
  input: instanceInput,
  permissions: ['ec2:StartInstances', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).startInstances({ InstanceIds: [input.InstanceId], DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).startInstances({ InstanceIds: [input.InstanceId] });
    const s = out.StartingInstances?.[0];
    return { summary: `${input.InstanceId}: ${s?.PreviousState?.Name} -> ${s?.CurrentState?.Name}`, requestIds: [out.$metadata?.requestId ?? ''].filter(Boolean) };
  },
  async wait(ctx, input, timeoutMs) {
    const state = await pollUntil(ctx, `${input.InstanceId} to start`, timeoutMs, POLL_MS, async () => {
      const s = await instanceState(ctx, input.InstanceId);
      return s === 'running' ? s : undefined;
    });
    return `${input.InstanceId} is ${state}`;
  },
});

export const ec2Actions = [stopInstance, startInstance];
