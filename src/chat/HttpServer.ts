import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * One HTTP server for every adapter that needs one (Slack's HTTP receiver, the Teams endpoint) and the
 * health check. Adapters register path prefixes; transport only.
 */
export class HttpServer {
  private readonly routes: { prefix: string; handler: RouteHandler }[] = [];
  private server?: Server;
  private health: () => { ok: boolean; [k: string]: unknown } = () => ({ ok: true });

  route(prefix: string, handler: RouteHandler): this {
    this.routes.push({ prefix, handler });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  onHealth(check: () => { ok: boolean; [k: string]: unknown }): this {
    this.health = check;
    return this;
  }

  get hasRoutes(): boolean {
    return this.routes.length > 0;
  }

  async listen(port: number, host = '0.0.0.0'): Promise<number> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz') {
        const h = this.health();
        res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(h));
        return;
      }
      const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      Promise.resolve(route.handler(req, res)).catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
      });
    });
    await new Promise<void>((ok, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(port, host, () => ok());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((ok) => this.server!.close(() => ok()));
  }
}
