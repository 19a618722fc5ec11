import { join } from 'node:path';
import { openDatabase, sqlMigrations } from '../../../src/store';
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

  it('recognises a SQLite file the bot itself created as up to date', () => {
    const file = join(tempDir(), 'cloudops.db');
    openDatabase(file).close();
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
    expect(res.stderr).toMatch(/^cloudops store migrate: postgres postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: password authentication failed for user "postgres" \(SQLSTATE 28P01\); check the user and password/);
    expect(res.stderr).not.toContain('not-the-password');
  });

  it('refuses a DATABASE_URL that is not Postgres as a config error (exit 2), changing nothing', () => {
    const res = cloudops(['store', 'migrate'], { env: { ...NO_URL, DATABASE_URL: 'mysql://root:s3cret@db/x' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('cloudops: DATABASE_URL must be a Postgres URL like postgres://USER@HOST:5432/DATABASE, not mysql://...; unset it to use the SQLite file (store.path)\n');
  });
});

describe('cloudops start with a Postgres URL', () => {
  it('says the bot still keeps its state in the SQLite file, without printing the password', () => {
    const res = cloudops(['start', '--store', ':memory:'], { input: 'help\n', env: { ...NO_URL, DATABASE_URL: 'postgres://bot:hunter2@db.internal:5432/cloudops' } });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('== What I can do ==');
    expect(res.stderr).toContain("cloudops start: store.url / DATABASE_URL names Postgres (postgres://bot:***@db.internal:5432/cloudops), but this version keeps the bot's state in the SQLite file :memory:; `cloudops store migrate` prepares the Postgres database (docs/store.md).\n");
    expect(res.stderr).not.toContain('hunter2');
  });
});
