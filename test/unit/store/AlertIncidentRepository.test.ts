import { join } from 'node:path';
import { AlertIncidentRepository, migrate, openSqlStore, type SqlStore } from '../../../src/store';
import { tempDir } from '../../helpers/cli';
import { testDatabase } from '../../helpers/postgres';

/** The incident store's contract on both engines: a SQLite file and a database on the run's Postgres. */
const ENGINES = ['sqlite', 'postgres'] as const;
const open: SqlStore[] = [];

async function repository(engine: (typeof ENGINES)[number]): Promise<{ repo: AlertIncidentRepository; store: SqlStore }> {
  const store = await openSqlStore(engine === 'sqlite' ? join(tempDir(), 'store.db') : await testDatabase('alerts'));
  open.push(store);
  await migrate(store);
  return { repo: new AlertIncidentRepository(store), store };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const at = (m: number) => new Date(Date.UTC(2026, 11, 6, 19, m));
const limit = (cards = 10) => ({ cards, since: at(0) });
const ref = { place: { platform: 'slack' as const, channel: 'C0ALERTS' }, id: '1700000000.000100' };

describe.each(ENGINES)('alert incidents on %s', (engine) => {
  it('opens one incident per key; repeats count up and keep the first card', async () => {
    const { repo } = await repository(engine);
    const first = await repo.fire('k1', 'disk', '{"name":"a"}', at(1), limit());
    expect(first).toMatchObject({ first: true, incident: { key: 'k1', rule: 'disk', state: 'open', count: 1 } });
    await repo.attach('k1', 'req-1', ref);
    const again = await repo.fire('k1', 'disk', '{"name":"a"}', at(2), limit());
    expect(again.first).toBe(false);
    expect(again.incident).toMatchObject({
      count: 2,
      lastSeen: at(2).toISOString(),
      firstSeen: at(1).toISOString(),
      requestId: 'req-1',
      message: ref,
    });
    expect(await repo.byRequest('req-1')).toMatchObject({ key: 'k1', count: 2 });
  });

  it('a storm of concurrent repeats opens exactly one incident and counts every one', async () => {
    const { repo } = await repository(engine);
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => repo.fire('storm', 'disk', '{}', at(1 + (i % 5)), limit())));
    expect(outcomes.filter((o) => o.first)).toHaveLength(1);
    expect((await repo.get('storm'))!.count).toBe(200);
  });

  it('resolving closes it once; a new firing after that opens a new incident', async () => {
    const { repo } = await repository(engine);
    await repo.fire('k', 'disk', '{}', at(1), limit());
    await repo.attach('k', 'req-1', ref);
    expect(await repo.resolve('k', at(3))).toMatchObject({ state: 'resolved', requestId: 'req-1' });
    expect(await repo.resolve('k', at(4))).toBeUndefined();
    const reopened = await repo.fire('k', 'disk', '{}', at(5), limit());
    expect(reopened).toMatchObject({ first: true, incident: { state: 'open', count: 1 } });
    expect(reopened.incident.requestId).toBeUndefined();
  });

  it("suppresses new incidents over the rule's limit in the window; other rules are not affected", async () => {
    const { repo } = await repository(engine);
    expect((await repo.fire('a', 'r1', '{}', at(1), limit(2))).first).toBe(true);
    expect((await repo.fire('b', 'r1', '{}', at(2), limit(2))).first).toBe(true);
    const third = await repo.fire('c', 'r1', '{}', at(3), limit(2));
    expect(third).toMatchObject({ first: false, incident: { state: 'suppressed' } });
    expect((await repo.fire('c', 'r1', '{}', at(4), limit(2))).incident.count).toBe(2);
    expect((await repo.fire('d', 'r2', '{}', at(4), limit(2))).first).toBe(true);
    // Outside the window the rule may post again.
    expect((await repo.fire('e', 'r1', '{}', at(30), { cards: 2, since: at(20) })).first).toBe(true);
  });

  it('lets one caller per interval refresh the card, and only once it is posted', async () => {
    const { repo } = await repository(engine);
    await repo.fire('k', 'disk', '{}', at(1), limit());
    expect(await repo.claimCardUpdate('k', at(1), 30_000)).toBe(false);
    await repo.attach('k', undefined, ref);
    const claims = await Promise.all([1, 2, 3].map(() => repo.claimCardUpdate('k', at(2), 30_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.claimCardUpdate('k', at(2), 30_000)).toBe(false);
    expect(await repo.claimCardUpdate('k', at(3), 30_000)).toBe(true);
  });
});
