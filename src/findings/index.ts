export {
  FindingsEngine,
  compareFindings,
  resourceKey,
  totalSaving,
  type FindingsEngineDeps,
  type FindingsReport,
  type Snooze,
  type SnoozeSource,
} from './FindingsEngine';
export { PRICES, PRICE_TABLE_DATE, HOURS_PER_MONTH, usd, type PriceTable } from './prices';
export { RULES, majorOf } from './rules';
export {
  DEFAULT_THRESHOLDS,
  SEVERITIES,
  type Finding,
  type FindingFix,
  type FindingRule,
  type FindingsThresholds,
  type RuleContext,
  type Severity,
  type TagCheck,
  type RequestCounts,
} from './types';

/** IAM actions the findings rules need beyond the inventory scan. */
import { RULES as ALL } from './rules';
export const FINDINGS_PERMISSIONS = [...new Set(ALL.flatMap((r) => r.permissions))].sort();
