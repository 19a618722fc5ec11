/** Money and change, written the way people read a bill. */
import { lookupTable } from '../core';

const SYMBOL: Readonly<Record<string, string>> = lookupTable({ USD: '$', EUR: '€', GBP: '£' });

function prefix(unit: string): string {
  return SYMBOL[unit] ?? `${unit} `;
}

/** "$3,341.20" under a thousand-ish, "$70,123" above: cents stop mattering. */
export function money(amount: number, unit = 'USD'): string {
  const abs = Math.abs(amount);
  const digits = abs < 1000 ? 2 : 0;
  const text = abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${amount < 0 ? '-' : ''}${prefix(unit)}${text}`;
}

/** "+$102.30" / "-$45.00" */
export function signedMoney(delta: number, unit = 'USD'): string {
  return `${delta >= 0 ? '+' : '-'}${money(Math.abs(delta), unit)}`;
}

/** Percent change from `before` to `after`: "+3.2%", or undefined when there was nothing before. */
export function percentChange(after: number, before: number): number | undefined {
  if (Math.abs(before) < 0.005) return undefined;
  return ((after - before) / before) * 100;
}

export function signedPercent(p: number | undefined): string {
  if (p === undefined) return 'new';
  const r = Math.round(p * 10) / 10;
  return `${r >= 0 ? '+' : ''}${r.toFixed(Math.abs(r) >= 100 ? 0 : 1)}%`;
}

/** "up $102.30 (+3.2%)" / "down $45 (-1.2%)" / "unchanged". */
export function change(after: number, before: number, unit = 'USD'): string {
  const delta = after - before;
  if (Math.abs(delta) < 0.005) return 'unchanged';
  return `${delta > 0 ? 'up' : 'down'} ${money(Math.abs(delta), unit)} (${signedPercent(percentChange(after, before))})`;
}

/** "$4.2K", "$950", "$1.1M" for chart axes. */
export function compactMoney(amount: number, unit = 'USD'): string {
  const abs = Math.abs(amount);
  const fmt = (n: number, s: string) => `${prefix(unit)}${Number.isInteger(n) ? n : n.toFixed(1)}${s}`;
  if (abs >= 1e6) return fmt(Math.round((amount / 1e6) * 10) / 10, 'M');
  if (abs >= 1e3) return fmt(Math.round((amount / 1e3) * 10) / 10, 'K');
  return `${prefix(unit)}${Math.round(amount)}`;
}

/** "78%" with one decimal only when it matters (99.5%). */
export function percent(part: number, whole: number): string {
  if (whole === 0) return '100%';
  const p = (part / whole) * 100;
  const r = Math.floor(p * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)}%`;
}

/** Cost Explorer's service names, shortened the way its own console labels them. */
const SERVICE_SHORT: Readonly<Record<string, string>> = lookupTable({
  'Amazon Elastic Compute Cloud - Compute': 'EC2-Instances',
  'EC2 - Other': 'EC2-Other',
  'Amazon Relational Database Service': 'RDS',
  'Amazon Simple Storage Service': 'S3',
  AmazonCloudWatch: 'CloudWatch',
  'Amazon Elastic Load Balancing': 'Elastic Load Balancing',
  'AWS Data Transfer': 'Data Transfer',
  'Amazon Virtual Private Cloud': 'VPC',
  'Amazon Elastic Container Service for Kubernetes': 'EKS',
  'Amazon Elastic Container Service': 'ECS',
  'Amazon Elastic File System': 'EFS',
  'Amazon DynamoDB': 'DynamoDB',
  'Amazon CloudFront': 'CloudFront',
  'Amazon Route 53': 'Route 53',
  'AWS Key Management Service': 'KMS',
  'Amazon ElastiCache': 'ElastiCache',
  'Amazon OpenSearch Service': 'OpenSearch',
});

export function shortService(name: string): string {
  return SERVICE_SHORT[name] ?? name.replace(/^(Amazon|AWS)\s+/, '');
}
