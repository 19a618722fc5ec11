import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { cloudWatchAlert, cloudWatchMetrics } from '../../../src/alerts';
import { CloudError } from '../../../src/cloud';
import { AwsProvider } from '../../../src/cloud/aws';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const cw = mockClient(CloudWatchClient);
beforeEach(() => cw.reset());

const alert = cloudWatchAlert(readFileSync(join(__dirname, '../../fixtures/alerts/cloudwatch-disk-alarm.json'), 'utf8'))!;
const provider = () => new AwsProvider({ accounts: [{ id: '111111111111', regions: ['us-east-1'] }] });

describe('the alarm metric through CloudWatch GetMetricData (AWS wire)', () => {
  it(
    "asks for the alarm's metric, dimensions, period and statistic over the last hour, " +
      "in its region (SNS's AVERAGE as GetMetricData's Average)",
    async () => {
      cw.on(GetMetricDataCommand).resolves({
        MetricDataResults: [{ Id: 'm1', Values: [80, 90, 96], Timestamps: [], StatusCode: 'Complete' }],
      });
      const end = new Date('2026-12-06T19:00:00Z');
      expect(await cloudWatchMetrics(provider())(alert, end)).toEqual([80, 90, 96]);
      const [call] = cw.commandCalls(GetMetricDataCommand);
      expect(call.args[0].input).toEqual({
        MetricDataQueries: [
          {
            Id: 'm1',
            MetricStat: {
              Metric: {
                Namespace: 'CWAgent',
                MetricName: 'disk_used_percent',
                Dimensions: [{ Name: 'InstanceId', Value: 'i-0a11b22c33d44e55f' }],
              },
              Period: 300,
              Stat: 'Average',
            },
          },
        ],
        StartTime: new Date('2026-12-06T18:00:00Z'),
        EndTime: end,
        ScanBy: 'TimestampAscending',
      });
      expect(await (call.thisValue as CloudWatchClient).config.region()).toBe('us-east-1');
    },
  );

  it("passes AWS's refusal on as a CloudError (the card then says the metric could not be read)", async () => {
    cw.on(GetMetricDataCommand).rejects(
      Object.assign(new Error('User is not authorized to perform: cloudwatch:GetMetricData'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    await expect(cloudWatchMetrics(provider())(alert, new Date())).rejects.toBeInstanceOf(CloudError);
  });

  it('reads nothing for an account that is not configured', async () => {
    expect(await cloudWatchMetrics(provider())({ ...alert, account: '999999999999' }, new Date())).toContain('not configured');
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
