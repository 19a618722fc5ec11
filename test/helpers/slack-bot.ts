import type { SlackAdapter } from '../../src/chat/slack';
import { buildBot, DEMO_ESTATE, startChat, type Bot, type RunningChat } from '../../src/main';
import { systemClock } from '../../src/core';
import { builtinActions } from '../../src/execution';
import { parseTestConfig, silentLog } from './bot';
import { catalogPlaybooks, sandboxProvider } from './fixtures';
import type { SlackApiStandIn } from './slack-api';
import { SIGNING_SECRET } from './slack-requests';

export interface SlackBot {
  bot: Bot;
  running: RunningChat;
  adapter: SlackAdapter;
  /** Where Slack posts events, commands and clicks. */
  url: string;
  /** Stop the adapter and close the store (a "restart" starts another SlackBot on the same file). */
  stop(): Promise<void>;
}

/**
 * The bot on the demo estate with Slack in HTTP mode on a free local port, its Web API played by `api`.
 * `store` is a file when a test restarts the bot on what the last process wrote; `:memory:` otherwise.
 */
export async function startSlackBot(
  api: SlackApiStandIn,
  options: { store?: string; config?: Record<string, unknown>; firstId?: number } = {},
): Promise<SlackBot> {
  let n = options.firstId ?? 0;
  const loaded = {
    config: parseTestConfig(options.config ?? { sandbox: {}, approval: { approvers: { oncall: { slack: ['UBOB'] } } } }),
    file: null,
  };
  const registry = builtinActions();
  const bot = await buildBot({
    loaded,
    // Parsed once per test file (fixtures.ts); each bot has its own copy.
    provider: sandboxProvider(DEMO_ESTATE, systemClock),
    playbooks: catalogPlaybooks(loaded, undefined, registry),
    registry,
    storePath: options.store ?? ':memory:',
    sleep: async () => {},
    log: silentLog,
    newId: () => `req-${String(++n).padStart(4, '0')}`,
  });
  const slack = parseTestConfig({ slack: { mode: 'http', host: '127.0.0.1', port: 0, apiUrl: api.url } }).slack!;
  const running = await startChat(
    bot,
    { slack: { config: slack, tokens: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET } } },
    { log: silentLog, sleep: async () => {}, env: {} },
  );
  return {
    bot,
    running,
    adapter: running.adapters[0] as SlackAdapter,
    url: `http://127.0.0.1:${running.httpPort}/slack/events`,
    stop: async () => {
      await running.stop();
      await bot.close();
    },
  };
}
