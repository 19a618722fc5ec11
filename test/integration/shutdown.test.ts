import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfig } from '../../src/config';
import { buildBot, DEMO_ESTATE, interruptAbandonedRuns } from '../../src/main';
import { BotMetrics } from '../../src/metrics';
import { ApprovalRepository, SqliteStore } from '../../src/store';
import { freePort, silentLog } from '../helpers/bot';
import { ROOT, tempDir } from '../helpers/cli';
import { SlackApiStandIn } from '../helpers/slack-api';
import { buttonClick, postSigned, SIGNING_SECRET, slashCommand } from '../helpers/slack-requests';

/**
 * `cloudops start` as a process (the built CLI, npm test builds it), Slack over HTTP with the Web API
 * played by a local stand-in, a SQLite file: SIGTERM while idle, and SIGTERM during a run that is held
 * mid-way (the stand-in holds the card update that says "Running…").
 */
describe('cloudops start: graceful SIGTERM', () => {
  // Each test starts a process of its own (the AWS SDK, Bolt, the catalog and the estate loaded afresh):
  // on a busy machine that alone can take half a minute. These are waits, not assertions on speed.
  jest.setTimeout(90_000);
  // Not the user's cache folder: the first start of the file trains the classifier, the others reuse it.
  const cacheDir = tempDir('cloudops-shutdown-cache-');
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));
  let dir: string;
  let api: SlackApiStandIn;
  let child: ChildProcess | undefined;
  let port: number;
  let stderr: string;

  beforeEach(async () => {
    dir = tempDir('cloudops-shutdown-');
    api = await SlackApiStandIn.start();
    port = await freePort();
    stderr = '';
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const store = () => join(dir, 'cloudops.db');
  const base = () => `http://127.0.0.1:${port}`;

  /** Start the bot; resolves once it logged that it is running. */
  async function start(grace: string): Promise<ChildProcess> {
    const file = join(dir, 'cloudops.yaml');
    writeFileSync(
      file,
      [
        'sandbox: {}',
        `playbooks: { dir: ${JSON.stringify(resolve(ROOT, 'playbooks'))} }`,
        `store: { path: ${JSON.stringify(store())} }`,
        'log: { level: info }',
        'approval: { approvers: { oncall: { slack: [UBOB] } } }',
        `slack: { mode: http, host: 127.0.0.1, port: ${port}, apiUrl: ${JSON.stringify(api.url)} }`,
        `shutdown: { grace: ${grace} }`,
      ].join('\n'),
    );
    const env = {
      ...process.env,
      CLOUDOPS_CONFIG: '',
      CLOUDOPS_CACHE_DIR: cacheDir,
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: '',
    };
    child = spawn(process.execPath, [join(ROOT, 'bin/cloudops.js'), 'start', '--config', file], {
      cwd: dir,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d) => (stderr += d.toString()));
    await until(() => stderr.includes('cloudops is running'), 'the bot to start');
    return child;
  }

  async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (child?.exitCode !== null && child?.exitCode !== undefined)
        throw new Error(`the bot exited (${child.exitCode}) while waiting for ${what}:\n${stderr}`);
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const exited = (p: ChildProcess) =>
    new Promise<{ code: number | null; signal: string | null }>((ok) =>
      p.exitCode !== null ? ok({ code: p.exitCode, signal: null }) : p.once('exit', (code, signal) => ok({ code, signal })),
    );
  const status = async (path: string) => (await fetch(`${base()}${path}`)).status;
  const lines = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { msg: string; [k: string]: unknown });

  /** Ask to stop web-prod-1 and approve it with the Running… update held: the run is executing, mid-way. */
  async function runHeld(): Promise<() => void> {
    expect(
      (await postSigned(`${base()}/slack/events`, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1' }))).status,
    ).toBe(200);
    const [card] = await api.waitFor('chat.postMessage');
    // Clicks count only on the request's own card: wait until the bot has recorded where it posted it.
    await until(async () => (await attachedCard()) !== undefined, 'the card to be recorded');
    const approve = card.body.blocks
      .find((b: any) => b.type === 'actions')
      .elements.find((e: any) => e.action_id.startsWith('cloudops:approve'));
    const release = api.hold('chat.update');
    expect(
      (
        await postSigned(
          `${base()}/slack/events`,
          buttonClick({
            user: 'UBOB',
            channel: 'C0OPS',
            messageTs: card.reply!.ts as string,
            actionId: approve.action_id,
            value: approve.value,
          }),
        )
      ).status,
    ).toBe(200);
    await api.waitFor('chat.update');
    return release;
  }

  const attachedCard = async () => {
    const db = SqliteStore.open(store());
    try {
      return (await db.query<{ id: string }>('SELECT id FROM approval_requests WHERE message IS NOT NULL'))[0]?.id;
    } finally {
      await db.close();
    }
  };

  const request = async (id: string) => {
    const db = SqliteStore.open(store());
    try {
      const repo = new ApprovalRepository(db);
      return { state: (await repo.get(id))?.state, lease: await repo.lease(id) };
    } finally {
      await db.close();
    }
  };

  it('is ready once started; on SIGTERM while idle it exits 0 at once and says so', async () => {
    const bot = await start('25s');
    expect(await status('/readyz')).toBe(200);
    expect(await status('/healthz')).toBe(200);
    const t0 = Date.now();
    bot.kill('SIGTERM');
    expect(await exited(bot)).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(5000);
    const said = lines().map((l) => l.msg);
    expect(said).toContain('shutdown: not taking new work (/readyz 503); waiting for work in progress');
    expect(said).toContain('shutdown: work in progress finished; store closed, exiting');
  });

  it('during a run: stops taking new work (503, not ready, still alive), lets the run finish, then exits 0', async () => {
    const bot = await start('25s');
    const release = await runHeld();
    const id = lines().find((l) => l.msg === 'approval click')!.requestId as string;
    expect((await request(id)).state).toBe('executing');
    bot.kill('SIGTERM');
    await until(() => stderr.includes('shutdown: not taking new work'), 'the drain to start');
    expect(await status('/readyz')).toBe(503);
    expect(await status('/healthz')).toBe(200);
    const refused = await postSigned(`${base()}/slack/events`, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-2' }));
    expect(refused.status).toBe(503);
    expect(bot.exitCode).toBeNull();
    release();
    expect(await exited(bot)).toEqual({ code: 0, signal: null });
    expect(await request(id)).toEqual({ state: 'succeeded', lease: undefined });
    expect(lines().map((l) => l.msg)).toContain('shutdown: work in progress finished; store closed, exiting');
    // Nothing was planned for the refused request: the one plan card is web-prod-1's.
    expect(api.named('chat.postMessage').filter((c) => String(c.body.text).startsWith('Plan:'))).toHaveLength(1);
  });

  it(
    "when the grace period ends first: hands the run's lease back and exits 0; the next " + 'replica marks it interrupted at once',
    async () => {
      const bot = await start('1s');
      const release = await runHeld();
      const id = lines().find((l) => l.msg === 'approval click')!.requestId as string;
      expect((await request(id)).lease).toBeDefined();
      const t0 = Date.now();
      bot.kill('SIGTERM');
      expect(await exited(bot)).toEqual({ code: 0, signal: null });
      expect(Date.now() - t0).toBeLessThan(5000);
      release();
      expect(lines().find((l) => l.msg.startsWith('shutdown: run still going'))?.requestId).toBe(id);
      // Still executing as far as the store knows, but nobody holds it: no waiting for the lease to expire.
      expect(await request(id)).toEqual({ state: 'executing', lease: undefined });
      // The next replica (a bot on the same store, its run lease time untouched: 60 s) interrupts it now.
      const metrics = new BotMetrics({ defaults: false });
      const next = await buildBot({
        loaded: { config: parseConfig({ sandbox: {} }), file: null },
        sandboxFile: DEMO_ESTATE,
        storePath: store(),
        log: silentLog,
        trainingCache: false,
        metrics,
      });
      try {
        expect(await interruptAbandonedRuns(next)).toBe(1);
        expect((await next.desk.get(id))!.state).toBe('interrupted');
        expect((await metrics.text()).body).toContain('cloudops_executions_total{playbook="ec2-stop-instance",outcome="interrupted"} 1');
      } finally {
        next.close();
      }
    },
  );
});
