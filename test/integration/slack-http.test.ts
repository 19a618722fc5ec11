import type { SlackAdapter } from '../../src/chat/slack';
import { STORE_DOWN } from '../../src/chat/slack/SlackAdapter';
import { ApprovalRepository, SeenRequestRepository, StoreError } from '../../src/store';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { parseTestConfig, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { buttonClick, eventCallback, postSigned, SIGNING_SECRET, slashCommand } from '../helpers/slack-requests';

/**
 * The Bolt app with its HTTP receiver on a local port, the Slack Web API played by a local stand-in,
 * and every request signed the way Slack signs it.
 */
describe('Slack over HTTP (Events API + interactivity)', () => {
  let api: SlackApiStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let url: string;
  let logged: string[];

  beforeEach(async () => {
    logged = [];
    const capture = (level: string) => (obj: object, msg?: string) => void logged.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
    const log = { info: capture('info'), warn: capture('warn'), error: capture('error'), debug: capture('debug') };
    api = await SlackApiStandIn.start();
    api.groups = { SONCALL: ['UCAROL'] };
    bot = await testBot({ config: { sandbox: {}, approval: { approvers: { oncall: { slack: ['UBOB', 'SONCALL'] } } } } });
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    running = await startChat(
      bot,
      { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      { log, sleep: async () => {} },
    );
    adapter = running.adapters[0] as SlackAdapter;
    url = `http://127.0.0.1:${running.httpPort}/slack/events`;
  });

  afterEach(async () => {
    await running.stop();
    bot.close();
    await api.close();
  });

  const instance = (name: string) => bot.inventory.all('ec2-instance').find((r) => r.name === name)!;
  const stateOf = async (name: string) => {
    const r = instance(name);
    const out = await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] });
    return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
  };

  /** Ask for a plan with the slash command; returns the posted card's ts and its Approve button. */
  async function askToStop(name: string, user = 'UALICE') {
    const res = await postSigned(url, slashCommand({ user, channel: 'C0OPS', text: `stop ${name}` }));
    expect(res.status).toBe(200);
    await adapter.idle();
    const post = api.named('chat.postMessage').at(-1)!;
    const approve = post.body.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.action_id.startsWith('cloudops:approve'));
    return { ts: post.reply!.ts as string, post, approve };
  }
  const kinds = async (requestId: string) => (await bot.audit.list({ requestId })).map((r) => r.kind);

  it('tells the person when the store cannot be reached to check a delivery, and does nothing with it', async () => {
    const down = jest
      .spyOn(SeenRequestRepository.prototype, 'firstSeen')
      .mockRejectedValue(
        new StoreError('postgres postgres://cloudops:***@db:5432/cloudops: connect ECONNREFUSED 10.0.0.5:5432', 'STORE_CONNECT'),
      );
    try {
      const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }));
      expect(res.status).toBe(200);
      await adapter.idle();
      const posts = api.named('chat.postMessage');
      expect(posts).toHaveLength(1);
      expect(shownText(posts[0].body)).toContain(STORE_DOWN);
      expect(shownText(posts[0].body)).not.toContain('ECONNREFUSED');
      expect(await bot.audit.list({})).toHaveLength(0);
      expect(logged.some((l) => l.startsWith('error') && l.includes('ECONNREFUSED') && l.includes('not handled'))).toBe(true);
    } finally {
      down.mockRestore();
    }
  });

  it('a shutdown past its grace whose store does not answer still ends: the lease is left to run out, and the log says so', async () => {
    const stuck = jest.spyOn(adapter, 'stop').mockReturnValue(new Promise<void>(() => {})); // a run still going
    const runs = jest.spyOn(bot.desk, 'running').mockReturnValue(['req-held']);
    const down = jest
      .spyOn(ApprovalRepository.prototype, 'releaseLease')
      .mockRejectedValue(
        new StoreError('postgres postgres://cloudops:***@db:5432/cloudops: connect ECONNREFUSED 10.0.0.5:5432', 'STORE_CONNECT'),
      );
    try {
      await expect(running.drain(50)).resolves.toMatchObject({ finished: false, handedBack: [] });
      expect(
        logged.some(
          (l) => l.startsWith('error') && l.includes('req-held') && l.includes('could not be handed back') && l.includes('ECONNREFUSED'),
        ),
      ).toBe(true);
    } finally {
      stuck.mockRestore();
      runs.mockRestore();
      down.mockRestore();
    }
  });

  it('answers a correctly signed /cloudops command with a plan card posted through the Web API', async () => {
    const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }));
    expect(res.status).toBe(200);
    await adapter.idle();
    const [post] = api.named('chat.postMessage');
    expect(post.body.channel).toBe('C0OPS');
    const shown = shownText(post.body);
    expect(shown).toContain('Plan: Stop an EC2 instance');
    expect(shown).toContain(':large_orange_circle: *High risk*');
    expect(shown).toContain(`web-prod-1 (${instance('web-prod-1').id})`);
    expect(shown).toContain('asked by <@UALICE>');
    const buttons = post.body.blocks.find((b: any) => b.type === 'actions').elements;
    expect(buttons.map((b: any) => [b.text.text, b.style, b.value])).toEqual([
      ['Approve', 'primary', 'req-0001'],
      ['Reject', 'danger', 'req-0001'],
    ]);
    expect(await kinds('req-0001')).toEqual(['request', 'understood', 'plan']);
    expect((await bot.audit.list({ requestId: 'req-0001' }))[0].actor).toBe('slack:UALICE');
  });

  it('acknowledges at once even while the work is slow (no "operation timed out" in Slack)', async () => {
    const release = api.hold('chat.postMessage');
    try {
      const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }));
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      // Slack has its answer; the card is still on its way and waits on the (held) Web API.
      await api.waitFor('chat.postMessage');
      expect(api.named('chat.postMessage')[0].reply).toBeUndefined();
    } finally {
      release();
    }
    await adapter.idle();
    expect(shownText(api.named('chat.postMessage')[0].body)).toContain('Plan: Stop an EC2 instance');
  });

  it('rejects a bad signature with 401 and does nothing', async () => {
    const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }), {
      secret: 'ffffffffffffffffffffffffffffffff',
    });
    expect(res.status).toBe(401);
    await adapter.idle();
    expect(api.named('chat.postMessage')).toHaveLength(0);
    expect(await kinds('req-0001')).toEqual([]);
  });

  it('rejects a correctly signed request with a stale timestamp (replay) with 401', async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }), {
      timestamp: sixMinutesAgo,
    });
    expect(res.status).toBe(401);
    await adapter.idle();
    expect(api.named('chat.postMessage')).toHaveLength(0);
  });

  it('runs an approved plan once on the sandbox and updates the card in place; the same payload again changes nothing', async () => {
    const { ts, approve } = await askToStop('web-prod-1');
    expect(await stateOf('web-prod-1')).toBe('running');
    const click = buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: ts, actionId: approve.action_id, value: approve.value });

    expect((await postSigned(url, click)).status).toBe(200);
    await adapter.idle();
    expect(await stateOf('web-prod-1')).toBe('stopped');
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    // The card is updated in place: Running…, then the result.
    const updates = api.named('chat.update').filter((u) => u.body.ts === ts && u.body.channel === 'C0OPS');
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(shownText(updates[0].body)).toContain('Running…');
    const last = shownText(updates.at(-1)!.body);
    expect(last).toContain('*Done*');
    expect(last).toContain('Approved by <@UBOB>.');
    expect(last).toContain('approved by <@UBOB>');
    expect(updates.at(-1)!.body.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    // Progress and the result go into the card's thread.
    const threadPosts = api.named('chat.postMessage').filter((p) => p.body.thread_ts === ts);
    expect(threadPosts.some((p) => shownText(p.body).includes('Done: Stop an EC2 instance'))).toBe(true);

    const callsBefore = api.calls.length;
    expect((await postSigned(url, click)).status).toBe(200);
    await adapter.idle();
    expect(api.calls.length).toBe(callsBefore);
    expect((await kinds('req-0001')).filter((k) => k === 'execution-start')).toHaveLength(1);
    expect((await kinds('req-0001')).filter((k) => k === 'aws-call')).toHaveLength(1);
  });

  it('never logs the bot token or the signing secret, even at debug level', async () => {
    const { ts, approve } = await askToStop('web-prod-1');
    await postSigned(
      url,
      buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: ts, actionId: approve.action_id, value: approve.value }),
    );
    await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'help' }), { secret: 'ffffffffffffffffffffffffffffffff' });
    await adapter.idle();
    expect(logged.some((l) => l.startsWith('debug') && l.includes('http request body'))).toBe(true);
    expect(logged.join('\n')).not.toContain('xoxb-test-token');
    expect(logged.join('\n')).not.toContain(SIGNING_SECRET);
  });

  it('a second, separate click on a finished request gets a private note, and nothing runs again', async () => {
    const { ts, approve } = await askToStop('web-prod-1');
    await postSigned(
      url,
      buttonClick({
        user: 'UBOB',
        channel: 'C0OPS',
        messageTs: ts,
        actionId: approve.action_id,
        value: approve.value,
        actionTs: '1700000100.000001',
      }),
    );
    await adapter.idle();
    await postSigned(
      url,
      buttonClick({
        user: 'UBOB',
        channel: 'C0OPS',
        messageTs: ts,
        actionId: approve.action_id,
        value: approve.value,
        actionTs: '1700000101.000002',
      }),
    );
    await adapter.idle();
    const [note] = api.named('chat.postEphemeral');
    expect(note.body.user).toBe('UBOB');
    expect(shownText(note.body)).toContain('already succeeded');
    expect((await kinds('req-0001')).filter((k) => k === 'execution-start')).toHaveLength(1);
  });

  it('refuses a click from someone who may not approve with an ephemeral message, and nothing runs', async () => {
    const { ts, approve } = await askToStop('web-prod-2');
    const updatesBefore = api.named('chat.update').length;
    const res = await postSigned(
      url,
      buttonClick({ user: 'UMALLORY', channel: 'C0OPS', messageTs: ts, actionId: approve.action_id, value: approve.value }),
    );
    expect(res.status).toBe(200);
    await adapter.idle();
    const [refusal] = api.named('chat.postEphemeral');
    expect(refusal.body.user).toBe('UMALLORY');
    expect(refusal.body.channel).toBe('C0OPS');
    expect(shownText(refusal.body)).toContain('You cannot do that: you are not an approver');
    expect(api.named('chat.update')).toHaveLength(updatesBefore);
    expect(await stateOf('web-prod-2')).toBe('running');
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
    expect(await kinds('req-0001')).toContain('refusal');
  });

  it('refuses the requester approving their own high-risk change', async () => {
    const { ts, approve } = await askToStop('web-prod-2', 'UBOB');
    await postSigned(
      url,
      buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: ts, actionId: approve.action_id, value: approve.value }),
    );
    await adapter.idle();
    expect(shownText(api.named('chat.postEphemeral')[0].body)).toContain('you asked for this change');
    expect(await stateOf('web-prod-2')).toBe('running');
  });

  it('lets a member of an approver user group approve (membership looked up once, then cached)', async () => {
    const first = await askToStop('web-prod-2');
    await postSigned(
      url,
      buttonClick({ user: 'UCAROL', channel: 'C0OPS', messageTs: first.ts, actionId: first.approve.action_id, value: first.approve.value }),
    );
    await adapter.idle();
    expect(await stateOf('web-prod-2')).toBe('stopped');
    const approval = (await bot.audit.list({ requestId: 'req-0001' })).find((r) => r.kind === 'approval')!;
    expect(approval.actor).toBe('slack:UCAROL');
    expect(api.named('usergroups.users.list').map((c) => c.body.usergroup)).toEqual(['SONCALL']);
  });

  it('answers a mention in its thread, handles a retried delivery once, and follows up in that thread', async () => {
    const mention = eventCallback('Ev0MENTION', {
      type: 'app_mention',
      user: 'UALICE',
      text: '<@UBOT> stop web-prod-3',
      channel: 'C0OPS',
      ts: '1700000050.000100',
      event_ts: '1700000050.000100',
    });
    expect((await postSigned(url, mention)).status).toBe(200);
    expect((await postSigned(url, mention, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(
      200,
    );
    await adapter.idle();
    const posts = api.named('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body.thread_ts).toBe('1700000050.000100');
    expect(shownText(posts[0].body)).toContain('Plan: Stop an EC2 instance');

    // A reply in that thread, without a mention, is part of the same conversation.
    const reply = eventCallback('Ev0REPLY', {
      type: 'message',
      channel_type: 'channel',
      user: 'UALICE',
      text: 'help',
      channel: 'C0OPS',
      ts: '1700000060.000100',
      thread_ts: '1700000050.000100',
    });
    await postSigned(url, reply);
    // Chatter in a thread the bot is not part of is not for the bot.
    const other = eventCallback('Ev0OTHER', {
      type: 'message',
      channel_type: 'channel',
      user: 'UALICE',
      text: 'help',
      channel: 'C0OPS',
      ts: '1700000070.000100',
      thread_ts: '1700000010.000100',
    });
    await postSigned(url, other);
    await adapter.idle();
    const after = api.named('chat.postMessage');
    expect(after).toHaveLength(2);
    expect(after[1].body.thread_ts).toBe('1700000050.000100');
    expect(shownText(after[1].body)).toContain('What I can do');
  });

  it('answers a direct message', async () => {
    await postSigned(
      url,
      eventCallback('Ev0DM', {
        type: 'message',
        channel_type: 'im',
        user: 'UALICE',
        text: 'help',
        channel: 'D0ALICE',
        ts: '1700000080.000100',
      }),
    );
    await adapter.idle();
    const [post] = api.named('chat.postMessage');
    expect(post.body.channel).toBe('D0ALICE');
    expect(shownText(post.body)).toContain('What I can do');
  });

  it("answers Slack's URL verification challenge (setting the Request URL in HTTP mode)", async () => {
    const res = await postSigned(url, {
      body: JSON.stringify({ token: 'legacy', challenge: 'c-123', type: 'url_verification' }),
      contentType: 'application/json',
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ challenge: 'c-123' });
  });

  it('serves /healthz from the same server', async () => {
    const res = await fetch(url.replace('/slack/events', '/healthz'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, platforms: ['slack'] });
  });
});
