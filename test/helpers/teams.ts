/**
 * Teams without Teams: a stand-in for the Bot Connector service on 127.0.0.1 (where the bot posts
 * and updates messages) and builders for the activities Teams would send to the bot's endpoint.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  method: string;
  /** The Authorization header the bot sent (a bearer token when authenticated). */
  authorization?: string;
  /** Conversation id as the bot addressed it (with `;messageid=` for channel threads). */
  conversation: string;
  /** The activity id in the URL (reply-to for POST, the updated message for PUT). */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id the stand-in gave a posted message. */
  id?: string;
}

export interface RosterEntry {
  id: string;
  aadObjectId: string;
  name: string;
  userPrincipalName?: string;
}

/** A file the bot PUT to an upload URL (the OneDrive upload session Teams hands out on file consent). */
export interface Upload {
  path: string;
  contentRange?: string;
  body: Buffer;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Files PUT to `<url>uploads/…` (the stand-in's upload URLs). */
  readonly uploads: Upload[] = [];
  /** Answer uploads with this HTTP status instead of 201. */
  uploadStatus?: number;
  readonly rosterLookups: string[] = [];
  private server?: Server;
  private n = 0;
  url = '';
  /** Answer posts and updates with this HTTP status (403: the bot was removed from the conversation). */
  failWith?: number;
  /** Told of every post and update as it arrives (benchmarks time the bot's answers with it). */
  onCall?: (call: ConnectorCall) => void;

  constructor(private readonly roster: RosterEntry[] = []) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let text = '';
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => {
        text += d;
        chunks.push(d);
      });
      req.on('end', () => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0]);
        if (req.method === 'PUT' && path.startsWith('/uploads/')) {
          const status = this.uploadStatus ?? 201;
          if (status < 300) this.uploads.push({ path, contentRange: req.headers['content-range'], body: Buffer.concat(chunks) });
          res.writeHead(status, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        const members = /^\/v3\/conversations\/(.+)\/members\/(.+)$/.exec(path);
        if (req.method === 'GET' && members) {
          this.rosterLookups.push(members[2]);
          const who = this.roster.find((r) => r.id === members[2]);
          res
            .writeHead(who ? 200 : 404, { 'content-type': 'application/json' })
            .end(JSON.stringify(who ?? { error: { code: 'MemberNotFoundInConversation' } }));
          return;
        }
        const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
        if (!m) {
          res.writeHead(404).end();
          return;
        }
        if (this.failWith) {
          res
            .writeHead(this.failWith, { 'content-type': 'application/json' })
            .end(
              JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }),
            );
          return;
        }
        const call: ConnectorCall = {
          method: req.method ?? '',
          conversation: m[1],
          activityId: m[2],
          body: JSON.parse(text || '{}'),
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        };
        if (req.method === 'POST') call.id = `msg-${++this.n}`;
        this.calls.push(call);
        this.onCall?.(call);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: call.id ?? call.activityId }));
      });
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', () => ok()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((ok) => this.server?.close(() => ok()));
  }

  /** Messages the bot posted (new activities), in order. */
  posts(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'POST');
  }

  updates(id?: string): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT' && (!id || c.activityId === id));
  }

  /** The Adaptive Card a message shows now: its last update, or as posted. */
  cardOf(id: string): AdaptiveCardJson {
    const last = [...this.updates(id)].pop() ?? this.posts().find((p) => p.id === id);
    if (!last) throw new Error(`no message ${id}`);
    return cardIn(last.body);
  }
}

export type AdaptiveCardJson = {
  type: string;
  version: string;
  body: unknown[];
  actions?: Record<string, unknown>[];
  refresh?: Record<string, unknown>;
};

export function cardIn(activity: Record<string, unknown>): AdaptiveCardJson {
  const att = (activity.attachments as { contentType: string; content: AdaptiveCardJson }[] | undefined)?.[0];
  if (!att || att.contentType !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`not an Adaptive Card message: ${JSON.stringify(activity).slice(0, 200)}`);
  return att.content;
}

/** Every button a card shows at the top level: its action row, and any rows of buttons in its body. */
export function cardActions(card: AdaptiveCardJson): Record<string, unknown>[] {
  const rows = (card.body as Record<string, unknown>[])
    .filter((e) => e.type === 'ActionSet')
    .flatMap((e) => e.actions as Record<string, unknown>[]);
  return [...(card.actions ?? []), ...rows];
}

/** All the text a card shows (TextBlocks, facts, action titles), for assertions a reader can follow. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
    if (typeof o.type === 'string' && o.type.startsWith('Action.') && typeof o.title === 'string') out.push(`[${o.title}]`);
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback' && k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export const BOT = { id: '28:cloudops-bot', name: 'CloudOps' };

/** The Entra ID tenant the test users belong to (and the one test configs list in teams.tenants). */
export const TENANT = '7e57e57e-0000-4000-8000-00000000000a';
/** Another organisation's tenant. */
export const OTHER_TENANT = '0e1e0e1e-0000-4000-8000-00000000000b';

export interface Where {
  serviceUrl: string;
  conversation: { id: string; conversationType: 'personal' | 'groupChat' | 'channel'; tenantId?: string };
  channelData?: Record<string, unknown>;
}

let seq = 0;

export function messageActivity(
  where: Where,
  from: TeamsUser,
  text: string,
  options: { mention?: boolean; id?: string } = {},
): Record<string, unknown> {
  const mention = options.mention ?? where.conversation.conversationType !== 'personal';
  return {
    type: 'message',
    id: options.id ?? `in-${++seq}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from,
    recipient: BOT,
    conversation: where.conversation,
    channelData: where.channelData ?? { tenant: { id: where.conversation.tenantId ?? TENANT } },
    text: mention ? `<at>${BOT.name}</at> ${text}` : text,
    ...(mention ? { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] } : {}),
  };
}

/** What Teams sends when someone clicks an Action.Execute button on the card in message `replyToId`. */
export function cardActionActivity(
  where: Where,
  from: TeamsUser,
  replyToId: string,
  verb: string,
  data: Record<string, unknown>,
  id?: string,
): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: id ?? `in-${++seq}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from,
    recipient: BOT,
    conversation: where.conversation,
    channelData: where.channelData ?? { tenant: { id: where.conversation.tenantId ?? TENANT } },
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** POST an activity to the bot's messaging endpoint, as the Bot Framework would (no token: unauthenticated mode). */
export function deliver(
  port: number,
  activity: Record<string, unknown> | string,
  path = '/api/messages',
  token?: string,
): Promise<{ status: number; body: any }> {
  return new Promise((ok, fail) => {
    const data = typeof activity === 'string' ? activity : JSON.stringify(activity);
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(data),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          /* plain text */
        }
        ok({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', fail);
    req.end(data);
  });
}
