import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { openInventory, scanners, type RefreshTimer } from '../../../src/inventory';
import { InventoryRepository, openStoreMigrated, type SqlStore } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';
import { ENGINES, storeLocation } from '../../helpers/stores';

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

async function setup() {
  const sandbox = SandboxProvider.fromFile(ESTATE);
  const provider = new FlakyProvider(sandbox);
  const db = await openStoreMigrated(':memory:');
  const cache = new InventoryRepository(db);
  const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
  const timer = new ManualTimer();
  const open = (scanAtStart: 'always' | 'when-stale' | 'never' = 'when-stale') =>
    openInventory({ provider, source: 'aws', cache, intervalMs: 15 * 60_000, now: () => clock.now(), timer, scanAtStart });
  return { sandbox, provider, db, cache, clock, timer, open };
}

describe('InventoryRefresh', () => {
  it('a restarted bot starts from the cache when it is fresh, without scanning', async () => {
    const { provider, open, clock } = await setup();
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
    expect(
      second.inventory
        .all()
        .map((r) => r.id)
        .sort(),
    ).toEqual(
      first.inventory
        .all()
        .map((r) => r.id)
        .sort(),
    );
    expect(second.inventory.asOf?.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    // Facts survive the round trip through the store.
    expect(second.inventory.all().find((r) => r.name === 'web-prod-1')!.facts.ssmPingStatus).toBe('Online');
  });

  it('a cache older than the refresh interval is scanned again at start', async () => {
    const { provider, open, clock } = await setup();
    await open();
    clock.advance(16 * 60_000);
    let calls = 0;
    provider.fails = () => void (calls += 1);
    await open();
    expect(calls).toBeGreaterThan(0);
  });

  it('refreshes on the schedule; a failed scheduled scan keeps the cache and remembers the last success across restarts', async () => {
    const { provider, open, clock, timer, sandbox } = await setup();
    const refresh = await open();
    refresh.start();
    expect(timer.ms).toBe(15 * 60_000);

    // A new database appears; SSM in staging breaks.
    sandbox.state
      .region('222222222222', 'us-west-2')
      .rdsInstances.push({ DBInstanceIdentifier: 'pg-new', Engine: 'postgres', DBInstanceStatus: 'available' });
    provider.fails = (service, _m, t) =>
      service === 'ssm' && t.account === '222222222222' ? accessDenied('ssm:DescribeInstanceInformation') : undefined;
    clock.advance(15 * 60_000);
    timer.fn!();
    await refresh.refresh(); // joins the scan the timer started
    expect(refresh.inventory.all().some((r) => r.id === 'pg-new')).toBe(true);
    expect(refresh.inventory.failures).toEqual([
      expect.objectContaining({ account: '222222222222', scanner: 'ssm-instances', lastSuccess: '2026-11-22T09:00:00.000Z' }),
    ]);

    const restarted = await open('never');
    expect(restarted.inventory.all().some((r) => r.id === 'pg-new')).toBe(true);
    expect(restarted.inventory.failures).toEqual([
      expect.objectContaining({ scanner: 'ssm-instances', at: '2026-11-22T09:15:00.000Z', lastSuccess: '2026-11-22T09:00:00.000Z' }),
    ]);

    refresh.stop();
    expect(timer.fn).toBeUndefined();
  });

  it('a corrupt cache row or one of another shape is skipped and its slice rescanned; an older row gets empty tags, facts', async () => {
    const { provider, db, cache, clock } = await setup();
    const warned: object[] = [];
    const log = { info: () => {}, debug: () => {}, error: () => {}, warn: (o: object) => warned.push(o) };
    const open = () =>
      openInventory({ provider, source: 'aws', cache, intervalMs: 15 * 60_000, now: () => clock.now(), log, scanAtStart: 'when-stale' });
    const first = await open();
    const rows = await db.query<{ scanner: string; id: string; data: string }>(
      "SELECT scanner, id, data FROM inventory_resources WHERE source = 'aws' AND type = 'ec2-instance' ORDER BY scanner, id",
    );
    const set = (row: { scanner: string; id: string }, data: string) =>
      db.run("UPDATE inventory_resources SET data = ? WHERE source = 'aws' AND scanner = ? AND id = ?", [data, row.scanner, row.id]);
    const { tags: _t, facts: _f, ...older } = JSON.parse(rows[5].data);
    await set(rows[5], JSON.stringify(older));
    for (const [i, data] of ['{not json', 'null', '[]', '"text"', '{"type":"ec2-instance","id":"i-x"}'].entries()) await set(rows[i], data);

    // Read straight from the cache: the unreadable rows are left out and counted, the older one is kept.
    const slices = await cache.load('aws');
    expect(slices.reduce((n, s) => n + (s.unreadable ?? 0), 0)).toBe(5);
    const kept = slices.flatMap((s) => s.resources).find((r) => r.id === rows[5].id)!;
    expect(kept).toMatchObject({ tags: {}, facts: {} });

    // A restart on that (fresh) cache neither throws nor acts on a partial inventory: it scans again and says why.
    clock.advance(60_000);
    let calls = 0;
    provider.fails = () => void (calls += 1);
    const second = await open();
    expect(calls).toBeGreaterThan(0);
    expect(warned.length).toBeGreaterThan(0);
    expect(second.inventory.size).toBe(first.inventory.size);
    expect((await cache.load('aws')).some((s) => s.unreadable)).toBe(false);
  });

  it('a cached slice of a scanner this version no longer runs is dropped by the next scan, not answered for forever', async () => {
    const { db, cache, open } = await setup();
    const first = await open();
    const ghost = { ...first.inventory.all().find((r) => r.type === 'ec2-instance')!, id: 'i-0ghost', name: 'ghost-prod-1' };
    const { account, region } = ghost;
    await db.run('INSERT INTO inventory_slices (source, account, region, scanner, last_attempt, last_success) VALUES (?, ?, ?, ?, ?, ?)', [
      'aws',
      account,
      region,
      'legacy-ec2',
      '2026-11-22T09:00:00.000Z',
      '2026-11-22T09:00:00.000Z',
    ]);
    await db.run('INSERT INTO inventory_resources (source, account, region, scanner, type, id, data) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      'aws',
      account,
      region,
      'legacy-ec2',
      'ec2-instance',
      ghost.id,
      JSON.stringify(ghost),
    ]);
    const restarted = await open('never');
    expect(restarted.inventory.all().some((r) => r.id === 'i-0ghost')).toBe(true);
    await restarted.refresh();
    expect(restarted.inventory.all().some((r) => r.id === 'i-0ghost')).toBe(false);
    expect(restarted.inventory.size).toBe(first.inventory.size);
    expect((await cache.load('aws')).some((s) => s.scanner === 'legacy-ec2')).toBe(false);
  });

  it('a scan requested while one runs joins it instead of starting another', async () => {
    const { provider, open } = await setup();
    const refresh = await open('never');
    let calls = 0;
    provider.fails = () => void (calls += 1);
    const [a, b] = await Promise.all([refresh.refresh(), refresh.refresh()]);
    expect(a).toBe(b);
    // 3 account-regions x every registered kind's scanner, one page each (the estate has no Lambda functions to read): one scan, not two.
    expect(calls).toBe(3 * scanners().length);
    expect(a.units).toHaveLength(3 * scanners().length);
  });

  it('tells its listeners after each scan, so indexes over the inventory are rebuilt then, not by the next request', async () => {
    const { open } = await setup();
    const refresh = await open('never');
    const heard: number[] = [];
    const stop = refresh.onChange(() => heard.push(refresh.inventory.size));
    refresh.onChange(() => {
      throw new Error('index build failed');
    });
    await refresh.refresh();
    // The listener ran after the scan was taken in (it saw the scanned resources), and a failing one did not fail the scan.
    expect(heard).toEqual([refresh.inventory.size]);
    expect(refresh.inventory.size).toBeGreaterThan(0);
    stop();
    await refresh.refresh();
    expect(heard).toHaveLength(1);
  });
});

/** Two replicas on one store: one scans an estate at a time (the scan lease); the other reads its result. */
describe.each(ENGINES)('InventoryRefresh with several replicas (%s)', (engine) => {
  let dir: string;
  const stores: SqlStore[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cloudops-lease-'))));
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function replicas(n: number) {
    const where = await storeLocation(engine, join(dir, 'store.db'), 'scan');
    const sandbox = SandboxProvider.fromFile(ESTATE);
    const provider = new FlakyProvider(sandbox);
    let calls = 0;
    let release: () => void = () => {};
    const gate = new Promise<void>((ok) => (release = ok));
    // Every AWS call of a scan waits at the gate: the first replica's scan is still running while the others ask.
    provider.fails = () => void (calls += 1);
    const slow = new Proxy(provider, {
      get: (obj, prop) => {
        const value = Reflect.get(obj, prop) as unknown;
        if (typeof value !== 'function' || !['ec2', 'rds', 'ssm', 'tagging'].includes(String(prop)))
          return typeof value === 'function' ? value.bind(obj) : value;
        return (t: unknown) => {
          const api = (value as (t: unknown) => object).call(obj, t);
          return new Proxy(api, {
            get: (o, p) =>
              typeof Reflect.get(o, p) === 'function'
                ? async (i: unknown) => (await gate, (Reflect.get(o, p) as (i: unknown) => unknown).call(o, i))
                : Reflect.get(o, p),
          });
        };
      },
    });
    const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
    const refreshes = [];
    for (let i = 0; i < n; i++) {
      const store = await openStoreMigrated(where);
      stores.push(store);
      refreshes.push(
        await openInventory({
          provider: slow,
          source: 'aws',
          cache: new InventoryRepository(store),
          intervalMs: 15 * 60_000,
          now: () => clock.now(),
          scanAtStart: 'never',
          lease: { owner: `replica-${i}`, pollMs: 5 },
          wait: (ms) => new Promise((ok) => setTimeout(ok, ms)),
        }),
      );
    }
    return { refreshes, calls: () => calls, release, clock, stores };
  }

  it('three replicas asked to scan at once: one scans, the others wait and take its result from the cache', async () => {
    const { refreshes, calls, release } = await replicas(3);
    const scans = refreshes.map((r) => r.refresh());
    // Only the lease holder is calling AWS; the others are polling the lease.
    await new Promise((ok) => setTimeout(ok, 100));
    release();
    const reports = await Promise.all(scans);
    expect(calls()).toBe(3 * scanners().length); // one scan: one unit per scanner in each of 3 account-regions, one page each
    for (const r of refreshes) expect(r.inventory.size).toBe(refreshes[0].inventory.size);
    expect(refreshes[0].inventory.size).toBeGreaterThan(0);
    expect(reports.map((r) => r.units.length)).toEqual([1, 2, 3].map(() => 3 * scanners().length));
  });

  it("a replica that took another's scan from the cache tells its listeners too", async () => {
    const { refreshes, release } = await replicas(2);
    const heard: string[] = [];
    refreshes.forEach((r, i) => r.onChange(() => heard.push(`replica-${i}:${r.inventory.size}`)));
    const scans = refreshes.map((r) => r.refresh());
    release();
    await Promise.all(scans);
    const size = refreshes[0].inventory.size;
    expect(size).toBeGreaterThan(0);
    expect(heard.sort()).toEqual([`replica-0:${size}`, `replica-1:${size}`]);
  });

  it('a replica that died holding the lease: the others scan once it expired', async () => {
    const { refreshes, calls, release, clock, stores } = await replicas(2);
    release();
    const dead = new InventoryRepository(stores[0]);
    expect(await dead.acquireScanLease('aws', 'replica-dead', clock.now().getTime(), 60_000)).toBe(true);
    const waiting = refreshes[1].refresh();
    await new Promise((ok) => setTimeout(ok, 50));
    expect(calls()).toBe(0); // the lease still holds
    clock.advance(60_000);
    await waiting;
    expect(calls()).toBe(3 * scanners().length);
    expect(refreshes[1].inventory.size).toBeGreaterThan(0);
  });

  it('on the schedule, a replica whose cache another replica refreshed a moment ago reads it instead of scanning', async () => {
    const { refreshes, calls, release, clock } = await replicas(2);
    release();
    await refreshes[0].refresh();
    expect(calls()).toBe(3 * scanners().length);
    clock.advance(60_000);
    await refreshes[1].refresh(undefined, { reuseFreshMs: 7.5 * 60_000 });
    expect(calls()).toBe(3 * scanners().length);
    expect(refreshes[1].inventory.size).toBe(refreshes[0].inventory.size);
  });
});
