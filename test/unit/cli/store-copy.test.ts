import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  AuditRepository,
  copyStore,
  migrate,
  openSqlStore,
  openStoreMigrated,
  SeenRequestRepository,
  type SqlStore,
} from '../../../src/store';
import { cloudops, tempDir } from '../../helpers/cli';
import { testDatabase } from '../../helpers/postgres';

/** `cloudops store copy`: an installation's SQLite file moved to Postgres, as an operator runs it. */
const NO_URL = { DATABASE_URL: '', CLOUDOPS_STORE: '' };

/** A SQLite store the bot has used: an approval with a vote, an audit chain, seen request ids. */
async function installation(): Promise<string> {
  const file = join(tempDir(), 'cloudops.db');
  const db = await openStoreMigrated(file);
  await db.run(
    'INSERT INTO approval_requests (id, state, plan, requester, place, created_at, ' +
      "expires_at, updated_at, revision) VALUES ('req-1', 'approved', '{}', " +
      "'{\"id\":\"alice\"}', '{}', '2026-12-06T10:00:00Z', '2026-12-06T11:00:00Z', " +
      "'2026-12-06T10:05:00Z', 1)",
  );
  await db.run(
    "INSERT INTO approval_votes (request_id, user_key, user, at) VALUES ('req-1', " +
      "'console:bob', '{\"id\":\"bob\"}', '2026-12-06T10:05:00Z')",
  );
  const audit = new AuditRepository(db);
  for (const kind of ['request', 'plan', 'approval', 'result'] as const)
    await audit.record({ requestId: 'req-1', kind, actor: 'alice', data: { step: kind, note: "it's done ✓" } });
  await new SeenRequestRepository(db).firstSeen('slack:action:Ab12');
  await db.close();
  return file;
}

const open: SqlStore[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('cloudops store copy', () => {
  it('moves every table to an empty Postgres database and verifies it row for row', async () => {
    const file = await installation();
    const url = await testDatabase();
    const res = cloudops(['store', 'copy', '--from', `sqlite:${file}`], { env: { ...NO_URL, DATABASE_URL: url } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/t_\w+: applied \d+ migration\(s\) first$/);
    expect(lines[1]).toMatch(new RegExp(`^copied ${file} \\(sqlite\\) to postgres://postgres:\\*\\*\\*@.* \\(postgres\\):$`));
    expect(res.stdout).toMatch(/ {2}approval_requests +1 row\(s\)\n/);
    expect(res.stdout).toMatch(/ {2}approval_votes +1 row\(s\)\n/);
    expect(res.stdout).toMatch(/ {2}audit_log +4 row\(s\)\n/);
    expect(res.stdout).toMatch(/ {2}seen_requests +1 row\(s\)\n/);
    expect(lines.at(-1)).toBe('verified: every table holds the same rows on both sides; audit chain intact (4 record(s))');
    expect(res.stdout).not.toContain(new URL(url).password);

    const pg = await openSqlStore(url);
    open.push(pg);
    const sqlite = new BetterSqlite3(file, { readonly: true });
    const fromFile = sqlite.prepare('SELECT seq, at, request_id, kind, actor, data, prev_hash, hash FROM audit_log ORDER BY seq').all();
    sqlite.close();
    expect(await pg.query('SELECT seq, at, request_id, kind, actor, data, prev_hash, hash FROM audit_log ORDER BY seq')).toEqual(fromFile);
    expect(await pg.query('SELECT "user", user_key FROM approval_votes')).toEqual([{ user: '{"id":"bob"}', user_key: 'console:bob' }]);
    // The next record continues the numbering, and the copied trail stays append-only.
    await pg.run(
      'INSERT INTO audit_log (at, request_id, kind, data, prev_hash, hash) VALUES ' +
        "('2026-12-06T12:00:00Z', 'req-2', 'request', '{}', 'x', 'y')",
    );
    expect(await pg.query("SELECT seq FROM audit_log WHERE request_id = 'req-2'")).toEqual([{ seq: 5 }]);
    await expect(pg.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('refuses a target that already holds data, and changes nothing there', async () => {
    const file = await installation();
    const url = await testDatabase();
    const [source, target] = [await openSqlStore(file), await openSqlStore(url)];
    open.push(source, target);
    await migrate(target);
    await copyStore(source, target);
    const again = cloudops(['store', 'copy', '--from', file, '--to', url], { env: NO_URL });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      new RegExp(
        String.raw`^cloudops store copy: postgres:\/\/postgres:\*\*\*@.* already holds 1 row\(s\) in ` +
          String.raw`approval_requests; copy only into an empty store .*nothing was copied\n$`,
      ),
    );
    expect(await target.query('SELECT COUNT(*) AS n FROM audit_log')).toEqual([{ n: 4 }]);
  });

  it('refuses to carry over a broken audit chain, touching nothing', async () => {
    const file = await installation();
    const db = new BetterSqlite3(file);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").run();
    db.close();
    const url = await testDatabase();
    const res = cloudops(['store', 'copy', '--from', file], { env: { ...NO_URL, DATABASE_URL: url } });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `cloudops store copy: the audit chain in ${file} is broken (record 2 (plan, request ` +
        `req-1) was changed after it was written); \`cloudops audit verify --store ${file}\` ` +
        `lists every problem. Nothing was copied.\n`,
    );
    const pg = await openSqlStore(url);
    open.push(pg);
    expect(await pg.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'")).toEqual([{ n: 0 }]);
  });

  it('says what is missing when there is no source file or no target', () => {
    const missing = join(tempDir(), 'nope.db');
    const noFile = cloudops(['store', 'copy', '--from', missing, '--to', 'postgres://db/x'], { env: NO_URL });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toBe(
      `cloudops: store copy: there is no SQLite store at ${missing}; pass --from sqlite:FILE (the bot's store.path)\n`,
    );
    const noTarget = cloudops(['store', 'copy', '--from', missing], { env: NO_URL });
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toBe(
      'cloudops: store copy: name the Postgres database to copy into: set DATABASE_URL (or store.url), or pass --to postgres://...\n',
    );
  });

  it('names the file and what to pass when --from is not a SQLite store (a config file, say)', () => {
    const yaml = join(tempDir(), 'cloudops.yaml');
    writeFileSync(yaml, 'sandbox: {}\n');
    const res = cloudops(['store', 'copy', '--from', `sqlite:${yaml}`, '--to', 'postgres://db.invalid/x'], { env: NO_URL });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      `cloudops store copy: sqlite ${yaml}: cannot read the store (file is not a database, ` +
        `SQLITE_NOTADB); point --store (or store.path) at the bot's SQLite store file; ` +
        `nothing was copied\n`,
    );
  });
});
