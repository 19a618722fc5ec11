import type { Resource } from '../../../../src/core/resource';
import { DEFAULT_THRESHOLDS, PRICES, RULES, type RuleContext } from '../../../../src/findings';
import { eksVersionDates } from '../../../../src/inventory';
import { SandboxProvider, parseEstate } from '../../../../src/cloud';

const rule = RULES.find((r) => r.id === 'eks-version-support')!;

function cluster(name: string, version: string, supportType = 'EXTENDED'): Resource {
  const dates = eksVersionDates(version);
  return {
    type: 'eks-cluster',
    id: name,
    arn: `arn:aws:eks:us-west-2:111111111111:cluster/${name}`,
    name,
    account: '111111111111',
    region: 'us-west-2',
    state: 'active',
    tags: {},
    facts: {
      version,
      endOfStandardSupport: dates?.endOfStandardSupport ?? null,
      endOfExtendedSupport: dates?.endOfExtendedSupport ?? null,
      supportType,
    },
  };
}

function run(resources: Resource[], now: string, eksWarnDays = 60) {
  const ctx: RuleContext = {
    provider: new SandboxProvider(parseEstate('accounts: [{ id: "111111111111", regions: { us-west-2: {} } }]')),
    resources,
    now: new Date(now),
    thresholds: { ...DEFAULT_THRESHOLDS, eksWarnDays },
    prices: PRICES,
    count: () => {},
  };
  return rule.evaluate(ctx);
}

describe('eks-version-support', () => {
  it('is registered with its fix playbook and reads nothing beyond the inventory', () => {
    expect(rule.fix).toEqual({ playbook: 'eks-upgrade-cluster', param: 'cluster' });
    expect(rule.permissions).toEqual([]);
  });

  it('past the end of standard support: high, with the date and the extended-support surcharge as the saving', async () => {
    const [f, ...rest] = await run([cluster('old', '1.32')], '2026-11-22T09:00:00Z');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'eks-version-support', severity: 'high', monthlySaving: 365, deadline: '2026-03-23' });
    expect(f.detail).toContain('Kubernetes 1.32 left EKS standard support on 2026-03-23');
    expect(f.detail).toContain('$0.60 per cluster-hour instead of $0.10');
    expect(f.detail).toContain('until 2027-03-23');
    // One minor version per upgrade: it says how many steps the saving takes.
    expect(f.detail).toContain('The first version in standard support is 1.34: 2 upgrades, one minor version each.');
  });

  it('within eksWarnDays: medium, the days left, no saving yet (nothing is billed until the date)', async () => {
    const [f] = await run([cluster('soon', '1.34')], '2026-11-02T00:00:00Z');
    expect(f).toMatchObject({ severity: 'medium', monthlySaving: null, deadline: '2026-12-02' });
    expect(f.detail).toContain('leaves EKS standard support on 2026-12-02 (30 days)');
  });

  it('the threshold comes from config: further away than eksWarnDays is no finding', async () => {
    expect(await run([cluster('soon', '1.34')], '2026-11-02T00:00:00Z', 20)).toEqual([]);
    expect(await run([cluster('current', '1.35')], '2026-11-22T00:00:00Z')).toEqual([]);
  });

  it('upgrade policy STANDARD is not billed extended support: no saving, and it says EKS upgrades it itself', async () => {
    const [f] = await run([cluster('std', '1.31', 'STANDARD')], '2026-11-22T00:00:00Z');
    expect(f).toMatchObject({ severity: 'high', monthlySaving: null });
    expect(f.detail).toContain('EKS upgrades the control plane itself');
  });

  it('a version the calendar does not know has no date and no finding (never a guessed one)', async () => {
    expect(eksVersionDates('1.99')).toBeUndefined();
    expect(await run([cluster('future', '1.99')], '2026-11-22T00:00:00Z')).toEqual([]);
  });
});

describe('eks-version-support after the end of extended support (qa17b)', () => {
  it('says extended support has ended, not that EKS bills it "until" a date in the past', async () => {
    const [f] = await run([cluster('older', '1.32')], '2027-06-01T12:00:00Z');
    expect(f).toMatchObject({ severity: 'high', monthlySaving: 365, deadline: '2026-03-23' });
    expect(f.detail).toContain('left EKS standard support on 2026-03-23 and extended support on 2027-03-23');
    expect(f.detail).toContain('EKS upgrades the control plane itself');
    expect(f.detail).not.toContain('until 2027-03-23');
  });
});
