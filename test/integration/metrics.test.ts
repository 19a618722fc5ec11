import type { SlackAdapter } from '../../src/chat/slack';
import { buildBot, DEMO_ESTATE, startChat, type Bot, type RunningChat } from '../../src/main';
import { BotMetrics } from '../../src/metrics';
import { parseTestConfig, silentLog } from '../helpers/bot';
import { SlackApiStandIn } from '../helpers/slack-api';
import { buttonClick, postSigned, SIGNING_SECRET, slashCommand } from '../helpers/slack-requests';
import { SocketModeStandIn } from '../helpers/socket-mode-server';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { startCommand } from '../../src/cli/start-command';
import { freePort } from '../helpers/bot';
import { memoryTrainingCache } from '../helpers/fixtures';

/**
 * /metrics over real HTTP on the bot's one server (Slack's HTTP receiver beside it), scraped after a
 * whole conversation: the counters an operator would graph moved by what happened.
 */
describe('/metrics (Prometheus) after a conversation', () => {
  let api: SlackApiStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let base: string;
  // Not the user's cache folder; trained by the first bot of the file, reused by the others.
  const training = memoryTrainingCache();

  async function start(env: Record<string, string> = {}, metrics: BotMetrics | null = new BotMetrics({ defaults: false })) {
    api = await SlackApiStandIn.start();
    const config = parseTestConfig({
      sandbox: {},
      approval: { approvers: { oncall: { slack: ['UBOB'] } } },
      slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url },
    });
    let n = 0;
    bot = await buildBot({
      loaded: { config, file: null },
      sandboxFile: DEMO_ESTATE,
      storePath: ':memory:',
      sleep: async () => {},
      log: silentLog,
      newId: () => `req-${String(++n).padStart(4, '0')}`,
      trainingCache: training,
      metrics: metrics ?? undefined,
    });
    running = await startChat(
      bot,
      { slack: { config: config.slack!, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      { log: silentLog, sleep: async () => {}, env },
    );
    adapter = running.adapters[0] as SlackAdapter;
    base = `http://127.0.0.1:${running.httpPort}`;
  }

  afterEach(async () => {
    await running?.stop();
    bot?.close();
    await api?.close();
  });

  const scrape = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}/metrics`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };
  /** The value of one sample line, `name{labels}`, or 0 when it is not there. */
  const sample = (text: string, name: string, labels: Record<string, string>) => {
    const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && want.every((w) => l.slice(0, l.indexOf('}') + 1).includes(w)));
    return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  };

  async function ask(text: string, user = 'UALICE') {
    expect((await postSigned(`${base}/slack/events`, slashCommand({ user, channel: 'C0OPS', text }))).status).toBe(200);
    await adapter.idle();
    return api.named('chat.postMessage').at(-1)!;
  }
  async function click(post: Awaited<ReturnType<typeof ask>>, action: 'approve' | 'reject', user: string) {
    const button = post.body.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.action_id.startsWith(`cloudops:${action}`));
    expect(
      (
        await postSigned(
          `${base}/slack/events`,
          buttonClick({
            user,
            channel: 'C0OPS',
            messageTs: post.reply!.ts as string,
            actionId: button.action_id,
            value: button.value,
            actionTs: `${Date.now() / 1000}`,
          }),
        )
      ).status,
    ).toBe(200);
    await adapter.idle();
  }

  it('counts requests, plans by playbook and risk, approvals by outcome and executions with their duration', async () => {
    await start();
    const before = await scrape();
    expect(before.status).toBe(200);
    expect(before.type).toContain('text/plain');
    expect(sample(before.text, 'cloudops_plans_total', { playbook: 'ec2-stop-instance' })).toBe(0);
    // The start-up scan was measured slice by slice.
    expect(before.text).toMatch(
      /cloudops_inventory_scan_duration_seconds_count\{account="\d{12}",region="[a-z0-9-]+",kind="ec2-instances",ok="true"\} 1/,
    );

    const card = await ask('stop web-prod-1');
    await click(card, 'approve', 'UMALLORY'); // not an approver: refused
    await click(card, 'approve', 'UBOB');
    const second = await ask('stop web-prod-2');
    await click(second, 'reject', 'UBOB');
    await ask('bake me a cake please');

    const { text } = await scrape();
    expect(sample(text, 'cloudops_requests_total', { outcome: 'understood', playbook: 'ec2-stop-instance' })).toBe(2);
    expect(sample(text, 'cloudops_requests_total', { outcome: 'not_understood' })).toBe(1);
    expect(sample(text, 'cloudops_plans_total', { playbook: 'ec2-stop-instance', risk: 'high', blocked: 'false' })).toBe(2);
    expect(sample(text, 'cloudops_approval_decisions_total', { outcome: 'refused' })).toBe(1);
    expect(sample(text, 'cloudops_approval_decisions_total', { outcome: 'approved' })).toBe(1);
    expect(sample(text, 'cloudops_approval_decisions_total', { outcome: 'rejected' })).toBe(1);
    expect(sample(text, 'cloudops_executions_total', { playbook: 'ec2-stop-instance', outcome: 'succeeded' })).toBe(1);
    expect(sample(text, 'cloudops_execution_duration_seconds_count', { playbook: 'ec2-stop-instance', outcome: 'succeeded' })).toBe(1);
    // The store was used (approvals, audit) and timed at its one seam.
    expect(sample(text, 'cloudops_store_query_duration_seconds_count', { engine: 'sqlite', operation: 'insert' })).toBeGreaterThan(0);
    expect(sample(text, 'cloudops_store_query_duration_seconds_count', { engine: 'sqlite', operation: 'transaction' })).toBeGreaterThan(0);
  });

  it('asks for the bearer token when CLOUDOPS_METRICS_TOKEN is set, and never echoes it', async () => {
    await start({ CLOUDOPS_METRICS_TOKEN: 'scrape-secret-1234' });
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.text).not.toContain('cloudops_');
    const wrong = await scrape({ authorization: 'Bearer scrape-secret-9999' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('scrape-secret');
    const right = await scrape({ authorization: 'Bearer scrape-secret-1234' });
    expect(right.status).toBe(200);
    expect(right.text).toContain('cloudops_requests_total');
  });

  it('is not served when the bot is built without metrics (what metrics.enabled: false does)', async () => {
    await start({}, null);
    expect((await scrape()).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it(
    'Socket Mode: /metrics and /readyz are on the health port; draining disconnects from ' + 'Socket Mode and reports nothing left running',
    async () => {
      api = await SlackApiStandIn.start();
      const ws = await SocketModeStandIn.start();
      api.socketUrl = ws.url;
      try {
        const config = parseTestConfig({ sandbox: {}, slack: { mode: 'socket', apiUrl: api.url } });
        bot = await buildBot({
          loaded: { config, file: null },
          sandboxFile: DEMO_ESTATE,
          storePath: ':memory:',
          sleep: async () => {},
          log: silentLog,
          trainingCache: training,
          metrics: new BotMetrics({ defaults: false }),
        });
        const port = await freePort();
        running = await startChat(
          bot,
          { slack: { config: config.slack!, tokens: { botToken: 'xoxb-test-token', appToken: 'xapp-1-A0CLOUDOPS-3333-test' } } },
          { log: silentLog, sleep: async () => {}, env: { CLOUDOPS_HEALTH_PORT: String(port) } },
        );
        base = `http://127.0.0.1:${port}`;
        await ws.whenConnected();
        expect((await fetch(`${base}/readyz`)).status).toBe(200);
        expect((await scrape()).text).toContain('cloudops_inventory_scan_duration_seconds');
        const drained = running.drain(5000);
        await ws.whenDisconnected();
        expect(await drained).toEqual({ finished: true, handedBack: [], ms: expect.any(Number) });
      } finally {
        await ws.close();
      }
    },
  );

  it('cloudops start serves /metrics by default and not with metrics.enabled: false', async () => {
    api = await SlackApiStandIn.start();
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-metrics-'));
    const statusWith = async (extra: string[]) => {
      const file = join(dir, 'cloudops.yaml');
      writeFileSync(
        file,
        [
          'sandbox: {}',
          `playbooks: { dir: ${JSON.stringify(resolve(__dirname, '../../playbooks'))} }`,
          'log: { level: silent }',
          `slack: { mode: http, host: 127.0.0.1, port: ${await freePort()}, apiUrl: ${JSON.stringify(api.url)} }`,
          ...extra,
        ].join('\n'),
      );
      let stop!: () => void;
      const stopped = new Promise<void>((ok) => (stop = ok));
      let ready!: (info: { httpPort?: number }) => void;
      const isReady = new Promise<{ httpPort?: number }>((ok) => (ready = ok));
      const input = new PassThrough();
      input.end();
      const run = startCommand(
        { config: file, store: ':memory:' },
        {
          env: { SLACK_BOT_TOKEN: 'xoxb-1111-2222-test', SLACK_SIGNING_SECRET: SIGNING_SECRET, CLOUDOPS_CACHE_DIR: join(dir, 'cache') },
          input,
          output: new PassThrough(),
          interactive: false,
          stopped: () => stopped,
          onReady: (i) => ready(i),
        },
      );
      try {
        const { httpPort } = await isReady;
        return (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).status;
      } finally {
        stop();
        await run;
      }
    };
    try {
      expect(await statusWith([])).toBe(200);
      expect(await statusWith(['metrics: { enabled: false }'])).toBe(404);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
