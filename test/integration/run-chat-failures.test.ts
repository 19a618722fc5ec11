import type { SlackAdapter } from '../../src/chat/slack';
import type { Bot } from '../../src/main';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot';
import { buttonClick, postSigned, slashCommand } from '../helpers/slack-requests';

/**
 * A run never wedges: the Slack Web API (a local stand-in) fails the card updates around a run with
 * message_not_found, rate limits or a dropped connection. The run still happens once, the request ends
 * succeeded (never `executing`), and a later click says the real outcome.
 */
describe('chat failures around a run (Slack over HTTP)', () => {
  let api: SlackApiStandIn;
  let slack: SlackBot;
  let bot: Bot;
  let adapter: SlackAdapter;
  let url: string;

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    slack = await startSlackBot(api);
    ({ bot, adapter, url } = slack);
  });
  afterEach(async () => {
    await slack.stop();
    await api.close();
  });

  const liveState = async (name: string) => {
    const r = bot.inventory.all('ec2-instance').find((x) => x.name === name)!;
    const out = await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] });
    return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
  };

  /** Alice asks to stop web-prod-1; Bob approves on the card. Returns the request id and the click. */
  async function askAndApprove(): Promise<{ id: string; click: ReturnType<typeof buttonClick> }> {
    await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }));
    await adapter.idle();
    const card = api.named('chat.postMessage')[0];
    const approve = card.body.blocks.find((b: any) => b.type === 'actions').elements[0];
    const click = buttonClick({
      user: 'UBOB',
      channel: 'C0OPS',
      messageTs: card.reply!.ts,
      actionId: approve.action_id,
      value: approve.value,
      actionTs: '1700000200.000001',
    });
    expect((await postSigned(url, click)).status).toBe(200);
    await adapter.idle();
    return { id: approve.value, click };
  }

  /** Bob clicks Approve again later (a new delivery): he is told what really happened. */
  async function clickAgain(click: ReturnType<typeof buttonClick>): Promise<string> {
    const again = { ...click, body: click.body.replace('1700000200.000001', '1700000300.000001') };
    const before = api.named('chat.postEphemeral').length;
    expect((await postSigned(url, again)).status).toBe(200);
    await adapter.idle();
    const notes = api.named('chat.postEphemeral').slice(before);
    return notes.map((n) => shownText(n.body)).join('\n');
  }

  it.each([
    ['message_not_found', () => ({ ok: false, error: 'message_not_found' })],
    [
      'ratelimited (429 with Retry-After, every time)',
      () => ({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } }),
    ],
    ['a dropped connection (every time)', () => ({ reset: true as const })],
  ])('chat.update failing with %s: the run completes and the request ends succeeded', async (_label, failure) => {
    api.on('chat.update', failure);
    const { id, click } = await askAndApprove();
    expect(api.named('chat.update').length).toBeGreaterThan(0); // the bot did try to update the card
    expect((await bot.desk.get(id))!.state).toBe('succeeded');
    expect(await liveState('web-prod-1')).toBe('stopped');
    expect((await bot.audit.list({ requestId: id })).filter((r) => r.kind === 'execution-start')).toHaveLength(1);
    expect((await bot.audit.list({ requestId: id, kinds: ['result'] })).at(-1)!.data).toMatchObject({ ok: true });
    // The result still reaches the thread as its own message.
    expect(
      api
        .named('chat.postMessage')
        .map((c) => shownText(c.body))
        .join('\n'),
    ).toContain('Done: Stop an EC2 instance');
    expect(await clickAgain(click)).toContain('That request has already succeeded');
  });

  it('a connection dropped twice and then answered: the card is updated after a retry', async () => {
    api.on('chat.update', (body, call) => (call <= 3 ? { reset: true as const } : api.answer('chat.update', body)));
    const { id } = await askAndApprove();
    expect((await bot.desk.get(id))!.state).toBe('succeeded');
    const cardTs = api.named('chat.postMessage')[0].reply!.ts;
    const cardUpdates = api.named('chat.update').filter((c) => c.body.ts === cardTs);
    expect(cardUpdates.filter((c) => c.reply?.ok)).not.toHaveLength(0);
    expect(shownText(cardUpdates.at(-1)!.body)).toContain('*Done*');
    expect(cardUpdates.at(-1)!.reply).toMatchObject({ ok: true });
  });
});
