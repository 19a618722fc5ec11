/**
 * The chat platform registry: the config, approvals, digests and `cloudops start` learn about platforms
 * from it, and a platform's SDK loads only when that platform starts.
 */
const loaded: string[] = [];
jest.mock('@slack/bolt', () => {
  loaded.push('@slack/bolt');
  return jest.requireActual('@slack/bolt');
});
jest.mock('@microsoft/agents-hosting', () => {
  loaded.push('@microsoft/agents-hosting');
  return jest.requireActual('@microsoft/agents-hosting');
});

import { CHAT_PLATFORMS, PLATFORM_IDS } from '../../../src/chat';
import { ConfigError, parseConfig } from '../../../src/config';
import { chatPlatforms, hasChatPlatforms, startChat } from '../../../src/main';
import { silentLog, testBot } from '../../helpers/bot';

const SLACK_ENV = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef' };

describe('the chat platform registry', () => {
  it('every platform brings its own config section', () => {
    expect(PLATFORM_IDS).toEqual(['console', 'slack', 'teams']);
    const config = parseConfig({ slack: { mode: 'http' }, teams: { allowUnauthenticated: true } });
    expect(config.slack?.port).toBe(3000);
    expect(config.teams?.path).toBe('/api/messages');
    expect(config.console.user).toBe('alice');
  });

  it("approver lists are checked with each platform's own id format", () => {
    expect(() => parseConfig({ approval: { approvers: { ops: { slack: ['bob'] } } } })).toThrow(
      /`approval.approvers.ops.slack.0`: a Slack user id \(U…\/W…\) or user group id \(S…\)/,
    );
    expect(() => parseConfig({ approval: { approvers: { ops: { teams: ['bob'] } } } })).toThrow(/an Entra ID \(Azure AD\) object id/);
    expect(() => parseConfig({ approval: { approvers: { ops: { irc: ['bob'] } } } })).toThrow(
      /unknown key \(allowed here: console, slack, teams\)/,
    );
    expect(
      parseConfig({ approval: { approvers: { ops: { teams: ['Alice@Example.com'], console: ['bob'] } } } }).approval.approvers.ops,
    ).toEqual({ console: ['bob'], slack: [], teams: ['alice@example.com'] });
  });

  it('a digest channel names a registered platform, and its id is checked by that platform', () => {
    const digest = (channel: object) => ({ digests: [{ kind: 'cost', schedule: '0 8 * * 1-5', channel }] });
    expect(() => parseConfig(digest({ platform: 'irc', id: '#ops' }))).toThrow(
      /`digests.0.channel.platform`: must be one of console, slack, teams/,
    );
    expect(() => parseConfig(digest({ platform: 'slack', id: '#ops' }))).toThrow(/"#ops" is not a Slack channel id/);
    expect(parseConfig(digest({ platform: 'console', id: '#ops' })).digests[0].channel.id).toBe('#ops');
  });

  it('deciding which platforms start checks tokens and credentials but loads neither Bolt nor the Agents SDK', () => {
    const config = parseConfig({ slack: { mode: 'http', port: 3978, host: '127.0.0.1' }, teams: { allowUnauthenticated: true } });
    const platforms = chatPlatforms(config, SLACK_ENV);
    expect(Object.keys(platforms)).toEqual(['slack', 'teams']);
    expect(platforms.slack?.tokens.botToken).toBe(SLACK_ENV.SLACK_BOT_TOKEN);
    expect(platforms.teams?.config.host).toBe('127.0.0.1');
    expect(hasChatPlatforms(chatPlatforms(parseConfig({}), {}))).toBe(false);
    expect(() => chatPlatforms(config, {})).toThrow(ConfigError);
    expect(loaded).toEqual([]);
  });

  it('platforms that serve HTTP share one server: different ports are one config error naming both settings', async () => {
    const bot = await testBot({
      config: { sandbox: {}, slack: { mode: 'http', port: 3000 }, teams: { allowUnauthenticated: true, port: 3978 } },
    });
    try {
      const platforms = chatPlatforms(bot.config, SLACK_ENV);
      await expect(startChat(bot, platforms, { log: silentLog, env: {} })).rejects.toThrow(
        new ConfigError(
          'slack.port/host (0.0.0.0:3000) and teams.port/host (127.0.0.1:3978) differ: Slack ' +
            'and Microsoft Teams share one HTTP server; give both the same port and host',
        ),
      );
      // Nothing started, so nothing was loaded.
      expect(loaded).toEqual([]);
    } finally {
      bot.close();
    }
  });

  it('starting a platform loads its SDK then, and only its own', async () => {
    const bot = await testBot({ config: { sandbox: {}, teams: { allowUnauthenticated: true, port: 0 } } });
    try {
      const running = await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} });
      expect(running.adapters.map((a) => a.platform)).toEqual(['teams']);
      expect(running.teams?.authenticated).toBe(false);
      expect(new Set(loaded)).toEqual(new Set(['@microsoft/agents-hosting']));
      await running.stop();
    } finally {
      bot.close();
    }
  });

  it('every registered platform has a title, a config section and an approver id format', () => {
    for (const id of PLATFORM_IDS) {
      const p = CHAT_PLATFORMS[id];
      expect(p.id).toBe(id);
      expect(p.title).toBeTruthy();
      expect(p.configSection).toBeDefined();
      expect(p.approverId.safeParse('').success).toBe(false);
    }
  });
});
