import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from '@slack/bolt';
import type { ChatEvent } from '../../core';
import type { Logger } from '../../core';
import type { ChatAdapter, ChatHandler } from '../ChatAdapter';
import type { HttpServer } from '../HttpServer';
import { Lanes } from '../Lanes';
import { MemorySeenRequests, type BotThreads, type SeenRequests } from '../SeenRequests';
import { boltLogger } from './bolt-logger';
import {
  buttonEvent,
  commandEvent,
  isBotAuthored,
  mentionEvent,
  messageEvent,
  messageKind,
  slackUser,
  type ActionPayload,
  type BlockActionsBody,
  type MessagePayload,
  type SlashCommandPayload,
} from './events';
import { requestFreshness } from './freshness';
import { InFlight } from './InFlight';
import { escapeSlack } from './mrkdwn';
import { ACTION_PREFIX } from './render';
import { RecentKeys } from './RecentKeys';
import { SlackSink } from './SlackSink';
import type { SlackMode, SlackTokens } from './tokens';
import { UserGroups } from './UserGroups';

export interface SlackAdapterOptions {
  mode: SlackMode;
  tokens: SlackTokens;
  /** The slash command, as registered in the app manifest. */
  command: string;
  /** HTTP mode: the request paths Slack posts events, commands and interactivity to. */
  endpoints: string[];
  /** The Web API's base URL (GovSlack, or a local stand-in in tests); Slack's own when left out. */
  apiUrl?: string;
  /** User group ids (S…) the approval policy names; membership is looked up for those only. */
  approverGroups: string[];
  /**
   * Deliveries already handled, so a retried or replayed one is dropped. main.ts hands in the store's,
   * which survives a restart; left out, they are remembered in memory only.
   */
  seen?: SeenRequests;
  /**
   * Threads the bot spoke in, shared through the store (main.ts hands it in): a plain reply in a thread
   * another replica (or this bot before a restart) posted in is followed too. Left out: memory only.
   */
  botThreads?: BotThreads;
  log: Logger;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class SlackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

/**
 * Slack through Bolt: slash command, mentions, direct messages, replies in the bot's threads, and
 * button clicks become ChatEvents. Every entry point acknowledges Slack at once and does the work
 * afterwards (Slack's 3-second rule); answers go out through the Web API (SlackSink).
 * Transport only: what to do with an event is the conversation's business.
 */
/** What a person sees when the bot cannot reach its store to take a request (details go to the log only). */
export const STORE_DOWN =
  'I could not reach my store (the database), so I did nothing with this. Nothing was ' +
  'changed in AWS. Try again in a minute; if it keeps happening, tell whoever runs the ' +
  'bot (its log says why).';

export class SlackAdapter implements ChatAdapter {
  readonly platform = 'slack' as const;
  readonly sink: SlackSink;
  private readonly client: webApi.WebClient;
  private readonly receiver: HTTPReceiver | SocketModeReceiver;
  private readonly deliveries: SeenRequests;
  private readonly threads: RecentKeys;
  private readonly groups: UserGroups;
  private readonly work: InFlight;
  /** Requests are worked on two at a time, so acknowledgements never wait behind a queue of plans. */
  private readonly lanes = new Lanes(2);
  private readonly logger: ReturnType<typeof boltLogger>;
  private app?: App;
  private botUserId?: string;

  constructor(private readonly options: SlackAdapterOptions) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
    this.logger = boltLogger(options.log);
    const logger = this.logger;
    const apiUrl = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
    this.client = new webApi.WebClient(options.tokens.botToken, {
      ...apiUrl,
      logger,
      // 429s come back to us (rate-limit.ts) instead of pausing every queued call; other failures are
      // retried briefly, and no call hangs for ever.
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
      timeout: 15_000,
    });
    this.work = new InFlight((e) => options.log.error({ err: e.message }, 'slack: handling an event failed'));
    this.deliveries = options.seen ?? new MemorySeenRequests({ now });
    this.threads = new RecentKeys({ max: 20_000, ttlMs: 7 * 24 * 60 * 60_000, now });
    this.groups = new UserGroups({
      groups: options.approverGroups,
      now,
      log: options.log,
      members: async (usergroup) => ((await this.client.usergroups.users.list({ usergroup })).users ?? []) as string[],
    });
    this.sink = new SlackSink({
      client: this.client,
      log: options.log,
      sleep,
      background: (w) => this.work.add(w),
      onThread: (channel, ts) => {
        const key = `${channel}:${ts}`;
        if (this.threads.has(key)) return;
        this.threads.add(key);
        const shared = options.botThreads;
        if (shared)
          this.work.add(
            shared
              .add(key)
              .catch((e) =>
                options.log.warn(
                  { err: (e as Error).message, thread: key },
                  'slack: could not record a thread in the store; replies there reach only this replica',
                ),
              ),
          );
      },
    });
    if (options.mode === 'http') {
      if (!options.tokens.signingSecret) throw new SlackStartError('Slack HTTP mode needs SLACK_SIGNING_SECRET');
      this.receiver = new HTTPReceiver({
        signingSecret: options.tokens.signingSecret,
        endpoints: options.endpoints,
        logger,
        processBeforeResponse: false,
        // Every kind of payload Bolt recognises is acknowledged at once by a listener below. This answers
        // whatever is left (a payload Bolt cannot classify) with an empty 200 within Slack's 3 seconds,
        // instead of Bolt's 404 after them, which makes Slack retry and report a failure.
        unhandledRequestTimeoutMillis: 1000,
        unhandledRequestHandler: ({ response }) => {
          options.log.warn({}, 'slack: a signed request no listener acknowledged; answered with an empty 200');
          if (!response.headersSent) response.writeHead(200).end();
        },
      });
    } else {
      if (!options.tokens.appToken) throw new SlackStartError('Slack Socket Mode needs SLACK_APP_TOKEN');
      this.receiver = new SocketModeReceiver({
        appToken: options.tokens.appToken,
        logger,
        installerOptions: { clientOptions: { ...apiUrl } },
      });
    }
  }

  /** HTTP mode: serve Slack's endpoints from the shared server (beside Teams and /healthz). */
  mount(server: HttpServer): void {
    if (!(this.receiver instanceof HTTPReceiver))
      throw new SlackStartError('the Slack adapter is in Socket Mode; it has no HTTP endpoints to mount');
    const receiver = this.receiver;
    const now = this.options.now ?? Date.now;
    for (const path of new Set(this.options.endpoints)) {
      server.route(path, (req: IncomingMessage, res: ServerResponse) => {
        // Bolt refuses stale timestamps only; a request dated in the future is refused here, unread.
        const freshness = requestFreshness(req.headers['x-slack-request-timestamp'], now());
        if (!freshness.fresh) {
          this.options.log.warn(
            { path, reason: freshness.reason },
            'slack: request refused, its timestamp is outside the five-minute window',
          );
          req.resume();
          res.writeHead(401).end();
          return;
        }
        try {
          receiver.requestListener(req, res);
        } catch {
          // Bolt defers what it does not handle (a GET on the events path, say).
          if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
      });
    }
  }

  /** Checks the bot token (auth.test), then listens: Socket Mode connects, HTTP mode waits for the server. */
  async start(handler: ChatHandler): Promise<void> {
    let auth: webApi.AuthTestResponse;
    try {
      auth = await this.client.auth.test();
    } catch (e) {
      const rejected = (e as { data?: { error?: string } }).data?.error;
      if (!rejected)
        throw new SlackStartError(
          `could not reach Slack's Web API at ` +
            `${this.options.apiUrl ?? 'https://slack.com/api/'} (${(e as Error).message}): check ` +
            `the network, proxy and firewall, then start again`,
        );
      throw new SlackStartError(
        `Slack did not accept SLACK_BOT_TOKEN (${rejected}): check that it is this app's ` +
          `current Bot User OAuth Token and that the app is installed in the workspace`,
      );
    }
    this.botUserId = auth.user_id;
    const app = new App({
      token: this.options.tokens.botToken,
      botId: auth.bot_id,
      botUserId: auth.user_id,
      receiver: this.receiver as Receiver,
      logger: this.logger,
      convoStore: false,
      ...(this.options.apiUrl ? { clientOptions: { slackApiUrl: this.options.apiUrl } } : {}),
    });
    this.listen(app, handler);
    this.app = app;
    if (this.receiver instanceof SocketModeReceiver) {
      try {
        await app.start();
      } catch (e) {
        const code = (e as { data?: { error?: string } }).data?.error ?? (e as Error).message;
        throw new SlackStartError(
          `Socket Mode could not connect (${code}): check SLACK_APP_TOKEN (an app-level token ` +
            `with connections:write) and that Socket Mode is enabled for the app`,
        );
      }
    }
    this.options.log.info({ mode: this.options.mode, bot: auth.user_id, team: auth.team }, 'slack connected');
  }

  /** Resolves once every event received so far has been handled (tests, shutdown). */
  idle(): Promise<void> {
    return this.work.idle();
  }

  async stop(): Promise<void> {
    if (this.app && this.receiver instanceof SocketModeReceiver) await this.app.stop();
    await this.work.idle();
  }

  private listen(app: App, handler: ChatHandler): void {
    const ours = this.options.command;
    // One listener for every slash command: ours is handled, any other (an old name, a second command
    // pointed at this URL) is answered at once instead of timing out.
    app.command(/.*/, async ({ command, ack }) => {
      if (command.command !== ours) {
        await ack({
          response_type: 'ephemeral',
          text: `I only answer ${ours}; ${escapeSlack(command.command)} is not one of my commands. Try \`${ours} help\`.`,
        });
        return;
      }
      await ack();
      this.dispatch(commandEvent(command as SlashCommandPayload, slackUser(command.user_id)), handler);
    });
    app.event('app_mention', async ({ event, body, context }) => {
      const ev = event as unknown as MessagePayload;
      if (!ev.user || isBotAuthored(ev, this.botUserId)) return;
      this.dispatch(mentionEvent(ev, body.event_id, slackUser(ev.user), this.botUserId), handler, context.retryNum);
    });
    app.event('message', async ({ event, body, context }) => {
      const ev = event as unknown as MessagePayload;
      const kind = messageKind(ev, this.botUserId, (channel, ts) => this.threads.has(`${channel}:${ts}`));
      if (kind) {
        this.dispatch(messageEvent(ev, body.event_id, slackUser(ev.user!), kind, this.botUserId), handler, context.retryNum);
        return;
      }
      // A reply in a thread this process did not speak in: another replica, or this bot before a restart, may have.
      const shared = this.options.botThreads;
      if (!shared || !ev.thread_ts || messageKind(ev, this.botUserId, () => true) !== 'follow-up') return;
      const key = `${ev.channel}:${ev.thread_ts}`;
      this.work.add(
        shared.has(key).then(
          (ours) => {
            if (!ours) return;
            this.threads.add(key);
            this.dispatch(messageEvent(ev, body.event_id, slackUser(ev.user!), 'follow-up', this.botUserId), handler, context.retryNum);
          },
          (e) =>
            this.options.log.error(
              { err: (e as Error).message, thread: key },
              'slack: could not look the thread up in the store; reply not followed',
            ),
        ),
      );
    });
    // Every interactive payload is acknowledged at once with an empty 200: our buttons are handled,
    // anything else (another app's action id, a shortcut, a modal) is ignored without a timeout.
    app.action({}, async ({ ack, body, action }) => {
      await ack();
      if (body.type !== 'block_actions' || !(action as ActionPayload).action_id?.startsWith(ACTION_PREFIX)) return;
      const b = body as unknown as BlockActionsBody;
      const ev = buttonEvent(b, action as ActionPayload, slackUser(b.user.id));
      if (ev) this.dispatch(ev, handler);
    });
    app.shortcut({}, async ({ ack }) => ack());
    app.view({}, async ({ ack }) => ack());
    app.options({}, async ({ ack }) => ack());
    app.error(async (e) => {
      this.options.log.error({ err: e.message, code: (e as { code?: string }).code }, 'slack: bolt reported an error');
    });
  }

  /**
   * Once per delivery: Slack's retries, repeated payloads and a replayed signed request carry the same
   * id and are dropped, also after a restart (the keys are in the store). The key is recorded before
   * the first await, so of two copies arriving together only one goes on.
   */
  private dispatch(event: ChatEvent, handler: ChatHandler, retryNum?: number): void {
    this.work.add(
      this.lanes.run(async () => {
        let first: boolean;
        try {
          first = await this.deliveries.firstSeen(`slack:${event.id}`);
        } catch (e) {
          // The store is unreachable (Postgres down, a SQLite file locked): the delivery cannot be checked
          // against replays, so nothing is done with it, and the person is told rather than left waiting.
          this.options.log.error(
            { err: (e as Error).message, delivery: event.id },
            'slack: could not check the delivery against the store; not handled',
          );
          await this.sink.post(event.place, { kind: 'error', text: STORE_DOWN });
          return;
        }
        if (!first) {
          this.options.log.info({ delivery: event.id, retryNum }, 'slack: repeated delivery ignored');
          return;
        }
        const groups = await this.groups.groupsOf(event.user.id);
        await handler({ ...event, user: slackUser(event.user.id, groups) }, this.sink);
      }),
    );
  }
}
