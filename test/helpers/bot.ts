import { createServer } from 'node:net';
import { PassThrough } from 'node:stream';
import { parseConfig, type Config } from '../../src/config';
import { buildBot, DEMO_ESTATE, runConsole, type Bot } from '../../src/main';
import { systemClock, type Logger } from '../../src/core';
import type { DigestRegistry } from '../../src/digests';
import { builtinActions, type ActionRegistry } from '../../src/execution';
import { catalogPlaybooks, sandboxProvider } from './fixtures';

export const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A fake clock tests move by hand. */
export class FakeClock {
  constructor(public current = new Date('2026-11-22T09:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/**
 * parseConfig, except that tests may ask for port 0 (any free port) for a platform's section: a config file may
 * not (the bot would listen where nobody can reach it), so the port is set after validation.
 */
export function parseTestConfig(raw: Record<string, unknown>): Config {
  // Any section with `port: 0` (slack, teams, or a platform added later).
  const zero = Object.keys(raw).filter((k) => (raw[k] as { port?: unknown } | undefined)?.port === 0);
  const valid = { ...raw, ...Object.fromEntries(zero.map((k) => [k, { ...(raw[k] as object), port: 3000 }])) };
  const config = parseConfig(valid);
  for (const k of zero) (config as unknown as Record<string, { port: number }>)[k].port = 0;
  return config;
}

/** A bot on the bundled demo estate (or `estate`), in-memory store, instant sleeps. */
export async function testBot(
  options: {
    config?: Record<string, unknown>;
    estate?: string;
    clock?: FakeClock;
    storePath?: string;
    registry?: ActionRegistry;
    digests?: DigestRegistry;
  } = {},
): Promise<Bot> {
  const config: Config = parseTestConfig(
    options.config ?? { sandbox: {}, approval: { approvers: { demo: { console: ['bob', 'carol'] } } } },
  );
  let n = 0;
  const loaded = { config, file: null };
  const clock = options.clock ?? systemClock;
  const registry = options.registry ?? builtinActions();
  return buildBot({
    loaded,
    // The estate and the playbooks are parsed once per test file (fixtures.ts); each bot has its own copy.
    provider: sandboxProvider(options.estate ?? DEMO_ESTATE, clock),
    playbooks: catalogPlaybooks(loaded, options.registry, registry),
    storePath: options.storePath ?? ':memory:',
    clock,
    sleep: async () => {},
    log: silentLog,
    newId: () => `req-${String(++n).padStart(4, '0')}`,
    registry,
    digests: options.digests,
  });
}

/** Drive the console adapter through a pipe, as `printf ... | cloudops console` would. */
export async function converse(bot: Bot, lines: string[], user = 'alice'): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const run = runConsole(bot, { input, output, user });
  input.end(`${lines.join('\n')}\n`);
  await run;
  return text;
}

/** A TCP port free at this moment on 127.0.0.1 (for config files, which may not say port 0). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
      .once('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
  });
}
