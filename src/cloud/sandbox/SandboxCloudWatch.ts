import type { CloudWatchApi, CW } from '../provider';
import type { SandboxState } from './SandboxState';

/**
 * CloudWatch GetMetricData over the estate's `cpuUtilizationP95`: one value per query whose metric is
 * AWS/EC2 CPUUtilization of a listed instance, none otherwise (as CloudWatch answers for an instance it has
 * no datapoints for). The statistic and period asked for are not modelled: the estate holds the answer.
 */
export class SandboxCloudWatch implements CloudWatchApi {
  constructor(private readonly state: SandboxState, private readonly account: string, private readonly region: string) {}

  async getMetricData(input: CW.GetMetricDataCommandInput) {
    const values = this.state.region(this.account, this.region).cpuUtilizationP95 ?? {};
    const at = input.EndTime ? new Date(input.EndTime) : this.state.now();
    const MetricDataResults = (input.MetricDataQueries ?? []).map((q) => {
      const metric = q.MetricStat?.Metric;
      const id = metric?.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
      const v = metric?.Namespace === 'AWS/EC2' && metric.MetricName === 'CPUUtilization' && id ? values[id] : undefined;
      return { Id: q.Id, Label: metric?.MetricName, StatusCode: 'Complete' as const, Values: v === undefined ? [] : [v], Timestamps: v === undefined ? [] : [at] };
    });
    return { MetricDataResults, $metadata: { requestId: this.state.nextRequestId() } };
  }
}
