import { SANDBOX_DEMO_CONFIG, parseConfig } from '../../../src/config';
import type { ChatMessage, ChatPlace, ChatSink, MessageRef } from '../../../src/core';
import { DigestScheduler } from '../../../src/digests';
import { DigestRunRepository } from '../../../src/store';
import { FakeClock, silentLog, testBot } from '../../helpers/bot';

class RecordingSink implements ChatSink {
  posts: { place: ChatPlace; message: ChatMessage }[] = [];
  async post(place: ChatPlace, message: ChatMessage): Promise<MessageRef> {
    this.posts.push({ place, message });
    return { place, id: `m${this.posts.length}` };
  }
  async update(): Promise<void> {}
  async whisper(): Promise<void> {}
}

describe('a scheduled findings digest', () => {
  afterEach(() => jest.useRealTimers());

  it('`kind: findings` in `digests:` posts the findings digest on its schedule', async () => {
    const jobs = parseConfig({
      digests: [{ kind: 'findings', schedule: '0 9 * * 1', timezone: 'UTC', channel: { platform: 'console', id: 'finops' } }],
    }).digests;
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date('2026-11-23T08:59:30Z')) });
    jest.useFakeTimers({ now: new Date('2026-11-23T08:59:30Z'), doNotFake: ['setImmediate', 'nextTick'] });
    const sink = new RecordingSink();
    const clock = { now: () => new Date() };
    const scheduler = new DigestScheduler({
      jobs,
      digests: bot.digests,
      runs: new DigestRunRepository(bot.store, clock.now),
      clock,
      log: silentLog,
      instance: 'a',
    });
    await scheduler.start({ console: sink });
    await jest.advanceTimersByTimeAsync(60_000);
    await scheduler.stop();
    jest.useRealTimers();
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0].message.header).toMatch(/^Findings: \d+ to act on, ~\$[\d,.]+\/month to save$/);
    expect(sink.posts[0].message.download?.value).toBe('digest:csv:findings');
    bot.close();
  });
});
