import type { CloudProvider } from '../cloud';
import { explainCloudError } from '../cloud';
import type { Clock, Logger } from '../core';
import type { Resource } from '../core';
import { PRICES, type PriceTable } from './prices';
import { RULES } from './rules';
import { SEVERITIES, type Finding, type FindingRule, type FindingsThresholds, type RequestCounts, type TagCheck } from './types';

/** A finding put aside for a resource (one rule, or every rule: `*`), until a day, with a reason. */
export interface Snooze {
  rule: string;
  resourceKey: string;
  reason: string;
  by: string;
  until: string;
}

export interface SnoozeSource {
  active(now: Date): Snooze[] | Promise<Snooze[]>;
}

export interface FindingsReport {
  findings: Finding[];
  /** Findings left out because they were snoozed. */
  snoozed: number;
  /** Requests made beyond the inventory, by service. */
  requests: RequestCounts;
  /** Rules that could not run, in words (the rest still report). */
  /** A rule that could not run, or (with `where`) could not read one account/region. */
  failures: { rule: string; error: string; where?: string }[];
  priceTableDate: string;
  /** Milliseconds the rules took. */
  tookMs: number;
  /** Resources looked at. */
  resources: number;
}

export interface FindingsEngineDeps {
  provider: CloudProvider;
  thresholds: FindingsThresholds;
  clock: Clock;
  rules?: FindingRule[];
  /** Rule ids to run (all when left out). */
  enabled?: string[];
  prices?: PriceTable;
  tagCheck?: TagCheck;
  snoozes?: SnoozeSource;
  log?: Logger;
}

/** Where a finding's resource is, as the snoozes and the fix buttons name it. */
export function resourceKey(r: Pick<Resource, 'account' | 'region' | 'id'>): string {
  return `${r.account}/${r.region}/${r.id}`;
}

const RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));

/** Worst first, then the biggest saving, then the nearest deadline, then by name (stable digests). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    RANK[a.severity] - RANK[b.severity] ||
    (b.monthlySaving ?? -1) - (a.monthlySaving ?? -1) ||
    (a.deadline ?? '9').localeCompare(b.deadline ?? '9') ||
    a.resource.name.localeCompare(b.resource.name) ||
    a.rule.localeCompare(b.rule)
  );
}

/** Runs every rule over the inventory; a rule that fails is reported, the others still count. */
export class FindingsEngine {
  readonly rules: FindingRule[];

  constructor(private readonly deps: FindingsEngineDeps) {
    const all = deps.rules ?? RULES;
    this.rules = deps.enabled ? all.filter((r) => deps.enabled!.includes(r.id)) : all;
  }

  /** `at`: the time to judge ages and deadlines at (the clock when left out; `--date` for a reproducible digest). */
  async run(inventory: Resource[], at?: Date): Promise<FindingsReport> {
    const started = Date.now();
    const now = at ?? this.deps.clock.now();
    const requests: RequestCounts = {};
    const resources = inventory.filter((r) => r.state !== 'terminated' && r.state !== 'shutting-down');
    const ctx = {
      provider: this.deps.provider,
      resources,
      now,
      thresholds: this.deps.thresholds,
      prices: this.deps.prices ?? PRICES,
      ...(this.deps.tagCheck ? { tagCheck: this.deps.tagCheck } : {}),
      count: (service: string, n = 1) => void (requests[service] = (requests[service] ?? 0) + n),
    };
    const failures: FindingsReport['failures'] = [];
    const results = await Promise.all(
      this.rules.map(async (rule) => {
        const explain = (e: unknown) => (explainCloudError(e) ?? (e as Error).message ?? String(e)).replace(/\s+/g, ' ');
        const failed = (where: string, e: unknown) => {
          failures.push({ rule: rule.id, error: explain(e), where });
          this.deps.log?.warn({ rule: rule.id, where, err: (e as Error).message }, 'findings rule could not read one account/region');
        };
        try {
          return await rule.evaluate({ ...ctx, failed });
        } catch (e) {
          const error = explain(e);
          failures.push({ rule: rule.id, error });
          this.deps.log?.warn({ rule: rule.id, err: (e as Error).message }, 'findings rule failed');
          return [];
        }
      }),
    );
    const snoozes = (await this.deps.snoozes?.active(now)) ?? [];
    const isSnoozed = (f: Finding) =>
      snoozes.some((s) => s.resourceKey === resourceKey(f.resource) && (s.rule === '*' || s.rule === f.rule));
    const all = results.flat();
    const findings = all.filter((f) => !isSnoozed(f)).sort(compareFindings);
    return {
      findings,
      snoozed: all.length - findings.length,
      requests,
      failures,
      priceTableDate: (this.deps.prices ?? PRICES).date,
      tookMs: Date.now() - started,
      resources: resources.length,
    };
  }
}

/** The estimated monthly savings of a list of findings (those that have one). */
export function totalSaving(findings: Finding[]): number {
  return Math.round(findings.reduce((a, f) => a + (f.monthlySaving ?? 0), 0) * 100) / 100;
}
