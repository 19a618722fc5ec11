/**
 * The messaging endpoint on the shared HTTP server. Transport and gatekeeping only:
 *   405 not POST · 415 not sent as JSON · 413 too large · 400 not JSON (or not UTF-8) or not an activity ·
 *   401 no valid Bot Framework token (the Agents SDK's JWT check) · 403 refused by `admit` (tenant, service URL) · then
 *   CloudAdapter.process runs the turn and answers (200, or the invoke response).
 * Response bodies are short fixed JSON; the reason goes to the log, once, never to the caller.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Activity } from '@microsoft/agents-activity';
import type { CloudAdapter, Request, TurnContext, WebResponse } from '@microsoft/agents-hosting';
import type { Logger } from '../../core';
import type { RouteHandler } from '../HttpServer';
import { isLoopbackHost } from './trust';

/** Bot Framework activities are small (Teams caps messages near 28 KB); anything bigger is not one. */
export const MAX_BODY_BYTES = 256_000;
/** Past this the rest of an oversized body is not even read: the connection is closed after the 413. */
const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;

export interface Refusal {
  status: 400 | 403;
  /** For the log only. */
  reason: string;
}

export interface EndpointHooks {
  /** After the token check, before the turn: a refusal, or undefined to let the activity in. */
  admit(activity: Record<string, unknown>, identity: Record<string, unknown>): Refusal | undefined | Promise<Refusal | undefined>;
  logic(context: TurnContext): Promise<void>;
  log?: Logger;
  /**
   * Loopback test mode: only requests addressed to a loopback name (Host header) are served, so a web
   * page that rebinds its own DNS name to 127.0.0.1 cannot talk to the unauthenticated endpoint.
   */
  loopbackOnly?: boolean;
}

const ANSWERS: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  405: 'method not allowed',
  415: 'unsupported media type',
  413: 'activity too large',
  500: 'internal error',
};

function answer(res: ServerResponse, status: number, extra: Record<string, string> = {}): void {
  if (res.headersSent) {
    if (!res.writableEnded) res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json', ...extra }).end(JSON.stringify({ error: ANSWERS[status] ?? 'error' }));
}

export function messagingEndpoint(adapter: CloudAdapter, hooks: EndpointHooks): RouteHandler {
  const log = hooks.log;
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return answer(res, 405, { allow: 'POST' });
    if (hooks.loopbackOnly && !isLoopbackHost(hostName(req.headers.host))) {
      log?.warn(
        { host: String(req.headers.host ?? '').slice(0, 100) },
        'teams: activity refused, unauthenticated endpoint addressed by a non-loopback name',
      );
      req.resume();
      return answer(res, 403);
    }
    // The Bot Framework always sends application/json. Anything else is refused unread: a web page can
    // POST text/plain or a form to http://127.0.0.1 without asking (no CORS preflight), which in the
    // loopback test mode would let any site the operator visits act as any Teams user.
    if (!isJson(req.headers['content-type'])) {
      log?.warn(
        { contentType: String(req.headers['content-type'] ?? '').slice(0, 100) },
        'teams: activity refused, not sent as application/json',
      );
      req.resume();
      return answer(res, 415, { accept: 'application/json' });
    }
    const read = await readBody(req);
    if (read.tooLarge) {
      log?.warn({ bytes: read.bytes, limit: MAX_BODY_BYTES }, 'teams: activity refused, body too large');
      return answer(res, 413, { connection: 'close' });
    }
    let text: string;
    try {
      text = UTF8.decode(read.body);
    } catch {
      log?.warn({}, 'teams: activity refused, body is not UTF-8');
      return answer(res, 400);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      log?.warn({}, 'teams: activity refused, body is not JSON');
      return answer(res, 400);
    }
    const problem = notAnActivity(body);
    if (problem) {
      log?.warn({ problem }, 'teams: activity refused, not a Bot Framework activity');
      return answer(res, 400);
    }
    const activity = body as Record<string, unknown>;
    const request: Request = { method: 'POST', headers: req.headers as Request['headers'], body: activity };

    // The SDK's JWT middleware: signature, audience, issuer, expiry; anonymous only without an app id.
    const jwt = new CapturedResponse();
    let admitted = false;
    try {
      await adapter.authorizeRequest(request, jwt as unknown as WebResponse, () => (admitted = true));
    } catch (err) {
      log?.warn({ err: errText(err) }, 'teams: activity refused, token check failed');
      return answer(res, 401);
    }
    if (!admitted) {
      const reason = (jwt.body as Record<string, unknown> | undefined)?.['jwt-auth-error'];
      log?.warn(
        { reason: typeof reason === 'string' ? reason : undefined, type: activity.type },
        'teams: activity refused, no valid Bot Framework token',
      );
      return answer(res, jwt.statusCode === 405 ? 405 : 401);
    }
    const refusal = await hooks.admit(activity, (request.user ?? {}) as Record<string, unknown>);
    if (refusal) {
      log?.warn({ reason: refusal.reason, type: activity.type }, 'teams: activity refused');
      return answer(res, refusal.status);
    }

    const out = new NodeResponse(res);
    try {
      await adapter.process(request, out as unknown as WebResponse, hooks.logic);
    } catch (err) {
      log?.error({ err }, 'teams: turn failed');
      return answer(res, 500);
    }
    // The SDK answers a refused activity (an untrusted serviceUrl, say) with a bare status; keep bodies uniform.
    out.finish();
  };
}

/** What makes a body an activity at all; the SDK's own parser would throw (500) on less. */
function notAnActivity(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body is not an object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type.trim()) return 'no activity type';
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string' || !conversation.id)
    return 'no conversation id';
  if (a.serviceUrl !== undefined && typeof a.serviceUrl !== 'string') return 'serviceUrl is not a string';
  for (const key of ['from', 'recipient'] as const)
    if (a[key] !== undefined && (typeof a[key] !== 'object' || a[key] === null)) return `${key} is not an object`;
  // The SDK's own schema (zod), on a copy, as CloudAdapter.process will apply it (it would throw: a 500).
  try {
    const copy = JSON.parse(JSON.stringify(a)) as Record<string, Record<string, unknown> | undefined>;
    if (copy.relatesTo?.bot) copy.relatesTo = { ...copy.relatesTo, agent: copy.relatesTo.bot };
    Activity.fromObject(copy);
  } catch (e) {
    return `not a valid activity: ${schemaProblem(e)}`;
  }
  return undefined;
}

/** The first schema complaint, short: where and what ("text: Expected string, received number"). */
function schemaProblem(e: unknown): string {
  const issues = (e as { issues?: { path?: unknown[]; message?: string }[] }).issues;
  const first = issues?.[0];
  return first ? `${(first.path ?? []).join('.')}: ${first.message ?? 'invalid'}`.slice(0, 200) : errText(e).slice(0, 200);
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The JWT middleware's answer, kept here: its wording never reaches the caller. */
class CapturedResponse {
  statusCode = 200;
  body: unknown;
  headersSent = false;
  writableEnded = false;
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    this.writableEnded = true;
    return this;
  }
}

/** CloudAdapter.process's response surface over node's ServerResponse. */
class NodeResponse {
  private code = 200;
  private body: unknown;
  private ended = false;
  constructor(private readonly res: ServerResponse) {}
  get headersSent(): boolean {
    return this.res.headersSent;
  }
  get writableEnded(): boolean {
    return this.ended || this.res.writableEnded;
  }
  status(code: number): this {
    this.code = code;
    return this;
  }
  setHeader(): this {
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    if (this.ended) return this;
    this.ended = true;
    if (this.code >= 400) return this; // finish() writes the uniform error body
    if (this.body === undefined || this.body === null) this.res.writeHead(this.code).end();
    else
      this.res
        .writeHead(this.code, { 'content-type': 'application/json' })
        .end(typeof this.body === 'string' ? JSON.stringify({ message: this.body }) : JSON.stringify(this.body));
    return this;
  }
  finish(): void {
    if (!this.res.headersSent) answer(this.res, this.code >= 400 ? this.code : 200);
  }
}

/** The host name of a Host header (`127.0.0.1:3978`, `[::1]:3978`, `localhost`). */
function hostName(header: string | undefined): string {
  const value = (header ?? '').trim();
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1);
  return value.split(':')[0];
}

/** JSON bodies must be UTF-8 (RFC 8259); invalid bytes are refused rather than read as U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean; bytes: number }> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      // Do not read megabytes to refuse them; node closes the connection after the 413 (connection: close).
      req.resume();
      ok({ body: Buffer.alloc(0), tooLarge: true, bytes: declared });
      return;
    }
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes <= MAX_BODY_BYTES) chunks.push(c);
      else if (bytes > DRAIN_LIMIT_BYTES) {
        req.pause();
        ok({ body: Buffer.alloc(0), tooLarge: true, bytes });
      }
    });
    // Read (and drop) the rest, so the client gets to read the 413 instead of a reset connection.
    req.on('end', () =>
      ok({ body: bytes > MAX_BODY_BYTES ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge: bytes > MAX_BODY_BYTES, bytes }),
    );
    req.on('error', fail);
  });
}
