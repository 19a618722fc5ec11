import { totalSaving, type Finding, type FindingsReport } from '../../findings';

/** One finding as `cloudops digest findings --json` prints it (the contract). */
export interface FindingJson {
  rule: string;
  severity: string;
  resource: { id: string; name: string; type: string; account: string; region: string };
  detail: string;
  monthlySaving: number | null;
  playbook: string | null;
}

export function findingJson(f: Finding): FindingJson {
  const r = f.resource;
  const type = r.type === 'taggable' && typeof r.facts.service === 'string' ? r.facts.service : r.type;
  return {
    rule: f.rule,
    severity: f.severity,
    resource: { id: r.id, name: r.name, type, account: r.account, region: r.region },
    detail: f.detail,
    monthlySaving: f.monthlySaving,
    playbook: f.fix?.playbook ?? null,
  };
}

/** `{findings: [...], …}`: the findings, then what the digest adds (totals, price table date, requests, failures). */
export function reportJson(report: FindingsReport, generatedAt: Date): Record<string, unknown> {
  const bySeverity: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  for (const f of report.findings) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  }
  return {
    findings: report.findings.map(findingJson),
    totalMonthlySaving: totalSaving(report.findings),
    currency: 'USD',
    priceTableDate: report.priceTableDate,
    bySeverity,
    byRule,
    snoozed: report.snoozed,
    requests: report.requests,
    failures: report.failures,
    resourcesChecked: report.resources,
    generatedAt: generatedAt.toISOString(),
  };
}
