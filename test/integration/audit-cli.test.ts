import { mkdtempSync, rmSync } from 'node:fs';
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
    jest.resetModules();
    const { main: fresh } = require('../../src/cli') as { main: typeof main };
    await fresh(['node', 'cloudops', ...args]);
    return Number(process.exitCode ?? 0);
  }

  it('lists the trail as JSON lines and verifies it', async () => {
    expect(await run('audit', '--store', store, '--json')).toBe(0);
    const kinds = out.trim().split('\n').map((l) => JSON.parse(l).kind);
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
