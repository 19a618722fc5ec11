import type { CloudProvider } from '../../cloud';
import type { CostOptions } from '../../config';
import type { ChatMessage } from '../../core/chat';
import type { Logger } from '../../core/ports';
import type { CostCacheRepository } from '../../store';
import { durationSeconds } from '../../config';
import { dayMonth, type Day } from '../dates';
import { DigestError, explainCostExplorerError } from '../failure';
import { CostExplorerReader, type CostAnomaly, type CostForecast } from './CostExplorerReader';
import { costFigures } from './cost-figures';
import { costMessage } from './cost-message';
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
    return Object.fromEntries(this.deps.provider.accounts().filter((a) => a.alias).map((a) => [a.id, a.alias!]));
  }

  perAccount(view = this.deps.options.view): boolean {
    return view === 'per-account' || (view === 'auto' && this.deps.provider.accounts().length > 1);
  }

  reader(): CostExplorerReader {
    return new CostExplorerReader(this.deps.provider.costExplorer(this.payer), { cache: this.deps.cache, ttlMs: durationSeconds(this.deps.options.cacheTtl) * 1000, scope: this.payer });
  }

  async build(request: CostDigestRequest): Promise<CostDigestResult> {
    const w = costWindow(request.today);
    const metric = this.deps.options.metric;
    const perAccount = this.perAccount(request.view);
    const reader = this.reader();
    const table = await reader
      .costAndUsage({ start: w.fetchStart, end: w.today, granularity: 'DAILY', groupBy: perAccount ? ['SERVICE', 'LINKED_ACCOUNT'] : ['SERVICE'], metric })
      .catch((e) => {
        throw new DigestError(explainCostExplorerError(e, 'GetCostAndUsage', this.payer));
      });
    if (!table.points.length) {
      throw new DigestError({
        what: `Cost Explorer returned no costs for ${dayMonth(w.fetchStart)}-${dayMonth(w.yesterday)} in account ${this.payer}.`,
        fix: 'Check that this is the payer (management) account of the organization and that Cost Explorer is enabled; for a sandbox estate, pass --date inside its `costs`.',
      });
    }
    const notes: string[] = [];
    let forecast: CostForecast | undefined;
    if (w.today < w.nextMonthStart) {
      forecast = await reader.forecast(w.today, w.nextMonthStart, metric).catch((e) => {
        const x = explainCostExplorerError(e, 'GetCostForecast', this.payer);
        notes.push(`no forecast: ${x.what} ${x.fix}`);
        return undefined;
      });
    }
    let anomalies: CostAnomaly[] | undefined;
    if (request.anomalies ?? this.deps.options.anomalies) {
      anomalies = await reader.anomalies(w.last7Start, w.yesterday).catch((e) => {
        const x = explainCostExplorerError(e, 'GetAnomalies', this.payer);
        notes.push(`no anomalies: ${x.what} ${x.fix}`);
        return undefined;
      });
    }
    const accountNames = { ...table.accountNames, ...this.accountNames() };
    const figures = costFigures(table, w, { top: request.top ?? this.deps.options.top, perAccount, accountNames });
    this.deps.log?.info({ digest: 'cost', day: w.yesterday, ceRequests: reader.requests, ceCacheHits: reader.cacheHits, payer: this.payer }, 'cost digest built');
    const context = [
      ...(this.deps.label ? [this.deps.label] : []),
      `Cost Explorer: ${reader.requests} request${reader.requests === 1 ? '' : 's'}${reader.cacheHits ? `, ${reader.cacheHits} answer${reader.cacheHits === 1 ? '' : 's'} from cache` : ''}`,
      `${metric} in ${table.unit}, payer ${this.payer}`,
    ];
    return { message: costMessage({ figures, forecast, anomalies, notes, context, accountNames }), requests: reader.requests, cacheHits: reader.cacheHits };
  }
}
