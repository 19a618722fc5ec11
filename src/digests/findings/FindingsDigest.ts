import type { CloudProvider } from '../../cloud';
import type { FindingsConfig } from '../../config';
import type { ChatMessage } from '../../core';
import type { Clock, Logger } from '../../core';
import type { Resource } from '../../core';
import { DEFAULT_THRESHOLDS, FindingsEngine, type FindingsReport, type SnoozeSource, type TagCheck } from '../../findings';
import { complianceReport } from '../tagging/compliance';
import { problemText, type TagPolicy } from '../tagging/policy';
import { inventoryTaggables, type ResourceSource } from '../tagging/taggable';
import { findingsMessage } from './findings-message';

/** The config's defaults, for a Digests built without a `findings` section (tests, old callers). */
export const DEFAULT_FINDINGS_CONFIG: FindingsConfig = { ...DEFAULT_THRESHOLDS, snoozeDays: 30, top: 10 };

export interface FindingsDigestDeps {
  provider: CloudProvider;
  inventory: ResourceSource;
  config: FindingsConfig;
  /** The tagging digest's policy: `tags-missing` is its check, not a second one. */
  tagPolicy: TagPolicy;
  snoozes?: SnoozeSource;
  clock: Clock;
  log?: Logger;
  label?: string;
}

export interface FindingsDigestResult {
  message: ChatMessage;
  report: FindingsReport;
}

/** The tagging digest's computation over the inventory's resources, as the findings engine takes it. */
export function tagCheckFrom(policy: TagPolicy): TagCheck {
  return (resources: Resource[]) =>
    complianceReport(inventoryTaggables({ all: () => resources }), policy)
      .offenders.filter((o) => o.resource.resource)
      .map((o) => ({ resource: o.resource.resource!, problems: o.problems.map(problemText) }));
}

/** The findings digest: every rule over the inventory, worst first, each with its fix. */
export class FindingsDigest {
  readonly engine: FindingsEngine;
  /** The last report built, so a snooze typed after the digest can find a snapshot the inventory does not hold. */
  last?: FindingsReport;

  constructor(private readonly deps: FindingsDigestDeps) {
    const c = deps.config;
    this.engine = new FindingsEngine({
      provider: deps.provider,
      thresholds: {
        ...DEFAULT_THRESHOLDS,
        stoppedDays: c.stoppedDays,
        snapshotDays: c.snapshotDays,
        idleCpuP95: c.idleCpuP95,
        idleDays: c.idleDays,
        engineWarnDays: c.engineWarnDays,
        runtimeWarnDays: c.runtimeWarnDays,
        eksWarnDays: c.eksWarnDays,
      },
      clock: deps.clock,
      tagCheck: tagCheckFrom(deps.tagPolicy),
      ...(c.rules ? { enabled: c.rules } : {}),
      ...(deps.snoozes ? { snoozes: deps.snoozes } : {}),
      ...(deps.log ? { log: deps.log } : {}),
    });
  }

  async report(at?: Date): Promise<FindingsReport> {
    const report = await this.engine.run(this.deps.inventory.all(), at);
    this.last = report;
    this.deps.log?.info(
      {
        digest: 'findings',
        findings: report.findings.length,
        snoozed: report.snoozed,
        requests: report.requests,
        failures: report.failures.length,
        ms: report.tookMs,
      },
      'findings digest built',
    );
    return report;
  }

  async build(request: { top?: number; at?: Date } = {}): Promise<FindingsDigestResult> {
    const report = await this.report(request.at);
    return {
      report,
      message: findingsMessage(report, {
        top: request.top ?? this.deps.config.top,
        now: request.at ?? this.deps.clock.now(),
        ...(this.deps.label ? { label: this.deps.label } : {}),
      }),
    };
  }
}
