import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackApiStandIn } from '../helpers/slack-api';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot';
import { eventCallback, postSigned, slashCommand } from '../helpers/slack-requests';
import { ENGINES, storeLocation } from '../helpers/stores';

/**
 * Two Slack replicas (HTTP mode) on one store, Slack's deliveries spread over them: a plain reply in a
 * plan's thread (no mention) reaches the replica that did not post the card, or the bot after a restart.
 * Before the bot's threads were kept in the store, that replica dropped the reply without a word.
 */
describe.each(ENGINES)('plain replies in a bot thread, on any replica (%s)', (engine) => {
  let dir: string;
  let api: SlackApiStandIn;
  const bots: SlackBot[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-slack-threads-'));
    api = await SlackApiStandIn.start();
  });
  afterEach(async () => {
    for (const b of bots.splice(0)) await b.stop();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reply = (id: string, thread: string, text: string) =>
    eventCallback(id, {
      type: 'message',
      channel: 'C0OPS',
      channel_type: 'channel',
      user: 'UALICE',
      text,
      ts: `1700000300.${id.slice(-6)}`,
      thread_ts: thread,
    });
  const stateOf = async (bot: SlackBot, id: string) =>
    (await bot.bot.store.query<{ state: string }>('SELECT state FROM approval_requests WHERE id = ?', [id]))[0]?.state;

  it('"cancel" in the thread, delivered to the other replica, takes the request back', async () => {
    const where = await storeLocation(engine, join(dir, 'store.db'), 'threads');
    const a = await startSlackBot(api, { store: where, firstId: 0 });
    bots.push(a);
    const b = await startSlackBot(api, { store: where, firstId: 100 });
    bots.push(b);

    expect((await postSigned(a.url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }))).status).toBe(200);
    await a.adapter.idle();
    const card = api.named('chat.postMessage').at(-1)!;
    const ts = card.reply!.ts as string;
    expect(await stateOf(a, 'req-0001')).toBe('proposed');

    expect((await postSigned(b.url, reply('Ev0000000001', ts, 'cancel'))).status).toBe(200);
    await b.adapter.idle();
    expect(await stateOf(b, 'req-0001')).toBe('cancelled');
  });

  it('a follow-up in the thread after a restart of the only replica is answered', async () => {
    const where = await storeLocation(engine, join(dir, 'store.db'), 'threads');
    const a = await startSlackBot(api, { store: where, firstId: 0 });
    expect((await postSigned(a.url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }))).status).toBe(200);
    await a.adapter.idle();
    const ts = api.named('chat.postMessage').at(-1)!.reply!.ts as string;
    await a.stop();

    const again = await startSlackBot(api, { store: where, firstId: 200 });
    bots.push(again);
    const before = api.named('chat.postMessage').length;
    expect((await postSigned(again.url, reply('Ev0000000002', ts, 'and web-prod-2 too'))).status).toBe(200);
    await again.adapter.idle();
    const posted = api.named('chat.postMessage').slice(before);
    expect(posted.map((p) => p.body.thread_ts)).toContain(ts);
    expect(JSON.stringify(posted.map((p) => p.body))).toContain('web-prod-2');
  });
});
