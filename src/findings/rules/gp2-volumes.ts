import { usd } from '../prices';
import type { Finding, FindingRule } from '../types';

/**
 * A gp2 volume: gp3 costs 20% less per GB with a 3,000 IOPS / 125 MB/s baseline, and the change is online
 * (ModifyVolume). Unattached gp2 volumes are left to `ebs-unattached`, whose fix saves more.
 */
export const gp2Volumes: FindingRule = {
  id: 'ebs-gp2',
  title: 'gp2 volumes (gp3 costs 20% less)',
  types: ['ebs-volume'],
  permissions: [],
  fix: { playbook: 'ebs-change-to-gp3', param: 'volume' },
  async evaluate(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.resources) {
      if (r.type !== 'ebs-volume' || r.facts.volumeType !== 'gp2' || r.state === 'available') continue;
      const size = Number(r.facts.size ?? 0);
      // gp2's baseline: 3 IOPS per GB (100 to 16,000) and 250 MB/s from 334 GB. gp3 gives 3,000 IOPS and
      // 125 MB/s unless more is provisioned (and paid for); the playbook provisions nothing more.
      const iops = Math.min(16_000, Math.max(100, size * 3));
      const mbps = size >= 334 ? 250 : 125;
      const extraIops = Math.max(0, iops - 3000);
      const extraMbps = Math.max(0, mbps - 125);
      const gp2 = ctx.prices.volumeMonthly('gp2', size, r.region);
      const gp3 = ctx.prices.volumeMonthly('gp3', size, r.region);
      const provisioned = ctx.prices.gp3ProvisionedMonthly(extraIops, extraMbps, r.region);
      const saving =
        gp2 !== undefined && gp3 !== undefined && provisioned !== undefined ? Math.round((gp2 - gp3 - provisioned) * 100) / 100 : null;
      if (saving !== null && saving <= 0) continue;
      const slower = [...(extraIops ? [`${iops.toLocaleString('en-US')} IOPS`] : []), ...(extraMbps ? [`${mbps} MB/s`] : [])];
      // A plain change to gp3 would cut this volume's baseline: no one-click fix, the detail says what to provision.
      const detail = slower.length
        ? `gp2 volume of ${size} GB with a baseline of ${slower.join(' and ')}; gp3 keeps it ` +
          `only with ${slower.join(' and ')} provisioned` +
          `${provisioned ? ` (~${usd(provisioned)}/month, taken off the saving)` : ''}. Change ` +
          `it with those set (ModifyVolume); the ebs-change-to-gp3 playbook gives gp3's 3,000 ` +
          `IOPS / 125 MB/s baseline only, so it is not offered here.`
        : `gp2 volume of ${size} GB; gp3 is 20% cheaper per GB with at least the same baseline performance, changed online.`;
      out.push({
        rule: this.id,
        severity: 'low',
        resource: r,
        detail,
        monthlySaving: saving,
        fix: slower.length ? null : this.fix,
      });
    }
    return out;
  },
};
