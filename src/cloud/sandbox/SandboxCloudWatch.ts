import type { CloudWatchApi, CW } from '../provider';
import type { SandboxState } from './SandboxState';

type Dimension = { Name?: string; Value?: string };

function sameDimensions(a: Dimension[] = [], b: Dimension[] = []): boolean {
  const key = (d: Dimension[]) =>
    d
      .map((x) => `${x.Name}=${x.Value}`)
      .sort()
      .join('&');
  return key(a) === key(b);
}

/**
 * CloudWatch GetMetricData over the estate, two ways:
 * - the estate's `metrics` series (alert cards): the last value is at "now", one value per period before it;
 *   only the points inside [StartTime, EndTime] are returned, oldest first (ScanBy TimestampAscending);
 * - the region's `cpuUtilizationP95` (idle-instance findings): one value for AWS/EC2 CPUUtilization of a
 *   listed instance; the statistic and period asked for are not modelled, the estate holds the answer.
 * A metric the estate does not have comes back empty (Complete), as CloudWatch answers when it has no datapoints.
 */
export class SandboxCloudWatch implements CloudWatchApi {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  async getMetricData(input: CW.GetMetricDataCommandInput) {
    const now = this.state.now().getTime();
    const series = this.state.estate.metrics ?? [];
    const p95 = this.state.region(this.account, this.region).cpuUtilizationP95 ?? {};
    const start = input.StartTime ? new Date(input.StartTime).getTime() : -Infinity;
    const end = input.EndTime ? new Date(input.EndTime).getTime() : now;
    const MetricDataResults = (input.MetricDataQueries ?? []).map((q) => {
      const metric = q.MetricStat?.Metric;
      const timestamps: Date[] = [];
      const values: number[] = [];
      const s =
        metric &&
        series.find(
          (x) =>
            x.MetricName === metric.MetricName &&
            (x.Namespace ?? metric.Namespace) === metric.Namespace &&
            sameDimensions(x.Dimensions, metric.Dimensions),
        );
      if (s) {
        const period = (s.PeriodSeconds ?? 300) * 1000;
        s.Values.forEach((v, i) => {
          const t = now - (s.Values.length - 1 - i) * period;
          if (t >= start && t <= end) timestamps.push(new Date(t)), values.push(v);
        });
      } else {
        const id = metric?.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
        const v = metric?.Namespace === 'AWS/EC2' && metric.MetricName === 'CPUUtilization' && id ? p95[id] : undefined;
        if (v !== undefined) timestamps.push(new Date(end)), values.push(v);
      }
      return { Id: q.Id, Label: metric?.MetricName, StatusCode: 'Complete' as const, Values: values, Timestamps: timestamps };
    });
    return { MetricDataResults, $metadata: { requestId: this.state.nextRequestId() } };
  }
}
