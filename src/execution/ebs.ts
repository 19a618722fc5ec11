import { z } from 'zod';
import { isCloudError } from '../cloud';
import { defineAction, waitForChange, type ActionContext } from './action';
import { ec2DryRun } from './ec2';
import { requestIds, truthy } from './outcome';

/** The findings' fixes on EBS: snapshot a volume, delete it, change it to gp3, delete an old snapshot. */

const volumeId = z.string().regex(/^vol-[0-9a-f]{8,17}$/, 'must be an EBS volume id (vol-…)');
const snapshotId = z.string().regex(/^snap-[0-9a-f]{8,17}$/, 'must be an EBS snapshot id (snap-…)');
const flag = z.union([z.boolean(), z.enum(['true', 'false', 'yes', 'no'])]).default(false);

async function describeVolume(ctx: ActionContext, id: string) {
  try {
    return (await ctx.provider.ec2(ctx.target).describeVolumes({ VolumeIds: [id] })).Volumes?.find((v) => v.VolumeId === id);
  } catch (e) {
    if (isCloudError(e, 'InvalidVolume.NotFound')) return undefined;
    throw e;
  }
}

export const createVolumeSnapshot = defineAction({
  name: 'ec2.createVolumeSnapshot',
  description:
    'Snapshot one EBS volume (CreateSnapshot), tagged with the request id, and wait ' +
    'until it completes. `Skip: true` makes no snapshot (the card shows it).',
  input: z.object({ VolumeId: volumeId, Description: z.string().max(255).default('cloudops snapshot'), Skip: flag }),
  permissions: ['ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DescribeSnapshots'],
  dryRun: async (ctx, input) =>
    truthy(input.Skip)
      ? { supported: false, note: 'no snapshot asked for: nothing to dry-run' }
      : ec2DryRun(() =>
          ctx.provider.ec2(ctx.target).createSnapshot({ VolumeId: input.VolumeId, Description: input.Description, DryRun: true }),
        ),
  async apply(ctx, input) {
    if (truthy(input.Skip)) return { summary: `no snapshot of ${input.VolumeId} (skipped as asked)`, requestIds: [], ids: [] };
    const tags = [
      { Key: 'created-by', Value: 'cloudops' },
      ...(ctx.target.requestId ? [{ Key: 'cloudops:request', Value: ctx.target.requestId }] : []),
    ];
    const out = await ctx.provider.ec2(ctx.target).createSnapshot({
      VolumeId: input.VolumeId,
      Description: input.Description,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: tags }],
    });
    return {
      summary: `snapshot ${out.SnapshotId} of ${input.VolumeId} started`,
      requestIds: requestIds(out),
      ids: out.SnapshotId ? [out.SnapshotId] : [],
    };
  },
  async wait(ctx, input, applied) {
    const ids = applied.ids ?? [];
    if (!ids.length) return `no snapshot of ${input.VolumeId}`;
    const state = await waitForChange(ctx, {
      what: `snapshot ${ids[0]} of ${input.VolumeId} to complete`,
      waiter: 'snapshotCompleted',
      waiterInput: { SnapshotIds: ids },
      intervalMs: 15_000,
      observe: async () => {
        const s = (await ctx.provider.ec2(ctx.target).describeSnapshots({ SnapshotIds: ids })).Snapshots?.[0];
        return {
          done: s?.State === 'completed',
          state: s?.State ?? 'unknown',
          ...(s?.State === 'error' ? { failed: `snapshot ${ids[0]} failed: ${s.StateMessage ?? 'error'}` } : {}),
        };
      },
    });
    return `snapshot ${ids[0]} ${state}`;
  },
});

export const deleteVolume = defineAction({
  name: 'ec2.deleteVolume',
  description: 'Delete an unattached EBS volume (DeleteVolume). EC2 refuses one that is attached (VolumeInUse).',
  input: z.object({ VolumeId: volumeId }),
  permissions: ['ec2:DeleteVolume', 'ec2:DescribeVolumes'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).deleteVolume({ VolumeId: input.VolumeId, DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).deleteVolume({ VolumeId: input.VolumeId });
    return { summary: `${input.VolumeId} deleted`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    return waitForChange(ctx, {
      what: `${input.VolumeId} to be deleted`,
      intervalMs: 5_000,
      observe: async () => {
        const v = await describeVolume(ctx, input.VolumeId);
        return { done: !v || v.State === 'deleted', state: v?.State ?? 'deleted' };
      },
    });
  },
});

export const modifyVolumeType = defineAction({
  name: 'ec2.modifyVolumeType',
  description: 'Change an EBS volume to another type (ModifyVolume), online: the volume stays attached and in use while it changes.',
  input: z.object({ VolumeId: volumeId, VolumeType: z.enum(['gp3', 'gp2', 'io1', 'io2', 'st1', 'sc1']) }),
  permissions: ['ec2:ModifyVolume', 'ec2:DescribeVolumes'],
  dryRun: (ctx, input) =>
    ec2DryRun(() => ctx.provider.ec2(ctx.target).modifyVolume({ VolumeId: input.VolumeId, VolumeType: input.VolumeType, DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).modifyVolume({ VolumeId: input.VolumeId, VolumeType: input.VolumeType });
    const m = out.VolumeModification;
    return {
      summary:
        `${input.VolumeId}: ${m?.OriginalVolumeType ?? '?'} -> ` +
        `${m?.TargetVolumeType ?? input.VolumeType} (${m?.ModificationState ?? 'modifying'})`,
      requestIds: requestIds(out),
    };
  },
  async wait(ctx, input) {
    // The new type applies once the modification is `optimizing`; the volume works normally meanwhile.
    return waitForChange(ctx, {
      what: `${input.VolumeId} to become ${input.VolumeType}`,
      intervalMs: 10_000,
      observe: async () => {
        const v = await describeVolume(ctx, input.VolumeId);
        return {
          done: v?.VolumeType === input.VolumeType,
          state: v ? `${v.VolumeType}` : 'gone',
          ...(v ? {} : { failed: `${input.VolumeId} no longer exists` }),
        };
      },
    });
  },
});

export const deleteSnapshot = defineAction({
  name: 'ec2.deleteSnapshot',
  description: 'Delete an EBS snapshot (DeleteSnapshot). EC2 refuses one an AMI uses (InvalidSnapshot.InUse).',
  input: z.object({ SnapshotId: snapshotId }),
  permissions: ['ec2:DeleteSnapshot'],
  dryRun: (ctx, input) => ec2DryRun(() => ctx.provider.ec2(ctx.target).deleteSnapshot({ SnapshotId: input.SnapshotId, DryRun: true })),
  async apply(ctx, input) {
    const out = await ctx.provider.ec2(ctx.target).deleteSnapshot({ SnapshotId: input.SnapshotId });
    return { summary: `${input.SnapshotId} deleted`, requestIds: requestIds(out) };
  },
  immediate: true,
});

export const ebsActions = [createVolumeSnapshot, deleteVolume, modifyVolumeType, deleteSnapshot];
