import { z } from 'zod';
import { defineAction, pollUntil, type ActionContext } from './action';

const dbInput = z.object({ DBInstanceIdentifier: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, 'an RDS DB instance identifier') });
const POLL_MS = 15_000;
const NO_DRY_RUN = { supported: false, note: 'AWS offers no dry run for RDS; the plan checked the instance state instead' };

export async function dbStatus(ctx: ActionContext, id: string): Promise<string | undefined> {
  const out = await ctx.provider.rds(ctx.target).describeDBInstances({ DBInstanceIdentifier: id });
  return out.DBInstances?.[0]?.DBInstanceStatus;
}

/** RDS has no "stopped" waiter in the SDK, so stopping is polled. */
export const stopDBInstance = defineAction({
  name: 'rds.stopDBInstance',
  description: 'Stop an RDS DB instance and wait until it is stopped (AWS starts it again by itself after 7 days).',
  input: dbInput,
  permissions: ['rds:StopDBInstance', 'rds:DescribeDBInstances'],
  dryRun: async () => NO_DRY_RUN,
  async apply(ctx, input) {
    const out = await ctx.provider.rds(ctx.target).stopDBInstance({ DBInstanceIdentifier: input.DBInstanceIdentifier });
    return { summary: `${input.DBInstanceIdentifier}: ${out.DBInstance?.DBInstanceStatus ?? 'stopping'}`, requestIds: [out.$metadata?.requestId ?? ''].filter(Boolean) };
  },
  async wait(ctx, input, timeoutMs) {
    const s = await pollUntil(ctx, `${input.DBInstanceIdentifier} to stop`, timeoutMs, POLL_MS, async () => {
      const st = await dbStatus(ctx, input.DBInstanceIdentifier);
      return st === 'stopped' ? st : undefined;
    });
    return `${input.DBInstanceIdentifier} is ${s}`;
  },
});

export const startDBInstance = defineAction({
  name: 'rds.startDBInstance',
  description: 'Start a stopped RDS DB instance and wait until it is available.',
  input: dbInput,
  permissions: ['rds:StartDBInstance', 'rds:DescribeDBInstances'],
  dryRun: async () => NO_DRY_RUN,
  async apply(ctx, input) {
    const out = await ctx.provider.rds(ctx.target).startDBInstance({ DBInstanceIdentifier: input.DBInstanceIdentifier });
    return { summary: `${input.DBInstanceIdentifier}: ${out.DBInstance?.DBInstanceStatus ?? 'starting'}`, requestIds: [out.$metadata?.requestId ?? ''].filter(Boolean) };
  },
  async wait(ctx, input, timeoutMs) {
    const s = await pollUntil(ctx, `${input.DBInstanceIdentifier} to become available`, timeoutMs, POLL_MS, async () => {
      const st = await dbStatus(ctx, input.DBInstanceIdentifier);
      return st === 'available' ? st : undefined;
    });
    return `${input.DBInstanceIdentifier} is ${s}`;
  },
});

export const rdsActions = [stopDBInstance, startDBInstance];
