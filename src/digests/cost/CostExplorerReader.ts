import { createHash } from 'node:crypto';
import { paginate, type CE, type CostExplorerApi } from '../../cloud';
import type { CostCacheRepository } from '../../store';
import type { Day } from '../dates';

export type CostDimension = 'SERVICE' | 'LINKED_ACCOUNT' | 'REGION';

export interface CostQuery {
  start: Day;
  /** Exclusive, as Cost Explorer takes it. */
  end: Day;
  granularity: 'DAILY' | 'MONTHLY';
  groupBy: CostDimension[];
  metric: string;
}

/** One amount: a day (or month start) and the group keys in `groupBy` order. */
export interface CostPoint {
  day: Day;
  keys: string[];
  amount: number;
}

export interface CostTable {
  query: CostQuery;
  unit: string;
  points: CostPoint[];
  /** Days Cost Explorer marked as estimated (not final yet). */
  estimated: Day[];
  /** LINKED_ACCOUNT id -> account name, from DimensionValueAttributes. */
  accountNames: Record<string, string>;
}

export interface CostForecast {
  amount: number;
  unit: string;
}

export interface CostAnomaly {
  id: string;
  start: Day;
  end?: Day;
  service?: string;
  account?: string;
  accountName?: string;
  region?: string;
  usageType?: string;
  impact: number;
  actual?: number;
  expected?: number;
  impactPercent?: number;
}

const FORECAST_METRIC: Record<string, CE.Metric> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  BlendedCost: 'BLENDED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
};

/**
 * Cost Explorer as the digests read it: every page counted (AWS bills each one), every answer cached in
 * the store for hours, keyed by the exact request. One reader per digest, so its counts are that digest's.
 */
export class CostExplorerReader {
  /** Requests actually sent to Cost Explorer (pages included). */
  requests = 0;
  /** Answers served from the store instead. */
  cacheHits = 0;

  constructor(
    private readonly api: CostExplorerApi,
    private readonly options: { cache?: CostCacheRepository; ttlMs: number; scope: string },
  ) {}

  /** "Cost Explorer: 1 request, 2 answers from cache", for the small print. */
  summary(): string {
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    return `Cost Explorer: ${plural(this.requests, 'request')}${this.cacheHits ? `, ${plural(this.cacheHits, 'answer')} from cache` : ''}`;
  }

  private async cached<T>(operation: string, input: unknown, fetch: () => Promise<T>): Promise<T> {
    const key = createHash('sha256')
      .update(JSON.stringify([this.options.scope, operation, input]))
      .digest('hex');
    const hit = await this.options.cache?.get<T>(key);
    if (hit !== undefined) {
      this.cacheHits += 1;
      return hit;
    }
    const value = await fetch();
    await this.options.cache?.put(key, operation, value, this.options.ttlMs);
    return value;
  }

  async costAndUsage(query: CostQuery): Promise<CostTable> {
    const input: CE.GetCostAndUsageCommandInput = {
      TimePeriod: { Start: query.start, End: query.end },
      Granularity: query.granularity,
      Metrics: [query.metric],
      ...(query.groupBy.length ? { GroupBy: query.groupBy.map((Key) => ({ Type: 'DIMENSION' as const, Key })) } : {}),
    };
    return this.cached('GetCostAndUsage', input, async () => {
      const table: CostTable = { query, unit: 'USD', points: [], estimated: [], accountNames: {} };
      const call = (i: CE.GetCostAndUsageCommandInput) => {
        this.requests += 1;
        return this.api.getCostAndUsage(i);
      };
      for await (const page of paginate(call, input, { input: 'NextPageToken', output: 'NextPageToken' })) {
        for (const r of page.ResultsByTime ?? []) {
          const day = r.TimePeriod?.Start ?? '';
          if (r.Estimated && !table.estimated.includes(day)) table.estimated.push(day);
          if (r.Groups?.length) {
            for (const g of r.Groups) {
              const m = g.Metrics?.[query.metric];
              if (m?.Unit) table.unit = m.Unit;
              table.points.push({ day, keys: g.Keys ?? [], amount: Number(m?.Amount ?? 0) });
            }
          } else if (r.Total?.[query.metric] && !query.groupBy.length) {
            const m = r.Total[query.metric];
            if (m.Unit) table.unit = m.Unit;
            table.points.push({ day, keys: [], amount: Number(m.Amount ?? 0) });
          }
        }
        for (const a of page.DimensionValueAttributes ?? [])
          if (a.Value && a.Attributes?.description) table.accountNames[a.Value] = a.Attributes.description;
      }
      return table;
    });
  }

  /** Forecast for [start, end) as one amount (GetCostForecast, MONTHLY). */
  async forecast(start: Day, end: Day, metric: string): Promise<CostForecast> {
    const input: CE.GetCostForecastCommandInput = {
      TimePeriod: { Start: start, End: end },
      Metric: FORECAST_METRIC[metric] ?? 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    };
    return this.cached('GetCostForecast', input, async () => {
      this.requests += 1;
      const out = await this.api.getCostForecast(input);
      return { amount: Number(out.Total?.Amount ?? 0), unit: out.Total?.Unit ?? 'USD' };
    });
  }

  /** Anomalies that ended in [start, end] (GetAnomalies), biggest impact first. */
  async anomalies(start: Day, end: Day): Promise<CostAnomaly[]> {
    const input: CE.GetAnomaliesCommandInput = { DateInterval: { StartDate: start, EndDate: end } };
    return this.cached('GetAnomalies', input, async () => {
      const out: CostAnomaly[] = [];
      const call = (i: CE.GetAnomaliesCommandInput) => {
        this.requests += 1;
        return this.api.getAnomalies(i);
      };
      for await (const page of paginate(call, input, { input: 'NextPageToken', output: 'NextPageToken' })) {
        for (const a of page.Anomalies ?? []) {
          const cause = a.RootCauses?.[0];
          out.push({
            id: a.AnomalyId ?? '',
            start: (a.AnomalyStartDate ?? '').slice(0, 10),
            ...(a.AnomalyEndDate ? { end: a.AnomalyEndDate.slice(0, 10) } : {}),
            ...((cause?.Service ?? a.DimensionValue) ? { service: cause?.Service ?? a.DimensionValue } : {}),
            ...(cause?.LinkedAccount ? { account: cause.LinkedAccount } : {}),
            ...(cause?.LinkedAccountName ? { accountName: cause.LinkedAccountName } : {}),
            ...(cause?.Region ? { region: cause.Region } : {}),
            ...(cause?.UsageType ? { usageType: cause.UsageType } : {}),
            impact: a.Impact?.TotalImpact ?? a.Impact?.MaxImpact ?? 0,
            ...(a.Impact?.TotalActualSpend !== undefined ? { actual: a.Impact.TotalActualSpend } : {}),
            ...(a.Impact?.TotalExpectedSpend !== undefined ? { expected: a.Impact.TotalExpectedSpend } : {}),
            ...(a.Impact?.TotalImpactPercentage !== undefined ? { impactPercent: a.Impact.TotalImpactPercentage } : {}),
          });
        }
      }
      return out.sort((a, b) => b.impact - a.impact);
    });
  }
}
