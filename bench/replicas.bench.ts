/**
 * Replicas on one Postgres (npm run bench:replicas). Starts 3 `cloudops start` processes (the built CLI,
 * Slack in HTTP mode, a local Slack Web API stand-in) on one database of the run's embedded Postgres, then:
 *  1. 100 approve clicks on one request, spread over the 3 processes (signed requests, sent together);
 *  2. a run made slow (the stand-in holds chat.update, so the run waits at its "Running…" card), its
 *     process killed with SIGKILL; another replica marks it interrupted once its lease ran out (60 s);
 *  3. one digest time scheduled on all 3 processes;
 *  4. 60 requests sent to the 3 at once (3 audit records each), then the chain verified; and 300 bare
 *     appends from 3 connection pools at once;
 *  5. approve click -> decision on the card (the first chat.update after the click), one bot on a SQLite
 *     file and one on Postgres, 30 sequential clicks each.
 * Prints figures, and last the one line issue 14 asks for. Asserts nothing about speed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditRepository, openSqlStore, type SqlStore } from '../src/store';
import { freePort } from '../test/helpers/bot';
import { startSlackBot } from '../test/helpers/slack-bot';
import { testDatabase } from '../test/helpers/postgres';
import { SlackApiStandIn, type RecordedCall } from '../test/helpers/slack-api';
import { buttonClick, postSigned, SIGNING_SECRET, slashCommand } from '../test/helpers/slack-requests';

const ROOT = resolve(__dirname, '..');
const out = (line: string) => process.stdout.write(`${line}\n`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

interface Replica {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  log: string;
}

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`bench: gave up waiting for ${what} after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

it('replicas on one Postgres', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudops-bench-replicas-'));
  const api = await SlackApiStandIn.start();
  const database = await testDatabase('bench');
  const store: SqlStore = await openSqlStore(database);
  const replicas: Replica[] = [];
  try {
    // One digest time, two minutes from now (whole minutes, UTC), on every replica.
    const digestAt = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
    const started = Date.now();
    for (const name of ['r1', 'r2', 'r3']) {
      const port = await freePort();
      const config = join(dir, `${name}.yaml`);
      writeFileSync(
        config,
        [
          'sandbox: {}',
          `slack: { mode: http, host: 127.0.0.1, port: ${port}, apiUrl: "${api.url}" }`,
          'approval: { approvers: { oncall: { slack: [UBOB] } } }',
          'log: { level: info }',
          'digests:',
          `  - { kind: tags, schedule: "${digestAt.getUTCMinutes()} ${digestAt.getUTCHours()} ` +
            `* * *", timezone: UTC, channel: { platform: slack, id: C0DIGEST } }`,
        ].join('\n'),
      );
      const child = spawn(process.execPath, [join(ROOT, 'bin/cloudops.js'), 'start', '-c', config], {
        cwd: dir,
        env: {
          ...process.env,
          DATABASE_URL: database,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          CLOUDOPS_STORE: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const replica: Replica = { name, port, url: `http://127.0.0.1:${port}/slack/events`, child, log: '' };
      child.stdout!.on('data', (d) => (replica.log += d.toString()));
      child.stderr!.on('data', (d) => (replica.log += d.toString()));
      replicas.push(replica);
    }
    await Promise.all(
      replicas.map((r) =>
        until(`${r.name} to start`, 120_000, async () => {
          if (r.child.exitCode !== null) throw new Error(`${r.name} exited: ${r.log.slice(-2000)}`);
          return r.log.includes('cloudops is running');
        }),
      ),
    );
    out(`3 replicas started on one Postgres database (migrations under the lock) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const cards = () => api.named('chat.postMessage').filter((c) => c.body.blocks?.some((b: any) => b.type === 'actions'));
    async function ask(replica: Replica, text: string): Promise<{ ts: string; value: string; actionId: string }> {
      const before = cards().length;
      const res = await postSigned(replica.url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text }));
      if (res.status !== 200) throw new Error(`slash command: ${res.status} ${res.text}`);
      const post: RecordedCall = await until(
        'the plan card',
        30_000,
        async () => cards().length > before && cards().at(-1)!.reply && cards().at(-1),
      );
      const approve = post.body.blocks
        .find((b: any) => b.type === 'actions')
        .elements.find((e: any) => e.action_id.startsWith('cloudops:approve'));
      return { ts: post.reply!.ts as string, value: approve.value as string, actionId: approve.action_id as string };
    }
    const stateOf = async (id: string) =>
      (await store.query<{ state: string }>('SELECT state FROM approval_requests WHERE id = ?', [id]))[0]?.state;
    const count = async (id: string, kind: string) =>
      Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE request_id = ? AND kind = ?', [id, kind]))[0].n);

    // 1. 100 approve clicks over the 3 replicas, all in flight together.
    const first = await ask(replicas[0], 'stop web-prod-1');
    const acks: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const t = performance.now();
        const res = await postSigned(
          replicas[i % 3].url,
          buttonClick({
            user: 'UBOB',
            channel: 'C0OPS',
            messageTs: first.ts,
            actionId: first.actionId,
            value: first.value,
            actionTs: `1700000100.${String(i).padStart(6, '0')}`,
          }),
        );
        acks.push(performance.now() - t);
        if (res.status !== 200) throw new Error(`click ${i}: ${res.status}`);
      }),
    );
    await until(`${first.value} to finish`, 60_000, async () => (await stateOf(first.value)) === 'succeeded');
    const executions = await count(first.value, 'execution-start');
    out(
      `100 approve clicks over 3 replicas: acknowledged p50 ${pct(acks, 50).toFixed(1)} ms,` +
        ` p99 ${pct(acks, 99).toFixed(1)} ms; ${executions} execution(s), ` +
        `${await count(first.value, 'approval')} approval record(s)`,
    );

    // 2. A slow run on r2, killed mid-run.
    const slow = await ask(replicas[1], 'stop web-prod-2');
    const release = api.hold('chat.update');
    await postSigned(
      replicas[1].url,
      buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: slow.ts, actionId: slow.actionId, value: slow.value }),
    );
    await until(`${slow.value} to be executing`, 30_000, async () => (await stateOf(slow.value)) === 'executing');
    replicas[1].child.kill('SIGKILL');
    const killedAt = Date.now();
    release();
    await until(`${slow.value} to be marked interrupted`, 150_000, async () => (await stateOf(slow.value)) === 'interrupted');
    const noticedS = (Date.now() - killedAt) / 1000;
    const said = await until('the interrupted report in the thread', 30_000, async () => {
      const posts = api
        .named('chat.postMessage')
        .filter((c) => c.body.thread_ts === slow.ts && JSON.stringify(c.body).includes('Interrupted by a restart'));
      return posts.length ? posts : false;
    });
    out(
      `the replica running ${slow.value} was killed (SIGKILL); another marked it ` +
        `interrupted after ${noticedS.toFixed(0)} s (lease 60 s, sweep 30 s) and said so in ` +
        `the thread (${said.length} report(s))`,
    );

    // 3. The digest time (every replica has it scheduled).
    await until(
      'the scheduled digest time to pass',
      Math.max(0, digestAt.getTime() - Date.now()) + 60_000,
      async () => Date.now() > digestAt.getTime() + 15_000,
    );
    const digestPosts = api.named('chat.postMessage').filter((c) => c.body.channel === 'C0DIGEST').length;

    // 4. Audit appends from the live replicas at once: 60 requests, 3 records each (request, understood, plan).
    const live = replicas.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
    const before = Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0].n);
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        postSigned(live[i % live.length].url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: `stop web-prod-${(i % 3) + 1}` })),
      ),
    );
    await until(
      'the burst to be recorded',
      120_000,
      async () => Number((await store.query<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log'))[0].n) >= before + 180,
    );
    const appendsPerS = 180 / ((performance.now() - t0) / 1000);
    const verdict = await new AuditRepository(store).verify();
    out(
      `180 audit records appended by ${live.length} replicas at once: ` +
        `${appendsPerS.toFixed(0)} appends/s; chain ` +
        `${verdict.ok ? 'intact' : `BROKEN: ${verdict.problem}`}`,
    );

    // Bare appends: three pools (as three replicas) appending at once, the chain verified after.
    const pools = await Promise.all([1, 2, 3].map(() => openSqlStore(database)));
    const t1 = performance.now();
    await Promise.all(
      pools.flatMap((p, i) =>
        Array.from({ length: 100 }, (_, j) => new AuditRepository(p).append({ requestId: `bench-${i}`, kind: 'request', data: { j } })),
      ),
    );
    const bareRate = 300 / ((performance.now() - t1) / 1000);
    const bare = await new AuditRepository(store).verify();
    await Promise.all(pools.map((p) => p.close()));
    out(
      `300 bare audit appends from 3 connection pools at once: ${bareRate.toFixed(0)} ` +
        `appends/s; chain ${bare.ok ? `intact (${bare.records} records)` : 'BROKEN'}`,
    );

    // 5. Approve click -> decision on the card, SQLite file vs Postgres, in the same run.
    for (const [engine, where] of [
      ['sqlite', join(dir, 'latency.db')],
      ['postgres', await testDatabase('latency')],
    ] as const) {
      const single = await SlackApiStandIn.start();
      const bot = await startSlackBot(single, { store: where });
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        // A reboot can be asked again and again (a stop could not: the instance stays stopped).
        await postSigned(bot.url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: `reboot web-prod-${(i % 3) + 1}` }));
        await bot.adapter.idle();
        const card = single
          .named('chat.postMessage')
          .filter((c) => c.body.blocks?.some((b: any) => b.type === 'actions'))
          .at(-1)!;
        const approve = card.body.blocks
          .find((b: any) => b.type === 'actions')
          .elements.find((e: any) => e.action_id.startsWith('cloudops:approve'));
        const updates = single.named('chat.update').length;
        const t = performance.now();
        await postSigned(
          bot.url,
          buttonClick({
            user: 'UBOB',
            channel: 'C0OPS',
            messageTs: card.reply!.ts,
            actionId: approve.action_id,
            value: approve.value,
            actionTs: `1700000200.${String(i).padStart(6, '0')}`,
          }),
        );
        await until('the decision on the card', 30_000, async () =>
          single
            .named('chat.update')
            .slice(updates)
            .some((u) => u.body.ts === card.reply!.ts),
        );
        times.push(performance.now() - t);
        await bot.adapter.idle();
      }
      await bot.stop();
      await single.close();
      out(
        `approve click -> decision on the card (${engine}): p50 ${pct(times, 50).toFixed(1)} ` +
          `ms, p99 ${pct(times, 99).toFixed(1)} ms (30 clicks, one process)`,
      );
    }

    const final = await new AuditRepository(store).verify();
    const interrupted = await store.query<{ id: string }>("SELECT id FROM approval_requests WHERE state = 'interrupted'");
    const liveInterrupted = interrupted.filter((r) => r.id !== slow.value).length;
    const deadInterrupted = await count(slow.value, 'interrupted');
    out(
      `replicas: 3, clicks: 100, executions: ${executions}, live runs interrupted: ` +
        `${liveInterrupted}, dead-replica runs interrupted: ${deadInterrupted}, digest ` +
        `posts: ${digestPosts}, audit: ${final.ok && verdict.ok ? 'intact' : 'BROKEN'} (` +
        `${final.ok ? final.records : '?'} records), appends/s: ${appendsPerS.toFixed(0)}`,
    );
  } finally {
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
    await Promise.all(
      replicas.map((r) =>
        r.child.exitCode === null && r.child.signalCode === null ? new Promise((ok) => r.child.once('exit', ok)) : undefined,
      ),
    );
    await store.close();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);
