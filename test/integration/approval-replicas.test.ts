import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApprovalDesk } from '../../src/approvals';
import { parseConfig } from '../../src/config';
import { ApprovalRepository, openDatabase } from '../../src/store';

const run = promisify(execFile);

/** Several bot processes on one SQLite file (replicas, or a restart racing a retry): still exactly once. */
describe('exactly once across processes sharing the store', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'cloudops-replicas-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('4 processes x 25 approve clicks on one request: one approval, one execution start', async () => {
    const store = join(dir, 'store.db');
    const db = openDatabase(store);
    const desk = new ApprovalDesk(new ApprovalRepository(db), parseConfig({ approval: { approvers: { sre: { console: ['bob', 'carol'] } } } }).approval, { now: () => new Date() });
    await desk.open(
      'req-shared',
      { input: 'stop web-prod-1', playbook: 'ec2-stop-instance', params: {}, risk: { level: 'high', reasons: [], blocked: false, reversible: true }, approval: { required: true, approvers: 1, requesterMayApprove: false, eligible: ['sre'], ttlSeconds: 3600 } },
      { platform: 'console', id: 'alice' },
      { platform: 'console', channel: 'ops' },
    );
    db.close();
    const startAt = String(Date.now() + 4000);
    const worker = join(__dirname, '../helpers/approve-worker.js');
    const results = await Promise.all([1, 2, 3, 4].map((n) => run(process.execPath, [worker, store, 'req-shared', `w${n}`, '25', startAt], { cwd: join(__dirname, '../..') })));
    const outs = results.map((r) => JSON.parse(r.stdout) as { approved: number; executed: number; outcomes: Record<string, number> });
    expect(outs.reduce((n, o) => n + o.approved, 0)).toBe(1);
    expect(outs.reduce((n, o) => n + o.executed, 0)).toBe(1);
    expect(outs.reduce((n, o) => n + Object.values(o.outcomes).reduce((a, b) => a + b, 0), 0)).toBe(100);
    const check = openDatabase(store);
    expect(new ApprovalRepository(check).get('req-shared')!.state).toBe('executing');
    check.close();
  });
});
