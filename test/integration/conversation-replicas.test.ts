import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatPlace } from '../../src/core';
import { buildBot, DEMO_ESTATE, type Bot } from '../../src/main';
import { parseTestConfig, silentLog } from '../helpers/bot';
import { click, person, RecordingSink, say } from '../helpers/sink';
import { ENGINES, storeLocation } from '../helpers/stores';

/**
 * Two replicas (two Bot instances) on one store: a clarification asked on one is answered by a click that
 * reaches the other, and a follow-up in a plan's thread is understood by whichever replica gets it. Before
 * conversation state moved into the store, B knew nothing of A's questions and threads.
 */
describe.each(ENGINES)('conversation state shared by replicas (%s)', (engine) => {
  let dir: string;
  const bots: Bot[] = [];
  const alice = person('alice', { platform: 'slack' });
  const channel: ChatPlace = { platform: 'slack', channel: 'C0OPS' };

  async function replica(where: string, name: string): Promise<Bot> {
    let n = 0;
    const bot = await buildBot({
      loaded: { config: parseTestConfig({ sandbox: {}, approval: { approvers: { demo: { slack: ['U0BOB'] } } } }), file: null },
      sandboxFile: DEMO_ESTATE,
      storePath: where,
      sleep: async () => {},
      log: silentLog,
      newId: () => `req-${name}${String(++n).padStart(3, '0')}`,
    });
    bots.push(bot);
    return bot;
  }

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cloudops-conv-'))));
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a clarification asked on A is answered by a click on B, once', async () => {
    const where = await storeLocation(engine, join(dir, 'store.db'), 'conv');
    const [a, b] = [await replica(where, 'a'), await replica(where, 'b')];
    const [sinkA, sinkB] = [new RecordingSink(), new RecordingSink()];
    await a.conversation.handle(say(alice, 'reboot worker-a-1', channel), sinkA);
    const question = sinkA.posts.find((p) => p.message.buttons?.some((x) => x.action === 'choose'));
    expect(question?.message.header).toBe('Which one did you mean by "worker-a-1"?');

    await b.conversation.handle(click(alice, question!, 'choose'), sinkB);
    expect(sinkB.whispers).toEqual([]);
    const plan = sinkB.planCard();
    expect(plan.message.header).toBe('Plan: Reboot an EC2 instance');
    expect(JSON.stringify(plan.message)).toContain('worker-a-1');

    // The same click again (a double click, or a retry reaching A): the question was answered.
    await a.conversation.handle(click(alice, question!, 'choose'), sinkA);
    expect(sinkA.whispersTo('alice')).toEqual([expect.stringContaining('That question has expired')]);
    expect(sinkA.posts.filter((p) => p.message.kind === 'plan')).toHaveLength(0);
  });

  it("a follow-up in a plan's thread is understood by the other replica, and after a restart", async () => {
    const where = await storeLocation(engine, join(dir, 'store.db'), 'conv');
    const a = await replica(where, 'a');
    const sinkA = new RecordingSink();
    await a.conversation.handle(say(alice, 'stop web-prod-1', channel), sinkA);
    const first = sinkA.planCard();
    const thread: ChatPlace = { ...channel, thread: first.ref.id };

    const b = await replica(where, 'b');
    const sinkB = new RecordingSink();
    await b.conversation.handle({ ...say(alice, 'and web-prod-2 too', thread), addressed: false }, sinkB);
    const second = sinkB.planCard();
    expect(second.message.header).toBe('Plan: Stop an EC2 instance');
    expect(JSON.stringify(second.message)).toContain('web-prod-2');

    // A restarts (a new process on the same store): the thread still answers.
    await a.close();
    const again = await replica(where, 'c');
    const sinkC = new RecordingSink();
    await again.conversation.handle({ ...say(alice, 'and web-prod-3 too', thread), addressed: false }, sinkC);
    expect(JSON.stringify(sinkC.planCard().message)).toContain('web-prod-3');
  });
});
