/**
 * moto's server mode (`python3 -m moto.server`) as a child process on a free port of 127.0.0.1.
 * Missing moto is an error that says how to install it: the e2e suite never skips silently.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export const PYTHON = process.env.MOTO_PYTHON ?? 'python3';

/** Why moto cannot be used here, or undefined when `import moto` works. */
export function motoMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import moto, flask; print(moto.__version__)'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} could not be started (${r.error.message})`;
  if (r.status !== 0)
    return (
      `${PYTHON} cannot import moto's server (` +
      `${(r.stderr.trim().split('\n').pop() ?? '').trim()}); install it with: ${PYTHON} -m ` +
      `pip install 'moto[server]>=5.2,<6'`
    );
  return undefined;
}

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

export interface MotoServer {
  url: string;
  child: ChildProcess;
}

/** Start moto and wait until it answers (at most `timeoutMs`). */
export async function startMoto(timeoutMs = 20_000): Promise<MotoServer> {
  const missing = motoMissing();
  if (missing) throw new Error(`The e2e suite needs moto: ${missing}.`);
  const port = await freePort();
  const child = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with code ${child.exitCode} before answering: ${stderr.trim()}`);
    try {
      const res = await fetch(`${url}/moto-api/data.json`);
      if (res.ok) return { url, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`moto did not answer on ${url} within ${timeoutMs / 1000}s: ${stderr.trim()}`);
}

export async function stopMoto(server: MotoServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  await new Promise<void>((done) => {
    server.child.once('exit', () => done());
    server.child.kill('SIGTERM');
  });
}
