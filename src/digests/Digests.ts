import type { CloudProvider } from '../cloud';
import type { CostOptions, DigestConfig, FindingsConfig, TaggingPolicy } from '../config';
import type { SnoozeSource } from '../findings';
import type { ChatMessage } from '../core';
import type { Clock, Logger } from '../core';
import type { CostCacheRepository, TaggingTrendRepository } from '../store';
import { CostDigest } from './cost/CostDigest';
import { parsePeriod, periodReport, PERIOD_EXAMPLES } from './cost/cost-report';
import { addDays, localDay, span, type Day } from './dates';
import type { DigestContext, DigestOrigin } from './Digest';
import { failureMessage } from './failure';
import { DIGESTS, isDigestKind, type DigestKind, type DigestRegistry } from './registry';
import { TagDigest, type InventorySource } from './tagging/TagDigest';
import { resourceCostMessage, resourceCosts } from './cost/resource-cost';
import { costCsv, findingsCsv, tagsCsv } from './csv';
import type { Narrative } from './narrative';
import { complianceReport } from './tagging/compliance';
import { DEFAULT_FINDINGS_CONFIG, FindingsDigest } from './findings/FindingsDigest';

export interface DigestsDeps {
  provider: CloudProvider;
  inventory: InventorySource;
  config: { cost: CostOptions; tagging: TaggingPolicy; digests: DigestConfig[]; findings?: FindingsConfig };
  /** Findings put aside per resource (the findings digest leaves them out). */
  snoozes?: SnoozeSource;
  /** The optional "What stands out" paragraph (Bedrock). */
  narrative?: Narrative;
  cache?: CostCacheRepository;
  trend?: TaggingTrendRepository;
  clock: Clock;
  log?: Logger;
  /** The sandbox label, shown in the small print. */
  label?: string;
}

export interface DigestRequest {
  /** The local day the digest is for ("today"); the clock in the digest's time zone when left out. */
  today?: Day;
  /** `digests[].options`; checked by the kind's own schema (its defaults when left out). */
  options?: DigestConfig['options'];
  source: DigestOrigin;
}

/** The "Download CSV" button's value: the digest kind follows. */
export const CSV_PREFIX = 'digest:csv:';

/**
 * The registered digests (cost, tagging, findings, and any kind added to the registry), and the read services
 * behind the cost-report / tag-compliance-report playbooks. `K` is the registry's kinds: asking for a
 * kind it does not have is a compile error.
 */
export class Digests<K extends string = DigestKind> implements DigestContext {
  readonly cost: CostDigest;
  readonly tags: TagDigest;
  readonly findings: FindingsDigest;
  /** The digest kinds this bot builds, by id. */
  readonly kinds: DigestRegistry<K>;

  constructor(private readonly deps: DigestsDeps & { kinds?: DigestRegistry<K> }) {
    this.kinds = deps.kinds ?? (DIGESTS as unknown as DigestRegistry<K>);
    this.cost = new CostDigest({ provider: deps.provider, options: deps.config.cost, cache: deps.cache, log: deps.log, label: deps.label });
    this.tags = new TagDigest({
      provider: deps.provider,
      inventory: deps.inventory,
      policy: deps.config.tagging,
      trend: deps.trend,
      clock: deps.clock,
      log: deps.log,
      label: deps.label,
    });
    this.findings = new FindingsDigest({
      provider: deps.provider,
      inventory: deps.inventory,
      config: deps.config.findings ?? DEFAULT_FINDINGS_CONFIG,
      tagPolicy: this.tags.policy,
      snoozes: deps.snoozes,
      clock: deps.clock,
      log: deps.log,
      label: deps.label,
    });
  }

  get provider(): CloudProvider {
    return this.deps.provider;
  }
  get inventory(): InventorySource {
    return this.deps.inventory;
  }
  get config(): DigestContext['config'] {
    return this.deps.config;
  }
  get clock(): Clock {
    return this.deps.clock;
  }
  get log(): Logger | undefined {
    return this.deps.log;
  }
  get label(): string | undefined {
    return this.deps.label;
  }

  /** `text` as one of this bot's digest kinds, or undefined when the registry has no such kind. */
  kindOf(text: string): K | undefined {
    return isDigestKind(this.kinds, text) ? text : undefined;
  }

  title(kind: K): string {
    return this.kinds[kind].title;
  }

  /** The time zone of the first scheduled digest of this kind (UTC without one): on-demand digests match it. */
  timeZone(kind: K): string {
    return this.deps.config.digests.find((d) => d.kind === kind)?.timezone ?? 'UTC';
  }

  today(kind: K): Day {
    return localDay(this.deps.clock.now(), this.timeZone(kind));
  }

  /** The optional "What stands out" paragraph on a digest built outside `build` (`cloudops digest findings --print`). */
  async narrate(message: ChatMessage): Promise<ChatMessage> {
    return this.deps.narrative ? this.deps.narrative.add(message) : message;
  }

  /** Build a digest, throwing DigestError when it cannot be built (and an Error for a kind the registry lacks). */
  async build(kind: K, request: DigestRequest): Promise<ChatMessage> {
    const digest = this.kinds[kind];
    if (!digest) throw new Error(`"${kind}" is not a digest kind; the kinds are ${Object.keys(this.kinds).join(', ')}`);
    const options = digest.options.parse(request.options ?? {});
    const message = await digest.build({ today: request.today ?? this.today(kind), options, source: request.source }, this);
    const told = this.deps.narrative ? await this.deps.narrative.add(message) : message;
    // Where the platform can take a file, the digest's rows come as CSV on request ("Download CSV").
    return { ...told, download: { action: 'suggest', label: 'Download CSV', value: `${CSV_PREFIX}${kind}` } };
  }

  /** Build a digest; one that cannot be built becomes the short message saying what failed and how to fix it. */
  async message(kind: K, request: DigestRequest): Promise<ChatMessage> {
    try {
      return await this.build(kind, request);
    } catch (e) {
      this.deps.log?.warn({ digest: kind, err: (e as Error).message }, 'digest could not be built');
      return failureMessage(kind, e, this.deps.label, this.kinds[kind]?.title);
    }
  }

  /** `--all`: the rest of a digest (every offender), for kinds that have more than their first message. */
  async rest(kind: K): Promise<ChatMessage[]> {
    return (await this.kinds[kind].rest?.(this)) ?? [];
  }

  /** ReadServices.costReport: the digest, or the cost of a period by service or account. */
  async costReport(input: Record<string, unknown>): Promise<ChatMessage> {
    const periodText = typeof input.period === 'string' ? input.period.trim() : '';
    const groupText = typeof input.group_by === 'string' ? input.group_by.trim().toLowerCase() : '';
    const accountText = typeof input.account === 'string' ? input.account.trim() : '';
    const today = localDay(this.deps.clock.now(), this.timeZoneOf('cost'));
    if (!periodText && !groupText && !accountText) {
      try {
        return await DIGESTS.cost.build({ today, options: {}, source: 'chat' }, this);
      } catch (e) {
        this.deps.log?.warn({ digest: 'cost', err: (e as Error).message }, 'digest could not be built');
        return failureMessage('cost', e, this.deps.label, DIGESTS.cost.title);
      }
    }
    const period = parsePeriod(periodText || 'this month', today);
    if (!period) return { kind: 'error', text: `I cannot read the period "${periodText}". Try ${PERIOD_EXAMPLES}.` };
    if (period.start > today)
      return { kind: 'error', text: `${period.label} has not happened yet; Cost Explorer only knows costs up to yesterday.` };
    if (period.start === today) {
      // "this week" on a Monday, "this month" on the 1st: the days so far are today alone. Cost Explorer answers
      // for today (End is exclusive: tomorrow), its figures estimated and still growing; say so.
      period.end = today;
      period.label = 'today so far, estimated';
    } else if (period.end >= today) {
      // "this week" as dates runs to today; Cost Explorer stops at yesterday: the label says the days shown.
      if (period.label === span(period.start, period.end)) period.label = span(period.start, addDays(today, -1));
      period.end = addDays(today, -1);
    }
    let accounts: string[] | undefined;
    if (accountText) {
      accounts = this.cost.accountsNamed(accountText);
      if (!accounts.length)
        return {
          kind: 'error',
          text:
            `No account here is called "${accountText}". The accounts are ` +
            `${this.cost.describeAccounts()}; ask again with one of them, or without one for all.`,
        };
    }
    const groupBy = /account/.test(groupText) ? 'account' : /region/.test(groupText) ? 'region' : 'service';
    try {
      const report = await this.cost.periodReport(period, groupBy, today, accounts);
      // Cost Explorer groups by a tag only for activated cost allocation tags; the chat report does not yet.
      if (/tag/.test(groupText))
        return { ...report, text: `Cost by tag is not available in chat yet, so this is by service. ${report.text ?? ''}`.trim() };
      return report;
    } catch (e) {
      return failureMessage('cost', e, this.deps.label, 'Cost report');
    }
  }

  /** The digest's rows as CSV, for spreadsheets and FinOps tools (`--csv FILE`, "Download CSV"). */
  async csv(kind: string, request: { today?: Day; at?: Date } = {}): Promise<{ csv: string; rows: number; name: string }> {
    const today = request.today ?? localDay(this.deps.clock.now(), this.timeZoneOf(kind));
    if (kind === 'cost') {
      const { table, accountNames } = await this.cost.digestTable(today);
      return { ...costCsv(table, accountNames), name: `cost-${today}.csv` };
    }
    if (kind === 'tags') {
      const collected = await this.tags.collect();
      return {
        ...tagsCsv(complianceReport(collected.resources, this.tags.policy), this.deps.config.tagging.ownerTag),
        name: `tags-${today}.csv`,
      };
    }
    if (kind === 'findings') {
      const report = await this.findings.report(request.at);
      return { ...findingsCsv(report), name: `findings-${today}.csv` };
    }
    throw new Error(`the ${kind} digest has no CSV export (cost, tags and findings have one)`);
  }

  /** `cost top resources last 14 days`: resource-level cost (one to three Cost Explorer requests), or why there is none. */
  async topResources(top = 10): Promise<ChatMessage> {
    const payer = this.cost.payer;
    try {
      const report = await resourceCosts(this.deps.provider, {
        payer,
        metric: this.deps.config.cost.metric,
        today: localDay(this.deps.clock.now(), this.timeZoneOf('cost')),
        resources: this.deps.inventory.all(),
      });
      this.deps.log?.info(
        { digest: 'cost-resources', enabled: report.enabled, resources: report.rows.length, costExplorerRequests: report.requests },
        'resource cost built',
      );
      return resourceCostMessage(report, { top, payer, ...(this.deps.label ? { label: this.deps.label } : {}) });
    } catch (e) {
      return failureMessage('cost', e, this.deps.label, 'Top resources by cost');
    }
  }

  /** ReadServices.tagReport: the tagging digest, or compliance for one tag key. */
  async tagReport(input: Record<string, unknown>): Promise<ChatMessage> {
    const key = typeof input.tag === 'string' && input.tag.trim() ? input.tag.trim() : undefined;
    try {
      return (await this.tags.build({ day: localDay(this.deps.clock.now(), this.timeZoneOf('tags')), source: key ? 'print' : 'chat', key }))
        .message;
    } catch (e) {
      return failureMessage('tags', e, this.deps.label, DIGESTS.tags.title);
    }
  }

  /** The time zone of the first scheduled digest named `kind` (the read services use the built-in kinds' zones). */
  private timeZoneOf(kind: string): string {
    return this.deps.config.digests.find((d) => d.kind === kind)?.timezone ?? 'UTC';
  }
}
