/**
 * The Teams endpoint as the internet sees it, with credentials: Bot Framework tokens signed by a
 * stand-in Entra ID issuer (local RSA key, OpenID metadata and JWKS on 127.0.0.1), a stand-in Bot
 * Connector, and the whole bot behind it. Forged tokens, other tenants, foreign service URLs and
 * malformed bodies must change nothing and say nothing about why.
 */
import { request } from 'node:http';
import type { Connections } from '@microsoft/agents-hosting';
import type { Logger } from '../../src/core/ports';
import { chatPlatforms, startChat, type Bot, type RunningChat } from '../../src/main';
import { testBot } from '../helpers/bot';
import { StandInEntra } from '../helpers/entra';
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

const APP = '11111111-2222-4333-8444-555555555555';
/** A second organisation this bot also serves (listed in teams.tenants). */
const PARTNER = '9a9a9a9a-0000-4000-8000-00000000000c';
/** An organisation it does not serve. */
const STRANGER = '5e5e5e5e-0000-4000-8000-00000000000d';

const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const BOB: TeamsUser = { id: '29:bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob' };
const MALLORY: TeamsUser = { id: '29:mallory', aadObjectId: 'dddddddd-0000-4000-8000-000000000004', name: 'Mallory' };
const CHANNEL = '19:ops-channel@thread.tacv2';

interface LogLine {
  level: string;
  obj: Record<string, unknown>;
  msg?: string;
}

function captureLog(lines: LogLine[]): Logger {
  const at = (level: string) => (obj: object, msg?: string) => lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') };
}

describe('Teams endpoint with credentials: tokens, tenants, service URLs, clean answers', () => {
  let entra: StandInEntra;
  let connector: FakeConnector;
  let elsewhere: FakeConnector;
  let bot: Bot;
  let chat: RunningChat;
  let logs: LogLine[];
  /** What the bot's own outbound token requests get (Entra's token endpoint is not on this machine). */
  let accessToken: () => Promise<string>;

  beforeAll(async () => {
    entra = await new StandInEntra(TENANT, APP).start();
  });
  afterAll(async () => entra.close());

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    elsewhere = await new FakeConnector().start();
    logs = [];
    accessToken = async () => 'bot-access-token';
    const base = await testBot({
      config: {
        sandbox: {},
        approval: { approvers: { ops: { teams: [BOB.aadObjectId] } } },
        // Both stand-in connectors are trusted service URLs: the redirect case needs two trusted hosts.
        teams: { port: 0, host: '127.0.0.1', tenants: [TENANT, PARTNER], serviceUrls: [connector.url, elsewhere.url] },
      },
    });
    bot = { ...base, log: captureLog(logs) };
    const env = {
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_APP_PASSWORD: 'test-secret-value',
      MICROSOFT_APP_AUTHORITY: entra.authority,
    };
    chat = await startChat(bot, chatPlatforms(bot.config, env), { log: captureLog(logs), env });
    const provider = { getAccessToken: () => accessToken() };
    chat.teams!.cloud.connectionManager = {
      getTokenProvider: () => provider,
      getTokenProviderFromActivity: () => provider,
    } as unknown as Connections;
  });

  afterEach(async () => {
    await chat.stop();
    await connector.close();
    await elsewhere.close();
    bot.close();
  });

  const channel = (tenant = TENANT, serviceUrl = connector.url): Where => ({
    serviceUrl,
    conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });

  async function send(activity: Record<string, unknown> | string, token?: string) {
    const res = await deliver(chat.httpPort!, activity, '/api/messages', token);
    await chat.teams!.idle();
    return res;
  }

  function sendRaw(body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
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

  async function signed(activity: Record<string, unknown>) {
    return send(activity, await entra.token(String(activity.serviceUrl)));
  }

  async function nothingHappened(): Promise<void> {
    expect(connector.calls).toHaveLength(0);
    expect(elsewhere.calls).toHaveLength(0);
    expect((await bot.audit.list({})).length).toBe(0);
  }

  it("a token from the tenant's issuer is accepted, and the bot answers with its own token", async () => {
    const res = await signed(messageActivity(channel(), ALICE, 'stop web-prod-1'));
    expect(res.status).toBe(200);
    const [post] = connector.posts();
    expect(cardText(cardIn(post.body))).toContain('Plan: Stop an EC2 instance');
    expect(post.authorization).toBe('Bearer bot-access-token');
    // No "unauthenticated" warning on cards when the endpoint checks tokens.
    expect(cardText(cardIn(post.body))).not.toMatch(/Unauthenticated/);
    expect(entra.keyFetches).toBeGreaterThan(0);
  });

  const forged: [string, (serviceUrl: string) => Promise<string | undefined>][] = [
    ['no token at all', async () => undefined],
    ['a token for another bot (wrong audience)', (s) => entra.token(s, { aud: '22222222-3333-4444-8555-666666666666' })],
    ['a token from another issuer', (s) => entra.token(s, { iss: 'https://issuer.attacker.example/v2.0' })],
    ['an expired token', (s) => entra.token(s, { expiresIn: -3600 })],
    ['an unsigned token (alg=none)', async (s) => entra.unsigned(s)],
    ['a token naming a key the issuer does not publish', (s) => entra.token(s, { kid: 'attacker-key' })],
    ['a token signed with another key under the published key id', (s) => entra.token(s, { foreignKey: true })],
  ];

  it.each(forged)('%s: 401 with a fixed body, and nothing is handled', async (_name, mint) => {
    const token = await mint(connector.url);
    const res = await send(messageActivity(channel(), ALICE, 'stop web-prod-1'), token);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
    await nothingHappened();
    expect(await bot.desk.get('req-0001')).toBeUndefined();
  });

  it('a forged click on a real plan card changes nothing', async () => {
    await signed(messageActivity(channel(), ALICE, 'stop web-prod-1'));
    const planId = connector.posts()[0].id!;
    const click = cardActionActivity(channel(), BOB, planId, 'approve', { action: 'approve', value: 'req-0001' });
    const res = await send(click, await entra.token(connector.url, { aud: 'https://api.botframework.com/other' }));
    expect(res.status).toBe(401);
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
  });

  it('an activity from a tenant not in teams.tenants, or naming two tenants, or none, is refused with 403', async () => {
    for (const activity of [
      messageActivity(channel(STRANGER), ALICE, 'stop web-prod-1'),
      messageActivity({ ...channel(), channelData: { tenant: { id: STRANGER } } }, ALICE, 'stop web-prod-1'),
      messageActivity(
        { ...channel(), conversation: { id: CHANNEL, conversationType: 'channel' }, channelData: {} },
        ALICE,
        'stop web-prod-1',
      ),
      // A tenant field that is not a string (another tenant inside an array) next to a good one.
      messageActivity({ ...channel(), channelData: { tenant: { id: [STRANGER] } } }, ALICE, 'stop web-prod-1'),
    ]) {
      const res = await signed(activity);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: 'forbidden' });
    }
    await nothingHappened();
    expect(logs.filter((l) => l.msg === 'teams: activity refused').map((l) => l.obj.reason)).toEqual([
      `tenant ${STRANGER} is not in teams.tenants`,
      'tenant (none or conflicting) is not in teams.tenants',
      'tenant (none or conflicting) is not in teams.tenants',
      'tenant (none or conflicting) is not in teams.tenants',
    ]);
  });

  it('an approver acting from another tenant does not count, by Universal Action or by Action.Submit with spoofed data', async () => {
    await signed(messageActivity(channel(), ALICE, 'stop web-prod-1'));
    const planId = connector.posts()[0].id!;
    // Bob's object id, but the activity comes from the partner organisation.
    const fromPartner = await signed(
      cardActionActivity(channel(PARTNER), BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }),
    );
    expect(cardText(fromPartner.body.value)).toContain('only people from that tenant may approve or reject it');
    const submit = {
      ...messageActivity(channel(PARTNER), MALLORY, '', { mention: false }),
      text: undefined,
      replyToId: planId,
      value: { action: 'approve', value: 'req-0001', tenant: TENANT, tenantId: TENANT, aadObjectId: BOB.aadObjectId, from: BOB },
    };
    expect((await signed(submit)).status).toBe(200);
    const reject = await signed(cardActionActivity(channel(PARTNER), BOB, planId, 'reject', { action: 'reject', value: 'req-0001' }));
    expect(cardText(reject.body.value)).toContain('only people from that tenant');
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
    expect((await bot.audit.list({ requestId: 'req-0001' })).filter((r) => r.kind === 'execution-start')).toHaveLength(0);

    // The same person from the request's own tenant approves, and it runs.
    const home = await signed(cardActionActivity(channel(), BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }));
    expect(cardText(home.body.value)).toContain('Approved by Bob');
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
  });

  it('an activity naming an untrusted service URL is refused before the bot sends anything anywhere', async () => {
    for (const serviceUrl of [
      'https://attacker.example/',
      'http://169.254.169.254/latest/',
      'https://mystorage.blob.core.windows.net/x/',
      'http://smba.trafficmanager.net/amer/',
    ]) {
      const res = await send(messageActivity(channel(TENANT, serviceUrl), ALICE, 'stop web-prod-1'), await entra.token(serviceUrl));
      expect(res.status).toBe(403);
    }
    await nothingHappened();
  });

  it('a token issued for one service URL does not carry an activity naming another', async () => {
    const res = await send(messageActivity(channel(TENANT, elsewhere.url), ALICE, 'stop web-prod-1'), await entra.token(connector.url));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'bad request' });
    await nothingHappened();
  });

  it(
    'one message with a new service URL cannot move a known conversation: card updates ' + 'and the result still reach the requester',
    async () => {
      await signed(messageActivity(channel(), ALICE, 'stop web-prod-1'));
      const planId = connector.posts()[0].id!;
      const hijack = { ...messageActivity(channel(TENANT, elsewhere.url), MALLORY, '', { mention: false }), text: '' };
      const res = await signed(hijack);
      expect(res.status).toBe(403);

      const approved = await signed(cardActionActivity(channel(), BOB, planId, 'approve', { action: 'approve', value: 'req-0001' }));
      expect(cardText(approved.body.value)).toContain('Approved by Bob');
      expect(elsewhere.calls).toHaveLength(0);
      expect(cardText(connector.cardOf(planId))).toMatch(/Result: i-[0-9a-f]+ is stopped/);
      expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    },
  );

  it('malformed bodies get 400, oversized ones 413, with fixed bodies; nothing is handled', async () => {
    const token = await entra.token(connector.url);
    for (const body of [
      '{}',
      '[]',
      'null',
      '{"type":""}',
      JSON.stringify({ conversation: { id: 'x' } }),
      JSON.stringify({ type: 'message' }),
      'not json',
    ]) {
      const res = await send(body, token);
      expect([body, res.status, res.body]).toEqual([body, 400, { error: 'bad request' }]);
    }
    // Not UTF-8: refused, not read as U+FFFD ("stop \uFFFD web-prod-1" would otherwise be planned).
    const [head, tail] = JSON.stringify(messageActivity(channel(), ALICE, 'stop web-prod-1')).split('web-prod-1');
    const broken = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe]), Buffer.from(`web-prod-1${tail}`)]);
    expect(await sendRaw(broken, { 'content-type': 'application/json', authorization: `Bearer ${token}` })).toEqual({
      status: 400,
      body: '{"error":"bad request"}',
    });
    // Not sent as JSON: 415, whatever the token.
    const json = JSON.stringify(messageActivity(channel(), ALICE, 'stop web-prod-1'));
    expect(await sendRaw(json, { 'content-type': 'text/plain', authorization: `Bearer ${token}` })).toEqual({
      status: 415,
      body: '{"error":"unsupported media type"}',
    });
    const big = JSON.stringify({ ...messageActivity(channel(), ALICE, 'x'), text: 'x'.repeat(400_000) });
    const res = await send(big, token);
    expect(res).toEqual({ status: 413, body: { error: 'activity too large' } });
    await nothingHappened();
  });

  it('an SDK failure is a bare 500; the error and its stack are logged once, as JSON, without the secret', async () => {
    accessToken = async () => {
      throw new Error('AADSTS7000215: Invalid client secret provided.');
    };
    const res = await signed(messageActivity(channel(), ALICE, 'stop web-prod-1'));
    expect(res).toEqual({ status: 500, body: { error: 'internal error' } });
    const errors = logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect((errors[0].obj.err as Error).message).toContain('AADSTS7000215');
    expect((errors[0].obj.err as Error).stack).toBeDefined();
    expect(JSON.stringify(logs)).not.toContain('test-secret-value');
    await nothingHappened();
  });
});
