import type { FindingsReport } from '../findings';
import type { CostTable } from './cost/CostExplorerReader';
import { findingJson } from './findings/findings-json';
import type { ComplianceReport } from './tagging/compliance';
import { problemText } from './tagging/policy';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. Text a spreadsheet would run as
 * a formula (=, +, -, @ at the start, not a number) is prefixed with ' so opening the file never runs it.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Daily cost by service (and account), the rows behind the cost digest. */
export function costCsv(table: CostTable, accountNames: Record<string, string>): { csv: string; rows: number } {
  const byAccount = table.query.groupBy.includes('LINKED_ACCOUNT');
  const estimated = new Set(table.estimated);
  const rows = table.points.map((p) => {
    const service = p.keys[table.query.groupBy.indexOf('SERVICE')] ?? '';
    const account = byAccount ? (p.keys[table.query.groupBy.indexOf('LINKED_ACCOUNT')] ?? '') : '';
    return [p.day, account, account ? (accountNames[account] ?? '') : '', service, p.amount.toFixed(2), table.unit, estimated.has(p.day)];
  });
  return { csv: toCsv(['date', 'account_id', 'account_name', 'service', 'amount', 'unit', 'estimated'], rows), rows: rows.length };
}

/** Every resource that does not follow the tagging policy, with what is wrong. */
export function tagsCsv(report: ComplianceReport, ownerTag: string): { csv: string; rows: number } {
  const rows = report.offenders.map((o) => {
    const r = o.resource;
    return [
      r.key,
      r.type,
      r.id,
      r.name,
      r.account,
      r.accountAlias ?? '',
      r.region,
      r.tags[ownerTag] ?? '',
      o.problems.map((p) => p.key).join(' '),
      o.problems.map(problemText).join('; '),
    ];
  });
  return {
    csv: toCsv(['arn', 'type', 'id', 'name', 'account_id', 'account_name', 'region', ownerTag, 'tags_at_fault', 'problems'], rows),
    rows: rows.length,
  };
}

/** Every finding (the --json contract's fields, flat). */
export function findingsCsv(report: FindingsReport): { csv: string; rows: number } {
  const rows = report.findings.map((f) => {
    const j = findingJson(f);
    return [
      j.rule,
      j.severity,
      j.resource.id,
      j.resource.name,
      j.resource.type,
      j.resource.account,
      f.resource.accountAlias ?? '',
      j.resource.region,
      j.monthlySaving === null ? '' : j.monthlySaving.toFixed(2),
      j.playbook ?? '',
      f.deadline ?? '',
      j.detail,
    ];
  });
  return {
    csv: toCsv(
      [
        'rule',
        'severity',
        'resource_id',
        'resource_name',
        'resource_type',
        'account_id',
        'account_name',
        'region',
        'monthly_saving_usd',
        'playbook',
        'deadline',
        'detail',
      ],
      rows,
    ),
    rows: rows.length,
  };
}
