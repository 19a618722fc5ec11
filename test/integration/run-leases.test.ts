import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { converse, FakeClock, testBot } from '../helpers/bot';
import { cloudops } from '../helpers/cli';
import { testDatabase } from '../helpers/postgres';

/**
 * Two processes on one store (a SQLite file, and a Postgres database): a replica (a child process) is executing a request while this
 * process runs `cloudops digest tags --print` and a second console on the same store. The live run is
 * never interrupted, and its own result is recorded; only a run whose process died and whose lease ran
 * out (60 s) is marked interrupted, and said so.
 */
describe.each(['sqlite', 'postgres'] as const)('run leases: one process never interrupts another live run (%s)', (engine) => {
  let dir: string;
  let store: string;
  let worker: ChildProcessWithoutNullStreams;
  let lines: AsyncIterableIterator<string>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-leases-'));
    store = engine === 'sqlite' ? join(dir, 'cloudops.db') : await testDatabase('leases');
    // Alice asks for a high-risk stop in a console on the store; Bob approves it in another process.
    const first = await testBot({ storePath: store });
    await converse(first, ['stop web-prod-1']);
    await first.close();
    worker = spawn(process.execPath, [join(__dirname, '../helpers/run-worker.js'), store, 'req-0001', '50'], {
      cwd: join(__dirname, '../..'),
    });
    lines = createInterface({ input: worker.stdout })[Symbol.asyncIterator]();
    expect(JSON.parse((await lines.next()).value)).toEqual({ running: true, decided: 'approved' });
  });

  afterEach(() => {
    worker.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  async function stateOf(id: string, clock?: FakeClock): Promise<{ state: string; interrupted: number }> {
    const bot = await testBot({ storePath: store, clock });
    const rec = (await bot.desk.get(id))!;
    const interrupted = (await bot.audit.list({ requestId: id, kinds: ['interrupted'] })).length;
    await bot.close();
    return { state: rec.state, interrupted };
  }

  /** `cloudops …` on the same store, as another process would run it (in-process: test/helpers/cli.ts). */
  function cli(...args: string[]): string {
    const res = cloudops(args);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    return res.stdout;
  }

  it('digest --print and a second console leave the live run alone; the run records its own result', async () => {
    const digest = cli('digest', 'tags', '--print', '--store', store);
    expect(digest).toMatch(/tag/i);
    const second = await testBot({ storePath: store });
    const said = await converse(second, ['help']);
    await second.close();
    expect(said).not.toContain('Interrupted');
    expect(await stateOf('req-0001')).toEqual({ state: 'executing', interrupted: 0 });

    worker.stdin.write('finish\n');
    expect(JSON.parse((await lines.next()).value)).toEqual({ finished: { recorded: true } });
    expect(await stateOf('req-0001')).toEqual({ state: 'succeeded', interrupted: 0 });
  });

  it('the running process renews its lease (heartbeat) under its own name', async () => {
    worker.stdin.write('beat\n');
    expect(JSON.parse((await lines.next()).value)).toEqual({ beat: true });
    const bot = await testBot({ storePath: store });
    const lease = await (bot.desk as unknown as { repo: { lease(id: string): Promise<{ expiresAt: string; owner: string }> } }).repo.lease(
      'req-0001',
    );
    await bot.close();
    expect(lease.owner).toBe(`worker:${worker.pid}`);
    expect(Date.parse(lease.expiresAt)).toBeGreaterThan(Date.now() + 50_000);
  });

  it('a run whose process died is interrupted only once its lease expired, and the thread is told', async () => {
    worker.stdin.write('die\n');
    await new Promise((ok) => worker.once('exit', ok));
    // Just after the crash the lease still holds: a console starting now leaves the run alone.
    const soon = await testBot({ storePath: store });
    expect(await converse(soon, ['help'])).not.toContain('Interrupted');
    await soon.close();
    expect(await stateOf('req-0001')).toEqual({ state: 'executing', interrupted: 0 });
    // A minute later nobody renewed it: the next console marks it interrupted and says so.
    const later = await testBot({ storePath: store, clock: new FakeClock(new Date(Date.now() + 61_000)) });
    const said = await converse(later, ['help']);
    await later.close();
    expect(said).toContain('Interrupted by a restart');
    expect(said).toContain('it was not run again');
    expect(await stateOf('req-0001')).toEqual({ state: 'interrupted', interrupted: 1 });
  });
});
