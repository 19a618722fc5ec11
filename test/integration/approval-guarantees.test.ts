import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudError } from '../../src/cloud';
import { SandboxEc2 } from '../../src/cloud/sandbox/SandboxEc2';
import { StepRunner } from '../../src/execution';
import type { Bot } from '../../src/main';
import { serveApprovals } from '../../src/main';
import { FakeClock, testBot } from '../helpers/bot';
import { click, person, RecordingSink, say } from '../helpers/sink';

const alice = person('alice');
const bob = person('bob');
const carol = person('carol');
const mallory = person('mallory');

/** Real (not dry-run) StopInstances calls the sandbox received. */
function stopCalls(spy: jest.SpyInstance): number {
  return spy.mock.calls.filter(([input]) => !input.DryRun).length;
}

async function instanceState(bot: Bot, name: string): Promise<string | undefined> {
  const r = bot.inventory.all('ec2-instance').find((x) => x.name === name)!;
  const out = await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] });
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

describe('approvals: exactly once, deny by default, N of M, expiry, restarts', () => {
  let spy: jest.SpyInstance;
  let dir: string;
  beforeEach(() => {
    spy = jest.spyOn(SandboxEc2.prototype, 'stopInstances');
    dir = mkdtempSync(join(tmpdir(), 'cloudops-approvals-'));
  });
  afterEach(() => {
    spy.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('100 simultaneous approve clicks start the execution exactly once', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    const approvers = [bob, carol];
    await Promise.all(Array.from({ length: 100 }, (_, i) => bot.conversation.handle(click(approvers[i % 2], card), sink)));

    expect(stopCalls(spy)).toBe(1);
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['execution-start'] })).toHaveLength(1);
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['approval'] })).toHaveLength(1);
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    expect(await instanceState(bot, 'web-prod-1')).toBe('stopped');
    // Everyone else is told it is already under way or done; nobody is told it ran twice.
    const late = sink.whispers.map((w) => w.message.text);
    expect(late).toHaveLength(99);
    expect(late.every((t) => /^That request has already (been approved|started running|succeeded)/.test(t ?? ''))).toBe(true);
    bot.close();
  });

  it('a double click by the same approver runs once', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-2'), sink);
    const card = sink.planCard();
    await Promise.all([bot.conversation.handle(click(bob, card), sink), bot.conversation.handle(click(bob, card), sink)]);
    await bot.conversation.handle(click(bob, card), sink); // a Slack retry, later
    expect(stopCalls(spy)).toBe(1);
    expect(sink.whispersTo('bob')).toEqual([
      expect.stringMatching(/already (been approved|started running|succeeded)/),
      expect.stringMatching(/already succeeded/),
    ]);
    bot.close();
  });

  it("refuses, privately and on the record, a non-approver's click and the requester's own click on a high request", async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-3'), sink);
    const card = sink.planCard();
    expect(card.message.risk?.level).toBe('high');
    await bot.conversation.handle(click(alice, card), sink);
    await bot.conversation.handle(click(mallory, card), sink);
    await bot.conversation.handle(click(mallory, card, 'reject'), sink);

    expect(sink.whispersTo('alice')).toEqual([expect.stringContaining('You cannot do that: you asked for this change')]);
    expect(sink.whispersTo('mallory')).toEqual([
      expect.stringContaining('you are not an approver for this risk level'),
      expect.stringContaining('cannot reject it either'),
    ]);
    const refusals = await bot.audit.list({ requestId: 'req-0001', kinds: ['refusal'] });
    expect(refusals.map((r) => [r.actor, r.data.decision])).toEqual([
      ['console:alice', 'approve'],
      ['console:mallory', 'approve'],
      ['console:mallory', 'reject'],
    ]);
    // The request is unchanged: still waiting, no votes, nothing ran, the card never changed.
    const rec = (await bot.desk.get('req-0001'))!;
    expect(rec.state).toBe('proposed');
    expect(rec.approvals).toEqual([]);
    expect(sink.updates).toEqual([]);
    expect(stopCalls(spy)).toBe(0);
    bot.close();
  });

  it('N of M needs N distinct people: the same approver twice counts once', async () => {
    const config = {
      sandbox: {},
      approval: { approvers: { oncall: { console: ['bob', 'carol', 'dave'] } }, levels: { high: { approvers: 2 } } },
    };
    const bot = await testBot({ config });
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    expect(card.message.text).toContain('Needs 2 approvers from oncall (not the requester).');
    await bot.conversation.handle(click(bob, card), sink);
    await bot.conversation.handle(click(bob, card), sink);
    expect(stopCalls(spy)).toBe(0);
    const rec = (await bot.desk.get('req-0001'))!;
    expect(rec.state).toBe('proposed');
    expect(rec.approvals.map((a) => a.user.id)).toEqual(['bob']);
    expect(sink.latest(card.ref).text).toContain('1 of 2 approvals so far.');
    // Bob's second click is not silently "counted": he is told it counts once and who else is needed.
    expect(sink.whispersTo('bob')).toEqual([
      'You have already approved this; your vote counts once. It needs 1 more approver from oncall.',
    ]);
    expect((await bot.audit.list({ requestId: 'req-0001' })).filter((r) => r.kind === 'approval')).toHaveLength(1);
    await bot.conversation.handle(click(carol, card), sink);
    expect(stopCalls(spy)).toBe(1);
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    expect(sink.latest(card.ref).context?.join(' ')).toContain('approved by bob, carol');
    bot.close();
  });

  it('a request nobody approves in time expires, closes, and its card says so (injected clock)', async () => {
    const clock = new FakeClock();
    const bot = await testBot({ clock });
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    expect(card.message.text).toContain('Open until 2026-11-22 10:00 UTC');
    clock.advance(59 * 60_000);
    expect(await bot.conversation.expireDue(sink)).toBe(0);
    clock.advance(60_000);
    expect(await bot.conversation.expireDue(sink)).toBe(1);
    const closed = sink.latest(card.ref);
    expect(closed.text).toContain('Expired: nobody approved in time');
    expect(closed.text).toContain('Expired at 2026-11-22 10:00 UTC');
    expect(closed.buttons).toEqual([]);
    await bot.conversation.handle(click(bob, card), sink);
    expect(sink.whispersTo('bob')).toEqual(['That request has already expired; nothing more to do.']);
    expect(stopCalls(spy)).toBe(0);
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['expiry'] })).toHaveLength(1);
    bot.close();
  });

  it('a click after the time to live but before the sweep also finds it expired', async () => {
    const clock = new FakeClock();
    const bot = await testBot({ clock, config: { sandbox: {}, approval: { ttl: '15m', approvers: { demo: { console: ['bob'] } } } } });
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    clock.advance(15 * 60_000);
    await bot.conversation.handle(click(bob, sink.planCard()), sink);
    expect(sink.whispersTo('bob')).toEqual([expect.stringContaining('expired before it was approved')]);
    expect((await bot.desk.get('req-0001'))!.state).toBe('expired');
    expect(stopCalls(spy)).toBe(0);
    bot.close();
  });

  it('a pending request survives a restart and its buttons still work', async () => {
    const storePath = join(dir, 'store.db');
    const first = await testBot({ storePath });
    const sink = new RecordingSink();
    await first.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    first.close();

    const second = await testBot({ storePath });
    const after = new RecordingSink();
    await second.conversation.handle(click(bob, card), after);
    expect(stopCalls(spy)).toBe(1);
    expect((await second.desk.get('req-0001'))!.state).toBe('succeeded');
    // The card posted before the restart is the one updated.
    expect(after.updates.at(-1)!.ref).toEqual(card.ref);
    expect(after.updates.at(-1)!.message.text).toContain('Result: i-');
    expect(await second.audit.verify()).toEqual({ ok: true, records: (await second.audit.list()).length });
    second.close();
  });

  it('an execution running when the process died is marked interrupted, reported in its thread, never re-run', async () => {
    const storePath = join(dir, 'store.db');
    const first = await testBot({ storePath });
    const sink = new RecordingSink();
    await first.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    // The real StopInstances never answers: the process "dies" while it is running.
    spy.mockImplementation((input: { DryRun?: boolean }) =>
      input.DryRun
        ? Promise.reject(new CloudError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.'))
        : new Promise(() => {}),
    );
    void first.conversation.handle(click(bob, card), sink);
    for (let i = 0; i < 100 && (await first.desk.get('req-0001'))!.state !== 'executing'; i++) await new Promise((r) => setImmediate(r));
    expect((await first.desk.get('req-0001'))!.state).toBe('executing');
    first.close();
    spy.mockClear();

    // The next process starts after the dead one's lease (60 s) ran out; opening the store changes nothing yet.
    const second = await testBot({ storePath, clock: new FakeClock(new Date(Date.now() + 61_000)) });
    expect((await second.desk.get('req-0001'))!.state).toBe('executing');
    const out = new RecordingSink();
    const stop = await serveApprovals(second, { platform: 'console', sink: out });
    stop();
    const rec = (await second.desk.get('req-0001'))!;
    expect(rec.state).toBe('interrupted');
    expect(await second.audit.list({ requestId: 'req-0001', kinds: ['interrupted'] })).toHaveLength(1);
    const report = out.posts.find((p) => p.message.header === 'Interrupted by a restart')!;
    expect(report.ref.place.thread).toBe(card.ref.id);
    expect(report.message.text).toContain('it was not run again');
    expect(report.message.text).toContain('Check web-prod-1 before asking again');
    expect(out.latest(card.ref).text).toContain('Interrupted');
    expect(stopCalls(spy)).toBe(0);
    // Reported once: the next start-up does not repeat it.
    const again = new RecordingSink();
    (await serveApprovals(second, { platform: 'console', sink: again }))();
    expect(again.posts).toEqual([]);
    second.close();
  });

  it('an error on the bot side during the run is recorded as failed, never left running', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    const crash = jest.spyOn(StepRunner.prototype, 'execute').mockRejectedValueOnce(new Error('out of memory'));
    await bot.conversation.handle(click(bob, card), sink);
    const rec = (await bot.desk.get('req-0001'))!;
    expect(rec.state).toBe('failed');
    expect(rec.result).toContain('some steps may have run. Check web-prod-1 before asking again');
    expect(rec.result).toContain('out of memory');
    expect(sink.latest(card.ref).text).toContain('Failed');
    crash.mockRestore();
    bot.close();
  });
});
