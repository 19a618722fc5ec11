import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '../../../src/core';
import {
  BotThreadRepository,
  ConversationReferenceRepository,
  ConversationStateRepository,
  CostCacheRepository,
  DigestRunRepository,
  InventoryRepository,
  openStoreMigrated,
  SeenRequestRepository,
  TaggingTrendRepository,
  type CachedSlice,
  type SqlStore,
} from '../../../src/store';
import { ENGINES, storeLocation } from '../../helpers/stores';

const resource = (id: string, name: string): Resource => ({
  type: 'ec2-instance',
  id,
  name,
  account: '111111111111',
  accountAlias: 'production',
  region: 'us-west-2',
  state: 'running',
  tags: { Name: name },
  facts: { instanceType: 't3.small', volumes: ['vol-1'], terminationProtection: null },
});

const slice = (scanner: string, resources: Resource[], extra: Partial<CachedSlice> = {}): CachedSlice => ({
  account: '111111111111',
  accountAlias: 'production',
  region: 'us-west-2',
  scanner,
  resources,
  lastAttempt: '2026-11-22T09:00:00.000Z',
  lastSuccess: '2026-11-22T09:00:00.000Z',
  error: null,
  code: null,
  ...extra,
});

/**
 * The repositories every replica shares, on both engines. `a` and `b` are two connections to one
 * database (two replicas; on SQLite two connections to one file).
 */
describe.each(ENGINES)('the store repositories (%s)', (engine) => {
  let dir: string;
  let where: string;
  let a: SqlStore;
  let b: SqlStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-repos-'));
    where = await storeLocation(engine, join(dir, 'store.db'), 'repos');
    a = await openStoreMigrated(where);
    b = await openStoreMigrated(where);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('InventoryRepository', () => {
    it('keeps slices per estate; a failed scan updates the status and leaves the resources as they were', async () => {
      const repo = new InventoryRepository(a);
      const ok = slice('ec2-instances', [resource('i-1', 'web-1'), resource('i-2', 'web-2')]);
      await repo.save('aws', [ok], new Set([ok]));
      await repo.save('sandbox:demo', [slice('ec2-instances', [resource('i-9', 'other')])], new Set());
      const failed = slice('ec2-instances', [], { lastAttempt: '2026-11-22T09:15:00.000Z', error: 'throttled', code: 'Throttling' });
      await repo.save('aws', [failed], new Set());
      const [loaded] = await new InventoryRepository(b).load('aws');
      expect(loaded.resources.map((r) => r.id).sort()).toEqual(['i-1', 'i-2']);
      expect(loaded).toMatchObject({
        lastSuccess: '2026-11-22T09:00:00.000Z',
        lastAttempt: '2026-11-22T09:15:00.000Z',
        error: 'throttled',
        code: 'Throttling',
        accountAlias: 'production',
      });
      expect(loaded.resources[0].facts).toEqual({ instanceType: 't3.small', volumes: ['vol-1'], terminationProtection: null });
      expect(await repo.lastAttempt('aws')).toBe('2026-11-22T09:15:00.000Z');
    });

    it('a successful scan replaces the slice whole, so a deleted resource is gone; retain drops regions no longer scanned', async () => {
      const repo = new InventoryRepository(a);
      const first = slice('ec2-instances', [resource('i-1', 'web-1'), resource('i-2', 'web-2')]);
      await repo.save('aws', [first], new Set([first]));
      const second = slice('ec2-instances', [resource('i-2', 'web-2')]);
      const eu = { ...slice('ec2-instances', [resource('i-3', 'eu-1')]), region: 'eu-west-1' };
      await repo.save('aws', [second, eu], new Set([second, eu]));
      expect((await repo.load('aws')).map((s) => [s.region, s.resources.map((r) => r.id)])).toEqual([
        ['eu-west-1', ['i-3']],
        ['us-west-2', ['i-2']],
      ]);
      await repo.retain('aws', new Set(['111111111111|us-west-2|ec2-instances']));
      expect((await repo.load('aws')).map((s) => s.region)).toEqual(['us-west-2']);
    });

    it('saves a slice of 1,200 resources (several multi-row inserts)', async () => {
      const repo = new InventoryRepository(a);
      const big = slice(
        'ec2-instances',
        Array.from({ length: 1200 }, (_, i) => resource(`i-${i}`, `web-${i}`)),
      );
      await repo.save('aws', [big], new Set([big]));
      expect((await repo.load('aws'))[0].resources).toHaveLength(1200);
    });

    it('loads the cache one slice at a time: no read holds more rows than the largest slice (peak memory at 100k)', async () => {
      const repo = new InventoryRepository(a);
      const sizes = { 'us-west-2': 300, 'eu-west-1': 200, 'us-east-1': 100 };
      const slices = Object.entries(sizes).map(([region, n]) => ({
        ...slice(
          'ec2-instances',
          Array.from({ length: n }, (_, i) => ({ ...resource(`i-${region}-${i}`, `web-${i}`), region })),
        ),
        region,
      }));
      await repo.save('aws', slices, new Set(slices));
      const rowsPerRead: number[] = [];
      const counting = new Proxy(b, {
        get(target, prop) {
          if (prop !== 'query') return Reflect.get(target, prop);
          return async (sql: string, params?: []) => {
            const rows = await target.query(sql, params);
            rowsPerRead.push(rows.length);
            return rows;
          };
        },
      });
      const loaded = await new InventoryRepository(counting).load('aws');
      expect(Object.fromEntries(loaded.map((s) => [s.region, s.resources.length]))).toEqual(sizes);
      expect(loaded.flatMap((s) => s.resources.filter((r) => r.region !== s.region))).toEqual([]);
      expect(Math.max(...rowsPerRead)).toBe(300);
    });

    it('the scan lease: one holder at a time; it renews for its owner, and another takes it only once it expired', async () => {
      const [ra, rb] = [new InventoryRepository(a), new InventoryRepository(b)];
      expect(await ra.acquireScanLease('aws', 'replica-a', 1000, 60_000)).toBe(true);
      expect(await rb.acquireScanLease('aws', 'replica-b', 2000, 60_000)).toBe(false);
      expect(await rb.acquireScanLease('sandbox:demo', 'replica-b', 2000, 60_000)).toBe(true); // another estate
      expect(await ra.acquireScanLease('aws', 'replica-a', 30_000, 60_000)).toBe(true); // renewed to 90 000
      expect(await rb.acquireScanLease('aws', 'replica-b', 89_999, 60_000)).toBe(false);
      expect(await rb.acquireScanLease('aws', 'replica-b', 90_000, 60_000)).toBe(true); // replica-a died: expired
      expect(await ra.scanLease('aws')).toEqual({ owner: 'replica-b', expiresAt: 150_000 });
      await ra.releaseScanLease('aws', 'replica-a'); // not its lease any more: nothing happens
      expect((await ra.scanLease('aws'))?.owner).toBe('replica-b');
      await rb.releaseScanLease('aws', 'replica-b');
      expect(await ra.acquireScanLease('aws', 'replica-a', 91_000, 60_000)).toBe(true);
    });
  });

  describe('SeenRequestRepository', () => {
    it('records a key once; another replica sees it too', async () => {
      const at = new Date('2026-11-22T09:00:00Z');
      const [sa, sb] = [new SeenRequestRepository(a, () => at), new SeenRequestRepository(b, () => at)];
      expect(await sa.firstSeen('slack:command:trigger-1')).toBe(true);
      expect(await sa.firstSeen('slack:command:trigger-1')).toBe(false);
      expect(await sb.firstSeen('slack:command:trigger-1')).toBe(false);
      expect(await sb.firstSeen('slack:command:trigger-2')).toBe(true);
      // The same delivery reaching both replicas at once: one handles it.
      const both = await Promise.all([sa.firstSeen('slack:action:x'), sb.firstSeen('slack:action:x')]);
      expect(both.filter(Boolean)).toHaveLength(1);
    });

    it('forgets keys after the retention and keeps the table small', async () => {
      let now = new Date('2026-11-22T09:00:00Z').getTime();
      const repo = new SeenRequestRepository(a, () => new Date(now), 10 * 60_000);
      await repo.firstSeen('old');
      now += 5 * 60_000;
      await repo.firstSeen('newer');
      expect(await repo.firstSeen('old')).toBe(false); // five minutes: still remembered
      now += 5 * 60_000;
      expect(await repo.count()).toBe(2);
      expect(await repo.firstSeen('old')).toBe(true); // ten minutes: forgotten, so new again
      expect(await repo.count()).toBe(2); // 'old' again and 'newer'
    });
  });

  it('ConversationReferenceRepository: one reference per channel, seen by the other replica, forgotten on request', async () => {
    const repo = new ConversationReferenceRepository(a, () => new Date('2026-11-22T09:00:00Z'));
    await repo.save(
      'teams',
      '19:ops@thread.tacv2',
      { serviceUrl: 'https://smba.example/', conversation: { id: '19:ops@thread.tacv2' } },
      { kind: 'channel', name: 'Ops / General' },
    );
    await repo.save(
      'teams',
      '19:ops@thread.tacv2',
      { serviceUrl: 'https://smba2.example/', conversation: { id: '19:ops@thread.tacv2' } },
      { kind: 'channel' },
    );
    await repo.save('teams', 'a:1', { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } }, { kind: 'personal' });
    const other = new ConversationReferenceRepository(b);
    expect(await other.get('teams', '19:ops@thread.tacv2')).toEqual({
      serviceUrl: 'https://smba2.example/',
      conversation: { id: '19:ops@thread.tacv2' },
    });
    expect((await other.list('teams')).map((c) => [c.channel, c.kind, c.name])).toEqual(
      expect.arrayContaining([
        ['19:ops@thread.tacv2', 'channel', 'Ops / General'],
        ['a:1', 'personal', undefined],
      ]),
    );
    expect(await other.get('slack', '19:ops@thread.tacv2')).toBeUndefined();
    expect(await other.remove('teams', 'a:1')).toBe(true);
    expect(await repo.get('teams', 'a:1')).toBeUndefined();
  });

  it('DigestRunRepository: of three replicas claiming one scheduled digest, one gets it', async () => {
    const c = await openStoreMigrated(where);
    const at = new Date('2026-11-23T08:00:00Z');
    const claim = (store: SqlStore, who: string) =>
      new DigestRunRepository(store).claim({
        key: `cost:slack:C1:${at.toISOString()}`,
        kind: 'cost',
        platform: 'slack',
        channel: 'C1',
        scheduledFor: at,
        claimedBy: who,
      });
    const won = await Promise.all([claim(a, 'a'), claim(b, 'b'), claim(c, 'c')]);
    await c.close();
    expect(won.filter(Boolean)).toHaveLength(1);
    const repo = new DigestRunRepository(b);
    await repo.finish(`cost:slack:C1:${at.toISOString()}`, 'posted', {
      message: { place: { platform: 'slack', channel: 'C1' }, id: '1.2' },
    });
    expect(await repo.list()).toEqual([
      expect.objectContaining({
        state: 'posted',
        message: { place: { platform: 'slack', channel: 'C1' }, id: '1.2' },
        claimedBy: ['a', 'b', 'c'][won.indexOf(true)],
      }),
    ]);
  });

  it('CostCacheRepository and TaggingTrendRepository: what one replica cached, the other reads; expired answers are not', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const [ca, cb] = [new CostCacheRepository(a, () => now), new CostCacheRepository(b, () => now)];
    await ca.put('k1', 'GetCostAndUsage', { total: 12.5 }, 60_000);
    await ca.put('k1', 'GetCostAndUsage', { total: 13 }, 60_000); // replaced
    expect(await cb.get('k1')).toEqual({ total: 13 });
    now = new Date(now.getTime() + 60_000);
    expect(await cb.get('k1')).toBeUndefined();
    const trend = new TaggingTrendRepository(a);
    await trend.record({ takenAt: '2026-11-21T08:00:00Z', source: 'scheduled', total: 10, compliant: 5, byType: {}, offenders: ['arn:1'] });
    await trend.record({
      takenAt: '2026-11-22T08:00:00Z',
      source: 'scheduled',
      total: 10,
      compliant: 7,
      byType: { ec2: { total: 10, compliant: 7 } },
      offenders: [],
    });
    expect((await new TaggingTrendRepository(b).latest(new Date('2026-11-22T00:00:00Z')))?.compliant).toBe(5);
    expect((await new TaggingTrendRepository(b).latest())?.byType).toEqual({ ec2: { total: 10, compliant: 7 } });
  });

  it('ConversationStateRepository: a value put by one replica is read by the other, taken once, and expires', async () => {
    let now = new Date('2026-11-22T09:00:00Z');
    const [sa, sb] = [new ConversationStateRepository(a, () => now), new ConversationStateRepository(b, () => now)];
    await sa.put('choice', 'req-1', { input: 'stop web', params: { n: 1 } }, 60_000);
    await sa.put('thread', 'slack|C1|1.2', { playbook: 'ec2-stop-instance', params: {} }, 60_000);
    expect(await sb.get('choice', 'req-1')).toEqual({ input: 'stop web', params: { n: 1 } });
    expect(await sb.get('thread', 'req-1')).toBeUndefined(); // kinds are apart
    const taken = await Promise.all([sa.take('choice', 'req-1'), sb.take('choice', 'req-1')]);
    expect(taken.filter(Boolean)).toHaveLength(1);
    now = new Date(now.getTime() + 60_000);
    expect(await sb.get('thread', 'slack|C1|1.2')).toBeUndefined();
    expect(await sb.take('thread', 'slack|C1|1.2')).toBeUndefined();
  });

  it(
    'BotThreadRepository: a thread one replica spoke in is known to the other, apart ' + 'from conversation state, until it expires',
    async () => {
      let now = new Date('2026-11-22T09:00:00Z');
      const [ta, tb] = [new BotThreadRepository(a, () => now, 60_000), new BotThreadRepository(b, () => now, 60_000)];
      await ta.add('C0OPS:1700000000.000001');
      await Promise.all([ta.add('C0OPS:1700000000.000002'), tb.add('C0OPS:1700000000.000002')]); // both replicas post in one thread
      expect(await tb.has('C0OPS:1700000000.000001')).toBe(true);
      expect(await tb.has('C0OPS:1700000000.000009')).toBe(false);
      expect(await new ConversationStateRepository(b, () => now).get('thread', 'C0OPS:1700000000.000001')).toBeUndefined();
      now = new Date(now.getTime() + 60_000);
      expect(await tb.has('C0OPS:1700000000.000001')).toBe(false);
      await ta.add('C0OPS:1700000000.000001'); // spoken in again: known again
      expect(await tb.has('C0OPS:1700000000.000001')).toBe(true);
    },
  );
});
