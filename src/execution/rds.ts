import { z } from 'zod';
import type { RDS } from '../cloud';
import { defineAction, waitForChange, type ActionContext, type DryRunAnswer } from './action';
import { requestIds, tagList, truthy } from './outcome';

const dbIdentifier = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/, 'must be an RDS DB instance identifier');
const flag = z.preprocess((v) => (v === undefined || v === '' ? false : truthy(v)), z.boolean());
const dbInput = z.object({ DBInstanceIdentifier: dbIdentifier });
const POLL_MS = 15_000;

export async function describeDb(ctx: ActionContext, id: string): Promise<RDS.DBInstance | undefined> {
  const out = await ctx.provider.rds(ctx.target).describeDBInstances({ DBInstanceIdentifier: id });
  // Only the instance asked about (identifiers are case-insensitive): another one means not found.
  return out.DBInstances?.find((d) => d.DBInstanceIdentifier?.toLowerCase() === id.toLowerCase());
}

/**
 * RDS has no DryRun. Instead the bot reads the instance and applies RDS's own rules, so a plan that AWS
 * would refuse is refused before anyone approves it (the playbook's risk rules say the same earlier).
 */
async function rdsPreflight(ctx: ActionContext, id: string, check: (db: RDS.DBInstance) => string | undefined): Promise<DryRunAnswer> {
  const db = await describeDb(ctx, id);
  if (!db) return { supported: false, allowed: false, note: `${id} was not found` };
  const problem = check(db);
  if (problem) return { supported: false, allowed: false, note: problem };
  return { supported: false, note: 'AWS has no dry run for RDS; the bot read the instance and checked RDS rules instead' };
}

/** Why RDS would refuse to stop this instance, or undefined. */
export function whyNotStoppable(db: RDS.DBInstance): string | undefined {
  const id = db.DBInstanceIdentifier;
  if (db.DBClusterIdentifier)
    return `${id} is a member of Aurora cluster ${db.DBClusterIdentifier}; RDS stops Aurora through its cluster, not one instance`;
  if (db.ReadReplicaDBInstanceIdentifiers?.length)
    return `${id} has read replicas (${db.ReadReplicaDBInstanceIdentifiers.join(', ')}); RDS cannot stop it`;
  if (db.ReadReplicaSourceDBInstanceIdentifier)
    return `${id} is a read replica of ${db.ReadReplicaSourceDBInstanceIdentifier}; RDS cannot stop it`;
  if (db.Engine?.startsWith('sqlserver') && db.MultiAZ) return `${id} is SQL Server Multi-AZ; RDS cannot stop it`;
  if (db.DBInstanceStatus !== 'available') return `${id} is ${db.DBInstanceStatus}; it can only be stopped when available`;
  return undefined;
}

/** RDS status reaching `target`; RDS has no "stopped" waiter, so `waiter` is only set where one exists. */
function dbReaches(ctx: ActionContext, id: string, target: string, what: string, fails: string[] = []) {
  return {
    what: `${id} ${what}`,
    intervalMs: POLL_MS,
    waiterInput: { DBInstanceIdentifier: id },
    observe: async () => {
      const state = (await describeDb(ctx, id))?.DBInstanceStatus ?? 'gone';
      return {
        done: state === target,
        state,
        ...(fails.includes(state) ? { failed: `${id} is ${state}; it will not become ${target}` } : {}),
      };
    },
  };
}

/** A snapshot identifier tied to the chat request: letters, digits, single hyphens, at most 255. */
export function snapshotId(ctx: ActionContext, db: string, purpose: string): string {
  const suffix =
    ctx.target.requestId ??
    ctx
      .now()
      .toISOString()
      .replace(/[^0-9]/g, '')
      .slice(0, 12);
  return `${db}-${purpose}-${suffix}`
    .replace(/[^a-zA-Z0-9-]/g, '-')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
    .slice(0, 255);
}

const FAILED_STATES = ['failed', 'incompatible-parameters', 'incompatible-restore', 'storage-full', 'inaccessible-encryption-credentials'];

export const stopDBInstance = defineAction({
  name: 'rds.stopDBInstance',
  description:
    'Stop an RDS DB instance, optionally taking a snapshot first (StopDBInstance with ' +
    'DBSnapshotIdentifier); polled until stopped. AWS starts it again by itself after 7 ' +
    'days.',
  input: z.object({ DBInstanceIdentifier: dbIdentifier, SnapshotFirst: flag.default(false) }),
  permissions: ['rds:StopDBInstance', 'rds:DescribeDBInstances', 'rds:CreateDBSnapshot'],
  dryRun: (ctx, input) => rdsPreflight(ctx, input.DBInstanceIdentifier, whyNotStoppable),
  async apply(ctx, input) {
    const snapshot = input.SnapshotFirst ? snapshotId(ctx, input.DBInstanceIdentifier, 'before-stop') : undefined;
    const out = await ctx.provider
      .rds(ctx.target)
      .stopDBInstance({ DBInstanceIdentifier: input.DBInstanceIdentifier, ...(snapshot ? { DBSnapshotIdentifier: snapshot } : {}) });
    return {
      summary:
        `${input.DBInstanceIdentifier}: ${out.DBInstance?.DBInstanceStatus ?? 'stopping'}` +
        `${snapshot ? `, snapshot ${snapshot} first` : ''}; AWS starts it again by itself ` +
        `after 7 days`,
      requestIds: requestIds(out),
      ids: snapshot ? [snapshot] : [],
    };
  },
  async wait(ctx, input) {
    // RDS has no "stopped" waiter: poll.
    const state = await waitForChange(ctx, dbReaches(ctx, input.DBInstanceIdentifier, 'stopped', 'to stop', FAILED_STATES));
    return `${input.DBInstanceIdentifier} is ${state} (AWS starts it again by itself after 7 days)`;
  },
});

export const startDBInstance = defineAction({
  name: 'rds.startDBInstance',
  description: 'Start a stopped RDS DB instance and wait until it is available.',
  input: dbInput,
  permissions: ['rds:StartDBInstance', 'rds:DescribeDBInstances'],
  dryRun: (ctx, input) =>
    rdsPreflight(ctx, input.DBInstanceIdentifier, (db) =>
      db.DBClusterIdentifier
        ? `${db.DBInstanceIdentifier} is a member of Aurora cluster ${db.DBClusterIdentifier}; start the cluster instead`
        : db.DBInstanceStatus !== 'stopped'
          ? `${db.DBInstanceIdentifier} is ${db.DBInstanceStatus}; only a stopped instance can be started`
          : undefined,
    ),
  async apply(ctx, input) {
    const out = await ctx.provider.rds(ctx.target).startDBInstance({ DBInstanceIdentifier: input.DBInstanceIdentifier });
    return { summary: `${input.DBInstanceIdentifier}: ${out.DBInstance?.DBInstanceStatus ?? 'starting'}`, requestIds: requestIds(out) };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...dbReaches(ctx, input.DBInstanceIdentifier, 'available', 'to become available', FAILED_STATES),
      waiter: 'dbInstanceAvailable',
    });
    return `${input.DBInstanceIdentifier} is ${state}`;
  },
});

export const rebootDBInstance = defineAction({
  name: 'rds.rebootDBInstance',
  description: 'Reboot an RDS DB instance, optionally failing over to the Multi-AZ standby (ForceFailover); waits until available.',
  input: z.object({ DBInstanceIdentifier: dbIdentifier, ForceFailover: flag.default(false) }),
  permissions: ['rds:RebootDBInstance', 'rds:DescribeDBInstances'],
  dryRun: (ctx, input) =>
    rdsPreflight(ctx, input.DBInstanceIdentifier, (db) => {
      if (db.DBInstanceStatus !== 'available')
        return `${db.DBInstanceIdentifier} is ${db.DBInstanceStatus}; it can only be rebooted when available`;
      if (input.ForceFailover && !db.MultiAZ)
        return `${db.DBInstanceIdentifier} is not Multi-AZ, so a reboot cannot fail over; ask for a plain reboot`;
      return undefined;
    }),
  async apply(ctx, input) {
    const out = await ctx.provider
      .rds(ctx.target)
      .rebootDBInstance({ DBInstanceIdentifier: input.DBInstanceIdentifier, ...(input.ForceFailover ? { ForceFailover: true } : {}) });
    return {
      summary:
        `${input.DBInstanceIdentifier}: ${out.DBInstance?.DBInstanceStatus ?? 'rebooting'}` +
        `${input.ForceFailover ? ' with failover' : ''}`,
      requestIds: requestIds(out),
    };
  },
  async wait(ctx, input) {
    const state = await waitForChange(ctx, {
      ...dbReaches(ctx, input.DBInstanceIdentifier, 'available', 'to be available after the reboot', FAILED_STATES),
      waiter: 'dbInstanceAvailable',
    });
    return `${input.DBInstanceIdentifier} rebooted and is ${state}`;
  },
});

export const createDBSnapshot = defineAction({
  name: 'rds.createDBSnapshot',
  description: 'Take a manual snapshot of an RDS DB instance, named after the request; waits until it is available.',
  input: z.object({ DBInstanceIdentifier: dbIdentifier, DBSnapshotIdentifier: dbIdentifier.optional() }),
  permissions: ['rds:CreateDBSnapshot', 'rds:AddTagsToResource', 'rds:DescribeDBSnapshots', 'rds:DescribeDBInstances'],
  dryRun: (ctx, input) =>
    rdsPreflight(ctx, input.DBInstanceIdentifier, (db) =>
      db.DBClusterIdentifier
        ? `${db.DBInstanceIdentifier} is a member of Aurora cluster ${db.DBClusterIdentifier}; Aurora snapshots are taken of the cluster`
        : db.DBInstanceStatus !== 'available'
          ? `${db.DBInstanceIdentifier} is ${db.DBInstanceStatus}; a snapshot needs it available`
          : undefined,
    ),
  async apply(ctx, input) {
    const id = input.DBSnapshotIdentifier ?? snapshotId(ctx, input.DBInstanceIdentifier, 'cloudops');
    const out = await ctx.provider.rds(ctx.target).createDBSnapshot({
      DBInstanceIdentifier: input.DBInstanceIdentifier,
      DBSnapshotIdentifier: id,
      Tags: [
        { Key: 'created-by', Value: 'cloudops' },
        ...(ctx.target.requestId ? [{ Key: 'cloudops:request', Value: ctx.target.requestId }] : []),
      ],
    });
    return {
      summary: `snapshot ${id} of ${input.DBInstanceIdentifier}: ${out.DBSnapshot?.Status ?? 'creating'}`,
      requestIds: requestIds(out),
      ids: [id],
    };
  },
  async wait(ctx, input, applied) {
    const id = applied.ids?.[0] ?? '';
    const state = await waitForChange(ctx, {
      what: `snapshot ${id} to be available`,
      waiter: 'dbSnapshotAvailable',
      waiterInput: { DBSnapshotIdentifier: id },
      intervalMs: POLL_MS,
      observe: async () => {
        const s = (await ctx.provider.rds(ctx.target).describeDBSnapshots({ DBSnapshotIdentifier: id })).DBSnapshots?.[0];
        const status = s?.Status ?? 'unknown';
        return {
          done: status === 'available',
          state: status,
          ...(status === 'failed' || status === 'deleted' ? { failed: `snapshot ${id} is ${status}` } : {}),
        };
      },
    });
    return `snapshot ${id} of ${input.DBInstanceIdentifier} is ${state}`;
  },
});

export const addTagsToResource = defineAction({
  name: 'rds.addTagsToResource',
  description: 'Add or overwrite tags on an RDS resource by ARN (AddTagsToResource).',
  input: z.object({
    ResourceName: z.string().regex(/^arn:aws[a-z-]*:rds:/, 'must be an RDS ARN'),
    Tags: z.record(z.string().min(1).max(128), z.string().max(256)),
  }),
  permissions: ['rds:AddTagsToResource'],
  dryRun: async () => ({ supported: false, note: 'AWS has no dry run for RDS tagging' }),
  async apply(ctx, input) {
    const out = await ctx.provider.rds(ctx.target).addTagsToResource({ ResourceName: input.ResourceName, Tags: tagList(input.Tags) });
    return {
      summary: `tagged ${input.ResourceName} with ${Object.entries(input.Tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
      requestIds: requestIds(out),
    };
  },
  immediate: true,
});

export const rdsActions = [stopDBInstance, startDBInstance, rebootDBInstance, createDBSnapshot, addTagsToResource];
