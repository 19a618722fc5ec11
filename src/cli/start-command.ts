import { loadConfig } from '../config';
import { createLogger } from '../log';
import { buildBot, chatPlatforms, hasChatPlatforms, runConsole, startChat } from '../main';

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
  /** Called once the chat platforms are up (tests wait for it). */
  onReady?: (info: { httpPort?: number }) => void;
}

/**
 * `cloudops start`: the chat platforms the config and environment enable, or the console when none is.
 * Slack's tokens are checked before the inventory is scanned or anything connects.
 */
export async function startCommand(opts: StartOptions, io: StartIo): Promise<void> {
  const loaded = loadConfig(opts.config, io.env as NodeJS.ProcessEnv);
  const platforms = chatPlatforms(loaded.config, io.env);
  if (!hasChatPlatforms(platforms)) {
    // In a container or under a service manager the console's input is empty and it ends at once: say why.
    if (!io.interactive) io.error?.write('cloudops start: no chat platform is configured (add a `slack:` or `teams:` section to the config, or set SLACK_BOT_TOKEN), so this is the console, reading standard input until it ends.\n');
    const bot = await buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log: createLogger('warn') });
    try {
      await runConsole(bot, { input: io.input, output: io.output, interactive: io.interactive });
    } finally {
      await bot.close();
    }
    return;
  }
  const log = createLogger(loaded.config.log.level);
  const bot = await buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log });
  try {
    for (const line of bot.banner) log.info({}, line);
    // Where the state lives (the password, if any, is *** in `location`).
    log.info({ engine: bot.store.engine, store: bot.store.location }, `store: ${bot.store.location} (${bot.store.engine})`);
    const running = await startChat(bot, platforms, { log, env: io.env });
    for (const line of running.banner) log.info({}, line);
    log.info({ platforms: running.adapters.map((a) => a.platform), httpPort: running.httpPort }, 'cloudops is running; stop with Ctrl-C');
    io.onReady?.({ httpPort: running.httpPort });
    await io.stopped();
    log.info({}, 'stopping: waiting for work in progress');
    await running.stop();
  } finally {
    await bot.close();
  }
}

/** Resolves on the first SIGINT or SIGTERM; a second one exits at once. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const first = () => {
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGINT', first);
    process.once('SIGTERM', first);
  });
}
