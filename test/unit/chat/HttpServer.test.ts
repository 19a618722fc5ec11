import { HttpServer } from '../../../src/chat/HttpServer';

/** The shared server's life: starting -> serving -> draining, over real HTTP on a local port. */
describe('HttpServer readiness and draining', () => {
  let server: HttpServer;
  let base: string;
  const hits: string[] = [];

  beforeEach(async () => {
    hits.length = 0;
    server = new HttpServer()
      .route('/slack/events', (_req, res) => void (hits.push('slack'), res.writeHead(200).end('ok')))
      .route('/metrics', (_req, res) => void (hits.push('metrics'), res.writeHead(200).end('m')), { whileDraining: true });
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterEach(() => server.close());

  const get = async (path: string, method = 'GET') => {
    const res = await fetch(`${base}${path}`, { method });
    return { status: res.status, body: await res.text(), retryAfter: res.headers.get('retry-after') };
  };

  it('is alive but not ready while starting, ready once told, and serves chat routes meanwhile', async () => {
    expect(await get('/healthz')).toMatchObject({ status: 200 });
    expect(await get('/readyz')).toMatchObject({ status: 503, body: JSON.stringify({ ready: false, phase: 'starting' }) });
    server.ready();
    expect(await get('/readyz')).toMatchObject({ status: 200, body: JSON.stringify({ ready: true, phase: 'serving' }) });
    expect((await get('/slack/events', 'POST')).status).toBe(200);
    expect(hits).toEqual(['slack']);
  });

  it('draining: chat routes answer 503 with Retry-After and are not called; liveness and metrics still answer', async () => {
    server.ready().drain();
    expect(await get('/slack/events', 'POST')).toEqual({ status: 503, body: 'shutting down; try again', retryAfter: '5' });
    expect(await get('/readyz')).toMatchObject({ status: 503, body: JSON.stringify({ ready: false, phase: 'draining' }) });
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
    expect(hits).toEqual(['metrics']);
  });

  it('is not ready when the health check fails', async () => {
    server.onHealth(() => ({ ok: false })).ready();
    expect((await get('/readyz')).status).toBe(503);
    expect((await get('/healthz')).status).toBe(503);
  });
});
