import { paginate, type EC2 } from '../../cloud';
import { fromEbsSnapshot } from '../../inventory';
import type { Finding, FindingRule } from '../types';
import { daysSince, isoDay } from './days';
import { accountRegions, readIn } from './scopes';

/**
 * EBS snapshots the account owns that are older than `snapshotDays`: one DescribeSnapshots (OwnerIds
 * self) per account/region. The saving is left out: snapshots are incremental, so deleting one frees only
 * the blocks no other snapshot shares; the detail gives the full-size price as the upper bound.
 */
export const oldSnapshots: FindingRule = {
  id: 'ebs-snapshot-old',
  title: 'Old EBS snapshots',
  permissions: ['ec2:DescribeSnapshots'],
  fix: { playbook: 'ebs-delete-snapshot', param: 'snapshot' },
  async evaluate(ctx) {
    const out: Finding[] = [];
    const cutoff = ctx.thresholds.snapshotDays;
    for (const where of accountRegions(ctx)) {
      await readIn(ctx, where, async () => {
        const ec2 = ctx.provider.ec2({ account: where.account, region: where.region });
        for await (const page of paginate((i: EC2.DescribeSnapshotsCommandInput) => ec2.describeSnapshots(i), {
          OwnerIds: ['self'],
          MaxResults: 1000,
        })) {
          ctx.count('ec2');
          for (const s of page.Snapshots ?? []) {
            if (s.OwnerId && s.OwnerId !== where.account) continue;
            const started = s.StartTime ? new Date(s.StartTime).toISOString() : null;
            const days = daysSince(started, ctx.now);
            if (days === null || days <= cutoff || s.State !== 'completed') continue;
            const resource = fromEbsSnapshot(s, {
              account: where.account,
              ...(where.alias ? { accountAlias: where.alias } : {}),
              region: where.region,
            });
            const upTo = ctx.prices.snapshotMonthly(s.VolumeSize, where.region);
            out.push({
              rule: this.id,
              severity: 'low',
              resource,
              detail:
                `Snapshot of ${s.VolumeId ?? 'a volume'} (${s.VolumeSize ?? '?'} GB) taken ` +
                `${isoDay(started!)}, ${days} days ago` +
                `${upTo !== undefined ? `; at most $${upTo.toFixed(2)}/month (snapshots are incremental, so likely less)` : ''}` +
                `. Delete it if no restore needs it.`,
              monthlySaving: null,
              fix: this.fix,
            });
          }
        }
      });
    }
    return out;
  },
};
