import { z } from 'zod';
import { CloudError, type ECS } from '../cloud';
import { defineAction, waitForChange, type ActionContext, type DryRunAnswer } from './action';
import { requestIds } from './outcome';

const arn = z.string().regex(/^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:(cluster|service)\/[\w/-]+$/, 'must be an ECS cluster or service ARN');
const count = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.number().int().min(0).max(5000));
const POLL_MS = 15_000;

async function describe(ctx: ActionContext, cluster: string, service: string): Promise<ECS.Service | undefined> {
  const got = await ctx.provider.service('ecs', ctx.target).describeServices({ cluster, services: [service] });
  return got.services?.find((s) => s.serviceArn === service || s.serviceName === service);
}

/** ECS has no dry run: read the service, and refuse before approval what ECS would refuse. */
async function preflight(ctx: ActionContext, cluster: string, service: string): Promise<DryRunAnswer> {
  const s = await describe(ctx, cluster, service);
  if (!s) return { supported: false, allowed: false, note: `${service} was not found in ${cluster}` };
  if (s.status !== 'ACTIVE')
    return { supported: false, allowed: false, note: `${s.serviceName} is ${s.status}; ECS only updates ACTIVE services` };
  return {
    supported: false,
    note: `AWS has no dry run for ECS; the bot read ${s.serviceName}: ${s.runningCount}/${s.desiredCount} tasks running`,
  };
}

/** Until the new deployment has rolled out and the running count is the desired count (services-stable). */
function stable(ctx: ActionContext, cluster: string, service: string) {
  return waitForChange(ctx, {
    what: `${service.split('/').pop()} to be stable`,
    intervalMs: POLL_MS,
    observe: async () => {
      const s = await describe(ctx, cluster, service);
      if (!s) return { done: false, state: 'gone', failed: `${service} is gone` };
      const primary = s.deployments?.find((d) => d.status === 'PRIMARY');
      if (primary?.rolloutState === 'FAILED')
        return {
          done: false,
          state: 'failed',
          failed: `the deployment of ${s.serviceName} failed: ${primary.rolloutStateReason ?? 'no reason given'}`,
        };
      const done = (s.deployments ?? []).length === 1 && s.runningCount === s.desiredCount;
      return { done, state: `${s.runningCount}/${s.desiredCount} running, ${(s.deployments ?? []).length} deployment(s)` };
    },
  });
}

export const forceNewDeployment = defineAction({
  name: 'ecs.forceNewDeployment',
  description:
    'Restart an ECS service: UpdateService with forceNewDeployment, so every task is ' +
    'replaced (rolling, as the deployment configuration says), then wait until it is ' +
    'stable.',
  input: z.object({ cluster: arn, service: arn }),
  permissions: ['ecs:DescribeServices', 'ecs:UpdateService'],
  dryRun: (ctx, input) => preflight(ctx, input.cluster, input.service),
  async apply(ctx, input) {
    const out = await ctx.provider
      .service('ecs', ctx.target)
      .updateService({ cluster: input.cluster, service: input.service, forceNewDeployment: true });
    return { summary: `started a new deployment of ${out.service?.serviceName ?? input.service}`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    return stable(ctx, input.cluster, input.service);
  },
});

export const updateDesiredCount = defineAction({
  name: 'ecs.updateDesiredCount',
  description: 'Scale an ECS service: UpdateService with a new desired count, then wait until that many tasks run.',
  input: z.object({ cluster: arn, service: arn, desiredCount: count }),
  permissions: ['ecs:DescribeServices', 'ecs:UpdateService'],
  async dryRun(ctx, input) {
    const s = await describe(ctx, input.cluster, input.service);
    if (s && s.desiredCount === input.desiredCount)
      return { supported: false, allowed: false, note: `${s.serviceName} already wants ${input.desiredCount} tasks` };
    return preflight(ctx, input.cluster, input.service);
  },
  async apply(ctx, input) {
    const before = await describe(ctx, input.cluster, input.service);
    if (!before)
      throw new CloudError('ServiceNotFoundException', `${input.service} was not found`, { service: 'ecs', operation: 'describeServices' });
    const out = await ctx.provider
      .service('ecs', ctx.target)
      .updateService({ cluster: input.cluster, service: input.service, desiredCount: input.desiredCount });
    return {
      summary: `set ${before.serviceName}'s desired count to ${input.desiredCount} (was ${before.desiredCount})`,
      requestIds: requestIds(out),
    };
  },
  async wait(ctx, input) {
    return stable(ctx, input.cluster, input.service);
  },
});

export const ecsActions = [forceNewDeployment, updateDesiredCount];
