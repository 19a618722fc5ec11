/**
 * Teams figures (npm run bench:teams). Prints; asserts nothing about speed.
 * The endpoint runs as deployed (credentials, teams.tenants, token checks against a stand-in Entra ID
 * issuer on loopback) with a stand-in Bot Connector; the bot's own outbound token is stubbed.
 *  1. Hostile requests accepted (goal 0 each): unauthenticated, forged tokens, cross-tenant
 *     (activities from a tenant not served, and approvals from another served tenant), and service
 *     URL redirects (untrusted hosts, and moving a known conversation to another trusted host).
 *  2. Latency on loopback: message -> plan card at the connector, and Action.Execute invoke -> response.
 * BENCH_N sets the number of timed requests (default 100).
 */
import type { Connections } from '@microsoft/agents-hosting';
import { chatPlatforms, startChat } from '../src/main';
import { silentLog, testBot } from '../test/helpers/bot';
import { StandInEntra } from '../test/helpers/entra';
import {
  cardActionActivity,
  cardIn,
  deliver,
  FakeConnector,
  messageActivity,
  TENANT,
  type TeamsUser,
  type Where,
} from '../test/helpers/teams';

const N = Number(process.env.BENCH_N ?? 100);
const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

const APP = '11111111-2222-4333-8444-555555555555';
const PARTNER = '9a9a9a9a-0000-4000-8000-00000000000c';
const STRANGER = '5e5e5e5e-0000-4000-8000-00000000000d';
const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const BOB: TeamsUser = { id: '29:bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob' };

it('teams figures', async () => {
  const entra = await new StandInEntra(TENANT, APP).start();
  const connector = await new FakeConnector().start();
  const elsewhere = await new FakeConnector().start();
  const bot = await testBot({
    config: {
      sandbox: {},
      approval: { approvers: { ops: { teams: [BOB.aadObjectId] } } },
      teams: { port: 0, host: '127.0.0.1', tenants: [TENANT, PARTNER], serviceUrls: [connector.url, elsewhere.url] },
    },
  });
  const env = {
    MICROSOFT_APP_ID: APP,
    MICROSOFT_APP_TENANT_ID: TENANT,
    MICROSOFT_APP_PASSWORD: 'bench-secret',
    MICROSOFT_APP_AUTHORITY: entra.authority,
  };
  const chat = await startChat(bot, chatPlatforms(bot.config, env), { log: silentLog, env });
  const provider = { getAccessToken: async () => 'bot-access-token' };
  chat.teams!.cloud.connectionManager = {
    getTokenProvider: () => provider,
    getTokenProviderFromActivity: () => provider,
  } as unknown as Connections;
  const port = chat.httpPort!;
  let conversations = 0;
  const where = (tenant = TENANT, serviceUrl = connector.url): Where => ({
    serviceUrl,
    conversation: { id: `19:bench-${++conversations}@thread.tacv2;messageid=1`, conversationType: 'channel', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });
  const token = (serviceUrl = connector.url) => entra.token(serviceUrl);
  const send = async (activity: Record<string, unknown>, bearer?: string) => {
    const res = await deliver(port, activity, '/api/messages', bearer);
    await chat.teams!.idle();
    return res;
  };
  const reached = () => connector.calls.length + elsewhere.calls.length;

  // A plan card to attack: Alice asks in her tenant.
  const home = where();
  await send(messageActivity(home, ALICE, 'stop web-prod-1'), await token());
  const planId = connector.posts()[0].id!;
  const requestId = 'req-0001';
  const approveClick = (w: Where, user = BOB) => cardActionActivity(w, user, planId, 'approve', { action: 'approve', value: requestId });

  // 1. Hostile requests. "Accepted" = answered 2xx with anything handled, or any change or outbound call.
  const counts: Record<string, { sent: number; accepted: number }> = {};
  const count = async (kind: string, attempt: () => Promise<boolean>) => {
    counts[kind] ??= { sent: 0, accepted: 0 };
    counts[kind].sent++;
    if (await attempt()) counts[kind].accepted++;
  };
  const unchanged = async () => (await bot.desk.get(requestId))!.state === 'proposed';

  for (let i = 0; i < 25; i++) {
    const before = reached();
    await count(
      'unauthenticated',
      async () =>
        (await send(i % 2 ? approveClick(home) : messageActivity(where(), ALICE, 'stop web-prod-2'))).status < 400 ||
        reached() > before ||
        !(await unchanged()),
    );
  }
  const forgeries = [
    () => entra.token(connector.url, { aud: '22222222-3333-4444-8555-666666666666' }),
    () => entra.token(connector.url, { iss: 'https://issuer.attacker.example/v2.0' }),
    () => entra.token(connector.url, { expiresIn: -3600 }),
    async () => entra.unsigned(connector.url),
    () => entra.token(connector.url, { kid: 'attacker-key' }),
    () => entra.token(connector.url, { foreignKey: true }),
  ];
  for (let i = 0; i < 30; i++) {
    const before = reached();
    const forged = await forgeries[i % forgeries.length]();
    await count(
      'forged token',
      async () =>
        (await send(i % 2 ? approveClick(home) : messageActivity(where(), ALICE, 'stop web-prod-2'), forged)).status < 400 ||
        reached() > before ||
        !(await unchanged()),
    );
  }
  for (let i = 0; i < 20; i++) {
    const before = reached();
    await count('cross-tenant', async () => {
      if (i % 2) {
        // An approver's object id, acting from another tenant the bot serves: the click is answered, the approval must not count.
        await send(approveClick(where(PARTNER)), await token());
        return !(await unchanged());
      }
      const w = where(STRANGER);
      return (await send(messageActivity(w, ALICE, 'stop web-prod-2'), await token())).status < 400 || reached() > before;
    });
  }
  const untrusted = [
    'https://attacker.example/',
    'http://169.254.169.254/latest/',
    'https://evil.blob.core.windows.net/c/',
    'http://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net.attacker.example/',
  ];
  for (let i = 0; i < 20; i++) {
    const beforeElsewhere = elsewhere.calls.length;
    await count('serviceUrl redirect', async () => {
      if (i % 2) {
        // Move the known conversation (and its card updates) to another trusted host.
        const hijack = { ...messageActivity({ ...home, serviceUrl: elsewhere.url }, ALICE, '', { mention: false }), text: '' };
        const res = await send(hijack, await token(elsewhere.url));
        return res.status < 400 || elsewhere.calls.length > beforeElsewhere;
      }
      const url = untrusted[(i / 2) % untrusted.length];
      const before = reached();
      return (
        (await send(messageActivity(where(TENANT, url), ALICE, 'stop web-prod-2'), await token(url))).status < 400 || reached() > before
      );
    });
  }
  for (const [kind, c] of Object.entries(counts)) out(`${kind}: ${c.accepted} of ${c.sent} hostile requests accepted (goal 0)`);

  // 2. Latency. message -> card: from sending the activity until the plan card reaches the connector.
  const cardTimes: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = where();
    const activity = messageActivity(w, ALICE, `stop web-prod-${(i % 2) + 2}`);
    const bearer = await token();
    const arrived = new Promise<number>((ok) => {
      connector.onCall = (call) => {
        if (call.method === 'POST' && call.conversation === w.conversation.id) ok(performance.now());
      };
    });
    const t = performance.now();
    await deliver(port, activity, '/api/messages', bearer);
    cardTimes.push((await arrived) - t);
    await chat.teams!.idle();
  }
  connector.onCall = undefined;
  out(
    `message -> plan card at the connector: n=${N} p50 ${ms(pct(cardTimes, 50))} p99 ` +
      `${ms(pct(cardTimes, 99))} max ${ms(Math.max(...cardTimes))} (goal p50 < 20 ms)`,
  );

  // invoke -> response: an approver's Reject on a fresh plan card, answered with the updated card.
  const invokeTimes: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = where();
    await send(messageActivity(w, ALICE, 'stop web-prod-2'), await token());
    const card = connector
      .posts()
      .filter((p) => p.conversation === w.conversation.id)
      .pop()!;
    const reject = cardIn(card.body).actions!.find((a) => a.verb === 'reject')!;
    const click = cardActionActivity(w, BOB, card.id!, 'reject', reject.data as Record<string, unknown>);
    const bearer = await token();
    const t = performance.now();
    const res = await deliver(port, click, '/api/messages', bearer);
    invokeTimes.push(performance.now() - t);
    if (res.status !== 200 || !JSON.stringify(res.body).includes('Rejected by Bob'))
      throw new Error(`unexpected invoke answer ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    await chat.teams!.idle();
  }
  out(
    `Action.Execute invoke -> response with the updated card: n=${N} p50 ` +
      `${ms(pct(invokeTimes, 50))} p99 ${ms(pct(invokeTimes, 99))} max ` +
      `${ms(Math.max(...invokeTimes))} (goal p50 < 20 ms)`,
  );

  await chat.stop();
  bot.close();
  await connector.close();
  await elsewhere.close();
  await entra.close();
});
