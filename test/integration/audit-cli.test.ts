import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { main } from '../../src/cli';
import { converse, testBot } from '../helpers/bot';

/** `cloudops audit` and `cloudops audit verify` as a person runs them, on the store a bot wrote. */
describe('cloudops audit (the command)', () => {
  let dir: string;
  let store: string;
  let out: string;
  let write: jest.SpyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-audit-'));
    store = join(dir, 'cloudops.db');
    const bot = await testBot({ storePath: store });
    await converse(bot, ['stop web-prod-1', '1', '/as bob', '1']);
    bot.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    out = '';
    process.exitCode = undefined;
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
  });
  afterEach(() => {
    write.mockRestore();
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<number> {
    // main builds its program per run: no module reset (a reload of every module) between runs.
    await main(['node', 'cloudops', ...args]);
    return Number(process.exitCode ?? 0);
  }

  it('lists the trail as JSON lines and verifies it', async () => {
    expect(await run('audit', '--store', store, '--json')).toBe(0);
    const kinds = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).kind);
    expect(kinds).toEqual(['request', 'understood', 'plan', 'refusal', 'approval', 'execution-start', 'aws-call', 'result']);
    out = '';
    expect(await run('audit', 'verify', '--store', store)).toBe(0);
    expect(out).toContain('audit trail intact: 8 record(s)');
  });

  it('audit verify exits 1 and names the record after someone edits it in the file', async () => {
    const db = new BetterSqlite3(store);
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare("UPDATE audit_log SET actor = 'console:alice' WHERE kind = 'approval'").run();
    db.close();
    expect(await run('audit', 'verify', '--store', store)).toBe(1);
    expect(out).toContain('#5: record 5 (approval, request req-0001) was changed after it was written');
  });
});

/**
 * Cheap tampers someone with write access to the SQLite file could try, each on a fresh copy of a store
 * the bot wrote: every one must make `audit verify` exit 1.
 */
describe('cloudops audit verify: tampering with the file', () => {
  let dir: string;
  let pristine: string;
  let out: string;
  let write: jest.SpyInstance;
  let n = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-tamper-'));
    pristine = join(dir, 'pristine.db');
    const bot = await testBot({ storePath: pristine });
    await converse(bot, ['stop web-prod-1', '1', '/as bob', '1']);
    bot.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => {
    out = '';
    process.exitCode = undefined;
    write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += chunk.toString()), true));
  });
  afterEach(() => {
    write.mockRestore();
    process.exitCode = undefined;
  });

  async function run(...args: string[]): Promise<number> {
    // main builds its program per run: no module reset (a reload of every module) between runs.
    await main(['node', 'cloudops', ...args]);
    return Number(process.exitCode ?? 0);
  }

  /** A copy of the store, changed by `sql` as a tamperer would (guard dropped first, put back after when asked). */
  function tampered(fn: (db: BetterSqlite3.Database) => void): string {
    const file = join(dir, `copy-${++n}.db`);
    copyFileSync(pristine, file);
    const db = new BetterSqlite3(file);
    fn(db);
    db.close();
    return file;
  }

  const GUARD_OFF = 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;';
  const GUARD_ON = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT,
    'the audit trail is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`;

  /** The bot's own chain hash, recomputed the way a tamperer who read the source would. */
  function rechain(db: BetterSqlite3.Database, fromSeq: number): void {
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as {
      seq: number;
      at: string;
      request_id: string;
      kind: string;
      actor: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    }[];
    let prev = '0'.repeat(64);
    for (const r of rows) {
      if (r.seq >= fromSeq) {
        const hash = createHash('sha256')
          .update(JSON.stringify([prev, r.at, r.request_id, r.kind, r.actor, r.data]))
          .digest('hex');
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
        prev = hash;
      } else prev = r.hash;
    }
  }

  /** Make the seal agree with the (tampered) trail, as someone who knows about it would. */
  function forgeSeal(db: BetterSqlite3.Database): void {
    db.exec(
      'UPDATE audit_seal SET records = (SELECT COUNT(*) FROM audit_log), seq = (SELECT ' +
        'MAX(seq) FROM audit_log), hash = (SELECT hash FROM audit_log ORDER BY seq DESC ' +
        'LIMIT 1)',
    );
  }

  it('the untouched store verifies; `audit head` prints N:HASH, and verify --head proves it', async () => {
    expect(await run('audit', 'head', '--store', pristine)).toBe(0);
    expect(out).toMatch(/^8:[0-9a-f]{64}\n$/);
    const head = out.trim();
    out = '';
    expect(await run('audit', 'verify', '--store', pristine, '--head', head)).toBe(0);
    expect(out).toContain('record #8 is the one you noted, nothing up to it was rewritten');
  });

  it('deleting the tail and fixing sqlite_sequence (guard put back) fails', async () => {
    const file = tampered((db) =>
      db.exec(
        `${GUARD_OFF} DELETE FROM audit_log WHERE seq >= 7; UPDATE sqlite_sequence SET seq = 6 WHERE name = 'audit_log'; ${GUARD_ON}`,
      ),
    );
    expect(await run('audit', 'verify', '--store', file)).toBe(1);
    expect(out).toContain('the trail does not match its seal: the seal says 8 record(s) ending at #8, the trail has 6 ending at #6');
  });

  it('dropping and re-creating the table with fewer records (guard put back) fails', async () => {
    const file = tampered((db) =>
      db.exec(`CREATE TABLE keep AS SELECT * FROM audit_log WHERE seq < 8;
        DROP TABLE audit_log;
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, request_id TEXT NOT NULL,
          kind TEXT NOT NULL, actor TEXT, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        INSERT INTO audit_log SELECT * FROM keep; DROP TABLE keep; ${GUARD_ON}`),
    );
    expect(await run('audit', 'verify', '--store', file)).toBe(1);
    expect(out).toContain('the trail does not match its seal');
  });

  it('dropping and re-creating the table with every record (no guard) fails', async () => {
    const file = tampered((db) =>
      db.exec(`CREATE TABLE keep AS SELECT * FROM audit_log; DROP TABLE audit_log;
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, request_id TEXT NOT NULL,
          kind TEXT NOT NULL, actor TEXT, data TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        INSERT INTO audit_log SELECT * FROM keep; DROP TABLE keep;`),
    );
    expect(await run('audit', 'verify', '--store', file)).toBe(1);
    expect(out).toContain('the append-only guard (SQLite triggers audit_log_no_update/no_delete) is missing');
  });

  it('deleting a middle record and re-chaining the rest (seal forged, guard put back) fails on the numbering gap', async () => {
    const file = tampered((db) => {
      db.exec(`${GUARD_OFF} DELETE FROM audit_log WHERE seq = 4;`);
      rechain(db, 5);
      forgeSeal(db);
      db.exec(GUARD_ON);
    });
    expect(await run('audit', 'verify', '--store', file)).toBe(1);
    expect(out).toContain('#5: the numbering jumps from record 3 to 5 (record 4 missing): records were deleted and the rest re-chained');
    expect(out).not.toContain('seal');
  });

  it('removing the append-only triggers alone fails (an error, not a warning)', async () => {
    const file = tampered((db) => db.exec(GUARD_OFF));
    expect(await run('audit', 'verify', '--store', file)).toBe(1);
    expect(out).toContain('audit trail NOT intact: 1 problem(s)');
    expect(out).toContain('store: the append-only guard');
  });

  it('a trail rewritten consistently from an early record passes the chain, but not --head with the head noted before', async () => {
    await run('audit', 'head', '--store', pristine);
    const noted = out.trim();
    const file = tampered((db) => {
      db.exec(`${GUARD_OFF} UPDATE audit_log SET actor = 'console:carol' WHERE kind = 'approval';`);
      rechain(db, 1);
      forgeSeal(db);
      db.exec(GUARD_ON);
    });
    out = '';
    expect(await run('audit', 'verify', '--store', file)).toBe(0);
    out = '';
    expect(await run('audit', 'verify', '--store', file, '--head', noted)).toBe(1);
    expect(out).toContain(`#8: record 8 is not the one you noted`);
    expect(out).toContain('the trail up to it was rewritten');
  });

  it('--head that is not N:HASH is a usage error (exit 2) and reads nothing', async () => {
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await run('audit', 'verify', '--store', pristine, '--head', '8:nothex')).toBe(2);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain(
        '--head "8:nothex": give the head as `cloudops audit head` prints it, N:HASH',
      );
    } finally {
      err.mockRestore();
    }
  });
});
