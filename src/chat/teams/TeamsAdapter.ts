/**
 * Microsoft Teams through the Microsoft 365 Agents SDK (CloudAdapter: JWT validation, turns,
 * proactive messages). Transport only: activities in, neutral ChatEvents to the handler, neutral
 * ChatMessages rendered as Adaptive Cards out. Every SDK import lives in this folder.
 */
import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type ConnectorClient, type TurnContext } from '@microsoft/agents-hosting';
import type { ChatEvent, ChatMessage, ChatSink, ChatUser } from '../../core';
import type { ConversationState, Logger } from '../../core';
import type { ChatAdapter, ChatHandler } from '../ChatAdapter';
import type { HttpServer, RouteHandler } from '../HttpServer';
import { buttonEvent, clickFromData, conversationKind, invokeAction, placeOf, textEvent, userOf } from './activity';
import type { TeamsCredentials } from './credentials';
import { messagingEndpoint, type Refusal } from './endpoint';
import { fileConsentAnswer, fileInfoActivity, uploadFile } from './FileOffers';
import { cardResponse, errorResponse, InvokeTurn, messageResponse, type CardActionResponse } from './InvokeTurn';
import { Recent } from './Recent';
import { NOTE_VERB, renderAdaptiveCard, type RenderOptions } from './render';
import { TeamsOutbox, type ConversationReferenceStore } from './TeamsOutbox';
import { sameOrigin, ServiceUrlPolicy, tenantOf } from './trust';

export interface TeamsAdapterOptions {
  credentials: TeamsCredentials;
  references: ConversationReferenceStore;
  /**
   * Where files offered in personal chats wait for the person's consent: the store, so the answer reaching
   * another replica (or this one after a restart) still gets the file. In this process's memory when left out.
   */
  offers?: ConversationState;
  /** The shared HTTP server; start() mounts the messaging endpoint on it. */
  http?: HttpServer;
  /** Messaging endpoint path (default /api/messages). */
  path?: string;
  log?: Logger;
  /**
   * Entra ID tenant ids (lower case) whose activities are accepted; any other tenant, or an activity
   * naming none, is refused with 403. Empty: any tenant (loopback test mode only; main.ts enforces that).
   */
  tenants?: string[];
  /** Service URL prefixes trusted beyond the Teams / Bot Framework hosts (`teams.serviceUrls`). */
  serviceUrls?: string[];
  /**
   * Look up the clicker's user principal name in the Teams roster on button clicks, so approver
   * lists may name people by UPN. Costs one Teams API call per person per 10 minutes.
   */
  lookupUpn?: boolean;
  /** Teams waits about 15 s for an invoke response; answer before that (default 8000 ms). */
  invokeDeadlineMs?: number;
  /** Posted in a personal chat when someone installs the bot. */
  welcome?: ChatMessage;
  now?: () => Date;
}

/** Said on every card, and at start-up, when the endpoint runs without credentials. */
export const UNAUTHENTICATED_NOTICE = 'Unauthenticated test endpoint: anyone who can reach it can act as anyone, approvers included.';

const UPN_TTL_MS = 10 * 60 * 1000;

export class TeamsAdapter implements ChatAdapter {
  readonly platform = 'teams' as const;
  readonly cloud: CloudAdapter;
  private readonly outbox: TeamsOutbox;
  private readonly trusted: ServiceUrlPolicy;
  private readonly render: RenderOptions;
  private readonly tenants: Set<string>;
  private handler?: ChatHandler;
  private stopped = false;
  private readonly inflight = new Set<Promise<void>>();
  private readonly seen = new Recent<string, true>(2000);
  private readonly upns = new Recent<string, { upn?: string; at: number }>(2000);

  constructor(private readonly options: TeamsAdapterOptions) {
    const unauthenticated = !options.credentials.appId;
    this.trusted = new ServiceUrlPolicy(options.serviceUrls ?? [], unauthenticated);
    this.tenants = new Set((options.tenants ?? []).map((t) => t.toLowerCase()));
    this.render = unauthenticated ? { notice: UNAUTHENTICATED_NOTICE } : {};
    // validateServiceUrl: the activity's serviceUrl must be the one the Bot Framework token names.
    this.cloud = new CloudAdapter(
      options.credentials.auth,
      undefined,
      undefined,
      { validateServiceUrl: true, emitStackTrace: false },
      this.trusted,
    );
    this.cloud.onTurnError = async (ctx, err) => {
      // Logged once, as JSON with the stack; the caller learns only that it failed.
      options.log?.error({ err, type: ctx.activity.type }, 'teams turn failed');
      if (ctx.activity.type === 'invoke')
        await this.reply(ctx, errorResponse(500, "Something went wrong; nothing more was done. Try again, or ask the bot's operator."));
    };
    this.outbox = new TeamsOutbox(this.cloud, options.credentials.appId, options.references, options.log, this.render, options.offers);
  }

  /** Posting without an incoming event (digests, progress), through stored conversation references. */
  get sink(): ChatSink {
    return this.outbox.sink;
  }

  get path(): string {
    return this.options.path ?? '/api/messages';
  }

  get authenticated(): boolean {
    return !!this.options.credentials.appId;
  }

  /** Start-up lines; loud when the endpoint accepts unauthenticated requests. */
  banner(): string[] {
    const c = this.options.credentials;
    const tenants = this.tenants.size ? `tenants ${[...this.tenants].join(', ')}` : 'any tenant';
    if (!c.appId) {
      return [
        `!!! Teams endpoint ${this.path} is UNAUTHENTICATED (no MICROSOFT_APP_ID, ` +
          `teams.allowUnauthenticated: true): anyone who can reach it can act as any Teams ` +
          `user, approvers included; ${tenants}.`,
        '!!! Use this only on this machine (Bot Framework Emulator, tests); every card says ' +
          'so. For Teams set MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and a secret ' +
          '(docs/teams.md).',
      ];
    }
    return [
      `Teams endpoint ${this.path}: bot ${c.appId} (${c.appType}` +
        `${c.tenantId ? `, app tenant ${c.tenantId}` : ''}), ${c.method} credentials, ` +
        `${tenants}.`,
    ];
  }

  async start(handler: ChatHandler): Promise<void> {
    this.handler = handler;
    this.stopped = false;
    if (!this.authenticated) for (const line of this.banner()) this.options.log?.warn({ path: this.path }, line);
    this.options.http?.route(this.path, this.endpoint());
  }

  /** The route for the shared HTTP server (start() mounts it when given `http`). */
  endpoint(): RouteHandler {
    return messagingEndpoint(this.cloud, {
      admit: (a, identity) => this.admit(a, identity),
      logic: (ctx) => this.onTurn(ctx),
      log: this.options.log,
      loopbackOnly: !this.authenticated,
    });
  }

  /** After the token check: only trusted service URLs, only our tenants, no moving a known conversation. */
  private async admit(a: Record<string, unknown>, identity: Record<string, unknown>): Promise<Refusal | undefined> {
    if (typeof a.serviceUrl !== 'string' || !a.serviceUrl) return { status: 400, reason: 'no serviceUrl' };
    if (!this.trusted.isAllowed(a.serviceUrl)) return { status: 403, reason: `untrusted serviceUrl ${a.serviceUrl.slice(0, 200)}` };
    // The token names the service URL it was issued for; the SDK compares host names only, we compare origins.
    if (typeof identity.serviceurl === 'string' && sameOrigin(identity.serviceurl, a.serviceUrl) === false) {
      return { status: 400, reason: `serviceUrl ${a.serviceUrl.slice(0, 200)} is not the one the token was issued for` };
    }
    if (this.tenants.size) {
      const tenant = tenantOf(a);
      if (!tenant || !this.tenants.has(tenant))
        return { status: 403, reason: `tenant ${tenant ?? '(none or conflicting)'} is not in teams.tenants` };
    }
    const redirect = await this.outbox.redirects(a as Partial<Activity>);
    if (redirect) return { status: 403, reason: redirect.message };
    return undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  /** Resolves when every event handed to the handler has been handled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private async onTurn(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    if (this.stopped || !this.handler) {
      if (a.type === 'invoke') await this.reply(ctx, errorResponse(500, 'The bot is shutting down; try again in a minute.'));
      return;
    }
    const user = userOf(a);
    await this.outbox.remember(a, user);
    const key = `${a.conversation?.id}|${a.type}|${a.id}`;
    if (a.id && this.seen.has(key)) {
      // Teams redelivers when it did not hear back in time; the first delivery is being handled.
      if (a.type === 'invoke') await this.reply(ctx, messageResponse('Already received; the card updates when it is done.'));
      return;
    }
    if (a.id) this.seen.set(key, true);
    switch (a.type) {
      case 'message':
        return this.onMessage(ctx);
      case 'invoke':
        if (a.name === 'adaptiveCard/action') return this.onCardAction(ctx);
        if (a.name === 'fileConsent/invoke') return this.onFileConsent(ctx);
        await ctx.sendActivity({ type: 'invokeResponse', value: { status: 501 } } as Activity);
        return;
      case 'conversationUpdate':
      case 'installationUpdate':
        return this.onMembership(a);
      default:
        return;
    }
  }

  private async onMessage(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    // Action.Submit (the fallback for clients without Universal Actions) arrives as a message with a value.
    if (a.value && !a.text) {
      const click = clickFromData(a.value);
      if (!click) return;
      this.dispatch(buttonEvent(a, click, await this.identify(ctx)), this.turnSink());
      return;
    }
    const event = textEvent(a);
    if (event) this.dispatch(event, this.turnSink());
  }

  private async onCardAction(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const { verb, data } = invokeAction(a);
    if (verb === NOTE_VERB) return this.reply(ctx, this.noteFor(a, data));
    const click = clickFromData(data, verb);
    if (!click) return this.reply(ctx, errorResponse(400, 'That button is not one of mine or its data is damaged; nothing was done.'));
    const user = await this.identify(ctx);
    const turn = new InvokeTurn(a.replyToId, user, (id) => this.outbox.lastCard(id), this.render);
    const work = this.dispatch(buttonEvent(a, click, user), this.turnSink(turn));
    const timer = setTimeout(() => turn.timeout(), this.options.invokeDeadlineMs ?? 8000);
    timer.unref?.();
    void work.then(() => turn.finish());
    const response = await turn.response;
    clearTimeout(timer);
    await this.reply(ctx, response);
  }

  /**
   * The answer to a file consent card (FileOffers): on Allow, the file goes to the upload URL Teams gave
   * (its OneDrive) and a file info card shows it; on Decline, nothing is sent. An offer this process does
   * no longer holds (answered already, or older than a day) is said to have expired.
   */
  private async onFileConsent(ctx: TurnContext): Promise<void> {
    const a = ctx.activity;
    const place = placeOf(a);
    const answer = fileConsentAnswer(a.value);
    const say = async (text: string) => void (await this.outbox.post(place, { kind: 'info', text }));
    if (!answer) return this.ack(ctx, 400);
    const file = await this.outbox.files.take(answer.token, place.channel);
    if (!file) {
      await say('This file offer has expired (it was answered already, or is more than a day old); click Download CSV again.');
      return this.ack(ctx);
    }
    if (answer.action === 'decline') {
      await say(`${file.name} was not sent.`);
      return this.ack(ctx);
    }
    const url = answer.uploadInfo?.uploadUrl;
    if (!url || !this.uploadUrlAllowed(url)) {
      this.options.log?.warn({ channel: place.channel }, 'teams file consent without a usable upload URL; nothing uploaded');
      await say(`Teams did not give a usable place to save ${file.name}; nothing was uploaded. Click Download CSV to try again.`);
      return this.ack(ctx);
    }
    try {
      await uploadFile(url, file.content);
    } catch (e) {
      this.options.log?.warn({ err: (e as Error).message, channel: place.channel }, 'teams file upload failed');
      await say(`Could not save ${file.name} to your OneDrive (${(e as Error).message}); click Download CSV to try again.`);
      return this.ack(ctx);
    }
    await this.outbox.sendActivity(place, fileInfoActivity(answer.uploadInfo!));
    this.options.log?.info({ channel: place.channel, file: file.name, bytes: file.content.length }, 'teams file sent');
    return this.ack(ctx);
  }

  /** An upload URL from Teams is HTTPS (OneDrive); plain HTTP only to this machine, in the unauthenticated test mode. */
  private uploadUrlAllowed(url: string): boolean {
    try {
      const u = new URL(url);
      if (u.protocol === 'https:') return true;
      return (
        !this.authenticated &&
        u.protocol === 'http:' &&
        (u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]')
      );
    } catch {
      return false;
    }
  }

  private async ack(ctx: TurnContext, status = 200): Promise<void> {
    await ctx.sendActivity({ type: 'invokeResponse', value: { status } } as Activity);
  }

  /** The refresh of a private-note placeholder: the note for its reader, the placeholder for anyone else. */
  private noteFor(a: Activity, data: unknown): CardActionResponse {
    const token = (data as { note?: unknown } | undefined)?.note;
    const note = typeof token === 'string' ? this.outbox.note(token) : undefined;
    if (!note) return messageResponse('This note has expired.');
    if (note.mri !== a.from?.id) return messageResponse('This note is for someone else.');
    return cardResponse(renderAdaptiveCard(note.message, this.render));
  }

  private async onMembership(a: Activity): Promise<void> {
    const botId = a.recipient?.id;
    const added = a.type === 'installationUpdate' ? a.action === 'add' : !!a.membersAdded?.some((m) => m.id === botId);
    const removed = a.type === 'installationUpdate' ? a.action === 'remove' : !!a.membersRemoved?.some((m) => m.id === botId);
    const place = placeOf(a);
    if (removed) {
      await this.outbox.forget(place.channel);
      this.options.log?.info({ channel: place.channel }, 'teams bot removed from conversation; reference forgotten');
      return;
    }
    if (added && conversationKind(a) === 'personal' && this.options.welcome) {
      const welcome = this.options.welcome;
      this.track((async () => void (await this.outbox.post(place, welcome)))());
    }
  }

  /** Who clicked: from the activity (signed for by the Bot Framework token), plus the UPN from the roster. */
  private async identify(ctx: TurnContext): Promise<ChatUser> {
    const a = ctx.activity;
    const from = a.from;
    if (!this.options.lookupUpn || !from?.aadObjectId || !from.id) return userOf(a);
    const now = (this.options.now ?? (() => new Date()))().getTime();
    let cached = this.upns.get(from.id);
    if (!cached || now - cached.at > UPN_TTL_MS) {
      try {
        // The roster of the team (channels) or of the chat; the SDK's Teams extension is not needed for one GET.
        const teamId = (a.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
        const connector = ctx.turnState.get<ConnectorClient>(this.cloud.ConnectorClientKey);
        const member = (await connector.getConversationMember(
          from.id,
          typeof teamId === 'string' && teamId ? teamId : placeOf(a).channel,
        )) as { aadObjectId?: string; userPrincipalName?: string };
        // Only trust a roster entry for the same Entra ID object as the activity.
        const same = member.aadObjectId?.toLowerCase() === from.aadObjectId.toLowerCase();
        cached = { upn: same ? member.userPrincipalName?.toLowerCase() : undefined, at: now };
      } catch (e) {
        this.options.log?.warn({ err: (e as Error).message }, 'teams roster lookup failed; the click is judged by Entra ID object id only');
        cached = { at: now };
      }
      this.upns.set(from.id, cached);
    }
    return userOf(a, cached.upn ? [cached.upn] : []);
  }

  /** The sink for one event: the outbox, with the invoke's clicked card and clicker notes captured. */
  private turnSink(turn?: InvokeTurn): ChatSink {
    const out = this.outbox.sink;
    return {
      post: (place, message) => out.post(place, message),
      update: async (ref, message) => {
        turn?.offerUpdate(ref, message);
        await out.update(ref, message);
      },
      whisper: async (place, user, message) => {
        if (turn?.offerWhisper(user, message)) return;
        await out.whisper(place, user, message);
      },
    };
  }

  /** Hand an event to the handler without holding the HTTP request: Teams wants a quick answer. */
  private dispatch(event: ChatEvent, sink: ChatSink): Promise<void> {
    const handler = this.handler!;
    return this.track(handler(event, sink));
  }

  private track(work: Promise<void>): Promise<void> {
    const p = work.catch((e: Error) => this.options.log?.error({ err: e }, 'teams event handling failed'));
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }

  private async reply(ctx: TurnContext, body: CardActionResponse): Promise<void> {
    await ctx.sendActivity({ type: 'invokeResponse', value: { status: 200, body } } as Activity);
  }
}
