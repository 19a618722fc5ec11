import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackAdapter } from '../../src/chat/slack';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { FakeClock, parseTestConfig, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { SIGNING_SECRET } from '../helpers/slack-requests';
import { postJson } from '../helpers/sns';

/** Alertmanager (bearer token, grouped alerts) and the generic webhook (HMAC, field mapping) over real HTTP. */
const ESTATE = join(__dirname, '../fixtures/alerts/estate.yaml');
const FIXTURES = join(__dirname, '../fixtures/alerts');
const TOKEN = 'am-token-7c1f0e9d';
const SECRET = 'hook-secret-51b2a0f3';

function sign(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

describe('alerts: Alertmanager and generic webhook sources', () => {
  let api: SlackApiStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let base: string;
  let logged: string[];

  async function start(alerts: Record<string, unknown>) {
    logged = [];
    const capture = (level: string) => (obj: object, msg?: string) => void logged.push(`${level} ${JSON.stringify(obj)} ${msg ?? ''}`);
    const log = { info: capture('info'), warn: capture('warn'), error: capture('error'), debug: capture('debug') };
    bot = await testBot({
      clock: new FakeClock(new Date('2026-12-06T19:05:00Z')),
      estate: ESTATE,
      config: {
        sandbox: {},
        approval: { approvers: { oncall: { slack: ['UBOB'] } } },
        alerts: { channel: { platform: 'slack', id: 'C0ALERTS' }, ...alerts },
      },
    });
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    running = await startChat(
      bot,
      { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      { log, sleep: async () => {}, env: { CLOUDOPS_ALERTMANAGER_TOKEN: TOKEN, CLOUDOPS_ALERT_WEBHOOK_SECRET: SECRET } },
    );
    adapter = running.adapters[0] as SlackAdapter;
    base = `http://127.0.0.1:${running.httpPort}`;
  }

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
  });

  afterEach(async () => {
    await running.stop();
    bot.close();
    await api.close();
  });

  const settle = async () => {
    await running.alerts!.intake.idle();
    await adapter.idle();
  };

  it('Alertmanager: the bearer token is required; each alert of a group gets its card; the rule proposes a reboot', async () => {
    await start({
      alertmanager: {},
      rules: [
        { name: 'status-check', when: { source: 'alertmanager', alarm: 'InstanceStatusCheckFailed' }, playbook: 'ec2-reboot-instance' },
      ],
    });
    const body = JSON.parse(readFileSync(join(FIXTURES, 'alertmanager.json'), 'utf8'));
    const second = { ...body.alerts[0], labels: { ...body.alerts[0].labels, instance_id: 'i-0a11b22c33d44e55f' }, fingerprint: 'second' };
    const group = { ...body, alerts: [body.alerts[0], second] };
    expect((await postJson(`${base}/alerts/alertmanager`, group)).status).toBe(401);
    expect((await postJson(`${base}/alerts/alertmanager`, group, { authorization: 'Bearer wrong-token-000000' })).status).toBe(401);
    await settle();
    expect(api.named('chat.postMessage')).toEqual([]);
    const ok = await postJson(`${base}/alerts/alertmanager`, group, { authorization: `Bearer ${TOKEN}` });
    expect(ok).toEqual({ status: 202, body: { ok: true, accepted: 2 } });
    await settle();
    const posts = api.named('chat.postMessage').map((p) => shownText(p.body));
    expect(posts).toHaveLength(2);
    expect(posts.join('\n')).toContain('checkout-prod-3 (i-0f99e88d77c66b55a)');
    expect(posts.join('\n')).toContain('web-staging-7 (i-0a11b22c33d44e55f)');
    expect(posts[0]).toContain('Alert: InstanceStatusCheckFailed → Reboot');
    expect(posts[0]).toContain('EC2 instance status check failing');
    expect(running.alerts!.intake.counts()).toEqual({ accepted: 2, refused: { token: 2 } });
    // Refusals are logged with their reason; a token never reaches the logs.
    expect(logged.filter((l) => l.includes('alert refused') && l.includes('"reason":"token"'))).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('Alertmanager: a group with one malformed alert is refused whole (nothing half-processed)', async () => {
    await start({ alertmanager: {}, rules: [] });
    const body = JSON.parse(readFileSync(join(FIXTURES, 'alertmanager.json'), 'utf8'));
    const broken = { ...body, alerts: [body.alerts[0], { status: 'exploded', labels: { alertname: 'X' } }] };
    const res = await postJson(`${base}/alerts/alertmanager`, broken, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('alerts[1]: status firing/resolved expected');
    await settle();
    expect(api.named('chat.postMessage')).toEqual([]);
    expect(await bot.audit.list()).toEqual([]);
  });

  it('webhook: HMAC over the raw body, the configured field mapping; an RDS storage alert proposes a snapshot first', async () => {
    await start({
      webhook: {
        signatureHeader: 'x-signature',
        fields: {
          name: 'title',
          state: 'alert_transition',
          severity: 'priority',
          resource: 'host',
          reason: 'body',
          time: 'date',
          metric: 'metric',
          labels: 'tags',
        },
        firing: ['Triggered'],
        resolved: ['Recovered'],
      },
      rules: [{ name: 'rds-storage', when: { metric: 'aws.rds.free_storage_space' }, playbook: 'rds-create-snapshot' }],
    });
    const raw = readFileSync(join(FIXTURES, 'webhook-datadog.json'), 'utf8');
    expect((await postJson(`${base}/alerts/webhook`, raw, { 'x-signature': sign(`${raw} `) })).status).toBe(401);
    expect((await postJson(`${base}/alerts/webhook`, raw)).status).toBe(401);
    const bad = JSON.stringify({ ...JSON.parse(raw), alert_transition: 'Weird' });
    const badState = await postJson(`${base}/alerts/webhook`, bad, { 'x-signature': sign(bad) });
    expect(badState.status).toBe(400);
    expect(badState.body.error).toContain('neither firing');
    await settle();
    expect(api.named('chat.postMessage')).toEqual([]);
    expect((await postJson(`${base}/alerts/webhook`, raw, { 'x-signature': sign(raw) })).status).toBe(202);
    await settle();
    const [post] = api.named('chat.postMessage');
    const shown = shownText(post.body);
    expect(shown).toContain('Alert: [Triggered] Free storage low on orders-db → ');
    expect(shown).toContain('snapshot');
    expect(shown).toContain('FreeStorageSpace below 10 GiB');
    expect(shown).toContain('alert rule rds-storage');
    const recovered = JSON.stringify({ ...JSON.parse(raw), alert_transition: 'Recovered' });
    expect((await postJson(`${base}/alerts/webhook`, recovered, { 'x-signature': sign(recovered) })).status).toBe(202);
    await settle();
    expect(shownText(api.named('chat.update').at(-1)!.body)).toContain('Resolved: [Triggered] Free storage low on orders-db');
  });

  it('with no rule, the classifier proposes a playbook from the alert text and the card says it is a suggestion', async () => {
    await start({ alertmanager: {}, rules: [] });
    const body = {
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          labels: { alertname: 'NodeFilesystemAlmostFull', host: 'web-staging-7', severity: 'warning' },
          annotations: { summary: 'the disk on web-staging-7 is almost full, clean it up' },
          startsAt: '2026-12-06T19:00:00Z',
        },
      ],
    };
    expect((await postJson(`${base}/alerts/alertmanager`, body, { authorization: `Bearer ${TOKEN}` })).status).toBe(202);
    await settle();
    const shown = shownText(api.named('chat.postMessage')[0].body);
    expect(shown).toContain('Free disk space on an instance');
    expect(shown).toContain('*Suggestion*: no alert rule matches');
    expect(shown).toContain('suggestion (no alert rule)');
  });

  it('auto-runs a low-risk plan only when the rule and the policy both allow it; rate-limits a flood per rule', async () => {
    await start({
      alertmanager: {},
      autoRun: true,
      rateLimit: { cards: 2, per: '10m' },
      rules: [
        { name: 'disk-auto', when: { alarm: 'DiskFullAuto' }, playbook: 'ssm-disk-cleanup', autoRun: true },
        { name: 'disk-manual', when: { alarm: 'DiskFullManual' }, playbook: 'ssm-disk-cleanup' },
        { name: 'prod-reboot', when: { alarm: 'StatusAuto' }, playbook: 'ec2-reboot-instance', autoRun: true },
      ],
    });
    const fire = (alertname: string, instance: string) =>
      postJson(
        `${base}/alerts/alertmanager`,
        {
          status: 'firing',
          alerts: [
            {
              status: 'firing',
              labels: { alertname, instance_id: instance },
              annotations: { summary: 'disk full' },
              startsAt: '2026-12-06T19:00:00Z',
            },
          ],
        },
        { authorization: `Bearer ${TOKEN}` },
      );
    await fire('DiskFullAuto', 'i-0a11b22c33d44e55f');
    await fire('DiskFullManual', 'i-0a11b22c33d44e55f');
    await fire('StatusAuto', 'i-0f99e88d77c66b55a');
    await settle();
    const results = await bot.audit.list({ kinds: ['result'] });
    // Only the low-risk plan of the rule that allows it ran; the production reboot (high risk) waits.
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results[0].data.steps)).toContain('ssm.runShellScript');
    const posts = api.named('chat.postMessage');
    expect(posts).toHaveLength(3 + 2); // three cards + the auto-run's progress and result in its thread
    // A flood of distinct alerts under one rule: at most rateLimit.cards new cards.
    for (const id of ['i-0f99e88d77c66b55a', 'i-00000000000000001', 'i-00000000000000002', 'i-00000000000000003'])
      await fire('DiskFullManual', id);
    await settle();
    const cards = api.named('chat.postMessage').filter((p) => shownText(p.body).includes('DiskFullManual'));
    expect(cards).toHaveLength(2);
    expect(running.alerts!.flow.outcomes().suppressed).toBe(3);
  });

  it('a card that could not be posted leaves no half-open incident: the next firing posts it', async () => {
    await start({ alertmanager: {}, rules: [{ name: 'disk', when: { alarm: 'DiskFull' }, playbook: 'ssm-disk-cleanup' }] });
    api.on('chat.postMessage', (body, call) =>
      call === 1 ? { ok: false, error: 'channel_not_found' } : api.answer('chat.postMessage', body),
    );
    const fire = () =>
      postJson(
        `${base}/alerts/alertmanager`,
        {
          status: 'firing',
          alerts: [
            { status: 'firing', labels: { alertname: 'DiskFull', instance_id: 'i-0a11b22c33d44e55f' }, startsAt: '2026-12-06T19:00:00Z' },
          ],
        },
        { authorization: `Bearer ${TOKEN}` },
      );
    await fire();
    await settle();
    expect(api.named('chat.postMessage')).toHaveLength(1);
    expect(logged.join('\n')).toContain('alert could not be handled');
    await fire();
    await settle();
    const posts = api.named('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(posts[1].reply).toMatchObject({ ok: true });
    expect(shownText(posts[1].body)).toContain('Alert: DiskFull');
  });

  it('webhook with a timestamp header: the HMAC covers "timestamp.body" and an old (replayed) body is refused', async () => {
    await start({
      webhook: {
        timestampHeader: 'x-timestamp',
        fields: { name: 'title', state: 'alert_transition', resource: 'host' },
        firing: ['Triggered'],
        resolved: ['Recovered'],
      },
      rules: [],
    });
    const raw = JSON.stringify({ title: 'Disk full', alert_transition: 'Recovered', host: 'web-staging-7' });
    const now = Math.floor(new Date('2026-12-06T19:05:00Z').getTime() / 1000);
    const signed = (ts: number) => ({
      'x-timestamp': String(ts),
      'x-cloudops-signature': `sha256=${createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex')}`,
    });
    expect((await postJson(`${base}/alerts/webhook`, raw, signed(now - 3600))).status).toBe(401);
    expect((await postJson(`${base}/alerts/webhook`, raw, { ...signed(now), 'x-timestamp': String(now + 1) })).status).toBe(401);
    expect((await postJson(`${base}/alerts/webhook`, raw, { 'x-cloudops-signature': sign(raw) })).status).toBe(401);
    expect((await postJson(`${base}/alerts/webhook`, raw, signed(now))).status).toBe(202);
    expect(running.alerts!.intake.counts()).toEqual({ accepted: 1, refused: { stale: 2, signature: 1 } });
  });
});

describe('alerts: start-up checks', () => {
  it('refuses to start with a rule naming an unknown playbook or a channel on a platform that is not running', async () => {
    const api = await SlackApiStandIn.start();
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    const attempt = async (alerts: Record<string, unknown>) => {
      const bot = await testBot({
        estate: ESTATE,
        config: { sandbox: {}, alerts: { channel: { platform: 'slack', id: 'C0ALERTS' }, alertmanager: {}, ...alerts } },
      });
      try {
        const running = await startChat(
          bot,
          { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
          { log: bot.log, env: {} },
        );
        await running.stop();
        return 'started';
      } catch (e) {
        return (e as Error).message;
      } finally {
        bot.close();
      }
    };
    expect(await attempt({ rules: [{ name: 'x', when: { alarm: 'a' }, playbook: 'no-such-playbook' }] })).toContain(
      'alerts.rules[x].playbook: no playbook `no-such-playbook` is loaded',
    );
    expect(await attempt({ rules: [{ name: 'x', when: { alarm: 'a' }, playbook: 'ssm-disk-cleanup', resource: 'db' }] })).toContain(
      'ssm-disk-cleanup has no parameter `db`',
    );
    expect(
      await attempt({
        rules: [
          { name: 'x', when: { alarm: 'a' }, playbook: 'ssm-disk-cleanup', channel: { platform: 'teams', id: '19:abc@thread.tacv2' } },
        ],
      }),
    ).toContain('alerts.rules[x].channel is on teams, which this bot does not run');
    expect(await attempt({ rules: [{ name: 'x', when: { alarm: 'a' }, playbook: 'ssm-disk-cleanup' }] })).toBe('started');
    await api.close();
  });
});
