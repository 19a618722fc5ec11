/**
 * Slack figures (npm run bench:slack). Prints; asserts nothing about speed.
 *  1. How fast Slack gets its HTTP answer while the work behind it is slow (the 3-second rule).
 *  2. What a burst of progress lines costs in Web API calls when each call takes 50 ms.
 *  3. How long rendering a plan card as Block Kit takes.
 *  4. At 100k resources (BENCH_BIG=0 skips it): a burst of 50 concurrent slash commands plus a steady
 *     5 per second, acknowledgement latency while every request is really planned.
 * BENCH_N sets the number of requests (default 100).
 */
import { webApi } from '@slack/bolt';
import { renderBlockKit, SlackSink, type SlackAdapter } from '../src/chat/slack';
import { InFlight } from '../src/chat/slack/InFlight';
import { parseConfig } from '../src/config';
import { planCard } from '../src/core/cards';
import { SandboxProvider } from '../src/cloud';
import { buildBot, startChat } from '../src/main';
import { syntheticEstate } from './synthetic-estate';
import { silentLog, testBot } from '../test/helpers/bot';
import { SlackApiStandIn } from '../test/helpers/slack-api';
import { postSigned, SIGNING_SECRET, slashCommand } from '../test/helpers/slack-requests';

const N = Number(process.env.BENCH_N ?? 100);
const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

it('slack figures', async () => {
  const api = await SlackApiStandIn.start();
  const bot = await testBot({ config: { sandbox: {}, approval: { approvers: { oncall: { slack: ['U0BOB'] } } } } });
  const slack = parseConfig({ slack: { mode: 'http', host: '127.0.0.1', apiUrl: api.url } }).slack!;
  slack.port = 0; // any free port: a config file may not say 0, a benchmark may
  const running = await startChat(
    bot,
    { slack: { config: slack, tokens: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET } } },
    { log: silentLog },
  );
  const adapter = running.adapters[0] as SlackAdapter;
  const url = `http://127.0.0.1:${running.httpPort}/slack/events`;

  // 1. Slack's answer while every chat.postMessage is held: only the acknowledgement is timed.
  const release = api.hold('chat.postMessage');
  const acks: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const res = await postSigned(url, slashCommand({ user: 'U0ALICE', channel: 'C0OPS', text: `stop web-prod-${(i % 3) + 1}` }));
    acks.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  }
  const t0 = performance.now();
  release();
  await adapter.idle();
  out(
    `slash command acknowledged while the work waits: n=${N} p50 ${ms(pct(acks, 50))} ` +
      `p95 ${ms(pct(acks, 95))} max ${ms(Math.max(...acks))} (Slack's limit: 3000 ms)`,
  );
  out(`then ${api.named('chat.postMessage').length} plan cards posted in ${ms(performance.now() - t0)} once the Web API answered`);
  await running.stop();

  // 2. Progress burst against a Web API that takes 50 ms per call.
  const slow = await SlackApiStandIn.start();
  for (const m of ['chat.postMessage', 'chat.update'])
    slow.on(m, async (b) => (await new Promise((r) => setTimeout(r, 50)), slow.answer(m, b)));
  const work = new InFlight(() => undefined);
  const sink = new SlackSink({
    client: new webApi.WebClient('xoxb-bench', { slackApiUrl: slow.url, rejectRateLimitedCalls: true }),
    log: silentLog,
    sleep: async () => undefined,
    background: (w) => work.add(w),
  });
  const place = { platform: 'slack' as const, channel: 'C0OPS', thread: '1.1' };
  const t1 = performance.now();
  for (let i = 1; i <= 200; i++) await sink.post(place, { kind: 'progress', text: `step ${i}: waiting for i-0123 to stop` });
  const returned = performance.now() - t1;
  await work.idle();
  out(
    `200 progress lines, 50 ms per Web API call: ${slow.named('chat.postMessage').length}` +
      ` chat.postMessage + ${slow.named('chat.update').length} chat.update; the reporting ` +
      `loop spent ${ms(returned)}, all sent after ${ms(performance.now() - t1)}`,
  );
  await slow.close();

  // 3. Rendering.
  const plan = await bot.planner.plan('stop web-prod-1', { requester: { platform: 'slack', id: 'U0ALICE' }, at: new Date() });
  const card = planCard({ requestId: 'req-1', playbook: plan.playbook!, params: plan.params, risk: plan.risk, approval: plan.approval });
  const R = 20_000;
  const t2 = performance.now();
  for (let i = 0; i < R; i++) renderBlockKit(card);
  out(`plan card rendered as Block Kit: ${(((performance.now() - t2) / R) * 1000).toFixed(1)} µs each (${R} renders)`);

  bot.close();
  await api.close();
}, 120_000);

it('slack acknowledgements at 100k resources', async () => {
  if (process.env.BENCH_BIG === '0') return;
  const api = await SlackApiStandIn.start();
  const synthetic = syntheticEstate(Number(process.env.BENCH_BIG_SIZE ?? 100_000));
  const big = await buildBot({
    loaded: { config: parseConfig({ sandbox: {}, approval: { approvers: { oncall: { slack: ['U0BOB'] } } } }), file: null },
    provider: new SandboxProvider(synthetic.estate),
    storePath: ':memory:',
    log: silentLog,
  });
  const slack = parseConfig({ slack: { mode: 'http', host: '127.0.0.1', apiUrl: api.url } }).slack!;
  slack.port = 0;
  const running = await startChat(
    big,
    { slack: { config: slack, tokens: { botToken: 'xoxb-bench', signingSecret: SIGNING_SECRET } } },
    { log: silentLog },
  );
  const adapter = running.adapters[0] as SlackAdapter;
  const url = `http://127.0.0.1:${running.httpPort}/slack/events`;
  const verbs = ['stop', 'reboot', 'snapshot', 'restart nginx on', 'tag'];
  let k = 0;
  const next = () => {
    const t = synthetic.targets[(k * 7919) % synthetic.targets.length];
    const verb = verbs[k++ % verbs.length];
    return verb === 'tag' ? `tag ${t.name} owner=alice` : `${verb} ${t.name.replace(/-/g, k % 3 ? '-' : ' ')}`;
  };
  const send = async (acks: number[]) => {
    const t = performance.now();
    const res = await postSigned(url, slashCommand({ user: 'U0ALICE', channel: 'C0OPS', text: next() }));
    acks.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  };
  // The first burst after start-up pays for 50 new connections and code compiled on first use: shown
  // apart, then the measured run on a warm bot (as a bot that has been serving for a minute would be).
  const cold: number[] = [];
  await Promise.all(Array.from({ length: 50 }, () => send(cold)));
  await adapter.idle();
  // A burst of 50 at once, while a steady 5 per second runs for 10 seconds.
  const burst: number[] = [];
  const steady: number[] = [];
  const stream = (async () => {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 50; i++) {
      pending.push(send(steady));
      await new Promise((r) => setTimeout(r, 200));
    }
    await Promise.all(pending);
  })();
  await new Promise((r) => setTimeout(r, 1000));
  await Promise.all(Array.from({ length: 50 }, () => send(burst)));
  await stream;
  await adapter.idle();
  const all = [...burst, ...steady];
  out(`100k resources (${big.inventory.size.toLocaleString('en')} in the inventory), every command planned:`);
  out(`  first burst of 50 after start-up (cold): ack p50 ${ms(pct(cold, 50))} p99 ${ms(pct(cold, 99))}`);
  out(
    `  burst of 50 concurrent: ack p50 ${ms(pct(burst, 50))} p95 ${ms(pct(burst, 95))} ` +
      `p99 ${ms(pct(burst, 99))} max ${ms(Math.max(...burst))}`,
  );
  out(
    `  steady 5/s (50): ack p50 ${ms(pct(steady, 50))} p95 ${ms(pct(steady, 95))} p99 ` +
      `${ms(pct(steady, 99))} max ${ms(Math.max(...steady))}`,
  );
  out(
    `  all ${all.length}: ack p99 ${ms(pct(all, 99))} (goal < 300 ms); ` +
      `${api.named('chat.postMessage').length} messages posted; load average ` +
      `${require('node:os').loadavg()[0].toFixed(1)}`,
  );
  await running.stop();
  big.close();
  await api.close();
}, 600_000);
