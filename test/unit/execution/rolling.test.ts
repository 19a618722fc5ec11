import type { FleetPlan, Playbook, Resource } from '../../../src/core';
import { rollOut } from '../../../src/execution/rolling';
import { checkHealth } from '../../../src/execution/health';

const member = (n: number): Resource => ({
  type: 'ec2-instance',
  id: `i-${n}`,
  name: `node-${n}`,
  account: '1',
  region: 'r',
  state: 'running',
  tags: {},
  facts: {},
});
const playbook = { id: 'ec2-reboot-instance', steps: [] } as unknown as Playbook;
const fleet = (size: number, concurrency: number, pauseSeconds: number): FleetPlan => ({
  param: 'instance',
  selector: {},
  described: 'x',
  members: Array.from({ length: size }, (_, i) => member(i + 1)),
  skipped: [],
  concurrency,
  pauseSeconds,
});

describe('rolling run', () => {
  it('runs in batches of `concurrency`, waits `pause` between batches (not after the last), gate after each member', async () => {
    const order: string[] = [];
    const slept: number[] = [];
    const result = await rollOut(
      {
        runMember: async (p) => (
          order.push(`run ${(p.instance as Resource).name}`),
          { ok: true, steps: [{ step: 's', action: 'a', ok: true, summary: 'rebooted', awsRequestIds: ['r'] }] }
        ),
        gate: async (r) => (order.push(`gate ${r.name}`), { ok: true, summary: 'status checks ok' }),
        sleep: async (ms) => void slept.push(ms),
        audit: { record: async () => {} },
      },
      playbook,
      {},
      fleet(5, 2, 300),
      { requestId: 'req', onProgress: () => {} },
    );
    expect(result.ok).toBe(true);
    expect(slept).toEqual([300_000, 300_000]);
    expect(result.members.map((m) => m.status)).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(order.indexOf('gate node-1')).toBeLessThan(order.indexOf('run node-3'));
  });

  it('the first failing gate stops the rest: done, failed, not started', async () => {
    const result = await rollOut(
      {
        runMember: async () => ({ ok: true, steps: [] }),
        gate: async (r) => ({ ok: r.name !== 'node-2', summary: r.name === 'node-2' ? 'status checks impaired' : 'ok' }),
        sleep: async () => {},
        audit: { record: async () => {} },
      },
      playbook,
      {},
      fleet(4, 1, 0),
      { requestId: 'req', onProgress: () => {} },
    );
    expect(result.ok).toBe(false);
    expect(result.members.map((m) => `${m.resource.name} ${m.status}`)).toEqual([
      'node-1 done',
      'node-2 failed',
      'node-3 not started',
      'node-4 not started',
    ]);
  });

  it('RDS gate: waits through rebooting, passes on available, fails on a broken state', async () => {
    const states = ['rebooting', 'rebooting', 'available'];
    const provider = {
      rds: () => ({ describeDBInstances: async () => ({ DBInstances: [{ DBInstanceStatus: states.shift() ?? 'available' }] }) }),
    } as never;
    const db: Resource = { ...member(1), type: 'rds-instance', id: 'orders-db', name: 'orders-db' };
    const ctx = { provider, target: { account: '1', region: 'r' }, sleep: async () => {}, attempts: 10, intervalMs: 15_000 };
    expect(await checkHealth(ctx, db)).toEqual({ ok: true, summary: 'available' });
    const broken = { rds: () => ({ describeDBInstances: async () => ({ DBInstances: [{ DBInstanceStatus: 'storage-full' }] }) }) } as never;
    expect(await checkHealth({ ...ctx, provider: broken }, db)).toEqual({ ok: false, summary: 'status storage-full' });
    const stuck = { rds: () => ({ describeDBInstances: async () => ({ DBInstances: [{ DBInstanceStatus: 'rebooting' }] }) }) } as never;
    expect(await checkHealth({ ...ctx, provider: stuck, attempts: 3 }, db)).toEqual({ ok: false, summary: 'not available after 45 s' });
  });
});
