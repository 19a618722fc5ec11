import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { SlackAdapter } from '../../src/chat/slack';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { FakeClock, parseTestConfig, testBot } from '../helpers/bot';
import { SlackApiStandIn } from '../helpers/slack-api';
import { buttonClick, postSigned, SIGNING_SECRET } from '../helpers/slack-requests';
import { postJson } from '../helpers/sns';

/**
 * Closing the loop: the rule's outgoing note (a ticket system played by a local stand-in) on each outcome,
 * signed, retried with backoff, recorded in the audit trail.
 */
const ESTATE = join(__dirname, '../fixtures/alerts/estate.yaml');
const TOKEN = 'am-token-7c1f0e9d';
const NOTIFY_SECRET = 'notify-secret-0a9b8c7d';

class TicketStandIn {
  received: { body: string; headers: Record<string, string | string[] | undefined> }[] = [];
  failFirst = 0;
  url = '';
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push({ body, headers: req.headers });
        res.writeHead(this.received.length <= this.failFirst ? 503 : 201).end('{}');
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/now/table/incident`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => this.server!.close(() => ok()));
  }
}

describe("alerts: outcome notes to the rule's webhook", () => {
  let api: SlackApiStandIn;
  let tickets: TicketStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let base: string;
  const sleeps: number[] = [];

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    tickets = new TicketStandIn();
    await tickets.start();
    bot = await testBot({
      clock: new FakeClock(new Date('2026-12-06T19:05:00Z')),
      estate: ESTATE,
      config: {
        sandbox: {},
        approval: { approvers: { oncall: { slack: ['UBOB'] } } },
        alerts: {
          channel: { platform: 'slack', id: 'C0ALERTS' },
          alertmanager: {},
          rules: [
            {
              name: 'status-check',
              when: { alarm: 'InstanceStatusCheckFailed' },
              playbook: 'ec2-reboot-instance',
              notify: {
                url: tickets.url,
                template: {
                  short_description: '{{alert.name}}: {{outcome}}',
                  work_notes: 'cloudops {{playbook}} on {{resource}}: {{result}}',
                  correlation_id: '{{requestId}}',
                },
              },
            },
            { name: 'disk', when: { alarm: 'DiskFull' }, playbook: 'ssm-disk-cleanup', notify: { url: tickets.url, retries: 2 } },
          ],
        },
      },
    });
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    sleeps.length = 0;
    running = await startChat(
      bot,
      { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      {
        log: bot.log,
        sleep: async (ms) => void sleeps.push(ms),
        env: { CLOUDOPS_ALERTMANAGER_TOKEN: TOKEN, CLOUDOPS_ALERT_NOTIFY_SECRET: NOTIFY_SECRET },
      },
    );
    adapter = running.adapters[0] as SlackAdapter;
    base = `http://127.0.0.1:${running.httpPort}`;
  });

  afterEach(async () => {
    await running.stop();
    bot.close();
    await api.close();
    await tickets.close();
  });

  const fire = (alertname: string, instance: string, status: 'firing' | 'resolved' = 'firing') =>
    postJson(
      `${base}/alerts/alertmanager`,
      {
        status,
        alerts: [
          {
            status,
            labels: { alertname, instance_id: instance },
            annotations: { summary: `${alertname} on ${instance}` },
            startsAt: '2026-12-06T19:00:00Z',
            endsAt: '2026-12-06T19:10:00Z',
          },
        ],
      },
      { authorization: `Bearer ${TOKEN}` },
    );
  const settle = async () => {
    await running.alerts!.intake.idle();
    await adapter.idle();
  };

  it('after the approved run, posts the templated note, signed, retrying 5xx with backoff, and audits the delivery', async () => {
    tickets.failFirst = 2;
    await fire('InstanceStatusCheckFailed', 'i-0f99e88d77c66b55a');
    await settle();
    // Nothing is sent while the plan waits.
    expect(await running.alerts!.notifier.sweep()).toBe(0);
    const post = api.named('chat.postMessage')[0];
    const approve = post.body.blocks.find((b: any) => b.type === 'actions').elements[0];
    await postSigned(
      `${base}/slack/events`,
      buttonClick({ user: 'UBOB', channel: 'C0ALERTS', messageTs: post.reply!.ts, actionId: approve.action_id, value: approve.value }),
    );
    await adapter.idle();
    expect(await running.alerts!.notifier.sweep()).toBe(1);
    expect(tickets.received).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    const last = tickets.received[2];
    expect(JSON.parse(last.body)).toEqual({
      short_description: 'InstanceStatusCheckFailed: succeeded',
      work_notes: expect.stringMatching(/^cloudops ec2-reboot-instance on checkout-prod-3 \(i-0f99e88d77c66b55a\): .+/),
      correlation_id: approve.value,
    });
    const expected = createHmac('sha256', NOTIFY_SECRET).update(`${last.headers['x-cloudops-timestamp']}.${last.body}`).digest('hex');
    expect(last.headers['x-cloudops-signature']).toBe(`sha256=${expected}`);
    const [note] = await bot.audit.list({ requestId: approve.value, kinds: ['notification'] });
    expect(note.data).toMatchObject({
      rule: 'status-check',
      outcome: 'succeeded',
      status: 201,
      attempts: 3,
      delivered: true,
      url: tickets.url,
    });
    // Sent once: a second sweep finds nothing to send.
    expect(await running.alerts!.notifier.sweep()).toBe(0);
    expect(tickets.received).toHaveLength(3);
    expect(JSON.stringify(note.data)).not.toContain(NOTIFY_SECRET);
  });

  it(
    'a resolved alert closes the plan and sends "resolved"; a note that keeps failing is ' + 'given up after its retries, audited',
    async () => {
      tickets.failFirst = 100;
      await fire('DiskFull', 'i-0a11b22c33d44e55f');
      await settle();
      await fire('DiskFull', 'i-0a11b22c33d44e55f', 'resolved');
      await settle();
      expect(await running.alerts!.notifier.sweep()).toBe(1);
      expect(tickets.received).toHaveLength(3);
      expect(JSON.parse(tickets.received[0].body)).toMatchObject({ outcome: 'resolved', alert: 'DiskFull', rule: 'disk' });
      const requestId = JSON.parse(tickets.received[0].body).requestId;
      expect((await bot.audit.list({ requestId, kinds: ['notification'] }))[0].data).toMatchObject({
        outcome: 'resolved',
        delivered: false,
        status: 503,
        attempts: 3,
      });
    },
  );
});
