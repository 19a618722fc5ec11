import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { openInventory, scanners, type RefreshTimer } from '../../../src/inventory';
import { InventoryRepository, openDatabase } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

/** A timer the test fires by hand. */
class ManualTimer implements RefreshTimer {
  fn: (() => void) | undefined;
  ms = 0;
  every(ms: number, fn: () => void) {
    this.ms = ms;
    this.fn = fn;
    return () => (this.fn = undefined);
  }
}

function setup() {
  const sandbox = SandboxProvider.fromFile(ESTATE);
  const provider = new FlakyProvider(sandbox);
  const db = openDatabase(':memory:');
  const cache = new InventoryRepository(db);
  const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
  const timer = new ManualTimer();
  const open = (scanAtStart: 'always' | 'when-stale' | 'never' = 'when-stale') =>
    openInventory({ provider, source: 'aws', cache, intervalMs: 15 * 60_000, now: () => clock.now(), timer, scanAtStart });
  return { sandbox, provider, db, cache, clock, timer, open };
}

describe('InventoryRefresh', () => {
  it('a restarted bot starts from the cache when it is fresh, without scanning', async () => {
    const { provider, open, clock } = setup();
    const first = await open();
    expect(first.inventory.size).toBeGreaterThan(0);
    let calls = 0;
    provider.fails = () => {
      calls += 1;
      return undefined;
    };
    clock.advance(5 * 60_000);
    const second = await open();
    expect(calls).toBe(0);
    expect(second.inventory.all().map((r) => r.id).sort()).toEqual(first.inventory.all().map((r) => r.id).sort());
    expect(second.inventory.asOf?.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    // Facts survive the round trip through the store.
    expect(second.inventory.all().find((r) => r.name === 'web-prod-1')!.facts.ssmPingStatus).toBe('Online');
  });

  it('a cache older than the refresh interval is scanned again at start', async () => {
    const { provider, open, clock } = setup();
    await open();
    clock.advance(16 * 60_000);
    let calls = 0;
    provider.fails = () => void (calls += 1);
    await open();
    expect(calls).toBeGreaterThan(0);
  });

  it('refreshes on the schedule; a failed scheduled scan keeps the cache and remembers the last success across restarts', async () => {
    const { provider, open, clock, timer, sandbox } = setup();
    const refresh = await open();
    refresh.start();
    expect(timer.ms).toBe(15 * 60_000);

    // A new database appears; SSM in staging breaks.
    sandbox.state.region('222222222222', 'us-west-2').rdsInstances.push({ DBInstanceIdentifier: 'pg-new', Engine: 'postgres', DBInstanceStatus: 'available' });
    provider.fails = (service, _m, t) => (service === 'ssm' && t.account === '222222222222' ? accessDenied('ssm:DescribeInstanceInformation') : undefined);
    clock.advance(15 * 60_000);
    timer.fn!();
    await refresh.refresh(); // joins the scan the timer started
    expect(refresh.inventory.all().some((r) => r.id === 'pg-new')).toBe(true);
    expect(refresh.inventory.failures).toEqual([expect.objectContaining({ account: '222222222222', scanner: 'ssm-instances', lastSuccess: '2026-11-22T09:00:00.000Z' })]);

    const restarted = await open('never');
    expect(restarted.inventory.all().some((r) => r.id === 'pg-new')).toBe(true);
    expect(restarted.inventory.failures).toEqual([expect.objectContaining({ scanner: 'ssm-instances', at: '2026-11-22T09:15:00.000Z', lastSuccess: '2026-11-22T09:00:00.000Z' })]);

    refresh.stop();
    expect(timer.fn).toBeUndefined();
  });

  it('a scan requested while one runs joins it instead of starting another', async () => {
    const { provider, open } = setup();
    const refresh = await open('never');
    let calls = 0;
    provider.fails = () => void (calls += 1);
    const [a, b] = await Promise.all([refresh.refresh(), refresh.refresh()]);
    expect(a).toBe(b);
    // 3 account-regions x every registered kind's scanner, one page each (the estate has no Lambda functions to read): one scan, not two.
    expect(calls).toBe(3 * scanners().length);
    expect(a.units).toHaveLength(3 * scanners().length);
  });
});
