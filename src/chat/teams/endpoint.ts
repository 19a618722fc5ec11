/**
 * The Bot Framework messaging endpoint on the shared HTTP server: reads and parses the body, then
 * hands request and response to CloudAdapter.process (which authenticates and answers). Transport only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { RouteHandler } from '../HttpServer';

/** Bot Framework activities are small; anything bigger is not one. */
export const MAX_BODY_BYTES = 1_000_000;

export function messagingEndpoint(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', 'content-type': 'text/plain' }).end('POST Bot Framework activities here');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (e) {
      const tooBig = (e as Error).message === 'too large';
      res.writeHead(tooBig ? 413 : 400, { 'content-type': 'text/plain' }).end(tooBig ? 'activity too large' : 'body is not JSON');
      return;
    }
    let status = 200;
    let sent: unknown;
    await adapter.process(
      { method: req.method, headers: req.headers as Record<string, string | string[] | undefined>, body: body as Record<string, unknown> },
      {
        socket: req.socket,
        status(code: number) {
          status = code;
          return this;
        },
        header() {
          return this;
        },
        send(b?: unknown) {
          sent = b;
          return this;
        },
        end() {
          if (res.headersSent) return this;
          if (sent === undefined || sent === null) res.writeHead(status).end();
          else if (typeof sent === 'string') res.writeHead(status, { 'content-type': 'text/plain' }).end(sent);
          else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(sent));
          return this;
        },
      },
      logic,
    );
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}
