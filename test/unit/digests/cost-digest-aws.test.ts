import { CostExplorerClient, GetAnomaliesCommand, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsProvider } from '../../../src/cloud/aws';
import { parseConfig } from '../../../src/config';
import { CostDigest } from '../../../src/digests';
import { CostCacheRepository, openStoreMigrated } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';
import { dailyResults } from '../../helpers/costs';

const ce = mockClient(CostExplorerClient);
const SERVICES = ['Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service'];

/** EC2 $100 a day, S3 $10 a day; the day before today (2026-11-21) EC2 costs $150. */
function amount(day: string, keys: string[]): number {
  if (keys[0] === SERVICES[1]) return 10;
  return day === '2026-11-21' ? 150 : 100;
}

const logged: Record<string, unknown>[] = [];
const log = { info: (o: object) => void logged.push(o as Record<string, unknown>), warn: () => {}, error: () => {}, debug: () => {} };

async function setup(options: { accounts?: string[]; anomalies?: boolean; pages?: number } = {}) {
  const accounts = options.accounts ?? ['111111111111'];
  const provider = new AwsProvider({
    accounts: accounts.map((id, i) => ({ id, alias: i ? `acct${i}` : 'payer', regions: ['us-west-2'] })),
  });
  const clock = new FakeClock(new Date('2026-11-22T08:00:00Z'));
  const cache = new CostCacheRepository(await openStoreMigrated(':memory:'), () => clock.now());
  const cost = parseConfig({ cost: { anomalies: options.anomalies ?? true } }).cost;
  const digest = new CostDigest({ provider, options: cost, cache, log });
  const groups = accounts.length > 1 ? SERVICES.flatMap((s) => accounts.map((a) => [s, a])) : SERVICES.map((s) => [s]);
  const results = dailyResults('2026-10-01', '2026-11-22', groups, amount);
  const pages = options.pages ?? 1;
  const per = Math.ceil(results.length / pages);
  const stub = ce.on(GetCostAndUsageCommand);
  for (let p = 0; p < pages; p++) {
    stub.resolvesOnce({
      ResultsByTime: results.slice(p * per, (p + 1) * per),
      ...(p < pages - 1 ? { NextPageToken: `page-${p + 1}` } : {}),
      $metadata: {},
    });
  }
  ce.on(GetCostForecastCommand).resolves({ Total: { Amount: '990.00', Unit: 'USD' }, $metadata: {} });
  ce.on(GetAnomaliesCommand).resolves({
    Anomalies: [
      {
        AnomalyId: 'a-1',
        AnomalyStartDate: '2026-11-20',
        AnomalyEndDate: '2026-11-21',
        DimensionValue: SERVICES[0],
        RootCauses: [{ Service: SERVICES[0], LinkedAccount: accounts[0], Region: 'us-west-2' }],
        AnomalyScore: { MaxScore: 80, CurrentScore: 10 },
        Impact: { MaxImpact: 50, TotalImpact: 50, TotalActualSpend: 250, TotalExpectedSpend: 200, TotalImpactPercentage: 25 },
        MonitorArn: 'arn:aws:ce::111111111111:anomalymonitor/m',
      },
    ],
    $metadata: {},
  });
  return { digest, clock };
}

const calls = () => ({
  usage: ce.commandCalls(GetCostAndUsageCommand).length,
  forecast: ce.commandCalls(GetCostForecastCommand).length,
  anomalies: ce.commandCalls(GetAnomaliesCommand).length,
});

describe('cost digest against Cost Explorer (AwsProvider, aws-sdk-client-mock)', () => {
  beforeEach(() => ce.reset());

  it('costs at most 3 requests for one payer account: one GetCostAndUsage, one forecast, one anomalies call', async () => {
    const { digest } = await setup();
    const result = await digest.build({ today: '2026-11-22' });
    expect(calls()).toEqual({ usage: 1, forecast: 1, anomalies: 1 });
    expect(result.requests).toBe(3);
    expect(result.message.context).toContain('Cost Explorer: 3 requests');

    const usage = ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input;
    // One request covers every comparison: the previous month's first day to today, daily, by service.
    expect(usage).toEqual({
      TimePeriod: { Start: '2026-10-01', End: '2026-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(ce.commandCalls(GetCostForecastCommand)[0].args[0].input).toEqual({
      TimePeriod: { Start: '2026-11-22', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
    });
    expect(ce.commandCalls(GetAnomaliesCommand)[0].args[0].input).toEqual({
      DateInterval: { StartDate: '2026-11-15', EndDate: '2026-11-21' },
    });
    // Cost Explorer lives in us-east-1, whatever regions the account uses.
    const client = ce.commandCalls(GetCostAndUsageCommand)[0].thisValue as CostExplorerClient;
    expect(await client.config.region()).toBe('us-east-1');
  });

  it('states the comparisons people read: yesterday vs the same weekday, month to date vs the same days, forecast, anomalies', async () => {
    const { digest } = await setup();
    const text = (await digest.build({ today: '2026-11-22' })).message.text!;
    expect(text).toContain('*Yesterday (Sat 21 Nov): $160.00*, up $50.00 (+45.5%) from Sat 14 Nov');
    // 1-21 Nov: 20 days at $110 + $160; 1-21 Oct: 21 days at $110.
    expect(text).toContain('*November to date (1-21 Nov): $2,360*, up $50.00 (+2.2%) from 1-21 Oct');
    expect(text).toContain('*Forecast for November: $3,350*; October was $3,410 (-1.8%)');
    expect(text).toContain('1. EC2-Instances: $2,150 (91%)');
    expect(text).toContain('▲ EC2-Instances: +$50.00 (+7.1%), $750.00 vs $700.00');
    expect(text).toContain('EC2-Instances in payer (us-west-2), 20-21 Nov: +$50.00 over the expected $200.00 (+25.0%)');
  });

  it('answers a second digest from the store cache with no request, and asks again once the cache expires', async () => {
    const { digest, clock } = await setup();
    await digest.build({ today: '2026-11-22' });
    const again = await digest.build({ today: '2026-11-22' });
    expect(again.requests).toBe(0);
    expect(again.cacheHits).toBe(3);
    expect(calls()).toEqual({ usage: 1, forecast: 1, anomalies: 1 });
    expect(again.message.context).toContain('Cost Explorer: 0 requests, 3 answers from cache');
    // Each digest logs how many requests it made.
    expect(logged.slice(-2)).toEqual([
      { digest: 'cost', day: '2026-11-21', ceRequests: 3, ceCacheHits: 0, payer: '111111111111' },
      { digest: 'cost', day: '2026-11-21', ceRequests: 0, ceCacheHits: 3, payer: '111111111111' },
    ]);

    clock.advance(6 * 3600_000 + 1000); // cost.cacheTtl defaults to 6h
    const ce2 = mockClientAgain();
    const later = await digest.build({ today: '2026-11-22' });
    expect(later.requests).toBe(3);
    expect(ce2()).toEqual({ usage: 2, forecast: 2, anomalies: 2 });
  });

  it('makes two requests without anomalies', async () => {
    const { digest } = await setup({ anomalies: false });
    const result = await digest.build({ today: '2026-11-22' });
    expect(result.requests).toBe(2);
    expect(calls()).toEqual({ usage: 1, forecast: 1, anomalies: 0 });
    expect(result.message.text).not.toContain('Anomalies');
  });

  it('groups by linked account in the same single request when several accounts are configured', async () => {
    const { digest } = await setup({ accounts: ['111111111111', '222222222222'] });
    const result = await digest.build({ today: '2026-11-22' });
    expect(calls().usage).toBe(1);
    expect(ce.commandCalls(GetCostAndUsageCommand)[0].args[0].input.GroupBy).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' },
      { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
    ]);
    expect(result.message.text).toContain('payer (111111111111): yesterday $160.00 (+45.5%), November to date $2,360 (+2.2%)');
    expect(result.message.text).toContain('acct1 (222222222222)');
    expect(result.message.image?.alt).toContain('stacked by account (payer, acct1)');
  });

  it('counts every page: a two-page answer is two requests', async () => {
    const { digest } = await setup({ pages: 2 });
    const result = await digest.build({ today: '2026-11-22' });
    expect(calls().usage).toBe(2);
    expect(ce.commandCalls(GetCostAndUsageCommand)[1].args[0].input.NextPageToken).toBe('page-1');
    expect(result.requests).toBe(4);
    expect(result.message.text).toContain('$160.00');
  });

  it('says what failed and how to fix it when Cost Explorer refuses', async () => {
    const { digest } = await setup();
    ce.on(GetCostAndUsageCommand).rejects(
      Object.assign(new Error('User: arn:aws:sts::111111111111:assumed-role/bot is not authorized to perform: ce:GetCostAndUsage'), {
        name: 'AccessDeniedException',
      }),
    );
    await expect(digest.build({ today: '2026-11-22' })).rejects.toMatchObject({
      name: 'DigestError',
      explanation: {
        what: expect.stringContaining('Cost Explorer refused GetCostAndUsage in account 111111111111 (AccessDeniedException'),
        fix: expect.stringContaining('Allow ce:GetCostAndUsage'),
      },
    });
  });

  it('still builds the digest when only the forecast is unavailable, and says why', async () => {
    const { digest } = await setup({ anomalies: false });
    ce.on(GetCostForecastCommand).rejects(
      Object.assign(new Error('insufficient amount of historical data'), { name: 'DataUnavailableException' }),
    );
    const text = (await digest.build({ today: '2026-11-22' })).message.text!;
    expect(text).not.toContain('Forecast for');
    expect(text).toContain('Note: no forecast: Cost Explorer has no data for the period yet (DataUnavailableException).');
  });
});

/** Re-arm the stubs after the cache expired (resolvesOnce pages are used up) and count from there. */
function mockClientAgain(): () => ReturnType<typeof calls> {
  ce.on(GetCostAndUsageCommand).resolves({
    ResultsByTime: dailyResults(
      '2026-10-01',
      '2026-11-22',
      SERVICES.map((s) => [s]),
      amount,
    ),
    $metadata: {},
  });
  return calls;
}
