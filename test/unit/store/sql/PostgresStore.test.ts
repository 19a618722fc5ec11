import { lockKey, migrate, openSqlStore, PostgresStore, StoreError, type SqlStore } from '../../../../src/store';
import { freePort } from '../../../helpers/bot';
import { clusterUrl, testDatabase } from '../../../helpers/postgres';

/** What only the Postgres engine does: retries, connection errors, password hygiene. */
const open: SqlStore[] = [];
async function connect(url: string): Promise<SqlStore> {
  const store = await openSqlStore(url);
  open.push(store);
  return store;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function withPassword(url: string, password: string): string {
  const u = new URL(url);
  u.password = password;
  return u.toString();
}

describe('the Postgres engine', () => {
  it('runs a transaction again after a serialization failure, and gives up after its retries', async () => {
    const store = await connect(await testDatabase());
    await store.exec('CREATE TABLE runs (id TEXT PRIMARY KEY)');
    let attempts = 0;
    const result = await store.transaction(
      async (tx) => {
        attempts += 1;
        await tx.run('INSERT INTO runs (id) VALUES (?)', [`attempt-${attempts}`]);
        // The first attempt fails as a conflicting serializable transaction would.
        if (attempts === 1) await tx.exec("DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$");
        return 'committed';
      },
      { isolation: 'serializable' },
    );
    expect(result).toBe('committed');
    expect(attempts).toBe(2);
    expect(await store.query('SELECT id FROM runs')).toEqual([{ id: 'attempt-2' }]);

    let deadlocks = 0;
    const failing = store.transaction(
      async (tx) => {
        deadlocks += 1;
        await tx.exec("DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$");
      },
      { retries: 2 },
    );
    await expect(failing).rejects.toMatchObject({ sqlState: '40P01' });
    expect(deadlocks).toBe(3);
    // Any other error is not retried.
    let others = 0;
    await expect(
      store.transaction(async (tx) => {
        others += 1;
        await tx.run('INSERT INTO runs (id) VALUES (?)', ['attempt-2']);
      }),
    ).rejects.toMatchObject({ sqlState: '23505' });
    expect(others).toBe(1);
  });

  it('serializes concurrent read-modify-write transactions that conflict, retrying the loser', async () => {
    const url = await testDatabase();
    const [a, b] = [await connect(url), await connect(url)];
    await a.exec('CREATE TABLE head (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await a.run('INSERT INTO head (id, n) VALUES (1, 0)');
    const bump = (s: SqlStore) =>
      s.transaction(
        async (tx) => {
          const [row] = await tx.query<{ n: number }>('SELECT n FROM head WHERE id = 1');
          await new Promise((r) => setImmediate(r));
          await tx.run('UPDATE head SET n = ? WHERE id = 1', [row.n + 1]);
        },
        { isolation: 'serializable', retries: 50 },
      );
    await Promise.all([...Array(8)].flatMap(() => [bump(a), bump(b)]));
    expect(await a.query('SELECT n FROM head')).toEqual([{ n: 16 }]);
  });

  it('says which server it cannot reach, without the password, and what to check', async () => {
    const port = await freePort();
    const url = `postgres://bot:hunter2-secret@127.0.0.1:${port}/cloudops`;
    const error = (await openSqlStore(url).catch((e: unknown) => e)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toContain(`postgres postgres://bot:***@127.0.0.1:${port}/cloudops: `);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain('check store.url / DATABASE_URL and that the server is running and reachable');
    expect(error.message).not.toContain('hunter2');
  });

  it('reports a wrong password without repeating it', async () => {
    const url = withPassword(await clusterUrl(), 'wrong-pa$$word-42');
    const error = (await openSqlStore(url).catch((e: unknown) => e)) as StoreError;
    expect(error).toBeInstanceOf(StoreError);
    expect(error.message).toMatch(
      new RegExp(
        String.raw`^postgres postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: password ` +
          String.raw`authentication failed for user "postgres" \(SQLSTATE 28P01\); check the user and ` +
          String.raw`password`,
      ),
    );
    expect(error.message).not.toContain('wrong-pa');
    expect(error.message).not.toContain(encodeURIComponent('wrong-pa$$word-42'));
  });

  it('never carries the password in a statement error, even when the statement quotes it', async () => {
    const url = await testDatabase();
    const password = new URL(url).password;
    const store = await connect(url);
    const error = (await store.query(`SELECT * FROM "${password}"`).catch((e: unknown) => e)) as StoreError;
    expect(error.message).toMatch(/relation "\*\*\*" does not exist \(SQLSTATE 42P01\) in: SELECT \* FROM "\*\*\*"$/);
    expect(error.message).not.toContain(password);
    expect(store.location).not.toContain(password);
  });

  it('names a database that does not exist and says to create it', async () => {
    const u = new URL(await clusterUrl());
    u.pathname = '/nobody_made_this';
    await expect(openSqlStore(u.toString())).rejects.toThrow(
      /database "nobody_made_this" does not exist \(SQLSTATE 3D000\); create the database first/,
    );
  });

  it('refuses a URL that is not a Postgres URL', async () => {
    await expect(PostgresStore.connect('mysql://bot:pw@db/cloudops')).rejects.toThrow(
      'store URL mysql://bot:***@db/cloudops is not a Postgres URL; it must start with postgres:// or postgresql://',
    );
  });

  it('returns BIGINT values as numbers while they fit, as strings beyond', async () => {
    const store = await connect(await testDatabase());
    expect(
      await store.query('SELECT CAST(? AS BIGINT) AS small, CAST(? AS BIGINT) AS big', [1765040000000, '9223372036854775807']),
    ).toEqual([{ small: 1765040000000, big: '9223372036854775807' }]);
  });

  it('holds an advisory lock another connection can see, and lets go of it', async () => {
    const url = await testDatabase();
    const [store, observer] = [await connect(url), await connect(url)];
    // This database's advisory locks only: other test files share the one Postgres server and take their own.
    const held = () =>
      observer.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted " +
          'AND database = (SELECT oid FROM pg_database WHERE datname = current_database())',
      );
    const inside = await store.withLock('audit-append', async () => (await held())[0].n);
    expect(inside).toBe(1);
    expect(await held()).toEqual([{ n: 0 }]);
    expect(lockKey('audit-append')).toMatch(/^-?\d+$/);
    expect(lockKey('audit-append')).not.toBe(lockKey('schema-migrations'));
  });

  it('stops a migration that fails halfway with nothing of it applied', async () => {
    const store = await connect(await testDatabase());
    const broken = [
      { id: '001-ok', sqlite: 'x', postgres: 'CREATE TABLE a (x INTEGER)' },
      { id: '002-broken', sqlite: 'x', postgres: 'CREATE TABLE b (x INTEGER); CREATE TABLE a (x INTEGER)' },
    ];
    await expect(migrate(store, broken)).rejects.toThrow(
      /^migration 002-broken failed on postgres:\/\/postgres:\*\*\*@.*, nothing of it was applied: .*relation "a" already exists/,
    );
    expect(await store.query('SELECT name FROM schema_migrations')).toEqual([{ name: '001-ok' }]);
    expect(await store.query("SELECT table_name FROM information_schema.tables WHERE table_name = 'b'")).toEqual([]);
  });
});
