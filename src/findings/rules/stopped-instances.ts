import type { Finding, FindingRule } from '../types';
import { daysSince, isoDay } from './days';

/**
 * An EC2 instance stopped for more than `stoppedDays` (the date is in StateTransitionReason, read by the
 * inventory as `stoppedAt`): the instance costs nothing, its EBS volumes are billed every month.
 */
export const stoppedInstances: FindingRule = {
  id: 'ec2-stopped-long',
  title: 'EC2 instances stopped for weeks, volumes still billed',
  types: ['ec2-instance'],
  permissions: [],
  fix: { playbook: 'ec2-terminate-instance', param: 'instance' },
  async evaluate(ctx) {
    const volumes = new Map(ctx.resources.filter((r) => r.type === 'ebs-volume').map((v) => [`${v.account}/${v.region}/${v.id}`, v]));
    const out: Finding[] = [];
    for (const r of ctx.resources) {
      if (r.type !== 'ec2-instance' || r.state !== 'stopped') continue;
      const since = typeof r.facts.stoppedAt === 'string' ? r.facts.stoppedAt : null;
      const days = daysSince(since, ctx.now);
      if (days === null || days <= ctx.thresholds.stoppedDays) continue;
      const ids = Array.isArray(r.facts.volumes) ? r.facts.volumes : [];
      const attached = ids.map((id) => volumes.get(`${r.account}/${r.region}/${id}`));
      const prices = attached.map((v) =>
        v ? ctx.prices.volumeMonthly(String(v.facts.volumeType ?? ''), Number(v.facts.size ?? 0), v.region) : undefined,
      );
      const known = prices.every((p) => p !== undefined) && prices.length > 0;
      const saving = known ? Math.round((prices as number[]).reduce((a, b) => a + b, 0) * 100) / 100 : null;
      const gb = attached.reduce((a, v) => a + Number(v?.facts.size ?? 0), 0);
      out.push({
        rule: this.id,
        severity: days > ctx.thresholds.stoppedDays * 4 ? 'medium' : 'low',
        resource: r,
        detail:
          `Stopped since ${isoDay(since!)} (${days} days); its ${ids.length} EBS volume` +
          `${ids.length === 1 ? '' : 's'} (${gb} GB) ${ids.length === 1 ? 'is' : 'are'} still ` +
          `billed. Terminate it if nobody needs it (snapshot first if in doubt).`,
        monthlySaving: saving,
        fix: this.fix,
      });
    }
    return out;
  },
};
