import type { Finding, FindingRule } from '../types';

/** An EBS volume attached to nothing (state `available`): billed in full, used by no one. */
export const unattachedVolumes: FindingRule = {
  id: 'ebs-unattached',
  title: 'Unattached EBS volumes',
  types: ['ebs-volume'],
  permissions: [],
  fix: { playbook: 'ebs-delete-volume', param: 'volume' },
  async evaluate(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.resources) {
      if (r.type !== 'ebs-volume' || r.state !== 'available') continue;
      const size = Number(r.facts.size ?? 0);
      const type = String(r.facts.volumeType ?? '');
      const saving = ctx.prices.volumeMonthly(type, size, r.region) ?? null;
      out.push({
        rule: this.id,
        severity: size >= 500 ? 'medium' : 'low',
        resource: r,
        detail: `Unattached ${type || 'EBS'} volume of ${size} GB, billed in full. Delete it (a snapshot is taken first).`,
        monthlySaving: saving,
        fix: this.fix,
      });
    }
    return out;
  },
};
