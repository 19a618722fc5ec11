import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { migrate, openSqlStore, sqlMigrations, StoreError, type SqlStore } from '../../../../src/store';
import { tempDir } from '../../../helpers/cli';
import { testDatabase } from '../../../helpers/postgres';

/**
 * The same cases against both engines: a SQLite file, and a database of this file's own on the run's
 * real Postgres (test/postgres/global-setup.js).
 */
type Engine = 'sqlite' | 'postgres';
const ENGINES: Engine[] = ['sqlite', 'postgres'];

/** A fresh, empty database for one test: its target string (file path or URL). */
async function freshTarget(engine: Engine): Promise<string> {
  return engine === 'sqlite' ? join(tempDir(), 'store.db') : testDatabase();
}

const open: SqlStore[] = [];
async function connect(target: string): Promise<SqlStore> {
  const store = await openSqlStore(target);
  open.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function runWorker(target: string, mode: 'count' | 'migrate', times: number, startAt: number): Promise<unknown> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [join(__dirname, '../../../helpers/store-worker.js'), target, mode, String(times), String(startAt)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('close', (code) => (code === 0 ? done(JSON.parse(out)) : fail(new Error(`store worker exited ${code}: ${err}`))));
  });
}

describe.each(ENGINES)('the %s store', (engine) => {
  it('runs statements with ? placeholders and reports rows and changes', async () => {
    const store = await connect(await freshTarget(engine));
    expect(store.engine).toBe(engine);
    await store.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, done INTEGER NOT NULL, owner TEXT)');
    expect(await store.run('INSERT INTO notes (id, body, done, owner) VALUES (?, ?, ?, ?)', [1, 'stop pg-main', 0, 'alice'])).toEqual({
      changes: 1,
    });
    await store.run('INSERT INTO notes (id, body, done, owner) VALUES (?, ?, ?, ?)', [2, 'scan', true, null]);
    expect(await store.run('UPDATE notes SET done = ? WHERE done = ?', [1, 0])).toEqual({ changes: 1 });
    expect(await store.query('SELECT id, body, done, owner FROM notes ORDER BY id')).toEqual([
      { id: 1, body: 'stop pg-main', done: 1, owner: 'alice' },
      { id: 2, body: 'scan', done: 1, owner: null },
    ]);
    // COUNT(*) is a number on both engines (Postgres sends BIGINT as text).
    expect(await store.query('SELECT COUNT(*) AS n FROM notes WHERE owner IS NULL')).toEqual([{ n: 1 }]);
    // A statement that returns no rows gives [] from query().
    expect(await store.query('DELETE FROM notes WHERE id = ?', [2])).toEqual([]);
    expect(await store.query('SELECT id FROM notes')).toEqual([{ id: 1 }]);
  });

  it('numbers placeholders but leaves a ? inside quotes and comments alone', async () => {
    const store = await connect(await freshTarget(engine));
    const rows = await store.query<{ q: string; v: string; w: string }>("SELECT 'why?' AS q, ? AS v, /* ? */ ? AS w -- not this ?\n", [
      'first',
      'second',
    ]);
    expect(rows).toEqual([{ q: 'why?', v: 'first', w: 'second' }]);
  });

  it('refuses a statement whose values do not match its placeholders, saying so', async () => {
    const store = await connect(await freshTarget(engine));
    await expect(store.query('SELECT ? AS a, ? AS b', [1])).rejects.toThrow(
      'the statement has 2 placeholder(s) (?) but 1 value(s) were given: SELECT ? AS a, ? AS b',
    );
  });

  it('commits a transaction that succeeds and rolls back one that throws, passing its error on', async () => {
    const store = await connect(await freshTarget(engine));
    await store.exec('CREATE TABLE accounts (id TEXT PRIMARY KEY, balance INTEGER NOT NULL)');
    const total = await store.transaction(async (tx) => {
      await tx.run('INSERT INTO accounts (id, balance) VALUES (?, ?)', ['a', 100]);
      await tx.run('INSERT INTO accounts (id, balance) VALUES (?, ?)', ['b', 0]);
      return (await tx.query<{ s: number }>('SELECT SUM(balance) AS s FROM accounts'))[0].s;
    });
    expect(Number(total)).toBe(100);
    const boom = new Error('approval expired halfway');
    await expect(
      store.transaction(async (tx) => {
        await tx.run('UPDATE accounts SET balance = balance - 60 WHERE id = ?', ['a']);
        await tx.run('UPDATE accounts SET balance = balance + 60 WHERE id = ?', ['b']);
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await store.query('SELECT id, balance FROM accounts ORDER BY id')).toEqual([
      { id: 'a', balance: 100 },
      { id: 'b', balance: 0 },
    ]);
    // A failing statement inside rolls back the whole transaction too.
    await expect(
      store.transaction(async (tx) => {
        await tx.run('UPDATE accounts SET balance = 0 WHERE id = ?', ['a']);
        await tx.run('INSERT INTO accounts (id, balance) VALUES (?, ?)', ['b', 1]);
      }),
    ).rejects.toThrow(StoreError);
    expect(await store.query('SELECT balance FROM accounts WHERE id = ?', ['a'])).toEqual([{ balance: 100 }]);
  });

  it('refuses a statement sent on the store inside its own transaction', async () => {
    const store = await connect(await freshTarget(engine));
    await store.exec('CREATE TABLE t (x INTEGER)');
    await expect(store.transaction(async () => store.run('INSERT INTO t (x) VALUES (1)'))).rejects.toThrow(
      "run was called on the store inside its own transaction; use the `tx` handed to the transaction's function",
    );
    expect(await store.query('SELECT COUNT(*) AS n FROM t')).toEqual([{ n: 0 }]);
    // Work the transaction started that runs after it has ended uses the store as usual.
    const later = deferred();
    let after: Promise<{ changes: number }> | undefined;
    await store.transaction(async () => {
      void later.promise.then(() => (after = store.run('INSERT INTO t (x) VALUES (2)')));
    });
    later.resolve();
    await later.promise;
    await new Promise((r) => setImmediate(r));
    expect(await after).toEqual({ changes: 1 });
  });

  it('withLock lets one holder at a time in, across two connections', async () => {
    const target = await freshTarget(engine);
    const [a, b] = [await connect(target), await connect(target)];
    await a.exec('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await a.run('INSERT INTO counter (id, n) VALUES (1, 0)');
    // Read, yield, write: without the lock the two connections lose each other's increments.
    const bump = (s: SqlStore) =>
      s.withLock('counter', async () => {
        const [row] = await s.query<{ n: number }>('SELECT n FROM counter WHERE id = 1');
        await new Promise((r) => setImmediate(r));
        await s.query('SELECT 1 AS one');
        await s.run('UPDATE counter SET n = ? WHERE id = 1', [row.n + 1]);
      });
    await Promise.all([...Array(15)].flatMap(() => [bump(a), bump(b)]));
    expect(await a.query('SELECT n FROM counter')).toEqual([{ n: 30 }]);
  });

  it('withLock gives up after its timeout, naming the lock, while another connection holds it', async () => {
    const target = await freshTarget(engine);
    const [a, b] = [await connect(target), await connect(target)];
    const holding = deferred();
    const release = deferred();
    const held = a.withLock('scan', async () => {
      holding.resolve();
      await release.promise;
      return 'a finished';
    });
    await holding.promise;
    await expect(b.withLock('scan', async () => 'b ran', { timeoutMs: 300 })).rejects.toThrow(
      /the lock "scan" is still held by another process after 0 s; try again when it has finished/,
    );
    // Another lock name is independent.
    expect(await b.withLock('digest', async () => 'other lock')).toBe('other lock');
    release.resolve();
    expect(await held).toBe('a finished');
    expect(await b.withLock('scan', async () => 'b ran')).toBe('b ran');
  });

  it('withLock keeps increments whole across two processes', async () => {
    const target = await freshTarget(engine);
    const setup = await connect(target);
    await setup.exec('CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await setup.run('INSERT INTO counter (id, n) VALUES (1, 0)');
    const startAt = Date.now() + 1500;
    await Promise.all([runWorker(target, 'count', 100, startAt), runWorker(target, 'count', 100, startAt)]);
    expect(await setup.query('SELECT n FROM counter')).toEqual([{ n: 200 }]);
  });

  it('applies every migration once when two runners start together in two processes', async () => {
    const target = await freshTarget(engine);
    const startAt = Date.now() + 1500;
    const results = (await Promise.all([runWorker(target, 'migrate', 0, startAt), runWorker(target, 'migrate', 0, startAt)])) as {
      applied: string[];
      alreadyApplied: string[];
    }[];
    const ids = sqlMigrations().map((m) => m.id);
    const [first, second] = results[0].applied.length ? results : [results[1], results[0]];
    expect(first).toEqual({ applied: ids, alreadyApplied: [] });
    expect(second).toEqual({ applied: [], alreadyApplied: ids });
    const store = await connect(target);
    expect(await store.query('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual([{ n: ids.length }]);
    // And again in this process: nothing left to apply.
    expect(await migrate(store)).toEqual({ applied: [], alreadyApplied: ids });
  });

  it('applies the migrations once when two runners start together on two connections', async () => {
    const target = await freshTarget(engine);
    const [a, b] = [await connect(target), await connect(target)];
    const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
    expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, sqlMigrations().length]);
  });

  it('keeps the audit trail append-only after migrating', async () => {
    const store = await connect(await freshTarget(engine));
    await migrate(store);
    await store.run('INSERT INTO audit_log (at, request_id, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      '2026-12-06T17:00:00Z',
      'req-1',
      'request',
      'alice',
      '{}',
      '',
      'h1',
    ]);
    const [row] = await store.query<{ seq: number }>('SELECT seq FROM audit_log');
    expect(row.seq).toBe(1);
    await expect(store.run("UPDATE audit_log SET actor = 'mallory'")).rejects.toThrow(/the audit trail is append-only/);
    await expect(store.run('DELETE FROM audit_log')).rejects.toThrow(/the audit trail is append-only/);
    expect(await store.query('SELECT actor FROM audit_log')).toEqual([{ actor: 'alice' }]);
  });

  it('reports a failing statement with the engine, the place, the cause and the statement', async () => {
    const store = await connect(await freshTarget(engine));
    const error = await store.query('SELECT * FROM no_such_table').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(new RegExp(`^${engine} .*no_such_table.* in: SELECT \\* FROM no_such_table$`));
  });
});

describe('both engines after migrating', () => {
  it('have the same tables and columns', async () => {
    const sqlite = await connect(await freshTarget('sqlite'));
    const postgres = await connect(await freshTarget('postgres'));
    await migrate(sqlite);
    await migrate(postgres);
    const fromSqlite = await sqlite.query<{ t: string; c: string }>(
      'SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) ' +
        "p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'store_locks' " +
        'ORDER BY 1, 2',
    );
    const fromPostgres = await postgres.query<{ t: string; c: string }>(
      "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2",
    );
    const shape = (rows: { t: string; c: string }[]) => rows.map((r) => `${r.t}.${r.c}`).sort();
    expect(shape(fromPostgres)).toEqual(shape(fromSqlite));
    expect(shape(fromSqlite)).toContain('audit_log.prev_hash');
  });
});
