import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/index';
import { startCommand, type StartIo } from '../../src/cli/start-command';
import { ConfigError } from '../../src/config';
import { SlackApiStandIn, shownText } from '../helpers/slack-api';
import { postSigned, SIGNING_SECRET, slashCommand } from '../helpers/slack-requests';
import { SocketModeStandIn } from '../helpers/socket-mode-server';
import { freePort } from '../helpers/bot';

const BOT = 'xoxb-1111-2222-test';
const APP = 'xapp-1-A0CLOUDOPS-3333-test';

/** `cloudops start` as the CLI runs it, with its config file, its environment and a stop signal. */
describe('cloudops start with Slack', () => {
  let dir: string;
  let api: SlackApiStandIn;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-start-'));
    api = await SlackApiStandIn.start();
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function configFile(slack: Record<string, unknown> | undefined): string {
    const file = join(dir, 'cloudops.yaml');
    const lines = [
      'sandbox: {}',
      `playbooks: { dir: ${JSON.stringify(resolve(__dirname, '../../playbooks'))} }`,
      'log: { level: silent }',
      'approval:',
      '  approvers:',
      '    oncall: { slack: [U0BOB] }',
    ];
    if (slack) lines.push(`slack: ${JSON.stringify(slack)}`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  function io(env: Record<string, string>, stop: Promise<void>, onReady?: StartIo['onReady']): StartIo & { text: () => string } {
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d.toString()));
    const input = new PassThrough();
    input.end('help\n');
    return { env, input, output, interactive: false, stopped: () => stop, onReady, text: () => text };
  }

  it('connects through Socket Mode with the tokens from the environment and answers /cloudops', async () => {
    const ws = await SocketModeStandIn.start();
    api.socketUrl = ws.url;
    let stop!: () => void;
    const stopped = new Promise<void>((ok) => (stop = ok));
    const run = startCommand(
      { config: configFile({ mode: 'socket', apiUrl: api.url }), store: ':memory:' },
      io({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, stopped),
    );
    try {
      await ws.whenConnected();
      // The app-level token opened the connection; the bot token was checked with auth.test.
      expect(api.named('apps.connections.open')).toHaveLength(1);
      expect(api.named('auth.test')).toHaveLength(1);

      const payload = {
        token: 'legacy',
        team_id: 'T0ACME',
        channel_id: 'C0OPS',
        user_id: 'U0ALICE',
        command: '/cloudops',
        text: 'stop web-prod-1',
        trigger_id: 'trig-1',
        api_app_id: 'A0CLOUDOPS',
      };
      ws.send({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload });
      expect(await ws.ackFor('env-1')).toMatchObject({ envelope_id: 'env-1' });
      const [post] = await api.waitFor('chat.postMessage');
      expect(post.body.channel).toBe('C0OPS');

      // Slack redelivers an event it thinks was lost: handled once.
      const event = {
        type: 'event_callback',
        team_id: 'T0ACME',
        event_id: 'Ev0DM1',
        event: { type: 'message', channel_type: 'im', user: 'U0ALICE', text: 'help', channel: 'D0ALICE', ts: '1700000090.000100' },
        authorizations: [{ team_id: 'T0ACME', user_id: 'UBOT', is_bot: true }],
      };
      ws.send({ envelope_id: 'env-2', type: 'events_api', payload: event, retry_attempt: 0 });
      ws.send({ envelope_id: 'env-3', type: 'events_api', payload: event, retry_attempt: 1, retry_reason: 'timeout' });
      await ws.ackFor('env-3');
      await api.waitFor('chat.postMessage', 2);
    } finally {
      stop();
      await run;
      await ws.close();
    }
    expect(shownText(api.named('chat.postMessage')[0].body)).toContain('Plan: Stop an EC2 instance');
    expect(api.named('chat.postMessage').filter((c) => c.body.channel === 'D0ALICE')).toHaveLength(1);
  });

  it('serves HTTP when the config says mode: http and SLACK_SIGNING_SECRET is set', async () => {
    let stop!: () => void;
    const stopped = new Promise<void>((ok) => (stop = ok));
    let ready!: (info: { httpPort?: number }) => void;
    const isReady = new Promise<{ httpPort?: number }>((ok) => (ready = ok));
    // A config file names a real port (0 is refused): take one that is free now.
    const run = startCommand(
      { config: configFile({ mode: 'http', host: '127.0.0.1', port: await freePort(), apiUrl: api.url }), store: ':memory:' },
      io({ SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SIGNING_SECRET }, stopped, (i) => ready(i)),
    );
    try {
      const { httpPort } = await isReady;
      expect(httpPort).toBeGreaterThan(0);
      const res = await postSigned(
        `http://127.0.0.1:${httpPort}/slack/events`,
        slashCommand({ user: 'U0ALICE', channel: 'C0OPS', text: 'help' }),
      );
      expect(res.status).toBe(200);
      const [post] = await api.waitFor('chat.postMessage');
      expect(shownText(post.body)).toContain('What I can do');
      expect(api.named('apps.connections.open')).toHaveLength(0);
    } finally {
      stop();
      await run;
    }
  });

  it('stops with one clear error, before scanning or connecting, when tokens are missing or malformed', async () => {
    const never = new Promise<void>(() => undefined);
    const file = configFile({ mode: 'socket', apiUrl: api.url });
    // --sandbox points nowhere: had the estate been loaded first, that would be the error.
    const attempt = (env: Record<string, string>) =>
      startCommand({ config: file, sandbox: join(dir, 'missing.yaml'), store: ':memory:' }, io(env, never));
    await expect(attempt({})).rejects.toThrow(ConfigError);
    await expect(attempt({})).rejects.toThrow(
      /Slack cannot start \(socket mode\):\n {2}- SLACK_BOT_TOKEN is not set.*\n {2}- SLACK_APP_TOKEN is not set/,
    );
    await expect(attempt({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: APP })).rejects.toThrow(
      /SLACK_BOT_TOKEN starts with "xoxp-", but a bot token starts with "xoxb-"/,
    );
    await expect(attempt({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: 'xoxb-wrong-place' })).rejects.toThrow(
      /SLACK_APP_TOKEN starts with "xoxb-"/,
    );
    expect(api.calls).toHaveLength(0);
  });

  it('the CLI prints that error and exits non-zero', async () => {
    const saved = { bot: process.env.SLACK_BOT_TOKEN, app: process.env.SLACK_APP_TOKEN };
    const written: string[] = [];
    const stderr = jest
      .spyOn(process.stderr, 'write')
      .mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      process.env.SLACK_BOT_TOKEN = 'xoxp-user-token';
      delete process.env.SLACK_APP_TOKEN;
      await main(['node', 'cloudops', 'start', '--config', configFile({ mode: 'socket', apiUrl: api.url })]);
      expect(process.exitCode).toBe(2);
    } finally {
      stderr.mockRestore();
      process.exitCode = 0;
      if (saved.bot === undefined) delete process.env.SLACK_BOT_TOKEN;
      else process.env.SLACK_BOT_TOKEN = saved.bot;
      if (saved.app !== undefined) process.env.SLACK_APP_TOKEN = saved.app;
    }
    expect(written.join('')).toMatch(
      /^cloudops: Slack cannot start \(socket mode\):\n {2}- SLACK_BOT_TOKEN starts with "xoxp-".*\n {2}- SLACK_APP_TOKEN is not set.*\n$/,
    );
    expect(written.join('')).not.toContain('user-token');
    expect(api.calls).toHaveLength(0);
  });

  it('a token Slack rejects is one clear error too', async () => {
    api.on('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    const run = startCommand(
      { config: configFile({ mode: 'socket', apiUrl: api.url }), store: ':memory:' },
      io({ SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP }, new Promise(() => undefined)),
    );
    await expect(run).rejects.toThrow('Slack did not accept SLACK_BOT_TOKEN (invalid_auth)');
    expect(api.named('apps.connections.open')).toHaveLength(0);
  });

  it('SLACK_BOT_TOKEN alone turns Slack on (Socket Mode by default)', async () => {
    const run = startCommand(
      { config: configFile(undefined), store: ':memory:' },
      io({ SLACK_BOT_TOKEN: BOT }, new Promise(() => undefined)),
    );
    await expect(run).rejects.toThrow(
      /Slack cannot start \(socket mode, because SLACK_BOT_TOKEN is set\):\n {2}- SLACK_APP_TOKEN is not set/,
    );
  });

  it('stays on the console when no chat platform is configured', async () => {
    const stdio = io({}, new Promise(() => undefined));
    await startCommand({ config: configFile(undefined), store: ':memory:' }, stdio);
    expect(stdio.text()).toContain('What I can do');
    expect(api.calls).toHaveLength(0);
  });
});
