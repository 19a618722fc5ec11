import type { Resource } from '../../../src/core/resource';
import { DEFAULT_THRESHOLDS, PRICES } from '../../../src/findings';
import { gp2Volumes } from '../../../src/findings/rules';
import type { RuleContext } from '../../../src/findings/types';

function volume(id: string, size: number, region = 'us-east-1'): Resource {
  return {
    type: 'ebs-volume',
    id,
    name: id,
    account: '111111111111',
    region,
    state: 'in-use',
    tags: {},
    facts: { volumeType: 'gp2', size },
  } as Resource;
}

async function findings(resources: Resource[]) {
  const ctx: RuleContext = {
    provider: {} as RuleContext['provider'],
    resources,
    now: new Date('2026-11-22T12:00:00Z'),
    thresholds: DEFAULT_THRESHOLDS,
    prices: PRICES,
    count: () => {},
  };
  return gp2Volumes.evaluate(ctx);
}

describe('QA issue 17: ebs-gp2 on big volumes (honest saving, no fix that cuts performance)', () => {
  it('a small gp2 volume: the 20% and the one-click fix, as before', async () => {
    const [f] = await findings([volume('vol-small', 100)]);
    expect(f).toMatchObject({ monthlySaving: 2, fix: { playbook: 'ebs-change-to-gp3' } });
    expect(f.detail).toContain('at least the same baseline performance');
  });

  it(
    '2,000 GB gp2 (6,000 IOPS, 250 MB/s): the saving pays for the IOPS and throughput ' +
      'gp3 needs to match, and no Fix button halves them',
    async () => {
      const [f] = await findings([volume('vol-big', 2000)]);
      // gp2 $200 - gp3 $160 - (3,000 IOPS x $0.005 + 125 MB/s x $0.04 = $20).
      expect(f.monthlySaving).toBe(20);
      expect(f.fix).toBeNull();
      expect(f.detail).toContain('baseline of 6,000 IOPS and 250 MB/s');
      expect(f.detail).not.toContain('at least the same baseline performance');
    },
  );

  it('gp2 IOPS stop at 16,000 (not 3 per GB for ever); a 500 GB volume keeps its 250 MB/s only when it is provisioned', async () => {
    const [huge, mid] = await findings([volume('vol-huge', 16000), volume('vol-mid', 500)]);
    expect(huge.detail).toContain('baseline of 16,000 IOPS and 250 MB/s');
    // gp2 $1,600 - gp3 $1,280 - (13,000 x $0.005 + 125 x $0.04 = $70).
    expect(huge.monthlySaving).toBe(250);
    expect(mid.detail).toContain('baseline of 250 MB/s');
    expect(mid.monthlySaving).toBe(5);
    expect(mid.fix).toBeNull();
  });

  it('a region not in the price table: no saving invented', async () => {
    const [f] = await findings([volume('vol-far', 2000, 'sa-east-1')]);
    expect(f.monthlySaving).toBeNull();
  });
});
