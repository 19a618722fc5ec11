/**
 * Slack as a registry element. Bolt loads in a quarter of a second; `cloudops console` and `cloudops
 * plan` never need it, so the adapter is `require`d only in start().
 */
import { definePlatform, PlatformSetupError } from '../platform';
import { slackApproverId, slackChannelProblem, slackSection, type SlackConfig } from './config';
import type { SlackAdapter } from './SlackAdapter';
import { checkSlackTokens, type SlackTokens } from './tokens';

export interface SlackSettings {
  config: SlackConfig;
  tokens: SlackTokens;
}

export const slackPlatform = definePlatform({
  id: 'slack',
  title: 'Slack',
  configSection: slackSection
    .optional()
    .describe(
      'Run the bot in Slack. Tokens come from the environment only: SLACK_BOT_TOKEN, and ' +
        'SLACK_APP_TOKEN (socket) or SLACK_SIGNING_SECRET (http).',
    ),
  secretEnv: ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'],
  enableEnv: 'SLACK_BOT_TOKEN',
  approverId: slackApproverId,
  channelProblem: slackChannelProblem,

  /** On when the config has a `slack:` section or SLACK_BOT_TOKEN is set; the tokens are checked now. */
  enabled(section: SlackConfig | undefined, env): SlackSettings | undefined {
    if (!section && !env.SLACK_BOT_TOKEN) return undefined;
    const config = section ?? slackSection.parse({});
    const check = checkSlackTokens(config.mode, env);
    if (!check.ok) {
      throw new PlatformSetupError(
        `Slack cannot start (${config.mode} mode` +
          `${section ? '' : ', because SLACK_BOT_TOKEN is set'}):\n  - ` +
          `${check.problems.join('\n  - ')}`,
      );
    }
    return { config, tokens: check.tokens };
  },

  listens: ({ config }: SlackSettings) =>
    config.mode === 'http' ? { port: config.port, host: config.host, key: 'slack.port' } : undefined,

  async start({ config, tokens }: SlackSettings, deps) {
    const { SlackAdapter: Adapter } = require('./SlackAdapter') as typeof import('./SlackAdapter');
    const slack: SlackAdapter = new Adapter({
      mode: config.mode,
      tokens,
      command: config.command,
      endpoints: [config.paths.events, config.paths.commands, config.paths.interactivity],
      apiUrl: config.apiUrl,
      // Only the user groups (S…) the approval policy names are looked up.
      approverGroups: [...new Set(deps.approverIds.filter((id) => id.startsWith('S')))],
      seen: deps.seen(),
      botThreads: deps.botThreads?.(),
      log: deps.log,
      sleep: deps.sleep,
    });
    if (config.mode === 'http') slack.mount(deps.http!);
    await slack.start(deps.handler);
    return { adapter: slack, banner: [`Slack: ${config.mode === 'http' ? `HTTP receiver on ${config.paths.events}` : 'Socket Mode'}.`] };
  },
});
