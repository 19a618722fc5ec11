import type { CloudProvider } from '../cloud';
import type { CostOptions, DigestConfig, TaggingPolicy } from '../config';
import type { ChatMessage } from '../core/chat';
import type { Clock, Logger } from '../core/ports';
import type { CostCacheRepository, TaggingTrendRepository } from '../store';
import { CostDigest } from './cost/CostDigest';
import { parsePeriod, periodReport, PERIOD_EXAMPLES } from './cost/cost-report';
import { addDays, localDay, type Day } from './dates';
import { failureMessage, type DigestKind } from './failure';
import { TagDigest, type InventorySource } from './tagging/TagDigest';

export interface DigestsDeps {
  provider: CloudProvider;
  inventory: InventorySource;
  config: { cost: CostOptions; tagging: TaggingPolicy; digests: DigestConfig[] };
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
  options?: DigestConfig['options'];
  source: 'scheduled' | 'chat' | 'print';
}

/** The cost and tagging digests, and the read services behind the cost-report / tag-compliance-report playbooks. */
export class Digests {
  readonly cost: CostDigest;
  readonly tags: TagDigest;

  constructor(private readonly deps: DigestsDeps) {
    this.cost = new CostDigest({ provider: deps.provider, options: deps.config.cost, cache: deps.cache, log: deps.log, label: deps.label });
    this.tags = new TagDigest({ provider: deps.provider, inventory: deps.inventory, policy: deps.config.tagging, trend: deps.trend, clock: deps.clock, log: deps.log, label: deps.label });
  }

  /** The time zone of the first scheduled digest of this kind (UTC without one): on-demand digests match it. */
  timeZone(kind: DigestKind): string {
    return this.deps.config.digests.find((d) => d.kind === kind)?.timezone ?? 'UTC';
  }

  today(kind: DigestKind): Day {
    return localDay(this.deps.clock.now(), this.timeZone(kind));
  }

  /** Build a digest, throwing DigestError when it cannot be built. */
  async build(kind: DigestKind, request: DigestRequest): Promise<ChatMessage> {
    const today = request.today ?? this.today(kind);
    const o = request.options ?? {};
    if (kind === 'cost') return (await this.cost.build({ today, view: o.view, anomalies: o.anomalies, top: o.top })).message;
    return (await this.tags.build({ day: today, top: o.top, source: request.source })).message;
  }

  /** Build a digest; one that cannot be built becomes the short message saying what failed and how to fix it. */
  async message(kind: DigestKind, request: DigestRequest): Promise<ChatMessage> {
    try {
      return await this.build(kind, request);
    } catch (e) {
      this.deps.log?.warn({ digest: kind, err: (e as Error).message }, 'digest could not be built');
      return failureMessage(kind, e, this.deps.label);
    }
  }

  /** ReadServices.costReport: the digest, or the cost of a period by service or account. */
  async costReport(input: Record<string, unknown>): Promise<ChatMessage> {
    const periodText = typeof input.period === 'string' ? input.period.trim() : '';
    const groupText = typeof input.group_by === 'string' ? input.group_by.trim().toLowerCase() : '';
    const today = this.today('cost');
    if (!periodText && !groupText) return this.message('cost', { today, source: 'chat' });
    const period = parsePeriod(periodText || 'this month', today);
    if (!period) return { kind: 'error', text: `I cannot read the period "${periodText}". Try ${PERIOD_EXAMPLES}.` };
    if (period.end >= today) period.end = addDays(today, -1);
    if (period.start >= today) return { kind: 'error', text: `${period.label} has not happened yet; Cost Explorer only knows costs up to yesterday.` };
    const groupBy = /account/.test(groupText) ? 'account' : 'service';
    try {
      return await this.cost.periodReport(period, groupBy, today);
    } catch (e) {
      return failureMessage('cost', e, this.deps.label);
    }
  }

  /** ReadServices.tagReport: the tagging digest, or compliance for one tag key. */
  async tagReport(input: Record<string, unknown>): Promise<ChatMessage> {
    const key = typeof input.tag === 'string' && input.tag.trim() ? input.tag.trim() : undefined;
    try {
      return (await this.tags.build({ day: this.today('tags'), source: key ? 'print' : 'chat', key })).message;
    } catch (e) {
      return failureMessage('tags', e, this.deps.label);
    }
  }
}
