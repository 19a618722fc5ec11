import type { SlackAdapter } from '../../src/chat/slack';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { parseTestConfig, silentLog, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { eventCallback, postSigned, SIGNING_SECRET } from '../helpers/slack-requests';

/**
 * QA 18f: a typed reply to "which one did you mean?" over the Slack HTTP receiver. Only a signed reply in the card's own
 * thread picks; a forged one, one in another channel under the same thread ts, and a typed "approve" change nothing.
 */
describe('Slack over HTTP: typed replies to a which-one card (qa 18f)', () => {
  let api: SlackApiStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let url: string;

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    bot = await testBot({ config: { sandbox: {}, approval: { approvers: { oncall: { slack: ['UBOB'] } } } } });
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    running = await startChat(
      bot,
      { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      { log: silentLog, sleep: async () => {} },
    );
    adapter = running.adapters[0] as SlackAdapter;
    url = `http://127.0.0.1:${running.httpPort}/slack/events`;
  });

  afterEach(async () => {
    await running?.stop();
    bot.close();
    await api.close();
  });

  const T = '1700000050.000100';
  let n = 0;
  const reply = (text: string, o: { channel?: string; user?: string } = {}) =>
    eventCallback(`Ev0R${++n}`, {
      type: 'message',
      channel_type: 'channel',
      user: o.user ?? 'UALICE',
      text,
      channel: o.channel ?? 'C0OPS',
      ts: `17000001${String(n).padStart(2, '0')}.000100`,
      thread_ts: T,
    });

  it('only a signed reply in the card thread picks, and it only plans', async () => {
    const mention = eventCallback('Ev0ASK', {
      type: 'app_mention',
      user: 'UALICE',
      text: '<@UBOT> reboot worker-a-1',
      channel: 'C0OPS',
      ts: T,
      event_ts: T,
    });
    expect((await postSigned(url, mention)).status).toBe(200);
    await adapter.idle();
    expect(shownText(api.named('chat.postMessage')[0].body)).toContain('Which one did you mean');

    // Forged: signed with another secret.
    expect((await postSigned(url, reply('the second one'), { secret: 'ffffffffffffffffffffffffffffffff' })).status).toBe(401);
    // Another channel, the same thread ts: not the bot's thread there.
    expect((await postSigned(url, reply('the second one', { channel: 'C0ELSE' }))).status).toBe(200);
    // "approve" typed as a reply approves nothing and picks nothing.
    expect((await postSigned(url, reply('approve'))).status).toBe(200);
    await adapter.idle();
    expect(api.named('chat.postMessage')).toHaveLength(1);

    expect((await postSigned(url, reply('2'))).status).toBe(200);
    await adapter.idle();
    const posts = api.named('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1].body.thread_ts).toBe(T);
    expect(shownText(posts[1].body)).toContain('Plan: Reboot an EC2 instance');
    expect(shownText(posts[1].body)).toContain('i-0be6f9a7e1318faf8');

    // Typed yes/approve under the plan card is no approval: the request still waits for a click.
    for (const text of ['approve', 'yes approve it', 'lgtm ship it', 'approve req-0002'])
      await postSigned(url, reply(text, { user: 'UBOB' }));
    await adapter.idle();
    const states = await Promise.all(['req-0001', 'req-0002', 'req-0003'].map(async (id) => (await bot.desk.get(id))?.state));
    expect(states.filter((s) => s && s !== 'proposed')).toEqual([]);
  });
});
