import type { CloudWatchApi, GetMetricDataInput, GetMetricDataOutput } from '../provider';
import type { SandboxMetric } from './estate';

function sameDimensions(a: { Name: string; Value: string }[] = [], b: { Name: string; Value: string }[] = []): boolean {
  const key = (d: { Name: string; Value: string }[]) => d.map((x) => `${x.Name}=${x.Value}`).sort().join('&');
  return key(a) === key(b);
}

/**
 * GetMetricData over the estate's `metrics` series: the last value is at "now", one value per period
 * before it; only the points inside [StartTime, EndTime] are returned, oldest first, like ScanBy
 * TimestampAscending. A metric the estate does not have comes back empty (Complete), as in AWS.
 */
export class SandboxCloudWatch implements CloudWatchApi {
  constructor(
    private readonly series: SandboxMetric[],
    private readonly now: () => Date,
  ) {}

  async getMetricData(input: GetMetricDataInput): Promise<GetMetricDataOutput> {
    const now = this.now().getTime();
    return {
      MetricDataResults: input.MetricDataQueries.map((q) => {
        const m = q.MetricStat.Metric;
        const s = this.series.find((x) => x.MetricName === m.MetricName && (x.Namespace ?? m.Namespace) === m.Namespace && sameDimensions(x.Dimensions, m.Dimensions));
        const timestamps: Date[] = [];
        const values: number[] = [];
        if (s) {
          const period = (s.PeriodSeconds ?? 300) * 1000;
          s.Values.forEach((v, i) => {
            const t = now - (s.Values.length - 1 - i) * period;
            if (t >= input.StartTime.getTime() && t <= input.EndTime.getTime()) (timestamps.push(new Date(t)), values.push(v));
          });
        }
        return { Id: q.Id, Label: m.MetricName, Timestamps: timestamps, Values: values, StatusCode: 'Complete' };
      }),
      $metadata: { requestId: 'sandbox-cloudwatch' },
    };
  }
}
