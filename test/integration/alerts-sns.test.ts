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

function alarm(name: string, state: 'ALARM' | 'OK', instance: string, metric = 'disk_used_percent', namespace = 'CWAgent'): string {
  return JSON.stringify({
    AlarmName: name,
    AWSAccountId: '111111111111',
    NewStateValue: state,
    NewStateReason:
      state === 'ALARM'
        ? 'Threshold Crossed: 1 out of the last 1 datapoints [96.4] was greater than the threshold (90.0).'
        : 'Threshold Crossed: back below the threshold',
    StateChangeTime: new Date().toISOString().replace('Z', '+0000'),
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

describe('alerts: CloudWatch through SNS to a card, an approval and a run', () => {
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

  it("posts the incident card for a signed alarm, and an approve click runs the rule's playbook in the sandbox", async () => {
    const res = await send(alarm('web-staging-7-disk-space-high', 'ALARM', STAGING));
    expect(res).toEqual({ status: 202, body: { ok: true, accepted: 1 } });
    await settle();
    const [post] = api.named('chat.postMessage');
    expect(post.body.channel).toBe('C0ALERTS');
    const shown = shownText(post.body);
    expect(shown).toContain('Alert: web-staging-7-disk-space-high → Free disk space on an instance');
    expect(shown).toContain('Threshold Crossed');
    // The metric over the last hour from GetMetricData (the sandbox's series), as a sparkline.
    expect(shown).toMatch(/disk_used_percent, last hour: [▁▂▃▄▅▆▇█]{13} \(min 71, max 97, now 97, threshold 90\)/);
    expect(shown).toContain(`web-staging-7 (${STAGING})`);
    expect(shown).toContain('environment=staging');
    expect(shown).toContain('alert rule disk-space');
    expect(shown).toContain('Recent changes: none recorded');
    const button = post.body.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button.text.text).toBe('Run');
    const before = (await bot.audit.list({ kinds: ['result'] })).length;
    const click = await postSigned(
      `${base}/slack/events`,
      buttonClick({ user: 'UBOB', channel: 'C0ALERTS', messageTs: post.reply!.ts, actionId: button.action_id, value: button.value }),
    );
    expect(click.status).toBe(200);
    await adapter.idle();
    const results = await bot.audit.list({ kinds: ['result'] });
    expect(results.length).toBe(before + 1);
    expect(results.at(-1)!.data.ok).toBe(true);
    expect(results.at(-1)!.requestId).toBe(button.value);
    expect((results.at(-1)!.data.steps as any[])[0].action).toBe('ssm.runShellScript');
    expect((await bot.audit.list({ requestId: button.value })).map((r) => r.kind)).toEqual(
      expect.arrayContaining(['request', 'understood', 'plan', 'approval', 'execution-start', 'result']),
    );
    // The run's updates show the plan card; the outcome sweep puts the alert context back on it, with the result.
    await running.alerts!.notifier.sweep();
    const final = api.named('chat.update').at(-1)!;
    expect(final.body.ts).toBe(post.reply!.ts);
    const text = shownText(final.body);
    expect(text).toContain('Alert: web-staging-7-disk-space-high → Free disk space on an instance');
    expect(text).toContain('*Done*');
    expect(text).toContain('Result: ');
    expect(final.body.blocks.find((b: any) => b.type === 'actions')).toBeUndefined();
  });

  it("a status-check alarm goes to the rule's channel with a reboot needing an approver; the approval reboots", async () => {
    await send(alarm('checkout-prod-3-status-check', 'ALARM', PROD, 'StatusCheckFailed_Instance', 'AWS/EC2'), '1');
    await settle();
    const [post] = api.named('chat.postMessage');
    expect(post.body.channel).toBe('C0ONCALL');
    expect(shownText(post.body)).toContain('Reboot');
    expect(shownText(post.body)).toMatch(/High risk|Medium risk/);
    const approve = post.body.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(approve.text.text).toBe('Approve');
    await postSigned(
      `${base}/slack/events`,
      buttonClick({ user: 'UBOB', channel: 'C0ONCALL', messageTs: post.reply!.ts, actionId: approve.action_id, value: approve.value }),
    );
    await adapter.idle();
    const last = (await bot.audit.list({ requestId: approve.value, kinds: ['result'] })).at(-1)!;
    expect(last.data.ok).toBe(true);
    expect(await instanceState(PROD)).toBe('running');
    expect(JSON.stringify(last.data.steps)).toContain('ec2.rebootInstance');
  });

  it('a storm of repeats makes one card, counted; OK resolves it and closes the plan nobody approved', async () => {
    const message = alarm('web-staging-7-disk-space-high', 'ALARM', STAGING);
    const answers = await Promise.all(Array.from({ length: 50 }, () => send(message)));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    await settle();
    expect(api.named('chat.postMessage')).toHaveLength(1);
    const card = api.named('chat.postMessage')[0];
    const requestId = card.body.blocks.find((b: any) => b.type === 'actions').elements[0].value;
    // The card shows the repeat count: updates are throttled (alerts.updateEvery), and one catch-up
    // refresh at the end of the interval shows the final count.
    await running.alerts!.flow.idle();
    const updates = api.named('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(updates.length).toBeLessThan(10);
    expect(shownText(updates.at(-1)!.body)).toContain('Seen 50 times');
    await send(alarm('web-staging-7-disk-space-high', 'OK', STAGING));
    await settle();
    const resolved = api.named('chat.update').at(-1)!;
    expect(resolved.body.ts).toBe(card.reply!.ts);
    const text = shownText(resolved.body);
    expect(text).toContain('Resolved: web-staging-7-disk-space-high');
    expect(text).toContain('closed without running');
    expect(resolved.body.blocks.find((b: any) => b.type === 'actions')).toBeUndefined();
    expect((await bot.desk.get(requestId))!.state).toBe('cancelled');
    expect(await bot.audit.list({ requestId, kinds: ['result'] })).toEqual([]);
  });

  it('refuses forged, unsigned, unknown-topic and foreign-certificate messages with 4xx, counted, and posts nothing', async () => {
    const good = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: alarm('web-staging-7-disk-space-high', 'ALARM', STAGING),
      SigningCertURL: sns.certUrl,
    });
    const forged = { ...good, Message: alarm('web-staging-7-disk-space-high', 'ALARM', PROD) };
    const unsigned = { ...good, Signature: '' };
    const otherTopic = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: 'arn:aws:sns:us-east-1:999999999999:evil',
      Message: good.Message,
      SigningCertURL: sns.certUrl,
    });
    const foreignCert = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: good.Message,
      SigningCertURL: 'https://evil.example.com/SimpleNotificationService-x.pem',
    });
    const httpSns = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: good.Message,
      SigningCertURL: 'http://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem',
    });
    const lookalike = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: good.Message,
      SigningCertURL: 'https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-x.pem',
    });
    const old = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: good.Message,
      SigningCertURL: sns.certUrl,
      Timestamp: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    });
    const v3 = { ...good, SignatureVersion: '3' };
    const results = [];
    for (const body of [forged, unsigned, otherTopic, foreignCert, httpSns, lookalike, old, v3])
      results.push(await postJson(`${base}/alerts/sns`, body));
    results.push(await postJson(`${base}/alerts/sns`, 'not json'));
    results.push(await postJson(`${base}/alerts/sns`, { Type: 'Notification' }));
    expect(results.map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403, 403, 400, 400]);
    expect(results[0].body.error).toContain('signature does not match');
    expect(results[2].body.error).toContain('not in alerts.sns.topics');
    expect(results[3].body.error).toContain('sns.<region>.amazonaws.com');
    expect(results[4].body.error).toContain('https');
    await settle();
    expect(api.named('chat.postMessage')).toEqual([]);
    const counts = running.alerts!.intake.counts();
    expect(counts.accepted).toBe(0);
    expect(Object.values(counts.refused).reduce((a, b) => a + b, 0)).toBe(10);
    expect(counts.refused.signature).toBe(3);
    // The one certificate was fetched once, however many messages named it.
    expect(sns.certFetches).toBe(1);
  });

  it('confirms a subscription only for a configured topic, by a GET of its SubscribeURL', async () => {
    const confirm = (topic: string) =>
      signedSns(keyPem, {
        Type: 'SubscriptionConfirmation',
        TopicArn: topic,
        Message: 'You have chosen to subscribe…',
        Token: 'tok-123',
        SubscribeURL: `${sns.origin}/?Action=ConfirmSubscription&TopicArn=${topic}&Token=tok-123`,
        SigningCertURL: sns.certUrl,
      });
    const refused = await postJson(`${base}/alerts/sns`, confirm('arn:aws:sns:us-east-1:111111111111:someone-elses'));
    expect(refused.status).toBe(403);
    const ok = await postJson(`${base}/alerts/sns`, confirm(TOPIC));
    expect(ok.status).toBe(202);
    await settle();
    expect(sns.confirmations).toEqual([`/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=tok-123`]);
    const elsewhere = signedSns(keyPem, {
      Type: 'SubscriptionConfirmation',
      TopicArn: TOPIC,
      Message: 'x',
      Token: 't',
      SubscribeURL: 'https://evil.example.com/?Action=ConfirmSubscription',
      SigningCertURL: sns.certUrl,
    });
    expect((await postJson(`${base}/alerts/sns`, elsewhere)).status).toBe(403);
    await settle();
    expect(sns.confirmations).toHaveLength(1);
  });
});
