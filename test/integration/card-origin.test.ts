import type { SlackAdapter } from '../../src/chat/slack';
import { chatPlatforms, startChat, type Bot, type RunningChat } from '../../src/main';
import { converse, silentLog, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot';
import { buttonClick, postSigned, slashCommand } from '../helpers/slack-requests';
import { cardActionActivity, deliver, FakeConnector, messageActivity, TENANT, type TeamsUser, type Where } from '../helpers/teams';

/**
 * A click decides only the card it was clicked on. Over real signed HTTP, a block_actions payload that
 * carries request B's id but comes from another message or another channel is refused: B stays
 * pending, nothing runs, the clicker is told why privately, and the refusal is audited.
 */
describe('Slack: a click decides only its own card', () => {
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

  /** Alice asks in `channel`; returns the posted card's ts and its Approve button. */
  async function ask(text: string, channel: string) {
    await postSigned(url, slashCommand({ user: 'UALICE', channel, text }));
    await adapter.idle();
    const post = api.named('chat.postMessage').at(-1)!;
    const approve = post.body.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.action_id.startsWith('cloudops:approve'));
    return { ts: post.reply!.ts as string, approve, id: approve.value as string };
  }

  async function clickAs(user: string, channel: string, messageTs: string, approve: any, value: string, n: number) {
    const before = api.named('chat.postEphemeral').length;
    const res = await postSigned(
      url,
      buttonClick({ user, channel, messageTs, actionId: approve.action_id, value, actionTs: `1700000${n}00.000001` }),
    );
    expect(res.status).toBe(200);
    await adapter.idle();
    return api
      .named('chat.postEphemeral')
      .slice(before)
      .map((c) => ({ channel: c.body.channel, user: c.body.user, text: shownText(c.body) }));
  }

  const started = async (id: string) => (await bot.audit.list({ requestId: id, kinds: ['execution-start'] })).length;

  it("request B's id clicked on A's card (same channel) is refused; B stays pending; B's own card still works", async () => {
    const a = await ask('stop web-prod-1', 'C0OPS');
    const b = await ask('stop web-prod-2', 'C0OPS');
    expect(a.id).not.toBe(b.id);

    const notes = await clickAs('UBOB', 'C0OPS', a.ts, a.approve, b.id, 1);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ channel: 'C0OPS', user: 'UBOB' });
    expect(notes[0].text).toContain(`You cannot do that: that button is not on request ${b.id}'s card`);
    expect((await bot.desk.get(b.id))!.state).toBe('proposed');
    expect((await bot.desk.get(b.id))!.approvals).toEqual([]);
    expect((await bot.desk.get(a.id))!.state).toBe('proposed');
    expect(await started(b.id)).toBe(0);
    const refusal = await bot.audit.list({ requestId: b.id, kinds: ['refusal'] });
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatchObject({
      actor: 'slack:UBOB',
      data: { decision: 'approve', from: { id: a.ts, place: { channel: 'C0OPS' } } },
    });

    // The same person on B's own card decides it.
    await clickAs('UBOB', 'C0OPS', b.ts, b.approve, b.id, 2);
    expect((await bot.desk.get(b.id))!.state).toBe('succeeded');
    expect(await started(b.id)).toBe(1);
  });

  it("request B's id from a message in another channel is refused (approve and reject alike)", async () => {
    const b = await ask('stop web-prod-2', 'C0OPS');
    const notes = await clickAs('UBOB', 'C0ELSEWHERE', b.ts, b.approve, b.id, 3);
    expect(notes[0].text).toContain(`that button is not on request ${b.id}'s card`);
    const reject = { ...b.approve, action_id: b.approve.action_id.replace('approve', 'reject') };
    const rejectNotes = await clickAs('UBOB', 'C0OPS', '1700009999.000001', reject, b.id, 4);
    expect(rejectNotes[0].text).toContain('that button is not on request');
    expect((await bot.desk.get(b.id))!.state).toBe('proposed');
    expect(await bot.audit.list({ requestId: b.id, kinds: ['refusal'] })).toHaveLength(2);
    expect(await started(b.id)).toBe(0);
  });
});

describe('Slack: a typed decision does not stand in for the card', () => {
  it('/cloudops approve req-… is answered with "decide on the card", and decides nothing', async () => {
    const api = await SlackApiStandIn.start();
    const slack = await startSlackBot(api);
    try {
      await postSigned(slack.url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }));
      await slack.adapter.idle();
      await postSigned(slack.url, slashCommand({ user: 'UBOB', channel: 'C0ELSEWHERE', text: 'approve req-0001' }));
      await slack.adapter.idle();
      const said = api.named('chat.postMessage').at(-1)!;
      expect(said.body.channel).toBe('C0ELSEWHERE');
      expect(shownText(said.body)).toContain("Decide on the request's card, with its buttons: typed approvals are only for the console.");
      expect((await slack.bot.desk.get('req-0001'))!.state).toBe('proposed');
    } finally {
      await slack.stop();
      await api.close();
    }
  });
});

const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const BOB: TeamsUser = { id: '29:bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob' };

describe('Teams: a click decides only its own card', () => {
  let bot: Bot;
  let chat: RunningChat;
  let connector: FakeConnector;
  let where: Where;

  beforeEach(async () => {
    connector = await new FakeConnector([]).start();
    bot = await testBot({
      config: {
        sandbox: {},
        approval: { approvers: { ops: { teams: [BOB.aadObjectId] } } },
        teams: { port: 0, allowUnauthenticated: true },
      },
    });
    chat = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
    where = {
      serviceUrl: connector.url,
      conversation: { id: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel', tenantId: TENANT },
    };
  });
  afterEach(async () => {
    await chat.stop();
    await connector.close();
    bot.close();
  });

  it("request B's id on A's card is refused; B stays pending and decides only from its own card", async () => {
    for (const text of ['stop web-prod-1', 'stop web-prod-2']) {
      expect((await deliver(chat.httpPort!, messageActivity(where, ALICE, text))).status).toBe(200);
      await chat.teams!.idle();
    }
    const [cardA, cardB] = connector.posts().map((p) => p.id as string);
    const res = await deliver(chat.httpPort!, cardActionActivity(where, BOB, cardA, 'approve', { action: 'approve', value: 'req-0002' }));
    expect(res.status).toBe(200);
    await chat.teams!.idle();
    expect((await bot.desk.get('req-0002'))!.state).toBe('proposed');
    expect((await bot.audit.list({ requestId: 'req-0002', kinds: ['refusal'] }))[0].data).toMatchObject({
      decision: 'approve',
      from: { id: cardA },
    });
    expect(JSON.stringify(res.body) + JSON.stringify(connector.posts().slice(2))).toContain(
      "that button is not on request req-0002's card",
    );

    await deliver(chat.httpPort!, cardActionActivity(where, BOB, cardB, 'approve', { action: 'approve', value: 'req-0002' }));
    await chat.teams!.idle();
    expect((await bot.desk.get('req-0002'))!.state).toBe('succeeded');
  });
});

describe('console: a click decides only its own card', () => {
  it("a click on the card itself decides it; that message is the request's one origin", async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-prod-1', '/as bob', '1']);
    expect(out).toContain('Approved by bob.');
    expect((await bot.desk.get('req-0001'))!.origins).toEqual([{ place: { platform: 'console', channel: 'console' }, id: 'm1' }]);
    bot.close();
  });
});
