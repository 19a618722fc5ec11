/**
 * The Teams endpoint end to end, in unauthenticated mode on 127.0.0.1: activities are POSTed to
 * /api/messages as the Bot Framework would, and the bot's replies land in a stand-in Bot Connector.
 */
import { request } from 'node:http';
import { chatPlatforms, hasChatPlatforms, startChat, type Bot, type RunningChat } from '../../src/main';
import { silentLog, testBot } from '../helpers/bot';
import {
  cardActionActivity,
  cardActions,
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
const CAROL: TeamsUser = { id: '29:carol', aadObjectId: 'cccccccc-0000-4000-8000-000000000003', name: 'Carol' };
const MALLORY: TeamsUser = { id: '29:mallory', aadObjectId: 'dddddddd-0000-4000-8000-000000000004', name: 'Mallory' };

const CHANNEL = '19:ops-channel@thread.tacv2';

function config() {
  return {
    sandbox: {},
    // Bob by Entra ID object id, Carol by UPN (looked up in the Teams roster on her click).
    approval: { approvers: { ops: { teams: [BOB.aadObjectId.toUpperCase(), 'Carol@Contoso.com'] } } },
    teams: { port: 0, allowUnauthenticated: true },
  };
}

describe('Teams: plan card, Universal Actions approval, execution once', () => {
  let bot: Bot;
  let chat: RunningChat;
  let connector: FakeConnector;
  let where: Where;

  beforeEach(async () => {
    connector = await new FakeConnector([
      { ...CAROL, userPrincipalName: 'carol@contoso.com' },
      { ...MALLORY, userPrincipalName: 'mallory@contoso.com' },
    ]).start();
    bot = await testBot({ config: config() });
    chat = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
    where = {
      serviceUrl: connector.url,
      conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: TENANT },
    };
  });

  afterEach(async () => {
    await chat.stop();
    await connector.close();
    bot.close();
  });

  async function say(from: TeamsUser, text: string): Promise<void> {
    const res = await deliver(chat.httpPort!, messageActivity(where, from, text));
    expect(res.status).toBe(200);
    await chat.teams!.idle();
  }

  async function click(from: TeamsUser, messageId: string, verb: string, data: Record<string, unknown>, id?: string) {
    const res = await deliver(chat.httpPort!, cardActionActivity(where, from, messageId, verb, data, id));
    expect(res.status).toBe(200);
    return res.body as { statusCode: number; type: string; value: any };
  }

  function instanceState(name: string): string | undefined {
    return bot.inventory.all('ec2-instance').find((r) => r.name === name)!.state;
  }

  async function liveState(name: string): Promise<string | undefined> {
    const r = bot.inventory.all('ec2-instance').find((x) => x.name === name)!;
    const now = await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] });
    return now.Reservations?.[0]?.Instances?.[0]?.State?.Name;
  }

  async function executions(requestId: string): Promise<number> {
    return (await bot.audit.list({ requestId })).filter((r) => r.kind === 'execution-start').length;
  }

  /** A POST as a web page in the operator's browser could send it: any content type, any Host header. */
  function post(body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
    return new Promise((ok, fail) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: chat.httpPort!,
          path: '/api/messages',
          method: 'POST',
          headers: { 'content-length': String(Buffer.byteLength(body)), ...headers },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', fail);
      req.end(body);
    });
  }

  it('a web page cannot act through the unauthenticated endpoint: no text/plain or form posts, no rebound DNS names', async () => {
    // Bob is an approver; any site the operator visits could POST this to 127.0.0.1 without a CORS preflight.
    const activity = JSON.stringify(messageActivity(where, BOB, 'stop web-prod-1'));
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      expect(await post(activity, { 'content-type': type, origin: 'https://attacker.example' })).toEqual({
        status: 415,
        body: '{"error":"unsupported media type"}',
      });
    }
    expect((await post(activity, {})).status).toBe(415);
    // A page on attacker.example whose name now resolves to 127.0.0.1 is same-origin: no preflight, but its Host header gives it away.
    expect(await post(activity, { 'content-type': 'application/json', host: `attacker.example:${chat.httpPort}` })).toEqual({
      status: 403,
      body: '{"error":"forbidden"}',
    });
    await chat.teams!.idle();
    expect(connector.calls).toHaveLength(0);
    expect(await bot.desk.get('req-0001')).toBeUndefined();
    // The Bot Framework Emulator and the test driver still get in: JSON, addressed to a loopback name.
    expect((await post(activity, { 'content-type': 'application/json; charset=utf-8', host: `localhost:${chat.httpPort}` })).status).toBe(
      200,
    );
    await chat.teams!.idle();
    expect(connector.posts()).toHaveLength(1);
  });

  it('a known conversation cannot be moved to the same host and port under another scheme: later posts still arrive', async () => {
    await say(ALICE, 'help');
    const https = connector.url.replace('http:', 'https:');
    const moved = await deliver(chat.httpPort!, messageActivity({ ...where, serviceUrl: https }, MALLORY, 'help'));
    expect(moved).toEqual({ status: 403, body: { error: 'forbidden' } });
    await chat.teams!.idle();
    await say(ALICE, 'stop web-prod-1');
    expect(connector.posts().map((p) => cardText(cardIn(p.body)).split('\n')[0])).toEqual([
      'What I can do',
      expect.stringContaining('Plan: Stop an EC2 instance'),
    ]);
  });

  it('says loudly that the endpoint is unauthenticated: at start-up, on 127.0.0.1, and on every card', async () => {
    expect(chat.banner.join('\n')).toMatch(/UNAUTHENTICATED/);
    expect(chat.banner.join('\n')).toContain('Listening on http://127.0.0.1:');
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const res = await click(MALLORY, planId, 'approve', { action: 'approve', value: 'req-0001' });
    for (const card of [cardIn(connector.posts()[0].body), res.value])
      expect(cardText(card)).toContain('Unauthenticated test endpoint: anyone who can reach it can act as anyone');
  });

  it('even unauthenticated, the bot posts only to loopback or Teams service URLs', async () => {
    for (const serviceUrl of ['https://attacker.example/', 'http://10.0.0.5:8080/', 'https://attacker.example/smba.trafficmanager.net/']) {
      const res = await deliver(chat.httpPort!, messageActivity({ ...where, serviceUrl }, ALICE, 'stop web-prod-1'));
      expect(res.status).toBe(403);
    }
    await chat.teams!.idle();
    expect(connector.calls).toHaveLength(0);
    expect(await bot.desk.get('req-0001')).toBeUndefined();
  });

  it('an @mention in a channel gets a plan card in the same thread', async () => {
    await say(ALICE, 'stop web-prod-1');
    const [post] = connector.posts();
    expect(post.conversation).toBe(`${CHANNEL};messageid=1700000000001`);
    const card = cardIn(post.body);
    expect(card.version).toBe('1.5');
    const text = cardText(card);
    expect(text).toContain('Plan: Stop an EC2 instance');
    expect(text).toContain('HIGH RISK');
    expect(text).toMatch(/instance: web-prod-1 \(i-[0-9a-f]+\)/);
    expect(text).toContain('reversible: yes: undo with ec2-start-instance');
    const approve = card.actions!.find((a) => a.verb === 'approve')!;
    expect(approve).toMatchObject({
      type: 'Action.Execute',
      data: { action: 'approve', value: 'req-0001' },
      fallback: { type: 'Action.Submit' },
    });
    expect((await bot.desk.get('req-0001'))!.requester).toMatchObject({ platform: 'teams', id: ALICE.aadObjectId, displayName: 'Alice' });
  });

  it("an approver's click runs the plan once, and the invoke response carries the updated card", async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;

    const res = await click(BOB, planId, 'approve', { action: 'approve', value: 'req-0001' });
    expect(res.statusCode).toBe(200);
    expect(res.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(res.value)).toContain('Approved by Bob. Running…');
    expect(res.value.actions).toBeUndefined(); // no more buttons once approved
    await chat.teams!.idle();

    expect(await liveState('web-prod-1')).toBe('stopped');
    expect(await executions('req-0001')).toBe(1);
    // Everyone sees the final card: who approved, and the result.
    const final = cardText(connector.cardOf(planId));
    expect(final).toContain('Done');
    expect(final).toContain('approved by Bob');
    expect(final).toMatch(/Result: i-[0-9a-f]+ is stopped/);
    // Progress and the result card go to the same channel thread.
    const later = connector.posts().slice(1);
    expect(later.length).toBeGreaterThanOrEqual(1);
    for (const p of later) expect(p.conversation).toBe(`${CHANNEL};messageid=1700000000001`);
    expect(cardText(cardIn(later[later.length - 1].body))).toContain('Done: Stop an EC2 instance');
    expect((await bot.audit.list({ requestId: 'req-0001' })).find((r) => r.kind === 'approval')!.actor).toBe(`teams:${BOB.aadObjectId}`);
  });

  it('the same invoke twice, and a second click, still run it once', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    await click(BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }, 'click-1');
    const replay = await click(BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }, 'click-1');
    expect(replay.type).toBe('application/vnd.microsoft.activity.message');
    await chat.teams!.idle();
    const again = await click(BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }, 'click-2');
    expect(cardText(again.value)).toContain('That request has already succeeded');
    await chat.teams!.idle();
    expect(await executions('req-0001')).toBe(1);
    expect((await bot.audit.list({ requestId: 'req-0001' })).filter((r) => r.kind === 'aws-call').length).toBe(1);
  });

  it('two approvers clicking at the same moment: it runs once', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const [a, b] = await Promise.all([
      click(BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }),
      click(CAROL, planId, 'approve', { action: 'approve', value: 'req-0001' }),
    ]);
    await chat.teams!.idle();
    expect(await executions('req-0001')).toBe(1);
    expect(await liveState('web-prod-1')).toBe('stopped');
    // One click answers with the approved card; the other learns it was already taken care of.
    const texts = [cardText(a.value), cardText(b.value)];
    expect(texts.filter((t) => /That request has already (been approved|started running|succeeded)/.test(t)).length).toBe(1);
  });

  it('an approver named by UPN is recognised from the Teams roster, not from the card', async () => {
    await say(ALICE, 'stop web-prod-2');
    const planId = connector.posts()[0].id!;
    const res = await click(CAROL, planId, 'approve', { action: 'approve', value: 'req-0001' });
    expect(cardText(res.value)).toContain('Approved by Carol');
    await chat.teams!.idle();
    expect(connector.rosterLookups).toContain(CAROL.id);
    expect(await liveState('web-prod-2')).toBe('stopped');
  });

  it('a click from someone who may not approve gets a refusal only they see, and nothing runs', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const callsBefore = connector.calls.length;

    const res = await click(MALLORY, planId, 'approve', { action: 'approve', value: 'req-0001' });
    const text = cardText(res.value);
    expect(text).toContain('You cannot do that: you are not an approver');
    expect(text).toContain('Plan: Stop an EC2 instance'); // the refusal sits on top of the card she clicked
    await chat.teams!.idle();

    expect(connector.calls.length).toBe(callsBefore); // nothing posted or updated for everyone
    expect(await liveState('web-prod-1')).toBe('running');
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
    expect((await bot.audit.list({ requestId: 'req-0001' })).find((r) => r.kind === 'refusal')!.actor).toBe(`teams:${MALLORY.aadObjectId}`);
  });

  it('the requester cannot approve their own high-risk change', async () => {
    await say(ALICE, 'stop web-prod-1');
    const res = await click(ALICE, connector.posts()[0].id!, 'approve', { action: 'approve', value: 'req-0001' });
    expect(cardText(res.value)).toContain('you asked for this change');
    await chat.teams!.idle();
    expect(await executions('req-0001')).toBe(0);
  });

  it('a forged approver identity in the card data is ignored', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const forged = {
      action: 'approve',
      value: 'req-0001',
      user: { platform: 'teams', id: BOB.aadObjectId, aliases: ['carol@contoso.com'] },
      from: BOB,
      aadObjectId: BOB.aadObjectId,
      approver: BOB.aadObjectId,
    };
    const res = await click(MALLORY, planId, 'approve', forged);
    expect(cardText(res.value)).toContain('you are not an approver');
    await chat.teams!.idle();
    expect(await executions('req-0001')).toBe(0);
    expect(await liveState('web-prod-1')).toBe('running');
    expect((await bot.audit.list({ requestId: 'req-0001' })).some((r) => r.actor === `teams:${BOB.aadObjectId}`)).toBe(false);
  });

  it('Reject by an approver closes the request for everyone', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const res = await click(BOB, planId, 'reject', { action: 'reject', value: 'req-0001' });
    expect(cardText(res.value)).toContain('Rejected by Bob.');
    await chat.teams!.idle();
    expect(cardText(connector.cardOf(planId))).toContain('Rejected by Bob.');
    expect(instanceState('web-prod-1')).toBe('running');
  });

  it('Action.Submit from an older client is handled like the Universal Action', async () => {
    await say(ALICE, 'stop web-prod-1');
    const planId = connector.posts()[0].id!;
    const submit = {
      ...messageActivity(where, BOB, '', { mention: false }),
      text: undefined,
      replyToId: planId,
      value: { action: 'approve', value: 'req-0001' },
    };
    expect((await deliver(chat.httpPort!, submit)).status).toBe(200);
    await chat.teams!.idle();
    expect(await executions('req-0001')).toBe(1);
    expect(cardText(connector.cardOf(planId))).toContain('approved by Bob');
  });

  it('the text commands work in a personal chat without a mention', async () => {
    where = { serviceUrl: connector.url, conversation: { id: 'a:personal-alice', conversationType: 'personal', tenantId: TENANT } };
    await deliver(chat.httpPort!, messageActivity(where, ALICE, 'help', { mention: false }));
    await chat.teams!.idle();
    const [help] = connector.posts();
    expect(help.conversation).toBe('a:personal-alice');
    expect(cardText(cardIn(help.body))).toContain('What I can do');
  });

  it('a group chat message without a mention is not for the bot', async () => {
    where = { serviceUrl: connector.url, conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: TENANT } };
    await deliver(chat.httpPort!, messageActivity(where, ALICE, 'stop web-prod-1', { mention: false }));
    await chat.teams!.idle();
    expect(connector.posts()).toHaveLength(0);
  });

  it('clarifying questions come as choice buttons, and a choice posts the plan', async () => {
    await say(ALICE, 'stop web-prod');
    const [question] = connector.posts();
    const card = cardIn(question.body);
    const choices = cardActions(card).filter((a) => a.verb === 'choose');
    expect(cardText(card)).toContain('Which one did you mean by "web-prod"?');
    expect(choices.map((c) => c.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('web-prod-1'), expect.stringContaining('web-prod-2')]),
    );
    const second = choices.find((c) => String(c.title).includes('web-prod-2'))!;
    const res = await click(ALICE, question.id!, 'choose', second.data as Record<string, unknown>);
    expect(res.statusCode).toBe(200);
    await chat.teams!.idle();
    const plan = cardText(cardIn(connector.posts()[1].body));
    expect(plan).toContain('Plan: Stop an EC2 instance');
    expect(plan).toContain('instance: web-prod-2');
  });

  it('a broken or foreign button is answered with an error and changes nothing', async () => {
    await say(ALICE, 'stop web-prod-1');
    const res = await click(BOB, connector.posts()[0].id!, 'deleteEverything', { value: 'req-0001' });
    expect(res).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
  });
});
