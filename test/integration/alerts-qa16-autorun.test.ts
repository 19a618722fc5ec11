import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackAdapter } from '../../src/chat/slack';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { FakeClock, parseTestConfig, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { SIGNING_SECRET } from '../helpers/slack-requests';
import { postJson } from '../helpers/sns';

/** Auto-run (rule + policy + low risk) must not act on a resource the fuzzy resolver guessed from the alert's hint. */
const ESTATE = join(__dirname, '../fixtures/alerts/estate.yaml');
const FIXTURES = join(__dirname, '../fixtures/alerts');
const TOKEN = 'am-token-7c1f0e9d';
const SECRET = 'hook-secret-51b2a0f3';

function sign(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

describe('alerts (QA 16): auto-run only on the resource the alert names exactly', () => {
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

  it('a hint that matches loosely ("web", "a and b") gets a card that waits for a click; an exact id or name auto-runs', async () => {
    await start({
      webhook: {},
      autoRun: true,
      rules: [{ name: 'disk-auto', when: { alarm: '*disk*' }, playbook: 'ssm-disk-cleanup', autoRun: true }],
    });
    const hook = (body: object) => {
      const raw = JSON.stringify(body);
      return postJson(`${base}/alerts/webhook`, raw, { 'x-cloudops-signature': sign(raw) });
    };
    expect((await hook({ name: 'disk full web', state: 'firing', resource: 'web' })).status).toBe(202);
    expect((await hook({ name: 'disk full pair', state: 'firing', resource: 'web-staging-7 and checkout-prod-3' })).status).toBe(202);
    await settle();
    expect(await bot.audit.list({ kinds: ['result'] })).toEqual([]);
    const cards = api.named('chat.postMessage').map((p) => shownText(p.body));
    expect(cards).toHaveLength(2);
    for (const card of cards) {
      expect(card).toContain('Not run automatically: the alert names');
      expect(card).toContain('matched web-staging-7 (i-0a11b22c33d44e55f) only loosely. Click Run if it is the right one.');
    }
    expect(logged.join('\n')).toContain('auto-run withheld');
    // Named exactly (the Name tag, without case): the rule and the policy allow it, so it runs.
    await hook({ name: 'disk full exact', state: 'firing', resource: 'Web-Staging-7' });
    await settle();
    const results = await bot.audit.list({ kinds: ['result'] });
    expect(results).toHaveLength(1);
    expect(JSON.stringify(results[0].data.steps)).toContain('ssm.runShellScript');
  });

  it('webhook timestamp header: milliseconds are read as a time; a missing or unreadable stamp says which and what to send', async () => {
    await start({ webhook: { timestampHeader: 'x-timestamp' }, rules: [] });
    const raw = JSON.stringify({ name: 'Disk full', state: 'resolved', resource: 'web-staging-7' });
    const signed = (ts: string) => ({
      'x-timestamp': ts,
      'x-cloudops-signature': `sha256=${createHmac('sha256', SECRET).update(`${ts}.${raw}`).digest('hex')}`,
    });
    const ms = String(new Date('2026-12-06T19:05:00Z').getTime());
    expect((await postJson(`${base}/alerts/webhook`, raw, signed(ms))).status).toBe(202);
    const missing = await postJson(`${base}/alerts/webhook`, raw, { 'x-cloudops-signature': sign(raw) });
    expect(missing.status).toBe(401);
    expect(missing.body.error).toContain('no x-timestamp header; send the time of sending');
    const garbage = await postJson(`${base}/alerts/webhook`, raw, signed('yesterday-ish'));
    expect(garbage.body.error).toContain('x-timestamp "yesterday-ish" is not a time');
    const old = await postJson(`${base}/alerts/webhook`, raw, signed(String(Number(ms) - 3_600_000)));
    expect(old.body.error).toContain('more than 5 minutes from now');
  });
});
