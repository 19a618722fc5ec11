import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApprovalDesk } from '../../src/approvals';
import { parseConfig } from '../../src/config';
import { ApprovalRepository, openStoreMigrated } from '../../src/store';
import { testDatabase } from '../helpers/postgres';

const run = promisify(execFile);

/** Several bot processes on one store (replicas, or a restart racing a retry): still exactly once, on both engines. */
describe.each(['sqlite', 'postgres'] as const)('exactly once across processes sharing the store (%s)', (engine) => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cloudops-replicas-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('4 processes x 25 approve clicks on one request: one approval, one execution start', async () => {
    const store = engine === 'sqlite' ? join(dir, 'store.db') : await testDatabase('replicas');
    const db = await openStoreMigrated(store);
    const desk = new ApprovalDesk(
      new ApprovalRepository(db),
      parseConfig({ approval: { approvers: { sre: { console: ['bob', 'carol'] } } } }).approval,
      { now: () => new Date() },
    );
    await desk.open(
      'req-shared',
      {
        input: 'stop web-prod-1',
        playbook: 'ec2-stop-instance',
        params: {},
        risk: { level: 'high', reasons: [], blocked: false, reversible: true },
        approval: { required: true, approvers: 1, requesterMayApprove: false, eligible: ['sre'], ttlSeconds: 3600 },
      },
      { platform: 'console', id: 'alice' },
      { platform: 'console', channel: 'ops' },
    );
    await db.close();
    const startAt = String(Date.now() + 4000);
    const worker = join(__dirname, '../helpers/approve-worker.js');
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        run(process.execPath, [worker, store, 'req-shared', `w${n}`, '25', startAt], { cwd: join(__dirname, '../..') }),
      ),
    );
    const outs = results.map((r) => JSON.parse(r.stdout) as { approved: number; executed: number; outcomes: Record<string, number> });
    expect(outs.reduce((n, o) => n + o.approved, 0)).toBe(1);
    expect(outs.reduce((n, o) => n + o.executed, 0)).toBe(1);
    expect(outs.reduce((n, o) => n + Object.values(o.outcomes).reduce((a, b) => a + b, 0), 0)).toBe(100);
    const check = await openStoreMigrated(store);
    expect((await new ApprovalRepository(check).get('req-shared'))!.state).toBe('executing');
    await check.close();
  });
});
