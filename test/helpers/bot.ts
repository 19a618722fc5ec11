import { PassThrough } from 'node:stream';
import { parseConfig, type Config } from '../../src/config';
import { buildBot, DEMO_ESTATE, runConsole, type Bot } from '../../src/main';
import type { Logger } from '../../src/core';
import type { ActionRegistry } from '../../src/execution';

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

/** A bot on the bundled demo estate (or `estate`), in-memory store, instant sleeps. */
export async function testBot(options: { config?: Record<string, unknown>; estate?: string; clock?: FakeClock; storePath?: string; registry?: ActionRegistry } = {}): Promise<Bot> {
  const config: Config = parseConfig(options.config ?? { sandbox: {}, approval: { approvers: { demo: { console: ['bob', 'carol'] } } } });
  let n = 0;
  return buildBot({
    loaded: { config, file: null },
    sandboxFile: options.estate ?? DEMO_ESTATE,
    storePath: options.storePath ?? ':memory:',
    clock: options.clock,
    sleep: async () => {},
    log: silentLog,
    newId: () => `req-${String(++n).padStart(4, '0')}`,
    registry: options.registry,
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
