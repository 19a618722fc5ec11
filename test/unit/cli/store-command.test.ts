import { join } from 'node:path';
import { openSqlStore, openStoreMigrated, sqlMigrations } from '../../../src/store';
import { cloudops, tempDir } from '../../helpers/cli';
import { clusterUrl, testDatabase } from '../../helpers/postgres';

/** `cloudops store migrate` as a user runs it (the built binary), on both engines. */
const IDS = sqlMigrations().map((m) => m.id);
const NO_URL = { DATABASE_URL: '', CLOUDOPS_STORE: '' };

describe('cloudops store migrate', () => {
  it('creates the tables in a new SQLite file, lists what it applied, and then finds nothing to do', () => {
    const file = join(tempDir(), 'data', 'cloudops.db');
    const first = cloudops(['store', 'migrate', '--store', file], { env: NO_URL });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${file} (sqlite): applied ${IDS.length} migration(s):\n${IDS.map((id) => `  ${id}\n`).join('')}`);
    const again = cloudops(['store', 'migrate', '--store', file], { env: NO_URL });
    expect(again.stdout).toBe(`${file} (sqlite): up to date, all ${IDS.length} migration(s) already applied\n`);
  });

  it('recognises a SQLite file the bot itself created as up to date', async () => {
    const file = join(tempDir(), 'cloudops.db');
    await (await openStoreMigrated(file)).close();
    const res = cloudops(['store', 'migrate', '--json'], { env: { ...NO_URL, CLOUDOPS_STORE: file } });
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ engine: 'sqlite', store: file, applied: [], alreadyApplied: IDS });
  });

  it('migrates the Postgres database DATABASE_URL names, printing the URL without its password', async () => {
    const url = await testDatabase();
    const password = new URL(url).password;
    const res = cloudops(['store', 'migrate'], { env: { ...NO_URL, DATABASE_URL: url } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe(`${url.replace(`:${password}@`, ':***@')} (postgres): applied ${IDS.length} migration(s):`);
    expect(res.stdout).not.toContain(password);
    const again = cloudops(['store', 'migrate', '--json'], { env: { ...NO_URL, DATABASE_URL: url } });
    expect(JSON.parse(again.stdout)).toMatchObject({ engine: 'postgres', applied: [], alreadyApplied: IDS });
  });

  it('says why it cannot connect, without the password, and exits 1', async () => {
    const u = new URL(await clusterUrl());
    u.password = 'not-the-password-7';
    const res = cloudops(['store', 'migrate'], { env: { ...NO_URL, DATABASE_URL: u.toString() } });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(
      new RegExp(
        String.raw`^cloudops store migrate: postgres postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:` +
          String.raw`\d+\/postgres: password authentication failed for user "postgres" \(SQLSTATE 28P01\)` +
          String.raw`; check the user and password`,
      ),
    );
    expect(res.stderr).not.toContain('not-the-password');
  });

  it('refuses a DATABASE_URL that is not Postgres as a config error (exit 2), changing nothing', () => {
    const res = cloudops(['store', 'migrate'], { env: { ...NO_URL, DATABASE_URL: 'mysql://root:s3cret@db/x' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      'cloudops: DATABASE_URL must be a Postgres URL like ' +
        'postgres://USER@HOST:5432/DATABASE, not mysql://...; unset it to use the SQLite ' +
        'file (store.path)\n',
    );
  });
});

describe('the bot on Postgres (DATABASE_URL)', () => {
  it('start keeps its state in Postgres; audit lists and verifies it there; the password is never printed', async () => {
    const url = await testDatabase('start');
    const env = { ...NO_URL, DATABASE_URL: url };
    const password = new URL(url).password;
    const res = cloudops(['start'], { input: 'stop web-prod-1\n', env });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('== Plan: Stop an EC2 instance ==');
    expect(res.stderr).not.toContain('SQLite');
    expect(res.stdout + res.stderr).not.toContain(password);
    // The request and its audit trail are in the Postgres database, not in a file.
    const db = await openSqlStore(url);
    try {
      expect(await db.query('SELECT state FROM approval_requests')).toEqual([{ state: 'proposed' }]);
    } finally {
      await db.close();
    }
    const audit = cloudops(['audit', '--json'], { env });
    expect(audit.code).toBe(0);
    expect(
      audit.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).kind),
    ).toEqual(expect.arrayContaining(['request', 'understood', 'plan']));
    const verify = cloudops(['audit', 'verify'], { env });
    expect(verify.stdout).toMatch(/^audit trail intact: \d+ record\(s\), chain verified/);
    expect(verify.code).toBe(0);
  });

  it('a Postgres server that refuses the password: start exits 1 saying why, without the password', async () => {
    const url = new URL(await testDatabase('nopass'));
    url.password = 'not-the-password-xyz';
    const res = cloudops(['start'], { input: 'help\n', env: { ...NO_URL, DATABASE_URL: url.toString() } });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/password authentication failed/);
    expect(res.stderr).not.toContain('not-the-password-xyz');
  });
});
