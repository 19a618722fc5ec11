import { parseConfig, type DigestConfig } from '../../../src/config';
import type { ChatMessage, ChatPlace, ChatSink, MessageRef } from '../../../src/core';
import { DigestScheduler, type DigestRequest, type DigestSource } from '../../../src/digests';
import { DigestRunRepository, openStoreMigrated, type SqlStore } from '../../../src/store';
import { silentLog } from '../../helpers/bot';

/** Records posts; the message says which digest and which "today" it was built for. */
class RecordingSink implements ChatSink {
  posts: { place: ChatPlace; message: ChatMessage }[] = [];
  async post(place: ChatPlace, message: ChatMessage): Promise<MessageRef> {
    this.posts.push({ place, message });
    return { place, id: `m${this.posts.length}` };
  }
  async update(): Promise<void> {}
  async whisper(): Promise<void> {}
}

const source = (fail = false): DigestSource => ({
  async message(kind, request: DigestRequest): Promise<ChatMessage> {
    return fail ? { kind: 'error', text: `${kind} failed: no access` } : { kind: 'digest', header: `${kind} digest for ${request.today}` };
  },
});

function jobs(raw: unknown[]): DigestConfig[] {
  return parseConfig({ digests: raw }).digests;
}

const COST_0900_BERLIN = { kind: 'cost', schedule: '0 9 * * *', timezone: 'Europe/Berlin', channel: { platform: 'console', id: 'finops' } };

// node-cron runs on real timers and `new Date()`; jest's fake timers move both, so these tests are the
// clock: time passes only when they advance it.
describe('digest scheduling (node-cron with a run coordinator in the store)', () => {
  let db: SqlStore;
  const clock = { now: () => new Date() };

  beforeEach(async () => {
    db = await openStoreMigrated(':memory:');
  });
  afterEach(async () => {
    jest.useRealTimers();
    await db.close();
  });

  function scheduler(config: DigestConfig[], options: { fail?: boolean; instance?: string; catchUpMs?: number } = {}) {
    return new DigestScheduler({
      jobs: config,
      digests: source(options.fail),
      runs: new DigestRunRepository(db, clock.now),
      clock,
      log: silentLog,
      instance: options.instance ?? 'a',
      catchUpMs: options.catchUpMs,
    });
  }

  it('posts once per scheduled time across a restart, in the schedule time zone', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T07:59:30Z') }); // 08:59:30 in Berlin
    const sink = new RecordingSink();
    const first = scheduler(jobs([COST_0900_BERLIN]));
    await first.start({ console: sink });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sink.posts.map((p) => [p.place.channel, p.message.header])).toEqual([['finops', 'cost digest for 2026-11-22']]);

    // Restart half a minute after the post: the new process finds the 09:00 run claimed and posts nothing.
    await first.stop();
    const second = scheduler(jobs([COST_0900_BERLIN]), { instance: 'b' });
    await second.start({ console: sink });
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(sink.posts).toHaveLength(1);

    // The next day's 09:00 Berlin is posted once, by the process now running.
    await jest.advanceTimersByTimeAsync(24 * 3600_000);
    expect(sink.posts.map((p) => p.message.header)).toEqual(['cost digest for 2026-11-22', 'cost digest for 2026-11-23']);
    await second.stop();

    const runs = await new DigestRunRepository(db).list();
    expect(runs.map((r) => [r.scheduledFor, r.state, r.claimedBy, r.message?.id])).toEqual([
      ['2026-11-23T08:00:00.000Z', 'posted', 'b', 'm2'],
      ['2026-11-22T08:00:00.000Z', 'posted', 'a', 'm1'],
    ]);
    expect(runs[0].key).toBe('cost:console:finops:2026-11-23T08:00:00.000Z');
  });

  it('two replicas on one store post each scheduled digest once', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T07:59:00Z') });
    const sink = new RecordingSink();
    const a = scheduler(jobs([COST_0900_BERLIN]), { instance: 'a' });
    const b = scheduler(jobs([COST_0900_BERLIN]), { instance: 'b' });
    await a.start({ console: sink });
    await b.start({ console: sink });
    await jest.advanceTimersByTimeAsync(2 * 60_000);
    expect(sink.posts).toHaveLength(1);
    await a.stop();
    await b.stop();
  });

  it('a restart after a missed run posts it once, late, and a second restart does not post it again', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T08:20:00Z') }); // the bot was down at 09:00 Berlin
    const sink = new RecordingSink();
    const first = scheduler(jobs([COST_0900_BERLIN]));
    await first.start({ console: sink });
    expect(sink.posts.map((p) => p.message.header)).toEqual(['cost digest for 2026-11-22']);
    await first.stop();
    const second = scheduler(jobs([COST_0900_BERLIN]));
    await second.start({ console: sink });
    expect(sink.posts).toHaveLength(1);
    await second.stop();
  });

  it('does not catch up a run older than the catch-up window', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T10:30:00Z') });
    const sink = new RecordingSink();
    const s = scheduler(jobs([COST_0900_BERLIN]), { catchUpMs: 60 * 60_000 });
    await s.start({ console: sink });
    expect(sink.posts).toHaveLength(0);
    await s.stop();
  });

  it('posts the failure message when the digest cannot be built, and records the run as failed', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T07:59:30Z') });
    const sink = new RecordingSink();
    const s = scheduler(jobs([COST_0900_BERLIN]), { fail: true });
    await s.start({ console: sink });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(sink.posts.map((p) => p.message.text)).toEqual(['cost failed: no access']);
    expect((await new DigestRunRepository(db).list())[0]).toMatchObject({ state: 'failed', detail: 'cost failed: no access' });
    await s.stop();
  });

  it('runs each digest in its own time zone and skips platforms with no adapter', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T14:59:00Z') });
    const sink = new RecordingSink();
    const s = scheduler(
      jobs([
        { kind: 'tags', schedule: '0 0 * * *', timezone: 'Asia/Tokyo', channel: { platform: 'console', id: 'tokyo' } }, // 15:00 UTC
        { kind: 'cost', schedule: '0 15 * * *', timezone: 'UTC', channel: { platform: 'slack', id: 'C0123ABCD' } },
      ]),
    );
    await s.start({ console: sink });
    expect(s.nextRuns()).toEqual([{ name: 'tags:console:tokyo', next: new Date('2026-11-22T15:00:00Z') }]);
    await jest.advanceTimersByTimeAsync(2 * 60_000);
    // Midnight in Tokyo is already the 23rd there.
    expect(sink.posts.map((p) => [p.place, p.message.header])).toEqual([
      [{ platform: 'console', channel: 'tokyo' }, 'tags digest for 2026-11-23'],
    ]);
    await s.stop();
  });
});
