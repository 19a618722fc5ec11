import { CloudError, type CloudProvider, type CostExplorerApi } from '../../../src/cloud';
import { resourceCostMessage, resourceCosts } from '../../../src/digests/cost/resource-cost';

function providerWith(ce: Partial<CostExplorerApi>): CloudProvider {
  return { costExplorer: () => ce as CostExplorerApi, accounts: () => [] } as unknown as CloudProvider;
}

const page = (id: string, amount: string) => ({
  ResultsByTime: [
    {
      TimePeriod: { Start: '2026-11-08', End: '2026-11-09' },
      Groups: [{ Keys: [id], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } }],
    },
  ],
});

describe('resource-level cost', () => {
  it('asks for 14 days by RESOURCE_ID with a SERVICE filter, and stops at 3 requests, saying the list may miss some', async () => {
    const inputs: unknown[] = [];
    let n = 0;
    const ce = {
      getCostAndUsageWithResources: async (input: unknown) => (inputs.push(input), { ...page(`i-${++n}`, '10'), NextPageToken: `t${n}` }),
    };
    const report = await resourceCosts(providerWith(ce), {
      payer: '111111111111',
      metric: 'UnblendedCost',
      today: '2026-11-22',
      resources: [],
    });
    expect(report.requests).toBe(3);
    expect(report.truncated).toBe(true);
    expect(inputs[0]).toMatchObject({
      TimePeriod: { Start: '2026-11-08', End: '2026-11-22' },
      Granularity: 'DAILY',
      GroupBy: [{ Type: 'DIMENSION', Key: 'RESOURCE_ID' }],
      Filter: { Dimensions: { Key: 'SERVICE' } },
    });
    expect(inputs[1]).toMatchObject({ NextPageToken: 't1' });
    const m = resourceCostMessage(report, { top: 10, payer: '111111111111' });
    expect(m.text).toContain('more pages were left unread to stay within 3 Cost Explorer requests');
    expect(m.context).toContain('Cost Explorer: 3 requests (GetCostAndUsageWithResources)');
  });

  it('an account that has not opted in is "not enabled", not an error; other errors say what failed', async () => {
    const off = {
      getCostAndUsageWithResources: async () => {
        throw new CloudError('DataUnavailableException', 'Resource-level data is not available: opt in to resource-level data.');
      },
    };
    expect(
      await resourceCosts(providerWith(off), { payer: '1', metric: 'UnblendedCost', today: '2026-11-22', resources: [] }),
    ).toMatchObject({ enabled: false, requests: 1 });
    const denied = {
      getCostAndUsageWithResources: async () => {
        throw new CloudError('AccessDeniedException', 'not authorized to perform: ce:GetCostAndUsageWithResources');
      },
    };
    await expect(
      resourceCosts(providerWith(denied), { payer: '1', metric: 'UnblendedCost', today: '2026-11-22', resources: [] }),
    ).rejects.toThrow(/Cost Explorer refused GetCostAndUsageWithResources/);
  });
});
