import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Where the process is in its life: readiness (`/readyz`) is true only while `serving`. */
export type ServerPhase = 'starting' | 'serving' | 'draining';

export interface RouteOptions {
  /** Still answered while draining (operational endpoints like /metrics); chat endpoints are not. */
  whileDraining?: boolean;
}

/**
 * One HTTP server for every adapter that needs one (Slack's HTTP receiver, the Teams endpoint) and the
 * health checks. Adapters register path prefixes; transport only.
 *
 * `/healthz` is liveness (the process answers: 200 unless the health check says otherwise, draining
 * included, so an orchestrator never kills a replica that is finishing a run). `/readyz` is readiness:
 * 503 while starting and while draining, so a load balancer sends new work elsewhere. While draining, chat
 * endpoints answer 503 with Retry-After (the Bot Connector and Slack's Events API retry, and another replica
 * takes it; Slack does not retry slash commands or clicks: see docs/deploy.md, Shutdown).
 */
export class HttpServer {
  private readonly routes: { prefix: string; handler: RouteHandler; whileDraining: boolean }[] = [];
  private server?: Server;
  private health: () => { ok: boolean; [k: string]: unknown } = () => ({ ok: true });
  private phase: ServerPhase = 'starting';

  route(prefix: string, handler: RouteHandler, options: RouteOptions = {}): this {
    this.routes.push({ prefix, handler, whileDraining: options.whileDraining ?? false });
    this.routes.sort((a, b) => b.prefix.length - a.prefix.length);
    return this;
  }

  onHealth(check: () => { ok: boolean; [k: string]: unknown }): this {
    this.health = check;
    return this;
  }

  /** Everything is up: `/readyz` says ready. */
  ready(): this {
    if (this.phase === 'starting') this.phase = 'serving';
    return this;
  }

  /** Stop taking new work: `/readyz` and chat endpoints answer 503 from now on; `/healthz` stays 200. */
  drain(): this {
    this.phase = 'draining';
    return this;
  }

  get state(): ServerPhase {
    return this.phase;
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
      if (path === '/readyz') {
        const ready = this.phase === 'serving' && this.health().ok;
        res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready, phase: this.phase }));
        return;
      }
      const route = this.routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (this.phase === 'draining' && !route.whileDraining) {
        // Read nothing, change nothing: the sender retries, and another replica answers.
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5', connection: 'close' }).end('shutting down; try again');
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

  /** Stop listening; `force`: also cut requests still being answered (a shutdown past its grace period). */
  async close(force = false): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    const closed = new Promise<void>((ok) => server.close(() => ok()));
    // Idle keep-alive connections would hold close() open until they time out.
    if (force) server.closeAllConnections();
    else server.closeIdleConnections();
    await closed;
  }
}
