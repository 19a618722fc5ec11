import { lookupTable } from '../../core';
import type { TagPolicy, TagProblem } from './policy';
import { typeName, type TaggedResource } from './taggable';

export interface ComplianceGroup {
  name: string;
  total: number;
  compliant: number;
}

export interface Offender {
  resource: TaggedResource;
  problems: TagProblem[];
}

export interface ComplianceReport {
  /** Resources the policy covers, exemptions left out. */
  total: number;
  compliant: number;
  exempt: number;
  byType: ComplianceGroup[];
  byAccount: ComplianceGroup[];
  /** By the owner-style tag's value; "(no owner)" when it is missing. */
  byTeam: ComplianceGroup[];
  /** Every resource that does not comply, worst first. */
  offenders: Offender[];
}

export const NO_OWNER = '(no owner)';

function tally(groups: Map<string, ComplianceGroup>, name: string, ok: boolean): void {
  const g = groups.get(name) ?? { name, total: 0, compliant: 0 };
  g.total += 1;
  if (ok) g.compliant += 1;
  groups.set(name, g);
}

const rate = (g: ComplianceGroup) => (g.total ? g.compliant / g.total : 1);

/** Instances and databases before the volumes that copy their tags: fixing those fixes the rest. */
const TYPE_RANK: Readonly<Record<string, number>> = lookupTable({
  'ec2-instance': 0,
  'rds-instance': 1,
  'rds-cluster': 1,
  'ebs-volume': 3,
});
const typeRank = (type: string) => TYPE_RANK[type] ?? 2;

/** Compliance of `resources` with `policy`, overall and by type, account and team. Pure. */
export function complianceReport(resources: TaggedResource[], policy: TagPolicy): ComplianceReport {
  const byType = new Map<string, ComplianceGroup>();
  const byAccount = new Map<string, ComplianceGroup>();
  const byTeam = new Map<string, ComplianceGroup>();
  const offenders: Offender[] = [];
  let total = 0;
  let compliant = 0;
  let exempt = 0;
  for (const r of resources) {
    if (!policy.covers(r)) continue;
    if (policy.exemption(r)) {
      exempt += 1;
      continue;
    }
    const problems = policy.problems(r);
    const ok = problems.length === 0;
    total += 1;
    if (ok) compliant += 1;
    else offenders.push({ resource: r, problems });
    tally(byType, typeName(r.type), ok);
    tally(byAccount, r.accountAlias ? `${r.accountAlias}` : r.account, ok);
    tally(byTeam, r.tags[policy.ownerTag]?.trim() || NO_OWNER, ok);
  }
  offenders.sort(
    (a, b) =>
      b.problems.length - a.problems.length ||
      b.problems.filter((p) => p.kind === 'missing').length - a.problems.filter((p) => p.kind === 'missing').length ||
      typeRank(a.resource.type) - typeRank(b.resource.type) ||
      a.resource.type.localeCompare(b.resource.type) ||
      a.resource.account.localeCompare(b.resource.account) ||
      a.resource.name.localeCompare(b.resource.name) ||
      a.resource.key.localeCompare(b.resource.key),
  );
  return {
    total,
    compliant,
    exempt,
    byType: [...byType.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name)),
    byAccount: [...byAccount.values()].sort((a, b) => a.name.localeCompare(b.name)),
    byTeam: [...byTeam.values()].sort((a, b) => rate(a) - rate(b) || b.total - a.total || a.name.localeCompare(b.name)),
    offenders,
  };
}
