import { join } from 'node:path';
import type { SlackAdapter } from '../../src/chat/slack';
import { startChat, type Bot, type RunningChat } from '../../src/main';
import { FakeClock, parseTestConfig, testBot } from '../helpers/bot';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { buttonClick, postSigned, SIGNING_SECRET } from '../helpers/slack-requests';
import { postJson, signedSns, SnsStandIn, testSigningCert } from '../helpers/sns';

/**
 * The whole path over real HTTP: a CloudWatch alarm in a signed SNS message on /alerts/sns -> the
 * incident card in the Slack Web API stand-in -> an approve click on Slack's interactivity endpoint ->
 * the playbook runs in the sandbox. The signing certificate is made for this run and served from a
 * local stand-in (trusted through the test-only origin override, never from the config).
 */
const ESTATE = join(__dirname, '../fixtures/alerts/estate.yaml');
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:cloudops-alarms';
const STAGING = 'i-0a11b22c33d44e55f';
const PROD = 'i-0f99e88d77c66b55a';

const { certPem, keyPem } = testSigningCert();

function alarm(
  name: string,
  state: 'ALARM' | 'OK',
  instance: string,
  metric = 'disk_used_percent',
  namespace = 'CWAgent',
  at = new Date(),
): string {
  return JSON.stringify({
    AlarmName: name,
    AWSAccountId: '111111111111',
    NewStateValue: state,
    NewStateReason:
      state === 'ALARM'
        ? 'Threshold Crossed: 1 out of the last 1 datapoints [96.4] was greater than the threshold (90.0).'
        : 'Threshold Crossed: back below the threshold',
    StateChangeTime: at.toISOString().replace('Z', '+0000'),
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${name}`,
    OldStateValue: state === 'ALARM' ? 'OK' : 'ALARM',
    Trigger: {
      MetricName: metric,
      Namespace: namespace,
      Statistic: 'AVERAGE',
      Dimensions: [{ value: instance, name: 'InstanceId' }],
      Period: 300,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 90,
    },
  });
}

describe('alerts (QA 16): a replayed or late OK does not close a newer plan', () => {
  let api: SlackApiStandIn;
  let sns: SnsStandIn;
  let bot: Bot;
  let running: RunningChat;
  let adapter: SlackAdapter;
  let base: string;

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    sns = await SnsStandIn.start(certPem);
    // A clock that stands still at the real time (the test certificate is valid now): the sandbox's
    // metric series ends exactly at the bot's "now".
    bot = await testBot({
      clock: new FakeClock(new Date()),
      estate: ESTATE,
      config: {
        sandbox: {},
        approval: { approvers: { oncall: { slack: ['UBOB'] } } },
        alerts: {
          channel: { platform: 'slack', id: 'C0ALERTS' },
          updateEvery: '1s',
          sns: { topics: [TOPIC] },
          rules: [
            { name: 'disk-space', when: { alarm: '*disk-space*' }, playbook: 'ssm-disk-cleanup' },
            {
              name: 'status-check',
              when: { metric: 'StatusCheckFailed*', namespace: 'AWS/EC2' },
              playbook: 'ec2-reboot-instance',
              channel: { platform: 'slack', id: 'C0ONCALL' },
            },
          ],
        },
      },
    });
    const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
    running = await startChat(
      bot,
      { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
      { log: bot.log, sleep: async () => {}, env: {}, alertsSns: { testOnlyTrustedOrigins: [sns.origin] } },
    );
    adapter = running.adapters[0] as SlackAdapter;
    base = `http://127.0.0.1:${running.httpPort}`;
  });

  afterEach(async () => {
    await running.stop();
    bot.close();
    await api.close();
    await sns.close();
  });

  const send = (message: string, version: '1' | '2' = '2', over: Record<string, string> = {}) =>
    postJson(`${base}/alerts/sns`, {
      ...signedSns(
        keyPem,
        { Type: 'Notification', TopicArn: TOPIC, Message: message, SigningCertURL: sns.certUrl, Subject: 'ALARM' },
        version,
      ),
      ...over,
    });
  const settle = async () => {
    await running.alerts!.intake.idle();
    await adapter.idle();
  };
  const instanceState = async (id: string) =>
    (await bot.provider.ec2({ account: '111111111111', region: 'us-east-1' }).describeInstances({ InstanceIds: [id] })).Reservations?.[0]
      ?.Instances?.[0]?.State?.Name;

  const NAME = 'web-staging-7-disk-space-high';
  const proposedPlan = () =>
    api
      .named('chat.postMessage')
      .at(-1)!
      .body.blocks.find((b: any) => b.type === 'actions').elements[0].value as string;

  it('a signed OK delivered again (same MessageId) after the alarm fired anew is a no-op: the new plan stays open', async () => {
    // The OK's own time is later than the new firing: only its MessageId says it was seen before.
    const ok = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: alarm(NAME, 'OK', STAGING, undefined, undefined, new Date(Date.now() + 60_000)),
      SigningCertURL: sns.certUrl,
    });
    await send(alarm(NAME, 'ALARM', STAGING));
    await settle();
    expect(await postJson(`${base}/alerts/sns`, ok)).toEqual({ status: 202, body: { ok: true, accepted: 1 } });
    await settle();
    await send(alarm(NAME, 'ALARM', STAGING, undefined, undefined, new Date(Date.now() + 30_000)));
    await settle();
    expect(api.named('chat.postMessage')).toHaveLength(2);
    const requestId = proposedPlan();
    const replay = await postJson(`${base}/alerts/sns`, ok);
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ ok: true, accepted: 0, note: expect.stringContaining('already received') });
    await settle();
    expect((await bot.desk.get(requestId))!.state).toBe('proposed');
    expect(await bot.audit.list({ requestId, kinds: ['cancellation'] })).toEqual([]);
    expect(running.alerts!.intake.counts().refused.duplicate).toBe(1);
    // A replayed ALARM opens nothing either (the open incident's count stays as it was).
    const first = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: alarm('web-staging-7-disk-space-other', 'ALARM', STAGING),
      SigningCertURL: sns.certUrl,
    });
    await postJson(`${base}/alerts/sns`, first);
    await postJson(`${base}/alerts/sns`, first);
    await settle();
    expect(api.named('chat.postMessage')).toHaveLength(3);
    expect(running.alerts!.intake.counts().refused.duplicate).toBe(2);
  });

  it('an OK older than the firing that opened the incident (late, out of order) leaves the plan open; a current OK closes it', async () => {
    await send(alarm(NAME, 'ALARM', STAGING));
    await settle();
    const requestId = proposedPlan();
    const late = await send(alarm(NAME, 'OK', STAGING, undefined, undefined, new Date(Date.now() - 10 * 60_000)));
    expect(late.status).toBe(202);
    await settle();
    expect((await bot.desk.get(requestId))!.state).toBe('proposed');
    expect(running.alerts!.flow.outcomes()['resolved-stale']).toBe(1);
    await send(alarm(NAME, 'OK', STAGING, undefined, undefined, new Date(Date.now() + 1000)));
    await settle();
    expect((await bot.desk.get(requestId))!.state).toBe('cancelled');
  });

  it('an alarm that names no resource says so and what to send, not "no resource matches alert"', async () => {
    const bare = JSON.parse(alarm(NAME, 'ALARM', STAGING));
    delete bare.Trigger.Dimensions;
    await send(JSON.stringify(bare));
    await settle();
    const text = shownText(api.named('chat.postMessage').at(-1)!.body);
    expect(text).toContain('No plan: the alert names no resource to run ssm-disk-cleanup on; send one (an InstanceId dimension');
    expect(text).not.toContain('matches alert');
  });

  it(
    'a low-risk plan an alert opened tells on-call that an approver clicks Run (no ' + 'requester can); a non-approver is refused',
    async () => {
      await send(alarm(NAME, 'ALARM', STAGING));
      await settle();
      const post = api.named('chat.postMessage').at(-1)!;
      const text = shownText(post.body);
      expect(text).toContain('Ready: waiting for an approver to click Run');
      expect(text).toContain('an alert asked: an approver confirms with Run');
      expect(text).not.toContain('waiting for the requester');
      const button = post.body.blocks.find((b: any) => b.type === 'actions').elements[0];
      await postSigned(
        `${base}/slack/events`,
        buttonClick({ user: 'UEVE', channel: 'C0ALERTS', messageTs: post.reply!.ts, actionId: button.action_id, value: button.value }),
      );
      await adapter.idle();
      expect((await bot.desk.get(button.value))!.state).toBe('proposed');
      expect(shownText(api.named('chat.postEphemeral').at(-1)!.body)).toContain('not an approver');
    },
  );
});
