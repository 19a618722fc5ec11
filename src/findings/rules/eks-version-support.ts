import { firstSupportedEksVersion } from '../../inventory';
import { HOURS_PER_MONTH } from '../prices';
import type { Finding, FindingRule } from '../types';
import { isoDay } from './days';

/**
 * EKS prices per cluster-hour (US East; AWS, "Amazon EKS extended support for Kubernetes versions pricing",
 * aws.amazon.com/blogs/containers/amazon-eks-extended-support-for-kubernetes-versions-pricing, effective
 * 2024-04-01; the same figures on aws.amazon.com/eks/pricing): $0.10 in standard support, $0.60 in
 * extended support. Upgrading a cluster in extended support to a version in standard support saves the difference.
 */
export const EKS_STANDARD_HOURLY = 0.1;
export const EKS_EXTENDED_HOURLY = 0.6;
const SURCHARGE_MONTHLY = Math.round((EKS_EXTENDED_HOURLY - EKS_STANDARD_HOURLY) * HOURS_PER_MONTH * 100) / 100;

/**
 * EKS clusters on a Kubernetes version past (high) or within `eksWarnDays` of (medium) the end of EKS
 * standard support. The dates come from the inventory (the EKS release calendar in
 * src/inventory/kinds/eks-versions.ts); no extra calls. Past the date a cluster whose upgrade policy is
 * EXTENDED (the default) is billed extended support, which is the monthly saving; a STANDARD one is
 * upgraded by EKS itself.
 */
export const eksVersionSupport: FindingRule = {
  id: 'eks-version-support',
  title: 'EKS clusters on Kubernetes versions past or near end of standard support',
  types: ['eks-cluster'],
  permissions: [],
  fix: { playbook: 'eks-upgrade-cluster', param: 'cluster' },
  async evaluate(ctx) {
    const out: Finding[] = [];
    const warnMs = ctx.thresholds.eksWarnDays * 86_400_000;
    for (const r of ctx.resources) {
      if (r.type !== 'eks-cluster' || typeof r.facts.endOfStandardSupport !== 'string') continue;
      const end = new Date(`${r.facts.endOfStandardSupport}T00:00:00Z`);
      const left = end.getTime() - ctx.now.getTime();
      if (left > warnMs) continue;
      const day = isoDay(end);
      const version = String(r.facts.version);
      const extended = r.facts.supportType !== 'STANDARD';
      const extendedEnd = typeof r.facts.endOfExtendedSupport === 'string' ? r.facts.endOfExtendedSupport : undefined;
      const rate = `$${EKS_EXTENDED_HOURLY.toFixed(2)} per cluster-hour instead of $${EKS_STANDARD_HOURLY.toFixed(2)}`;
      // EKS upgrades one minor version at a time: say how far the first version in standard support is.
      const target = firstSupportedEksVersion(ctx.now);
      const steps = target ? Number(target.split('.')[1]) - Number(version.split('.')[1]) : 0;
      const path =
        target && steps > 1 ? ` The first version in standard support is ${target}: ${steps} upgrades, one minor version each.` : '';
      let detail: string;
      // Past the end of extended support too, the date is history: EKS upgrades the control plane itself.
      const extendedOver = extendedEnd !== undefined && Date.parse(`${extendedEnd}T00:00:00Z`) <= ctx.now.getTime();
      if (left <= 0 && extended && extendedOver)
        detail =
          `Kubernetes ${version} left EKS standard support on ${day} and extended support on ` +
          `${extendedEnd}: EKS upgrades the control plane itself, at a time it chooses, and ` +
          `bills extended support (${rate}, ~$${SURCHARGE_MONTHLY.toFixed(2)}/month more) ` +
          `while the cluster is on a version in it. Upgrade to a version in standard support.` +
          `${path}`;
      else if (left <= 0)
        detail = extended
          ? `Kubernetes ${version} left EKS standard support on ${day}; EKS bills extended ` +
            `support (${rate}, ~$${SURCHARGE_MONTHLY.toFixed(2)}/month more)` +
            `${extendedEnd ? ` until ${extendedEnd}, when it upgrades the control plane itself` : ''}` +
            `. Upgrade to a version in standard support.${path}`
          : `Kubernetes ${version} left EKS standard support on ${day}; the upgrade policy is ` +
            `STANDARD, so EKS upgrades the control plane itself. Upgrade it on your own schedule ` +
            `first.${path}`;
      else
        detail =
          `Kubernetes ${version} leaves EKS standard support on ${day} (` +
          `${Math.ceil(left / 86_400_000)} days)` +
          (extended
            ? `; from then EKS bills extended support (${rate}, ~$${SURCHARGE_MONTHLY.toFixed(2)}/month more)`
            : '; then EKS upgrades it itself (upgrade policy STANDARD)') +
          `. Plan the upgrade before then.`;
      out.push({
        rule: this.id,
        severity: left <= 0 ? 'high' : 'medium',
        resource: r,
        detail,
        // Only a surcharge being billed now is money the fix saves.
        monthlySaving: left <= 0 && extended ? SURCHARGE_MONTHLY : null,
        fix: this.fix,
        deadline: day,
      });
    }
    return out;
  },
};
