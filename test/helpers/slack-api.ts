import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  body: Record<string, any>;
  /** What the stand-in answered (once it has). */
  reply?: Record<string, any>;
}

/** `{ reset: true }`: drop the connection without an answer (a network failure). */
type Reply =
  | Record<string, unknown>
  | { status: number; headers?: Record<string, string>; body?: Record<string, unknown> }
  | { reset: true };
type Handler = (body: Record<string, any>, call: number) => Reply | Promise<Reply>;

/**
 * A local stand-in for Slack's Web API (https://slack.com/api/<method>): records every call and answers
 * like Slack does. Point Bolt's WebClient at `url` (slackApiUrl).
 */
export class SlackApiStandIn {
  readonly calls: RecordedCall[] = [];
  /** User group members for usergroups.users.list. */
  groups: Record<string, string[]> = {};
  /** Socket Mode: what apps.connections.open hands out. */
  socketUrl = 'ws://127.0.0.1:1/';
  private readonly overrides = new Map<string, Handler>();
  private readonly held = new Map<string, Promise<void>>();
  private nextTs = 1;
  private waiters: { method: string; count: number; ok: (calls: RecordedCall[]) => void }[] = [];
  private server?: Server;
  url = '';

  static async start(): Promise<SlackApiStandIn> {
    const api = new SlackApiStandIn();
    api.server = createServer((req, res) => void api.serve(req, res));
    await new Promise<void>((ok) => api.server!.listen(0, '127.0.0.1', ok));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}/api/`;
    return api;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => this.server!.close(() => ok()));
  }

  /** Answer `method` differently (429s, errors); `call` counts this method's calls from 1. */
  on(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** Hold every `method` call until the returned function is called. */
  hold(method: string): () => void {
    let release!: () => void;
    this.held.set(method, new Promise<void>((ok) => (release = ok)));
    return () => {
      this.held.delete(method);
      release();
    };
  }

  /** Resolves when the stand-in has received `count` calls of `method` (no sleeping, no polling). */
  waitFor(method: string, count = 1): Promise<RecordedCall[]> {
    if (this.named(method).length >= count) return Promise.resolve(this.named(method));
    return new Promise((ok) => this.waiters.push({ method, count, ok }));
  }

  named(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith('/upload/')) {
      this.calls.push({ method: 'upload', body: { bytes: raw.length } });
      res.writeHead(200).end('OK');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const body = parseBody(raw.toString('utf8'), String(req.headers['content-type'] ?? ''));
    const call: RecordedCall = { method, body };
    this.calls.push(call);
    for (const w of this.waiters.filter((x) => this.named(x.method).length >= x.count)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.ok(this.named(w.method));
    }
    await this.held.get(method);
    const count = this.named(method).length;
    const reply = await (this.overrides.get(method) ?? ((b: Record<string, any>) => this.answer(method, b)))(body, count);
    call.reply = reply as Record<string, any>;
    if ('reset' in reply && reply.reset === true) {
      req.socket.destroy();
      return;
    }
    if ('status' in reply && typeof reply.status === 'number') {
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers as Record<string, string>) })
        .end(JSON.stringify(reply.body ?? { ok: false }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }

  /** What Slack answers when all is well. */
  answer(method: string, body: Record<string, any>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://acme.slack.com/',
          team: 'Acme',
          team_id: 'T0ACME',
          user: 'cloudops',
          user_id: 'UBOT',
          bot_id: 'BBOT',
        };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `1700000000.${String(this.nextTs++).padStart(6, '0')}` };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1700000001.${String(this.nextTs++).padStart(6, '0')}` };
      case 'usergroups.users.list':
        return this.groups[body.usergroup] ? { ok: true, users: this.groups[body.usergroup] } : { ok: false, error: 'no_such_subteam' };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url.replace(/api\/$/, '')}upload/F0CHART`, file_id: 'F0CHART' };
      case 'files.completeUploadExternal':
        return { ok: true, files: [{ id: 'F0CHART', title: 'chart' }] };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseBody(text: string, contentType: string): Record<string, any> {
  if (contentType.includes('application/json')) return text ? JSON.parse(text) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** All the text a Block Kit message shows, for loose assertions. */
export function shownText(body: Record<string, any>): string {
  return JSON.stringify(body.blocks ?? []).replace(/\\n/g, '\n') + '\n' + String(body.text ?? '');
}
