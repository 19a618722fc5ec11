import { howToTurnOnPlatforms } from '../chat';
import { loadConfig } from '../config';
import { createLogger } from '../log';
import { buildBot, chatPlatforms, hasChatPlatforms, runConsole, startChat } from '../main';
import { BotMetrics } from '../metrics';

export interface StartOptions {
  config?: string;
  sandbox?: string;
  store?: string;
}

export interface StartIo {
  env: Record<string, string | undefined>;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  /** Where start-up notes go (standard error from the CLI). */
  error?: NodeJS.WritableStream;
  /** Resolves when the bot should shut down (SIGINT/SIGTERM from the CLI; a test's own signal). */
  stopped: () => Promise<void>;
  /** Start turned out to be the console (no chat platform): the CLI gives SIGINT/SIGTERM their default back. */
  console?: () => void;
  /** Called once the chat platforms are up (tests wait for it). */
  onReady?: (info: { httpPort?: number }) => void;
}

/**
 * `cloudops start`: the chat platforms the config and environment enable, or the console when none is.
 * Each platform's tokens and credentials are checked before the inventory is scanned or anything connects.
 */
/** How the start ended: the console's input ended, or a signal drained the chat platforms. */
export type StartEnd = 'console' | 'drained';

/** `shutdown.grace` in milliseconds (`25s`, `500ms`). */
export function graceMs(grace: string): number {
  return grace.endsWith('ms') ? Number(grace.slice(0, -2)) : Number(grace.slice(0, -1)) * 1000;
}

export async function startCommand(opts: StartOptions, io: StartIo): Promise<StartEnd> {
  const loaded = loadConfig(opts.config, io.env as NodeJS.ProcessEnv);
  const platforms = chatPlatforms(loaded.config, io.env);
  if (!hasChatPlatforms(platforms)) {
    io.console?.();
    // In a container or under a service manager the console's input is empty and it ends at once: say why.
    if (loaded.config.alerts)
      io.error?.write(
        'cloudops start: `alerts:` is configured, but alert cards need Slack or Teams (and ' +
          'their HTTP server); the console receives no alerts (docs/alerts.md).\n',
      );
    if (!io.interactive)
      io.error?.write(
        `cloudops start: no chat platform is configured (${howToTurnOnPlatforms()}), so this ` +
          `is the console, reading standard input until it ends.\n`,
      );
    const bot = await buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log: createLogger('warn') });
    try {
      await runConsole(bot, { input: io.input, output: io.output, interactive: io.interactive });
    } finally {
      await bot.close();
    }
    return 'console';
  }
  const log = createLogger(loaded.config.log.level);
  const metrics = loaded.config.metrics.enabled ? new BotMetrics() : undefined;
  const bot = await buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log, metrics });
  try {
    for (const line of bot.banner) log.info({}, line);
    // Where the state lives (the password, if any, is *** in `location`).
    log.info({ engine: bot.store.engine, store: bot.store.location }, `store: ${bot.store.location} (${bot.store.engine})`);
    const running = await startChat(bot, platforms, { log, env: io.env });
    for (const line of running.banner) log.info({}, line);
    log.info({ platforms: running.adapters.map((a) => a.platform), httpPort: running.httpPort }, 'cloudops is running; stop with Ctrl-C');
    io.onReady?.({ httpPort: running.httpPort });
    await io.stopped();
    const grace = graceMs(loaded.config.shutdown.grace);
    log.info({ graceMs: grace, running: bot.desk.running() }, 'shutdown: not taking new work (/readyz 503); waiting for work in progress');
    const report = await running.drain(grace);
    log.info(
      { finished: report.finished, handedBack: report.handedBack, ms: report.ms },
      report.finished
        ? 'shutdown: work in progress finished; store closed, exiting'
        : 'shutdown: grace period over; leases handed back, store closed, exiting',
    );
    return 'drained';
  } finally {
    await bot.close();
  }
}

/**
 * Resolves on the first SIGINT or SIGTERM; a second one exits at once. `release()` takes the handlers
 * away again (the console keeps Node's default: Ctrl-C ends it).
 */
export function untilSignal(): Promise<void> & { release(): void } {
  let first!: () => void;
  const promise = new Promise<void>((resolve) => {
    first = () => {
      process.removeListener('SIGINT', first);
      process.removeListener('SIGTERM', first);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGINT', first);
    process.once('SIGTERM', first);
  });
  return Object.assign(promise, {
    release: () => {
      process.removeListener('SIGINT', first);
      process.removeListener('SIGTERM', first);
    },
  });
}
