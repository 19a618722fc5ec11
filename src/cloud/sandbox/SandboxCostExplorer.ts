import { createHash } from 'node:crypto';
import { CloudError, type CE, type CostExplorerApi } from '../provider';
import type { SandboxState } from './SandboxState';

/** One amount of the estate's `costs`: a day, a service, an account. */
interface Point {
  day: string;
  service: string;
  account: string;
  amount: number;
  unit: string;
  estimated: boolean;
}

const DIMENSIONS = ['SERVICE', 'LINKED_ACCOUNT'] as const;

export interface SandboxCostExplorerOptions {
  /** Time periods per GetCostAndUsage page (AWS pages large answers; every page is a billed request). */
  pageSize?: number;
}

/**
 * Cost Explorer over the estate's `costs` (DAILY, grouped by SERVICE then LINKED_ACCOUNT). Answers
 * GetCostAndUsage for any grouping by SERVICE and/or LINKED_ACCOUNT, DAILY or MONTHLY, with a
 * LINKED_ACCOUNT or SERVICE filter and paging; forecasts from the last four weeks by weekday; finds
 * anomalies (a day far above its service's recent median). Counts requests, as AWS bills them.
 */
export class SandboxCostExplorer implements CostExplorerApi {
  requests = 0;

  constructor(
    private readonly state: SandboxState,
    private readonly options: SandboxCostExplorerOptions = {},
  ) {}

  private points(): Point[] {
    // The digest may hold this object across midnight: an `asOf` estate moves to the new day first.
    this.state.keepTime();
    const fallbackAccount = this.state.estate.accounts[0]?.id ?? '';
    const out: Point[] = [];
    for (const r of this.state.estate.costs) {
      const day = r.TimePeriod?.Start ?? '';
      const estimated = !!r.Estimated;
      if (r.Groups?.length) {
        for (const g of r.Groups) {
          const m = Object.values(g.Metrics ?? {})[0];
          out.push({
            day,
            service: g.Keys?.[0] ?? 'Unknown',
            account: g.Keys?.[1] ?? fallbackAccount,
            amount: Number(m?.Amount ?? 0),
            unit: m?.Unit ?? 'USD',
            estimated,
          });
        }
      } else {
        const m = Object.values(r.Total ?? {})[0];
        if (m)
          out.push({ day, service: 'Unknown', account: fallbackAccount, amount: Number(m.Amount ?? 0), unit: m.Unit ?? 'USD', estimated });
      }
    }
    return out;
  }

  private alias(account: string): string | undefined {
    return this.state.estate.accounts.find((a) => a.id === account)?.alias;
  }

  async getCostAndUsage(input: CE.GetCostAndUsageCommandInput) {
    this.requests += 1;
    const start = input.TimePeriod?.Start;
    const end = input.TimePeriod?.End;
    if (!start || !end || start >= end)
      throw new CloudError('ValidationException', 'TimePeriod needs a Start before its End (YYYY-MM-DD, End exclusive).');
    const metrics = input.Metrics ?? [];
    if (!metrics.length) throw new CloudError('ValidationException', 'Metrics must name at least one metric, e.g. UnblendedCost.');
    const groupBy = (input.GroupBy ?? []).map((g) => g.Key ?? '');
    if (groupBy.length > 2) throw new CloudError('ValidationException', 'GroupBy takes at most two dimensions.');
    const unsupported = groupBy.find((k) => !(DIMENSIONS as readonly string[]).includes(k));
    if (unsupported)
      throw new CloudError('ValidationException', `The sandbox groups by SERVICE and LINKED_ACCOUNT only, not ${unsupported}.`);
    const monthly = input.Granularity === 'MONTHLY';

    const filter = input.Filter?.Dimensions;
    const keep = (p: Point) => !filter || (filter.Values ?? []).includes(filter.Key === 'SERVICE' ? p.service : p.account);
    const periods = new Map<
      string,
      { start: string; end: string; estimated: boolean; groups: Map<string, { keys: string[]; amount: number; unit: string }> }
    >();
    for (const p of this.points()) {
      if (p.day < start || p.day >= end || !keep(p)) continue;
      const periodStart = monthly ? (`${p.day.slice(0, 8)}01` < start ? start : `${p.day.slice(0, 8)}01`) : p.day;
      let period = periods.get(periodStart);
      if (!period) {
        const periodEnd = monthly ? minDay(nextMonth(p.day), end) : addDay(p.day);
        period = { start: periodStart, end: periodEnd, estimated: false, groups: new Map() };
        periods.set(periodStart, period);
      }
      period.estimated ||= p.estimated;
      const keys = groupBy.map((k) => (k === 'SERVICE' ? p.service : p.account));
      const id = keys.join('\u0000');
      const g = period.groups.get(id) ?? { keys, amount: 0, unit: p.unit };
      g.amount += p.amount;
      period.groups.set(id, g);
    }
    const all = [...periods.values()].sort((a, b) => a.start.localeCompare(b.start));
    const offset = Number(input.NextPageToken ?? 0);
    const size = this.options.pageSize ?? all.length;
    const page = all.slice(offset, offset + Math.max(1, size));
    const metricsOf = (amount: number, unit: string) =>
      Object.fromEntries(metrics.map((m) => [m, { Amount: amount.toFixed(2), Unit: unit }]));
    const ResultsByTime: CE.ResultByTime[] = page.map((p) => {
      const groups = [...p.groups.values()].sort((a, b) => a.keys.join().localeCompare(b.keys.join()));
      return {
        TimePeriod: { Start: p.start, End: p.end },
        Total: groupBy.length
          ? {}
          : metricsOf(
              groups.reduce((s, g) => s + g.amount, 0),
              groups[0]?.unit ?? 'USD',
            ),
        Groups: groupBy.length ? groups.map((g) => ({ Keys: g.keys, Metrics: metricsOf(g.amount, g.unit) })) : [],
        Estimated: p.estimated,
      };
    });
    const accounts = groupBy.includes('LINKED_ACCOUNT')
      ? [...new Set(page.flatMap((p) => [...p.groups.values()].map((g) => g.keys[groupBy.indexOf('LINKED_ACCOUNT')])))].sort()
      : [];
    const next = offset + page.length < all.length ? String(offset + page.length) : undefined;
    return {
      GroupDefinitions: input.GroupBy ?? [],
      ResultsByTime,
      DimensionValueAttributes: accounts.map((Value) => ({ Value, Attributes: { description: this.alias(Value) ?? Value } })),
      ...(next ? { NextPageToken: next } : {}),
      $metadata: { requestId: this.state.nextRequestId() },
    };
  }

  /**
   * Resource-level daily cost from the estate's `resourceCosts` (grouped by RESOURCE_ID). An estate without
   * them stands for an account that has not opted in to resource-level data. AWS allows 14 days back only.
   */
  async getCostAndUsageWithResources(input: CE.GetCostAndUsageWithResourcesCommandInput) {
    this.requests += 1;
    const start = input.TimePeriod?.Start;
    const end = input.TimePeriod?.End;
    if (!start || !end || start >= end)
      throw new CloudError('ValidationException', 'TimePeriod needs a Start before its End (YYYY-MM-DD, End exclusive).');
    if (!input.Filter) throw new CloudError('ValidationException', 'Filter is required for GetCostAndUsageWithResources.');
    this.state.keepTime();
    const data = this.state.estate.resourceCosts;
    if (!data)
      throw new CloudError(
        'DataUnavailableException',
        'Resource-level data is not available: opt in to resource-level data in Cost Management preferences.',
      );
    const ResultsByTime = data.filter((r) => (r.TimePeriod?.Start ?? '') >= start && (r.TimePeriod?.Start ?? '') < end);
    return {
      ResultsByTime: structuredClone(ResultsByTime),
      DimensionValueAttributes: [],
      $metadata: { requestId: `ce-${createHash('sha1').update(`${start}${end}${this.requests}`).digest('hex').slice(0, 12)}` },
    };
  }

  async getCostForecast(input: CE.GetCostForecastCommandInput) {
    this.requests += 1;
    const start = input.TimePeriod?.Start;
    const end = input.TimePeriod?.End;
    if (!start || !end || start >= end) throw new CloudError('ValidationException', 'TimePeriod needs a Start before its End.');
    // Daily totals; the forecast for a day is the mean of the same weekday over the last four weeks of data.
    const byDay = new Map<string, number>();
    let unit = 'USD';
    for (const p of this.points()) {
      byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.amount);
      unit = p.unit;
    }
    const days = [...byDay.keys()].sort().slice(-28);
    if (days.length < 7)
      throw new CloudError('DataUnavailableException', 'Not enough cost history to forecast (the sandbox needs at least 7 days of costs).');
    const weekday = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
    const mean = (w: number) => {
      const same = days.filter((d) => weekday(d) === w);
      return same.reduce((s, d) => s + byDay.get(d)!, 0) / Math.max(1, same.length);
    };
    const months = new Map<string, { start: string; end: string; amount: number }>();
    for (let d = start; d < end; d = addDay(d)) {
      const m = months.get(d.slice(0, 7)) ?? { start: d, end: minDay(nextMonth(d), end), amount: 0 };
      m.amount += mean(weekday(d));
      months.set(d.slice(0, 7), m);
    }
    const total = [...months.values()].reduce((s, m) => s + m.amount, 0);
    return {
      Total: { Amount: total.toFixed(2), Unit: unit },
      ForecastResultsByTime: [...months.values()].map((m) => ({
        TimePeriod: { Start: m.start, End: m.end },
        MeanValue: m.amount.toFixed(2),
      })),
      $metadata: { requestId: this.state.nextRequestId() },
    };
  }

  async getAnomalies(input: CE.GetAnomaliesCommandInput) {
    this.requests += 1;
    const from = input.DateInterval?.StartDate ?? '';
    const to = input.DateInterval?.EndDate ?? '9999-12-31';
    const anomalies = this.detectAnomalies().filter((a) => (a.AnomalyEndDate ?? '') >= from && (a.AnomalyEndDate ?? '').slice(0, 10) <= to);
    const offset = Number(input.NextPageToken ?? 0);
    const size = input.MaxResults ?? anomalies.length;
    const page = anomalies.slice(offset, offset + Math.max(1, size));
    const next = offset + page.length < anomalies.length ? String(offset + page.length) : undefined;
    return { Anomalies: page, ...(next ? { NextPageToken: next } : {}), $metadata: { requestId: this.state.nextRequestId() } };
  }

  /** A day is anomalous when it costs over 1.5x (and $50 more than) the median of its series' previous 14 days. */
  private detectAnomalies(): CE.Anomaly[] {
    const series = new Map<string, { service: string; account: string; days: Map<string, number> }>();
    for (const p of this.points()) {
      const key = `${p.service}\u0000${p.account}`;
      const s = series.get(key) ?? { service: p.service, account: p.account, days: new Map() };
      s.days.set(p.day, (s.days.get(p.day) ?? 0) + p.amount);
      series.set(key, s);
    }
    const payer = this.state.estate.accounts[0]?.id ?? '000000000000';
    const out: CE.Anomaly[] = [];
    for (const s of series.values()) {
      const days = [...s.days.keys()].sort();
      let run: { start: string; end: string; actual: number; expected: number; maxImpact: number } | undefined;
      const close = () => {
        if (!run) return;
        const impact = run.actual - run.expected;
        out.push({
          AnomalyId: `sandbox-${createHash('sha256').update(`${s.service}|${s.account}|${run.start}`).digest('hex').slice(0, 12)}`,
          AnomalyStartDate: run.start,
          AnomalyEndDate: run.end,
          DimensionValue: s.service,
          RootCauses: [
            {
              Service: s.service,
              LinkedAccount: s.account,
              ...(this.alias(s.account) ? { LinkedAccountName: this.alias(s.account) } : {}),
            },
          ],
          AnomalyScore: { MaxScore: Math.min(100, Math.round((impact / run.expected) * 20)), CurrentScore: 0 },
          Impact: {
            MaxImpact: round2(run.maxImpact),
            TotalImpact: round2(impact),
            TotalActualSpend: round2(run.actual),
            TotalExpectedSpend: round2(run.expected),
            TotalImpactPercentage: round2((impact / run.expected) * 100),
          },
          MonitorArn: `arn:aws:ce::${payer}:anomalymonitor/sandbox-services`,
        });
        run = undefined;
      };
      days.forEach((day, i) => {
        const history = days.slice(Math.max(0, i - 14), i).map((d) => s.days.get(d)!);
        const actual = s.days.get(day)!;
        const expected = history.length >= 7 ? median(history) : undefined;
        if (expected !== undefined && actual > expected * 1.5 && actual - expected > 50) {
          run = run ?? { start: day, end: day, actual: 0, expected: 0, maxImpact: 0 };
          run.end = day;
          run.actual += actual;
          run.expected += expected;
          run.maxImpact = Math.max(run.maxImpact, actual - expected);
        } else close();
      });
      close();
    }
    return out.sort(
      (a, b) => (b.Impact?.TotalImpact ?? 0) - (a.Impact?.TotalImpact ?? 0) || (a.AnomalyId ?? '').localeCompare(b.AnomalyId ?? ''),
    );
  }
}

function addDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function nextMonth(day: string): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
