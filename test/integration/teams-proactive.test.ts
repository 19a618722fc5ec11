/**
 * Proactive messages after a restart: the conversation reference lives in the store, so a new process
 * can post a digest into a channel it has not heard from since, and finish an approval on a card
 * posted before the restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatPlatforms, hasChatPlatforms, startChat, type Bot, type RunningChat } from '../../src/main';
import { ConversationReferenceRepository } from '../../src/store';
import { silentLog, testBot } from '../helpers/bot';
import {
  cardActionActivity,
  cardIn,
  cardText,
  deliver,
  FakeConnector,
  messageActivity,
  TENANT,
  type TeamsUser,
  type Where,
} from '../helpers/teams';

const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const BOB: TeamsUser = { id: '29:bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob' };
const CHANNEL = '19:ops-channel@thread.tacv2';
const config = {
  sandbox: {},
  approval: { approvers: { ops: { teams: [BOB.aadObjectId] } } },
  teams: { port: 0, allowUnauthenticated: true },
};

describe('Teams proactive posts survive a restart', () => {
  let connector: FakeConnector;
  let storePath: string;
  const running: { bot: Bot; chat: RunningChat }[] = [];

  async function boot(): Promise<{ bot: Bot; chat: RunningChat }> {
    const bot = await testBot({ config, storePath });
    const chat = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
    running.push({ bot, chat });
    return { bot, chat };
  }

  async function shutdown(p: { bot: Bot; chat: RunningChat }): Promise<void> {
    await p.chat.stop();
    p.bot.close();
    running.splice(running.indexOf(p), 1);
  }

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    storePath = join(mkdtempSync(join(tmpdir(), 'teams-restart-')), 'cloudops.db');
  });

  afterEach(async () => {
    for (const p of [...running]) await shutdown(p);
    await connector.close();
  });

  it('posts a digest into a channel after a restart, and an approval on an old card still runs and updates it', async () => {
    const where: Where = {
      serviceUrl: connector.url,
      conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: TENANT },
    };
    const first = await boot();
    await deliver(first.chat.httpPort!, messageActivity(where, ALICE, 'stop web-prod-1'));
    await first.chat.teams!.idle();
    const planId = connector.posts()[0].id!;
    await shutdown(first);

    const second = await boot();
    expect((await new ConversationReferenceRepository(second.bot.store).list('teams')).map((c) => c.channel)).toEqual([CHANNEL]);

    // A digest, with no incoming message since the restart: a new top-level post in the channel.
    const ref = await second.chat.teams!.sink.post(
      { platform: 'teams', channel: CHANNEL },
      { kind: 'digest', header: 'Cost digest', items: ['EC2: $12.00'] },
    );
    const digest = connector.posts().find((p) => p.id === ref.id)!;
    expect(digest.conversation).toBe(CHANNEL);
    expect(cardText(cardIn(digest.body))).toContain('Cost digest');

    // Bob approves the card posted before the restart.
    const res = await deliver(
      second.chat.httpPort!,
      cardActionActivity(where, BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }),
    );
    expect(cardText(res.body.value)).toContain('Approved by Bob. Running…');
    await second.chat.teams!.idle();
    expect(cardText(connector.cardOf(planId))).toMatch(/Result: i-[0-9a-f]+ is stopped/);
    const after = connector
      .posts()
      .filter((p) => p.id !== ref.id)
      .slice(1);
    expect(after.length).toBeGreaterThan(0);
    for (const p of after) expect(p.conversation).toBe(`${CHANNEL};messageid=1700000000001`);
  });
});
