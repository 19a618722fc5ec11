import type { CloudProvider } from '../cloud';
import type { Alert } from './alert';
import type { MetricReader } from './IncidentFlow';

/** SNS alarm messages say AVERAGE / SAMPLE_COUNT; GetMetricData wants Average / SampleCount (p99 stays). */
export function statName(statistic: string | undefined): string {
  if (!statistic) return 'Average';
  const known: Record<string, string> = {
    AVERAGE: 'Average',
    SUM: 'Sum',
    MINIMUM: 'Minimum',
    MAXIMUM: 'Maximum',
    SAMPLE_COUNT: 'SampleCount',
    SAMPLECOUNT: 'SampleCount',
  };
  return known[statistic.toUpperCase()] ?? statistic;
}

/**
 * The alert's metric over the hour before `end`, through CloudWatch GetMetricData (the provider's port;
 * the sandbox answers from its estate), in the alarm's own period and statistic (5 min, Average by default).
 */
export function cloudWatchMetrics(provider: CloudProvider): MetricReader {
  return async (alert: Alert, end: Date) => {
    const m = alert.metric;
    if (!m || alert.source !== 'cloudwatch') return 'only CloudWatch alarms carry a metric the bot can read';
    if (!provider.cloudwatch) return 'unavailable (this provider cannot read CloudWatch)';
    const account = alert.account ?? provider.accounts()[0]?.id;
    const region = alert.region;
    if (!account || !region) return 'unavailable (the alarm names no account or region)';
    if (!provider.accounts().some((a) => a.id === account)) return `unavailable (account ${account} is not configured)`;
    const period = Math.max(60, m.periodSeconds ?? 300);
    const out = await provider.cloudwatch({ account, region }).getMetricData({
      MetricDataQueries: [
        {
          Id: 'm1',
          MetricStat: {
            Metric: {
              ...(m.namespace ? { Namespace: m.namespace } : {}),
              MetricName: m.name,
              Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: period,
            Stat: statName(m.statistic),
          },
        },
      ],
      StartTime: new Date(end.getTime() - 3_600_000),
      EndTime: end,
      ScanBy: 'TimestampAscending',
    });
    return out.MetricDataResults?.[0]?.Values ?? [];
  };
}

/** What alert cards read: the alarm's metric over the last hour (CloudWatch GetMetricData). */
export const ALERT_PERMISSIONS = ['cloudwatch:GetMetricData'];
