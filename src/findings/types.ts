import type { CloudProvider } from '../cloud';
import type { ParamValue } from '../core';
import type { Resource } from '../core';
import type { PriceTable } from './prices';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** How the thresholds in the config (`findings:`) reach the rules. */
export interface FindingsThresholds {
  /** An instance stopped longer than this (days) is a finding: its volumes are still billed. */
  stoppedDays: number;
  /** Snapshots older than this (days). */
  snapshotDays: number;
  /** Running instances whose CPUUtilization p95 over `idleDays` is below this percentage. */
  idleCpuP95: number;
  idleDays: number;
  /** An RDS major version whose end of standard support is this close (days) is a finding; past it, a high one. */
  engineWarnDays: number;
  /** A Lambda runtime this close (days) to its AWS deprecation date is a finding; past it, a high one. */
  runtimeWarnDays: number;
  /** An EKS Kubernetes version whose end of standard support is this close (days) is a finding; past it, a high one. */
  eksWarnDays: number;
}

export const DEFAULT_THRESHOLDS: FindingsThresholds = {
  stoppedDays: 14,
  snapshotDays: 90,
  idleCpuP95: 5,
  idleDays: 14,
  engineWarnDays: 180,
  runtimeWarnDays: 180,
  eksWarnDays: 60,
};

/** What fixes a finding: a catalog playbook and the parameter the resource goes in. */
export interface FindingFix {
  playbook: string;
  /** The playbook parameter that takes the resource. */
  param: string;
  /** Further parameters already settled. */
  params?: Record<string, ParamValue>;
}

export interface Finding {
  rule: string;
  severity: Severity;
  resource: Resource;
  /** One sentence for people: what is wrong, since when, what it costs. */
  detail: string;
  /** Estimated USD per month the fix saves, or null when it cannot be computed honestly. */
  monthlySaving: number | null;
  fix: FindingFix | null;
  /** A date the finding is about (end of support), ISO day. */
  deadline?: string;
}

/** Tag policy problems of the inventory's resources: the tagging digest's computation, handed in. */
export type TagCheck = (resources: Resource[]) => { resource: Resource; problems: string[] }[];

/** Requests a rule made beyond the inventory, by service, for the digest's small print. */
export type RequestCounts = Record<string, number>;

export interface RuleContext {
  provider: CloudProvider;
  /** The inventory (terminated resources left out). */
  resources: Resource[];
  now: Date;
  thresholds: FindingsThresholds;
  prices: PriceTable;
  tagCheck?: TagCheck;
  /** Count one request to `service` (cloudwatch, ec2, rds). */
  count(service: string, n?: number): void;
  /**
   * A read that failed in one account/region (`where`: "production/us-west-2"): reported in the digest, and
   * the rule's findings from the other accounts/regions still count. Left out, the failure fails the rule.
   */
  failed?(where: string, error: unknown): void;
}

/**
 * One check over the estate. Every rule carries what it needs about itself (Cloud Custodian's rule:
 * schema and permissions on each element), so the engine, the IAM policy and the docs walk the list.
 */
export interface FindingRule {
  id: string;
  title: string;
  /** IAM actions for the extra reads the rule makes (none when it reads only the inventory). */
  permissions: string[];
  /** The playbook that fixes this rule's findings (the Fix button), or null when none does yet. */
  fix: FindingFix | null;
  /** The inventory types this rule can name (a snooze of it on another type is refused); left out: any. */
  types?: string[];
  evaluate(ctx: RuleContext): Promise<Finding[]>;
}
