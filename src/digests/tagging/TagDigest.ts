import type { CloudProvider } from '../../cloud';
import type { TaggingPolicy } from '../../config';
import type { ChatMessage } from '../../core';
import type { Clock, Logger } from '../../core';
import type { TaggingTrendRepository } from '../../store';
import type { Day } from '../dates';
import { DigestError } from '../failure';
import { complianceReport, type ComplianceReport, type Offender } from './compliance';
import { suggestFix, type FixSuggestion } from './fix';
import { TagPolicy } from './policy';
import { restMessages, tagMessage } from './tag-message';
import { collectTaggable, inventoryTaggables, readTaggable, type Collected, type ResourceSource, type TaggedResource } from './taggable';

export interface InventorySource extends ResourceSource {
  /** Scans that failed, when the inventory keeps them. */
  readonly failures?: { account: string; region: string; scanner: string; error: string }[];
}

export interface TagDigestDeps {
  provider: CloudProvider;
  inventory: InventorySource;
  policy: TaggingPolicy;
  trend?: TaggingTrendRepository;
  clock: Clock;
  log?: Logger;
  label?: string;
}

export interface TagDigestRequest {
  day: Day;
  top?: number;
  /** scheduled and chat digests are kept for the trend; print is not. */
  source: 'scheduled' | 'chat' | 'print';
  /** Only this key (the `tag-compliance-report` playbook's `tag`). */
  key?: string;
}

export interface TagDigestResult {
  message: ChatMessage;
  report: ComplianceReport;
  requests: number;
}

export type FixOutcome =
  | { kind: 'unknown' }
  | { kind: 'compliant'; resource: TaggedResource }
  | { kind: 'fix'; offender: Offender; suggestion: FixSuggestion };

export const DEFAULT_TOP_OFFENDERS = 10;

/** The tagging digest: collect everything taggable, check it against the policy, compare with the last digest. */
export class TagDigest {
  readonly policy: TagPolicy;

  constructor(private readonly deps: TagDigestDeps) {
    this.policy = new TagPolicy(deps.policy);
  }

  async collect(): Promise<Collected> {
    const collected = await collectTaggable(this.deps.provider, this.deps.inventory);
    if (!collected.resources.length && collected.failures.length) {
      const f = collected.failures[0];
      throw new DigestError({
        what:
          `No resources could be read: GetResources failed in ${collected.failures.length} ` +
          `account/region(s), e.g. ${f.account}/${f.region}: ${f.error}`,
        fix: "Allow tag:GetResources (and the inventory's describe calls) for the bot's role in each account, then ask again.",
      });
    }
    return collected;
  }

  private policyFor(key: string | undefined): TagPolicy {
    if (!key) return this.policy;
    const rule = this.deps.policy.required.find((r) => r.key === key) ?? { key };
    return new TagPolicy({ ...this.deps.policy, required: [rule] });
  }

  async build(request: TagDigestRequest): Promise<TagDigestResult> {
    const collected = await this.collect();
    const policy = this.policyFor(request.key);
    const report = complianceReport(collected.resources, policy);
    const now = this.deps.clock.now();
    const previous = request.key ? undefined : await this.deps.trend?.latest(now);
    const notes = [
      ...collected.failures.map(
        (f) => `GetResources failed in ${f.account}/${f.region} (${f.error}); the numbers cover the rest. Allow tag:GetResources there.`,
      ),
      ...(this.deps.inventory.failures ?? []).map(
        (f) => `the inventory scan of ${f.scanner} failed in ${f.account}/${f.region} (${f.error}); its untagged resources may be missing.`,
      ),
    ];
    const context = [
      ...(this.deps.label ? [this.deps.label] : []),
      `Tagging API: ${collected.requests} request${collected.requests === 1 ? '' : 's'}`,
      `${report.total + report.exempt} resources checked`,
    ];
    const message = tagMessage({
      report,
      policy,
      top: request.top ?? DEFAULT_TOP_OFFENDERS,
      day: request.day,
      now,
      previous,
      notes,
      context,
      ...(request.key ? { header: `Tag \`${request.key}\`: compliance on ${report.total} resources` } : {}),
    });
    if (!request.key && request.source !== 'print') {
      const byType = Object.fromEntries(report.byType.map((g) => [g.name, { total: g.total, compliant: g.compliant }]));
      await this.deps.trend?.record({
        takenAt: now.toISOString(),
        source: request.source,
        total: report.total,
        compliant: report.compliant,
        byType,
        offenders: report.offenders.map((o) => o.resource.key),
      });
    }
    this.deps.log?.info(
      {
        digest: 'tags',
        resources: report.total,
        compliant: report.compliant,
        taggingRequests: collected.requests,
        failures: collected.failures.length,
      },
      'tagging digest built',
    );
    return { message, report, requests: collected.requests };
  }

  /** "Show all": every offender after the first `from`, for the thread. */
  async rest(from = DEFAULT_TOP_OFFENDERS): Promise<ChatMessage[]> {
    const collected = await this.collect();
    return restMessages(complianceReport(collected.resources, this.policy), from);
  }

  /** What "Fix tags" on one offender should propose: its tags read now (one GetResources call), evidence from the inventory. */
  async fix(key: string): Promise<FixOutcome> {
    const target = await readTaggable(this.deps.provider, this.deps.inventory, key);
    if (!target) return { kind: 'unknown' };
    const problems = this.policy.problems(target);
    if (!problems.length) return { kind: 'compliant', resource: target };
    return {
      kind: 'fix',
      offender: { resource: target, problems },
      suggestion: suggestFix(target, problems, inventoryTaggables(this.deps.inventory), this.policy),
    };
  }
}
