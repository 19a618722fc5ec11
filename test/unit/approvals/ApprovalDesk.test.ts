import { ApprovalDesk, approvalRefusal, isApprover } from '../../../src/approvals';
import { parseConfig } from '../../../src/config';
import type { ApprovalNeed, ChatUser, StoredPlan } from '../../../src/core';
import { ApprovalRepository, type SqlStore } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';
import { ENGINES, freshStore } from '../../helpers/stores';

const policy = parseConfig({
  approval: {
    approvers: {
      sre: {
        console: ['bob', 'carol', 'dave'],
        slack: ['U0BOB', 'S0SRE'],
        teams: ['2f9a0c1e-1111-4c1e-9e55-000000000001', 'Erin@Example.com'],
      },
      dba: { console: ['dana'] },
    },
  },
}).approval;

const user = (id: string, extra: Partial<ChatUser> = {}): ChatUser => ({ platform: 'console', id, displayName: id, ...extra });
const alice = user('alice');

function plan(need: Partial<ApprovalNeed> = {}, blocked = false): StoredPlan {
  return {
    input: 'stop web-prod-1',
    playbook: 'ec2-stop-instance',
    params: {},
    risk: { level: 'high', reasons: blocked ? ['web-prod-1 is stopped'] : [], blocked, reversible: true },
    approval: { required: true, approvers: 1, requesterMayApprove: false, eligible: ['sre'], ttlSeconds: 3600, ...need },
  };
}

describe('who may approve (deny by default)', () => {
  const need = plan().approval;

  it('console names, Slack user ids and user groups, Teams object ids and user principal names', () => {
    expect(isApprover(policy, ['sre'], user('bob'))).toBe(true);
    expect(isApprover(policy, ['sre'], { platform: 'slack', id: 'U0BOB' })).toBe(true);
    expect(isApprover(policy, ['sre'], { platform: 'slack', id: 'U0ZED', groups: ['S0SRE'] })).toBe(true);
    expect(isApprover(policy, ['sre'], { platform: 'teams', id: '2f9a0c1e-1111-4c1e-9e55-000000000001' })).toBe(true);
    expect(isApprover(policy, ['sre'], { platform: 'teams', id: 'aad-erin', principalName: 'erin@example.com' })).toBe(true);
  });

  it('refuses everyone else: other platforms, other sets, unknown sets, no sets', () => {
    expect(isApprover(policy, ['sre'], { platform: 'slack', id: 'bob' })).toBe(false); // a console name is not a Slack id
    expect(isApprover(policy, ['sre'], { platform: 'console', id: 'U0BOB' })).toBe(false);
    expect(isApprover(policy, ['sre'], { platform: 'slack', id: 'U0ZED', groups: ['S0OTHER'] })).toBe(false);
    expect(isApprover(policy, ['sre'], { platform: 'teams', id: 'x', principalName: 'mallory@example.com' })).toBe(false);
    expect(isApprover(policy, ['dba'], user('bob'))).toBe(false);
    expect(isApprover(policy, ['nope'], user('bob'))).toBe(false);
    expect(isApprover(policy, [], user('bob'))).toBe(false);
  });

  it('the requester never approves their own request above low unless the policy says so', () => {
    expect(approvalRefusal(policy, need, alice, alice)).toMatch(/you asked for this change/);
    expect(approvalRefusal(policy, { ...need, requesterMayApprove: true }, alice, alice)).toBeUndefined();
    expect(approvalRefusal(policy, need, alice, user('mallory'))).toBe(
      'you are not an approver for this risk level (approvers come from: sre). Ask one of them.',
    );
    expect(approvalRefusal(policy, { ...need, eligible: [] }, alice, user('mallory'))).toMatch(/nobody is configured to approve/);
  });
});

describe.each(ENGINES)('ApprovalDesk: the state machine (%s)', (engine) => {
  let db: SqlStore;
  let clock: FakeClock;
  let desk: ApprovalDesk;
  beforeEach(async () => {
    db = await freshStore(engine, 'desk');
    clock = new FakeClock();
    desk = new ApprovalDesk(new ApprovalRepository(db), policy, clock);
  });
  afterEach(() => db.close());

  const place = { platform: 'console' as const, channel: 'ops' };

  it('proposed -> approved -> executing -> succeeded, each step once', async () => {
    await desk.open('r1', plan(), alice, place);
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({ kind: 'approved' });
    expect(await desk.decide('r1', user('carol'), 'approve')).toEqual({ kind: 'closed', state: 'approved' });
    expect(await desk.beginExecution('r1')).toBe(true);
    expect(await desk.beginExecution('r1')).toBe(false);
    await desk.finish('r1', 'succeeded', 'stopped');
    expect((await desk.get('r1'))!).toMatchObject({ state: 'succeeded', result: 'stopped', closedBy: user('bob') });
  });

  it('N of M: two distinct approvers; the same person twice counts once', async () => {
    await desk.open('r1', plan({ approvers: 2 }), alice, place);
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({ kind: 'counted', have: 1, need: 2 });
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({ kind: 'counted', have: 1, need: 2, again: true });
    // The same person on another platform is another identity: it needs its own entry in the set.
    expect(await desk.decide('r1', { platform: 'slack', id: 'U0BOB' }, 'approve')).toEqual({ kind: 'approved' });
  });

  it('refusals change nothing', async () => {
    await desk.open('r1', plan({ approvers: 2 }), alice, place);
    await desk.decide('r1', user('bob'), 'approve');
    const before = await desk.get('r1');
    expect((await desk.decide('r1', alice, 'approve')).kind).toBe('refused');
    expect((await desk.decide('r1', user('mallory'), 'approve')).kind).toBe('refused');
    expect((await desk.decide('r1', user('mallory'), 'reject')).kind).toBe('refused');
    expect((await desk.decide('r1', user('bob'), 'cancel')).kind).toBe('refused');
    expect(await desk.get('r1')).toEqual(before);
  });

  it('reject by an approver or the requester, cancel only by the requester; both close the request', async () => {
    await desk.open('r1', plan(), alice, place);
    expect(await desk.decide('r1', user('carol'), 'reject')).toEqual({ kind: 'rejected' });
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({ kind: 'closed', state: 'rejected' });
    await desk.open('r2', plan(), alice, place);
    expect(await desk.decide('r2', alice, 'cancel')).toEqual({ kind: 'cancelled' });
    expect((await desk.get('r2'))!).toMatchObject({ state: 'cancelled', closedBy: alice });
  });

  it('expiry: at the TTL a click finds it expired; the sweep closes the rest once', async () => {
    await desk.open('r1', plan({ ttlSeconds: 600 }), alice, place);
    await desk.open('r2', plan({ ttlSeconds: 3600 }), alice, place);
    expect((await desk.get('r1'))!.expiresAt).toBe('2026-11-22T09:10:00.000Z');
    clock.advance(599_000);
    expect(await desk.mayApprove('r1', user('bob'))).toBe(true);
    clock.advance(1_000);
    expect(await desk.mayApprove('r1', user('bob'))).toBe(false);
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({ kind: 'expired' });
    expect(await desk.expireDue()).toEqual([]);
    clock.advance(3000_000);
    expect((await desk.expireDue()).map((r) => r.id)).toEqual(['r2']);
    expect(await desk.expireDue()).toEqual([]);
  });

  it('a blocked plan cannot be approved', async () => {
    await desk.open('r1', plan({}, true), alice, place);
    expect(await desk.mayApprove('r1', user('bob'))).toBe(false);
    expect(await desk.decide('r1', user('bob'), 'approve')).toEqual({
      kind: 'refused',
      reason: 'this plan cannot run: web-prod-1 is stopped.',
    });
  });

  it('revise: new plan, votes dropped, TTL restarted; clicks on the old card are stale', async () => {
    await desk.open('r1', plan({ approvers: 2 }), alice, place);
    await desk.decide('r1', user('bob'), 'approve', 0);
    clock.advance(30 * 60_000);
    const revised = (await desk.revise('r1', 0, plan({ approvers: 3 })))!;
    expect(revised).toMatchObject({ revision: 1, approvals: [], expiresAt: '2026-11-22T10:30:00.000Z' });
    expect(revised.plan.approval.approvers).toBe(3);
    expect(await desk.revise('r1', 0, plan())).toBeUndefined(); // someone else revised first
    expect(await desk.decide('r1', user('carol'), 'approve', 0)).toEqual({ kind: 'stale', revision: 1 });
    expect(await desk.decide('r1', user('carol'), 'approve', 1)).toEqual({ kind: 'counted', have: 1, need: 3 });
  });

  it('at start-up, running and approved-but-not-started executions become interrupted, once, and are reported once', async () => {
    for (const id of ['run', 'ok', 'wait']) await desk.open(id, plan(), alice, place);
    await desk.decide('run', user('bob'), 'approve');
    await desk.beginExecution('run');
    await desk.decide('ok', user('bob'), 'approve');
    desk.close(); // this process dies: its lease is no longer renewed
    // While the lease holds (60 s), nothing is interrupted: the run may still be going.
    clock.advance(59_000);
    expect(await desk.interruptRunning()).toEqual([]);
    clock.advance(1_000);
    const interrupted = await desk.interruptRunning();
    expect(interrupted.map((r) => [r.id, r.state])).toEqual([
      ['run', 'interrupted'],
      ['ok', 'interrupted'],
    ]);
    expect(interrupted[0].result).toMatch(/it was not run again/);
    expect(interrupted[1].result).toMatch(/nothing was run/);
    expect(await desk.interruptRunning()).toEqual([]);
    expect(await desk.beginExecution('ok')).toBe(false);
    expect((await desk.get('wait'))!.state).toBe('proposed');
    expect((await desk.unannounced('console')).map((r) => r.id)).toEqual(['ok', 'run']); // oldest first, then by id
    expect(await desk.unannounced('slack')).toEqual([]);
    expect(await desk.markAnnounced('run')).toBe(true);
    expect(await desk.markAnnounced('run')).toBe(false); // a second replica sweeping at the same time does not report it again
    expect((await desk.unannounced('console')).map((r) => r.id)).toEqual(['ok']);
  });

  it('a live run keeps its lease with heartbeats; another process interrupts it only after the lease expired', async () => {
    const other = new ApprovalDesk(new ApprovalRepository(db), policy, clock, { owner: 'replica-b' });
    await desk.open('run', plan(), alice, place);
    await desk.decide('run', user('bob'), 'approve');
    expect(await desk.beginExecution('run')).toBe(true);
    clock.advance(50_000);
    expect(await desk.heartbeat('run')).toBe(true); // renewed: good for another 60 s from now
    clock.advance(50_000);
    expect(await other.interruptRunning()).toEqual([]);
    expect(await other.heartbeat('run')).toBe(false); // not its lease
    expect(await desk.finish('run', 'succeeded', 'stopped')).toEqual({ recorded: true });
    expect((await desk.get('run'))!.state).toBe('succeeded');
    expect(await desk.heartbeat('run')).toBe(false);
  });

  it("finish() says when the state was changed under the run, and the real outcome replaces 'interrupted'", async () => {
    const other = new ApprovalDesk(new ApprovalRepository(db), policy, clock, { owner: 'replica-b' });
    await desk.open('run', plan(), alice, place);
    await desk.decide('run', user('bob'), 'approve');
    await desk.beginExecution('run');
    clock.advance(61_000); // this process stalled past its lease
    expect((await other.interruptRunning()).map((r) => r.id)).toEqual(['run']);
    expect(await desk.finish('run', 'succeeded', 'stopped')).toEqual({ recorded: true, overrode: 'interrupted' });
    expect((await desk.get('run'))!).toMatchObject({ state: 'succeeded', result: 'stopped' });
    expect(await desk.finish('run', 'failed', 'again')).toEqual({ recorded: false, state: 'succeeded' });
  });
});
