import type { Finding, FindingRule } from '../types';

/**
 * A gp2 volume: gp3 costs 20% less per GB with a 3,000 IOPS / 125 MB/s baseline, and the change is online
 * (ModifyVolume). Unattached gp2 volumes are left to `ebs-unattached`, whose fix saves more.
 */
export const gp2Volumes: FindingRule = {
  id: 'ebs-gp2',
  title: 'gp2 volumes (gp3 costs 20% less)',
  permissions: [],
  fix: { playbook: 'ebs-change-to-gp3', param: 'volume' },
  async evaluate(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.resources) {
      if (r.type !== 'ebs-volume' || r.facts.volumeType !== 'gp2' || r.state === 'available') continue;
      const size = Number(r.facts.size ?? 0);
      const gp2 = ctx.prices.volumeMonthly('gp2', size, r.region);
      const gp3 = ctx.prices.volumeMonthly('gp3', size, r.region);
      const saving = gp2 !== undefined && gp3 !== undefined ? Math.round((gp2 - gp3) * 100) / 100 : null;
      // Above 1,000 GB gp2's baseline IOPS (3 per GB) exceed gp3's free 3,000: the fix should provision them.
      const note = size > 1000 ? ` Its gp2 baseline is ${size * 3} IOPS; gp3 gives 3,000 unless more are provisioned.` : '';
      out.push({
        rule: this.id,
        severity: 'low',
        resource: r,
        detail: `gp2 volume of ${size} GB; gp3 is 20% cheaper per GB with at least the same baseline performance, changed online.${note}`,
        monthlySaving: saving,
        fix: this.fix,
      });
    }
    return out;
  },
};
