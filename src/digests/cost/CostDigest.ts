import { lookupTable } from '../../core';
import type { CloudProvider } from '../../cloud';
import type { CostOptions } from '../../config';
import type { ChatMessage } from '../../core';
import type { Logger } from '../../core';
import type { CostCacheRepository } from '../../store';
import { durationSeconds } from '../../config';
import { addDays, dayMonth, daysBetween, type Day } from '../dates';
import { DigestError, explainCostExplorerError } from '../failure';
import { CostExplorerReader, type CostQuery, type CostTable } from './CostExplorerReader';
import { costFigures } from './cost-figures';
import { costMessage } from './cost-message';
import { periodReport, type Period } from './cost-report';

const ENVIRONMENT_WORDS: Readonly<Record<string, string>> = lookupTable({
  prod: 'production',
  prd: 'production',
  stage: 'staging',
  stg: 'staging',
  development: 'dev',
});

/** `prod` and `production` name the same accounts. */
function environmentWord(word: string): string {
  const w = word.trim().toLowerCase();
  return ENVIRONMENT_WORDS[w] ?? w;
}
import { costWindow } from './cost-window';

export interface CostDigestDeps {
  provider: CloudProvider;
  options: CostOptions;
  cache?: CostCacheRepository;
  log?: Logger;
  /** Shown in the small print (the sandbox label). */
  label?: string;
}

export interface CostDigestRequest {
  today: Day;
  view?: 'auto' | 'total' | 'per-account';
  anomalies?: boolean;
  top?: number;
}

export interface CostDigestResult {
  message: ChatMessage;
  requests: number;
  cacheHits: number;
}

/**
 * The cost digest. One GetCostAndUsage (DAILY, ~62 days, by SERVICE and, per account, LINKED_ACCOUNT)
 * answers every comparison; one GetCostForecast; one GetAnomalies when enabled. All cached in the store.
 */
export class CostDigest {
  constructor(private readonly deps: CostDigestDeps) {}

  get payer(): string {
    return this.deps.options.payerAccount ?? this.deps.provider.accounts()[0]?.id ?? '';
  }

  /** Account id -> alias from the provider's accounts (config), the names people use. */
  accountNames(): Record<string, string> {
    return Object.fromEntries(
      this.deps.provider
        .accounts()
        .filter((a) => a.alias)
        .map((a) => [a.id, a.alias!]),
    );
  }

  perAccount(view = this.deps.options.view): boolean {
    return view === 'per-account' || (view === 'auto' && this.deps.provider.accounts().length > 1);
  }

  reader(): CostExplorerReader {
    return new CostExplorerReader(this.deps.provider.costExplorer(this.payer), {
      cache: this.deps.cache,
      ttlMs: durationSeconds(this.deps.options.cacheTtl) * 1000,
      scope: this.payer,
    });
  }

  /** GetCostAndUsage, the one request a digest cannot do without: its failure is the digest's. */
  private usage(reader: CostExplorerReader, query: CostQuery): Promise<CostTable> {
    return reader.costAndUsage(query).catch((e) => {
      throw new DigestError(explainCostExplorerError(e, 'GetCostAndUsage', this.payer));
    });
  }

  /** The one request behind a digest: DAILY over its whole window, by service (and account). */
  private digestQuery(today: Day, perAccount: boolean): CostQuery {
    const w = costWindow(today);
    return {
      start: w.fetchStart,
      end: w.today,
      granularity: 'DAILY',
      groupBy: perAccount ? ['SERVICE', 'LINKED_ACCOUNT'] : ['SERVICE'],
      metric: this.deps.options.metric,
    };
  }

  async build(request: CostDigestRequest): Promise<CostDigestResult> {
    const w = costWindow(request.today);
    const metric = this.deps.options.metric;
    const perAccount = this.perAccount(request.view);
    const reader = this.reader();
    const table = await this.usage(reader, this.digestQuery(request.today, perAccount));
    if (!table.points.length) {
      throw new DigestError({
        what: `Cost Explorer returned no costs for ${dayMonth(w.fetchStart)}-${dayMonth(w.yesterday)} in account ${this.payer}.`,
        fix:
          'Check that this is the payer (management) account of the organization and that Cost ' +
          'Explorer is enabled; for a sandbox estate, pass --date inside its `costs`.',
      });
    }
    // The forecast and the anomalies are extras: when one fails the digest says why and goes on.
    const notes: string[] = [];
    const optional = <T>(what: string, operation: string, call: () => Promise<T>) =>
      call().catch((e) => {
        const x = explainCostExplorerError(e, operation, this.payer);
        notes.push(`no ${what}: ${x.what} ${x.fix}`);
        return undefined;
      });
    const forecast =
      w.today < w.nextMonthStart
        ? await optional('forecast', 'GetCostForecast', () => reader.forecast(w.today, w.nextMonthStart, metric))
        : undefined;
    const anomalies =
      (request.anomalies ?? this.deps.options.anomalies)
        ? await optional('anomalies', 'GetAnomalies', () => reader.anomalies(w.last7Start, w.yesterday))
        : undefined;
    const accountNames = { ...table.accountNames, ...this.accountNames() };
    const figures = costFigures(table, w, { top: request.top ?? this.deps.options.top, perAccount, accountNames });
    this.deps.log?.info(
      { digest: 'cost', day: w.yesterday, ceRequests: reader.requests, ceCacheHits: reader.cacheHits, payer: this.payer },
      'cost digest built',
    );
    const context = [...(this.deps.label ? [this.deps.label] : []), reader.summary(), `${metric} in ${table.unit}, payer ${this.payer}`];
    return {
      message: costMessage({ figures, forecast, anomalies, notes, context, accountNames }),
      requests: reader.requests,
      cacheHits: reader.cacheHits,
    };
  }

  /** The digest's own cost table (the same cached request), for the CSV export. */
  async digestTable(
    today: Day,
    view?: 'auto' | 'total' | 'per-account',
  ): Promise<{ table: CostTable; accountNames: Record<string, string>; requests: number }> {
    const reader = this.reader();
    const table = await this.usage(reader, this.digestQuery(today, this.perAccount(view)));
    return { table, accountNames: { ...table.accountNames, ...this.accountNames() }, requests: reader.requests };
  }

  /**
   * Cost for a period by service or account (the cost-report playbook). Inside the digest's window the
   * digest's own cached request answers it; outside, one request (MONTHLY beyond 92 days).
   */
  async periodReport(period: Period, groupBy: 'service' | 'account' | 'region', today: Day, accounts?: string[]): Promise<ChatMessage> {
    const reader = this.reader();
    const perAccount = this.perAccount();
    const window = costWindow(today);
    const byAccount = groupBy === 'account' || (accounts?.length ?? 0) > 0;
    const inWindow = period.start >= window.fetchStart && period.end < today && groupBy !== 'region' && (perAccount || !byAccount);
    const first = groupBy === 'account' ? 'LINKED_ACCOUNT' : groupBy === 'region' ? 'REGION' : 'SERVICE';
    const query: CostQuery = inWindow
      ? this.digestQuery(today, perAccount)
      : {
          start: period.start,
          end: addDays(period.end, 1),
          granularity: daysBetween(period.start, period.end) > 92 ? 'MONTHLY' : 'DAILY',
          groupBy: byAccount && first !== 'LINKED_ACCOUNT' ? [first, 'LINKED_ACCOUNT'] : [first],
          metric: this.deps.options.metric,
        };
    const table = await this.usage(reader, query);
    this.deps.log?.info(
      { report: 'cost', period, accounts, ceRequests: reader.requests, ceCacheHits: reader.cacheHits, payer: this.payer },
      'cost report built',
    );
    const context = [...(this.deps.label ? [this.deps.label] : []), reader.summary()];
    return periodReport(table, period, groupBy, { ...table.accountNames, ...this.accountNames() }, context, {
      accounts,
      accountCount: this.deps.provider.accounts().length,
    });
  }

  /** The accounts a word names ("staging", "prod", "222222222222"): by id, alias, or a word of the alias. */
  accountsNamed(text: string): string[] {
    const word = environmentWord(text);
    return this.deps.provider
      .accounts()
      .filter(
        (a) =>
          a.id === text.trim() ||
          (a.alias !== undefined &&
            (a.alias.toLowerCase() === text.trim().toLowerCase() ||
              a.alias
                .toLowerCase()
                .split(/[^a-z0-9]+/)
                .map(environmentWord)
                .includes(word))),
      )
      .map((a) => a.id);
  }

  /** "production (111111111111), staging (222222222222)" for messages. */
  describeAccounts(): string {
    return this.deps.provider
      .accounts()
      .map((a) => (a.alias ? `${a.alias} (${a.id})` : a.id))
      .join(', ');
  }
}
