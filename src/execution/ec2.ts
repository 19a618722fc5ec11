import { z } from 'zod';
import { isCloudError } from '../cloud';
import { defineAction, waitForChange, type ActionContext, type DryRunAnswer } from './action';
import { missingPermission } from './errors';
import { requestIds, tagList } from './outcome';

/**
 * EC2 answers DryRun=true with DryRunOperation when the call would be allowed and UnauthorizedOperation
 * when the bot lacks the permission. AWS checks permissions before state, so with `stateIsOk` an
 * IncorrectInstanceState answer also means "permitted" (the state is checked when the step runs).
 */
export async function ec2DryRun(call: () => Promise<unknown>, options: { stateIsOk?: boolean } = {}): Promise<DryRunAnswer> {
  try {
    await call();
    return { supported: true, allowed: true, note: 'dry run passed' };
  } catch (e) {
    if (isCloudError(e, 'DryRunOperation')) return { supported: true, allowed: true, note: 'AWS dry run: the request would succeed' };
    if (isCloudError(e, 'UnauthorizedOperation'))
      return {
        supported: true,
        allowed: false,
        note:
          `AWS dry run: the bot lacks permission ${missingPermission(e) ?? '(see AWS message)'}` +
          `. Add it to the bot's role (see \`cloudops iam-policy\`)`,
      };
    if (options.stateIsOk && isCloudError(e, 'IncorrectInstanceState'))
      return { supported: true, allowed: true, note: 'AWS dry run: permitted (the state is checked when the step runs)' };
    throw e;
  }
}

export async function describeInstance(ctx: ActionContext, id: string) {
  const out = await ctx.provider.ec2(ctx.target).describeInstances({ InstanceIds: [id] });
  // Only the instance asked about: an answer about another one means this one was not found.
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).find((i) => i.InstanceId === id);
}

export async function instanceState(ctx: ActionContext, id: string): Promise<string | undefined> {
  return (await describeInstance(ctx, id))?.State?.Name;
}

const instanceId = z.string().regex(/^i-[0-9a-f]{8,17}$/, 'must be an EC2 instance id (i-…)');
const instanceInput = z.object({ InstanceId: instanceId });
/** m5.xlarge, r6g.2xlarge, t3a.micro, m7i-flex.large, c7i.metal-24xl, u-6tb1.metal. */
export const INSTANCE_TYPE = /^[a-z][a-z0-9-]{0,15}\.(nano|micro|small|medium|large|metal|[0-9]{0,3}xlarge)(-[0-9]{1,3}xl)?$/;
const POLL_MS = 5_000;

/** The instance reaching `target`; any state in `fails` means it never will. */
function instanceReaches(ctx: ActionContext, id: string, target: string, what: string, fails: string[] = []) {
  return {
    what: `${id} ${what}`,
    intervalMs: POLL_MS,
    waiterInput: { InstanceIds: [id] },
    observe: async () => {
      const state = (await instanceState(ctx, id)) ?? 'gone';
      return {
        done: state === target,
        state,
        ...(fails.includes(state) ? { failed: `${id} went ${state} while waiting for it to be ${target}` } : {}),
      };
    },
  };
}

export const stopInstance = defineAction({
  name: 'ec2.stopInstance',
  description: 'Stop an EC2 instance (StopInstances) and wait until it is stopped. Its EBS volumes are kept.',
  input: instanceInput,
  permissions: ['ec2:StopInstances', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).stopInstances({ InstanceIds: [input.InstanceId], DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).stopInstances({ InstanceIds: [input.InstanceId] });
    const s = out.StoppingInstances?.[0];
    return { summary: `${input.InstanceId}: ${s?.PreviousState?.Name} -> ${s?.CurrentState?.Name}`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...instanceReaches(ctx, input.InstanceId, 'stopped', 'to stop', ['terminated', 'shutting-down']),
      waiter: 'instanceStopped',
    });
    return `${input.InstanceId} is ${state}`;
  },
});

export const startInstance = defineAction({
  name: 'ec2.startInstance',
  description: 'Start a stopped EC2 instance (StartInstances) and wait until it is running.',
  input: instanceInput,
  permissions: ['ec2:StartInstances', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).startInstances({ InstanceIds: [input.InstanceId], DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).startInstances({ InstanceIds: [input.InstanceId] });
    const s = out.StartingInstances?.[0];
    return { summary: `${input.InstanceId}: ${s?.PreviousState?.Name} -> ${s?.CurrentState?.Name}`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...instanceReaches(ctx, input.InstanceId, 'running', 'to start', ['terminated', 'shutting-down', 'stopped']),
      waiter: 'instanceRunning',
    });
    return `${input.InstanceId} is ${state}`;
  },
});

export const rebootInstance = defineAction({
  name: 'ec2.rebootInstance',
  description: 'Reboot a running EC2 instance (RebootInstances); waits until it reports running again.',
  input: instanceInput,
  permissions: ['ec2:RebootInstances', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).rebootInstances({ InstanceIds: [input.InstanceId], DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).rebootInstances({ InstanceIds: [input.InstanceId] });
    return { summary: `${input.InstanceId}: reboot requested`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...instanceReaches(ctx, input.InstanceId, 'running', 'to be running after the reboot', ['terminated', 'stopped']),
      waiter: 'instanceRunning',
    });
    return `${input.InstanceId} rebooted and is ${state}`;
  },
});

export const terminateInstance = defineAction({
  name: 'ec2.terminateInstance',
  description: 'Terminate an EC2 instance (TerminateInstances). Refuses when termination protection is on. Cannot be undone.',
  input: instanceInput,
  permissions: ['ec2:TerminateInstances', 'ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute'],
  async dryRun(ctx, input) {
    const attr = await ctx.provider
      .ec2(ctx.target)
      .describeInstanceAttribute({ InstanceId: input.InstanceId, Attribute: 'disableApiTermination' });
    if (attr.DisableApiTermination?.Value) {
      return {
        supported: true,
        allowed: false,
        note:
          `${input.InstanceId} has termination protection on; the bot will not terminate it. ` +
          `Turn protection off in the console first if this is really meant`,
      };
    }
    return ec2DryRun(() => ctx.provider.ec2(ctx.target).terminateInstances({ InstanceIds: [input.InstanceId], DryRun: true }));
  },
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).terminateInstances({ InstanceIds: [input.InstanceId] });
    const s = out.TerminatingInstances?.[0];
    return { summary: `${input.InstanceId}: ${s?.PreviousState?.Name} -> ${s?.CurrentState?.Name}`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...instanceReaches(ctx, input.InstanceId, 'terminated', 'to terminate'),
      waiter: 'instanceTerminated',
    });
    return `${input.InstanceId} is ${state}`;
  },
});

export const modifyInstanceType = defineAction({
  name: 'ec2.modifyInstanceType',
  description:
    'Change an instance type: stop the instance if it runs, modify its type, start it ' +
    'again. If the change fails it is started again with its old type.',
  input: z.object({ InstanceId: instanceId, InstanceType: z.string().regex(INSTANCE_TYPE, 'must be an EC2 instance type like m5.xlarge') }),
  permissions: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:ModifyInstanceAttribute', 'ec2:DescribeInstances'],
  async dryRun(ctx, input) {
    const current = (await describeInstance(ctx, input.InstanceId))?.InstanceType;
    if (current === input.InstanceType)
      return { supported: true, allowed: false, note: `${input.InstanceId} is already ${current}; nothing to change` };
    const ec2 = ctx.provider.ec2(ctx.target);
    const stop = await ec2DryRun(() => ec2.stopInstances({ InstanceIds: [input.InstanceId], DryRun: true }), { stateIsOk: true });
    if (!stop.allowed) return stop;
    const modify = await ec2DryRun(
      () => ec2.modifyInstanceAttribute({ InstanceId: input.InstanceId, InstanceType: { Value: input.InstanceType }, DryRun: true }),
      { stateIsOk: true },
    );
    if (!modify.allowed) return modify;
    return ec2DryRun(() => ec2.startInstances({ InstanceIds: [input.InstanceId], DryRun: true }), { stateIsOk: true });
  },
  async apply(ctx, input) {
    const ec2 = ctx.provider.ec2(ctx.target);
    const before = await describeInstance(ctx, input.InstanceId);
    const wasRunning = before?.State?.Name === 'running' || before?.State?.Name === 'pending';
    const ids: string[] = [];
    if (wasRunning) {
      ids.push(...requestIds(await ec2.stopInstances({ InstanceIds: [input.InstanceId] })));
      await ctx.progress(`${input.InstanceId} stopping to change its type`);
      await waitForChange(ctx, {
        ...instanceReaches(ctx, input.InstanceId, 'stopped', 'to stop', ['terminated']),
        waiter: 'instanceStopped',
      });
    }
    try {
      ids.push(
        ...requestIds(await ec2.modifyInstanceAttribute({ InstanceId: input.InstanceId, InstanceType: { Value: input.InstanceType } })),
      );
    } catch (e) {
      if (wasRunning) {
        await ec2.startInstances({ InstanceIds: [input.InstanceId] });
        await ctx.progress(`changing the type failed; ${input.InstanceId} was started again with its old type ${before?.InstanceType}`);
      }
      throw e;
    }
    if (wasRunning) ids.push(...requestIds(await ec2.startInstances({ InstanceIds: [input.InstanceId] })));
    return {
      summary:
        `${input.InstanceId}: ${before?.InstanceType} -> ${input.InstanceType}` +
        `${wasRunning ? ', starting again' : ' (left stopped, as it was)'}`,
      requestIds: ids,
      ids: wasRunning ? ['was-running'] : [],
    };
  },
  async wait(ctx, input, applied) {
    if (applied.ids?.includes('was-running')) {
      await waitForChange(ctx, {
        ...instanceReaches(ctx, input.InstanceId, 'running', 'to start with its new type', ['terminated', 'stopped']),
        waiter: 'instanceRunning',
      });
    }
    const now = await describeInstance(ctx, input.InstanceId);
    return `${input.InstanceId} is ${now?.InstanceType}, ${now?.State?.Name}`;
  },
});

export const createSnapshots = defineAction({
  name: 'ec2.createSnapshots',
  description:
    'Snapshot every EBS volume of an instance at once (CreateSnapshots, crash-consistent)' +
    ', tagged with the request id; waits until they complete.',
  input: z.object({ InstanceId: instanceId, Description: z.string().max(255).default('cloudops snapshot') }),
  permissions: ['ec2:CreateSnapshots', 'ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DescribeSnapshots', 'ec2:DescribeInstances'],
  dryRun: (ctx, input) =>
    ec2DryRun(() =>
      ctx.provider
        .ec2(ctx.target)
        .createSnapshots({ InstanceSpecification: { InstanceId: input.InstanceId }, Description: input.Description, DryRun: true }),
    ),
  async apply(ctx, input) {
    const tags = [
      { Key: 'created-by', Value: 'cloudops' },
      ...(ctx.target.requestId ? [{ Key: 'cloudops:request', Value: ctx.target.requestId }] : []),
    ];
    const out = await ctx.provider.ec2(ctx.target).createSnapshots({
      InstanceSpecification: { InstanceId: input.InstanceId, ExcludeBootVolume: false },
      Description: input.Description,
      CopyTagsFromSource: 'volume',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }],
    });
    const snaps = out.Snapshots ?? [];
    const ids = snaps.map((s) => s.SnapshotId!).filter(Boolean);
    return {
      summary: `${ids.length} snapshot(s) started: ${snaps.map((s) => `${s.SnapshotId} of ${s.VolumeId}`).join(', ')}`,
      requestIds: requestIds(out),
      ids,
    };
  },
  async wait(ctx, input, applied) {
    const ids = applied.ids ?? [];
    if (!ids.length) return `${input.InstanceId} has no EBS volumes; nothing to wait for`;
    const state = await waitForChange(ctx, {
      what: `${ids.length} snapshot(s) of ${input.InstanceId} to complete`,
      waiter: 'snapshotCompleted',
      waiterInput: { SnapshotIds: ids },
      intervalMs: 15_000,
      observe: async () => {
        const snaps = (await ctx.provider.ec2(ctx.target).describeSnapshots({ SnapshotIds: ids })).Snapshots ?? [];
        const failed = snaps.find((s) => s.State === 'error');
        const done = snaps.filter((s) => s.State === 'completed').length;
        return {
          done: done === ids.length,
          state: done === ids.length ? 'completed' : `${done}/${ids.length} completed`,
          ...(failed ? { failed: `snapshot ${failed.SnapshotId} failed: ${failed.StateMessage ?? 'error'}` } : {}),
        };
      },
    });
    return `snapshots ${ids.join(', ')} ${state}`;
  },
});

export const createTags = defineAction({
  name: 'ec2.createTags',
  description: 'Add or overwrite tags on EC2 resources (instances, volumes, snapshots) with CreateTags.',
  input: z.object({
    Resources: z.array(z.string().regex(/^[a-z]+-[0-9a-f]{8,17}$/, 'must be an EC2 resource id')).min(1),
    Tags: z.record(z.string().min(1).max(128), z.string().max(256)),
  }),
  permissions: ['ec2:CreateTags'],
  dryRun: (ctx, input) =>
    ec2DryRun(() => ctx.provider.ec2(ctx.target).createTags({ Resources: input.Resources, Tags: tagList(input.Tags), DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).createTags({ Resources: input.Resources, Tags: tagList(input.Tags) });
    return {
      summary: `tagged ${input.Resources.join(', ')} with ${Object.entries(input.Tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
      requestIds: requestIds(out),
    };
  },
  immediate: true,
});

export const ec2Actions = [stopInstance, startInstance, rebootInstance, terminateInstance, modifyInstanceType, createSnapshots, createTags];
