/**
 * `npm run bench:start`: cold start of `cloudops start` as a process, from spawn to `/readyz` answering
 * 200 (everything started: inventory scanned, classifier ready, chat endpoint and health server up), on the
 * bundled sandbox with the Teams endpoint in loopback test mode (no credentials, nothing outside the
 * machine). Twice per round: without the classifier cache (first start of a new image) and with it
 * (every later start). Then SIGTERM and the time to exit 0.
 *
 *   npm run bench:start                 # 5 rounds
 *   npm run bench:start -- --rounds 3
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1] || 5) || 5;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
  });
}

async function once(dir: string, cacheDir: string): Promise<{ readyMs: number; exitMs: number; code: number | null }> {
  const port = await freePort();
  const file = join(dir, 'cloudops.yaml');
  writeFileSync(
    file,
    [
      'sandbox: {}',
      `store: { path: ${JSON.stringify(join(dir, `bot-${port}.db`))} }`,
      'log: { level: warn }',
      `teams: { allowUnauthenticated: true, host: 127.0.0.1, port: ${port} }`,
    ].join('\n'),
  );
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/cloudops.js'), 'start', '--config', file], {
    cwd: dir,
    env: { ...process.env, CLOUDOPS_CONFIG: '', CLOUDOPS_CACHE_DIR: cacheDir, MICROSOFT_APP_ID: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d.toString()));
  const exited = new Promise<number | null>((ok) => child.once('exit', (c) => ok(c)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`cloudops start exited ${child.exitCode}: ${err}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  const t1 = performance.now();
  child.kill('SIGTERM');
  const code = await exited;
  return { readyMs, exitMs: performance.now() - t1, code };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cloudops-cold-'));
  try {
    const cold: number[] = [];
    const warm: number[] = [];
    const exits: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const cache = join(dir, `cache-${i}`);
      const a = await once(dir, cache); // empty cache: trains the classifier
      const b = await once(dir, cache); // the cache the first start wrote
      if (a.code !== 0 || b.code !== 0) throw new Error(`exit codes ${a.code}, ${b.code} (expected 0)`);
      cold.push(a.readyMs);
      warm.push(b.readyMs);
      exits.push(a.exitMs, b.exitMs);
    }
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`node ${process.version}, ${rounds} rounds, sandbox demo estate`);
    console.log(
      `cold start to /readyz 200: no classifier cache median ${f(median(cold))} (min ` +
        `${f(Math.min(...cold))}, max ${f(Math.max(...cold))}); with cache median ` +
        `${f(median(warm))} (min ${f(Math.min(...warm))}, max ${f(Math.max(...warm))}); ` +
        `SIGTERM to exit 0 idle: median ${Math.round(median(exits))} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
