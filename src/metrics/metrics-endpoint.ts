import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotMetrics } from './BotMetrics';

/** Constant-time comparison of two secrets of any length (their digests are compared). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * GET /metrics: the Prometheus text format. With a token, only `Authorization: Bearer <token>` is
 * answered (401 otherwise, saying nothing about the metrics); the token is never logged or echoed.
 */
export function metricsEndpoint(metrics: BotMetrics, token?: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed');
      return;
    }
    if (token) {
      const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
      if (!given || !sameSecret(given, token)) {
        res
          .writeHead(401, { 'www-authenticate': 'Bearer realm="cloudops metrics"', 'content-type': 'text/plain' })
          .end('a bearer token is required (CLOUDOPS_METRICS_TOKEN)');
        return;
      }
    }
    const { contentType, body } = await metrics.text();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
  };
}
