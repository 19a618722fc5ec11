import type { CE, CostExplorerApi } from '../provider';
import type { SandboxState } from './SandboxState';

/** Cost Explorer over the estate's `costs` (DAILY ResultsByTime). Counts requests, as AWS bills them. */
export class SandboxCostExplorer implements CostExplorerApi {
  requests = 0;

  constructor(private readonly state: SandboxState) {}

  private inPeriod(period: CE.DateInterval | undefined) {
    return this.state.estate.costs.filter((r) => !period || ((r.TimePeriod?.Start ?? '') >= (period.Start ?? '') && (r.TimePeriod?.Start ?? '') < (period.End ?? '9999')));
  }

  async getCostAndUsage(input: CE.GetCostAndUsageCommandInput) {
    this.requests += 1;
    return { ResultsByTime: structuredClone(this.inPeriod(input.TimePeriod)), DimensionValueAttributes: [], $metadata: { requestId: this.state.nextRequestId() } };
  }

  async getCostForecast(input: CE.GetCostForecastCommandInput) {
    this.requests += 1;
    const recent = this.state.estate.costs.slice(-7);
    const daily = recent.reduce((sum, r) => sum + total(r), 0) / Math.max(1, recent.length);
    const start = new Date(input.TimePeriod?.Start ?? Date.now());
    const end = new Date(input.TimePeriod?.End ?? Date.now());
    const days = Math.max(0, Math.round((end.getTime() - start.getTime()) / 86_400_000));
    const amount = (daily * days).toFixed(2);
    return { Total: { Amount: amount, Unit: 'USD' }, ForecastResultsByTime: [], $metadata: { requestId: this.state.nextRequestId() } };
  }

  async getAnomalies(_input: CE.GetAnomaliesCommandInput) {
    this.requests += 1;
    return { Anomalies: [], $metadata: { requestId: this.state.nextRequestId() } };
  }
}

function total(r: CE.ResultByTime): number {
  if (r.Total && Object.keys(r.Total).length) return Number(Object.values(r.Total)[0]?.Amount ?? 0);
  return (r.Groups ?? []).reduce((s, g) => s + Number(Object.values(g.Metrics ?? {})[0]?.Amount ?? 0), 0);
}
