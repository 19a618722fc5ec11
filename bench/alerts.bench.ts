/**
 * Alert figures (npm run bench:alerts). Prints; asserts only the correctness goals (0 forged accepted,
 * 1 card for a storm), nothing about speed.
 *  1. Signed SNS alarm received -> incident card posted (chat.postMessage reached the Slack stand-in),
 *     p50/p99 on loopback, one distinct alarm at a time (each a new incident: planned, metric read, posted).
 *  2. Forged / unsigned / unknown-topic / foreign-certificate messages: how many were accepted (goal 0).
 *  3. A storm of 1,000 concurrent repeats of one alarm: cards posted (goal 1), chat.update calls.
 * BENCH_N sets the number of alarms in 1 (default 100).
 */
import { join } from 'node:path';
import type { SlackAdapter } from '../src/chat/slack';
import { startChat } from '../src/main';
import { FakeClock, parseTestConfig, silentLog, testBot } from '../test/helpers/bot';
import { SlackApiStandIn } from '../test/helpers/slack-api';
import { SIGNING_SECRET } from '../test/helpers/slack-requests';
import { postJson, signedSns, SnsStandIn, testSigningCert } from '../test/helpers/sns';

const N = Number(process.env.BENCH_N ?? 100);
const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:cloudops-alarms';
const STAGING = 'i-0a11b22c33d44e55f';

function alarm(name: string, instance = STAGING): string {
  return JSON.stringify({
    AlarmName: name,
    AWSAccountId: '111111111111',
    NewStateValue: 'ALARM',
    NewStateReason: 'Threshold Crossed',
    StateChangeTime: new Date().toISOString(),
    AlarmArn: `arn:aws:cloudwatch:us-east-1:111111111111:alarm:${name}`,
    Trigger: {
      MetricName: 'disk_used_percent',
      Namespace: 'CWAgent',
      Statistic: 'AVERAGE',
      Dimensions: [{ name: 'InstanceId', value: instance }],
      Period: 300,
      Threshold: 90,
    },
  });
}

it('alert figures', async () => {
  const { certPem, keyPem } = testSigningCert();
  const sns = await SnsStandIn.start(certPem);
  const api = await SlackApiStandIn.start();
  const bot = await testBot({
    clock: new FakeClock(new Date()),
    estate: join(__dirname, '../test/fixtures/alerts/estate.yaml'),
    config: {
      sandbox: {},
      approval: { approvers: { oncall: { slack: ['UBOB'] } } },
      alerts: {
        channel: { platform: 'slack', id: 'C0ALERTS' },
        sns: { topics: [TOPIC] },
        rateLimit: { cards: 10_000, per: '10m' },
        rules: [{ name: 'disk', when: { alarm: '*disk*' }, playbook: 'ssm-disk-cleanup' }],
      },
    },
  });
  const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
  const running = await startChat(
    bot,
    { slack: { config: slack, tokens: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET } } },
    { log: silentLog, env: {}, alertsSns: { testOnlyTrustedOrigins: [sns.origin] } },
  );
  const adapter = running.adapters[0] as SlackAdapter;
  const url = `http://127.0.0.1:${running.httpPort}/alerts/sns`;
  const send = (body: unknown) => postJson(url, body);
  const sign = (message: string, extra: Record<string, string> = {}) =>
    signedSns(keyPem, { Type: 'Notification', TopicArn: TOPIC, Message: message, SigningCertURL: sns.certUrl, ...extra });

  // 1. received -> card posted
  await send(sign(alarm('warm-up-disk')));
  await api.waitFor('chat.postMessage', 1);
  const took: number[] = [];
  const acks: number[] = [];
  for (let i = 0; i < N; i++) {
    const before = api.named('chat.postMessage').length;
    const t = performance.now();
    const res = await send(sign(alarm(`disk-${i}`)));
    acks.push(performance.now() - t);
    if (res.status !== 202) throw new Error(`alarm ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    await api.waitFor('chat.postMessage', before + 1);
    took.push(performance.now() - t);
  }
  out(
    `1. signed SNS alarm -> 202: p50 ${pct(acks, 50).toFixed(1)} ms, p99 ` +
      `${pct(acks, 99).toFixed(1)} ms; -> card posted: p50 ${pct(took, 50).toFixed(1)} ms, ` +
      `p99 ${pct(took, 99).toFixed(1)} ms (n=${N}, loopback, sandbox estate)`,
  );

  // 2. forged and friends
  const good = sign(alarm('forged-disk'));
  const attacks = [
    { ...good, Message: alarm('forged-disk', 'i-0f99e88d77c66b55a') },
    { ...good, Signature: '' },
    { ...good, Signature: Buffer.from('x'.repeat(256)).toString('base64') },
    { ...good, SignatureVersion: '3' },
    sign(alarm('forged-disk'), { TopicArn: 'arn:aws:sns:us-east-1:999999999999:evil' }),
    sign(alarm('forged-disk'), { SigningCertURL: 'https://evil.example.com/cert.pem' }),
    sign(alarm('forged-disk'), { SigningCertURL: 'https://sns.us-east-1.amazonaws.com.evil.example/cert.pem' }),
    sign(alarm('forged-disk'), { Timestamp: new Date(Date.now() - 86_400_000).toISOString() }),
  ];
  const cardsBefore = api.named('chat.postMessage').length;
  let accepted = 0;
  const rounds = 25;
  for (let r = 0; r < rounds; r++) for (const a of attacks) if ((await send(a)).status < 300) accepted++;
  await running.alerts!.intake.idle();
  await adapter.idle();
  out(
    `2. forged/unsigned/unknown-topic/foreign-cert/replayed messages: ` +
      `${rounds * attacks.length} sent, ${accepted} accepted, ` +
      `${api.named('chat.postMessage').length - cardsBefore} cards posted (goal 0)`,
  );
  expect(accepted).toBe(0);

  // 3. storm
  // Each repeat its own SNS delivery (its own MessageId), as CloudWatch's repeats are: one MessageId sent
  // twice is a duplicate and does nothing (docs/alerts.md).
  const storm = Array.from({ length: 1000 }, () => sign(alarm('storm-disk')));
  const posts = api.named('chat.postMessage').length;
  const updates = api.named('chat.update').length;
  const t = performance.now();
  const answers = await Promise.all(storm.map((m) => send(m)));
  const acked = performance.now() - t;
  await running.alerts!.intake.idle();
  await adapter.idle();
  const incident = await running.alerts!.flow.outcomes();
  out(
    `3. storm of 1,000 concurrent repeats of one alarm: ` +
      `${answers.filter((a) => a.status === 202).length} accepted in ${acked.toFixed(0)} ` +
      `ms, ${api.named('chat.postMessage').length - posts} card(s) posted, ` +
      `${api.named('chat.update').length - updates} card update(s) (throttled to ` +
      `alerts.updateEvery, plus one catch-up), outcomes ${JSON.stringify(incident)}`,
  );
  expect(api.named('chat.postMessage').length - posts).toBe(1);
  await running.stop();
  bot.close();
  await api.close();
  await sns.close();
}, 600_000);
