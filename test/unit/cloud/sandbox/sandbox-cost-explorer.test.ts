import { isCloudError, SandboxProvider } from '../../../../src/cloud';
import { SandboxCostExplorer } from '../../../../src/cloud/sandbox/SandboxCostExplorer';
import { DEMO_ESTATE } from '../../../../src/main';

// The demo estate's dates as written: its clock on the day it is written for (asOf 2026-11-22).
const sandbox = () => SandboxProvider.fromFile(DEMO_ESTATE, { now: () => new Date('2026-11-22T09:00:00Z') });

describe('sandbox Cost Explorer over the demo estate', () => {
  it('answers GetCostAndUsage grouped the way it is asked, with account names', async () => {
    const ce = sandbox().costExplorer();
    const bySvc = await ce.getCostAndUsage({
      TimePeriod: { Start: '2026-11-20', End: '2026-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(bySvc.ResultsByTime!.map((r) => r.TimePeriod)).toEqual([
      { Start: '2026-11-20', End: '2026-11-21' },
      { Start: '2026-11-21', End: '2026-11-22' },
    ]);
    expect(bySvc.ResultsByTime![0].Groups!.every((g) => g.Keys!.length === 1)).toBe(true);
    expect(bySvc.ResultsByTime![0].Groups).toHaveLength(8);

    const byAccount = await ce.getCostAndUsage({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-22' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
    });
    expect(byAccount.ResultsByTime!.map((r) => r.TimePeriod)).toEqual([
      { Start: '2026-10-01', End: '2026-11-01' },
      { Start: '2026-11-01', End: '2026-11-22' },
    ]);
    expect(byAccount.DimensionValueAttributes).toEqual([
      { Value: '111111111111', Attributes: { description: 'production' } },
      { Value: '222222222222', Attributes: { description: 'staging' } },
    ]);

    const total = await ce.getCostAndUsage({
      TimePeriod: { Start: '2026-11-21', End: '2026-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
    });
    const summed = bySvc.ResultsByTime![1].Groups!.reduce((s, g) => s + Number(g.Metrics!.UnblendedCost.Amount), 0);
    expect(Number(total.ResultsByTime![0].Total!.UnblendedCost.Amount)).toBeCloseTo(summed, 1);
  });

  it('filters by linked account, pages large answers and counts every page as a request', async () => {
    const provider = sandbox();
    const ce = new SandboxCostExplorer(provider.state, { pageSize: 10 });
    const input = {
      TimePeriod: { Start: '2026-11-01', End: '2026-11-22' },
      Granularity: 'DAILY' as const,
      Metrics: ['UnblendedCost'],
      Filter: { Dimensions: { Key: 'LINKED_ACCOUNT' as const, Values: ['222222222222'] } },
      GroupBy: [{ Type: 'DIMENSION' as const, Key: 'LINKED_ACCOUNT' }],
    };
    const first = await ce.getCostAndUsage(input);
    expect(first.ResultsByTime).toHaveLength(10);
    expect(first.NextPageToken).toBe('10');
    const second = await ce.getCostAndUsage({ ...input, NextPageToken: first.NextPageToken });
    const third = await ce.getCostAndUsage({ ...input, NextPageToken: second.NextPageToken });
    expect(third.ResultsByTime).toHaveLength(1);
    expect(third.NextPageToken).toBeUndefined();
    expect([...first.ResultsByTime!, ...third.ResultsByTime!].flatMap((r) => r.Groups!.map((g) => g.Keys![0]))).toEqual(
      Array(11).fill('222222222222'),
    );
    expect(ce.requests).toBe(3);
  });

  it('refuses what Cost Explorer refuses', async () => {
    const ce = sandbox().costExplorer();
    await expect(
      ce.getCostAndUsage({ TimePeriod: { Start: '2026-11-22', End: '2026-11-01' }, Granularity: 'DAILY', Metrics: ['UnblendedCost'] }),
    ).rejects.toMatchObject({ code: 'ValidationException' });
    const e = await ce
      .getCostAndUsage({
        TimePeriod: { Start: '2026-11-01', End: '2026-11-22' },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      })
      .catch((x) => x);
    expect(isCloudError(e, 'ValidationException') && e.message).toContain('SERVICE and LINKED_ACCOUNT only');
  });

  it('forecasts the rest of the month from the same weekdays of the last four weeks', async () => {
    const ce = sandbox().costExplorer();
    const f = await ce.getCostForecast({
      TimePeriod: { Start: '2026-11-22', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    });
    const amount = Number(f.Total!.Amount);
    // Nine days at roughly $3,300-4,000 a day.
    expect(amount).toBeGreaterThan(9 * 3000);
    expect(amount).toBeLessThan(9 * 4200);
    expect(f.ForecastResultsByTime).toEqual([{ TimePeriod: { Start: '2026-11-22', End: '2026-12-01' }, MeanValue: f.Total!.Amount }]);
  });

  it('finds the staging EC2 spike of 13-15 Nov as the only anomaly, and only in an interval that covers its end', async () => {
    const ce = sandbox().costExplorer();
    const all = await ce.getAnomalies({ DateInterval: { StartDate: '2026-09-01', EndDate: '2026-11-21' } });
    expect(all.Anomalies).toHaveLength(1);
    expect(all.Anomalies![0]).toMatchObject({
      AnomalyStartDate: '2026-11-13',
      AnomalyEndDate: '2026-11-15',
      RootCauses: [{ Service: 'Amazon Elastic Compute Cloud - Compute', LinkedAccount: '222222222222', LinkedAccountName: 'staging' }],
    });
    expect(all.Anomalies![0].Impact!.TotalImpact).toBeGreaterThan(1000);
    expect((await ce.getAnomalies({ DateInterval: { StartDate: '2026-11-16', EndDate: '2026-11-21' } })).Anomalies).toEqual([]);
  });
});
