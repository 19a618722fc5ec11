import { checkSlackTokens } from '../../../../src/chat/slack';

const BOT = 'xoxb-1111-2222-abcdefabcdef';
const APP = 'xapp-1-A0-3333-abcdef';
const SECRET = '0123456789abcdef0123456789abcdef';

describe('Slack tokens from the environment', () => {
  it('accepts a bot token and an app-level token for Socket Mode', () => {
    expect(checkSlackTokens('socket', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: `${APP}\n` })).toEqual({
      ok: true,
      tokens: { botToken: BOT, appToken: APP },
    });
  });

  it('accepts a bot token and a signing secret for HTTP mode', () => {
    expect(checkSlackTokens('http', { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET })).toEqual({
      ok: true,
      tokens: { botToken: BOT, signingSecret: SECRET },
    });
  });

  it('names every missing token and where to find it', () => {
    const r = checkSlackTokens('socket', {});
    expect(r.ok).toBe(false);
    const problems = (r as { problems: string[] }).problems;
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SLACK_BOT_TOKEN is not set .*OAuth & Permissions/);
    expect(problems[1]).toMatch(/^SLACK_APP_TOKEN is not set .*App-Level Tokens/);
  });

  it('spots tokens pasted into the wrong variable, without printing them', () => {
    const r = checkSlackTokens('socket', { SLACK_BOT_TOKEN: APP, SLACK_APP_TOKEN: BOT }) as { ok: false; problems: string[] };
    expect(r.problems[0]).toContain('SLACK_BOT_TOKEN starts with "xapp-", but a bot token starts with "xoxb-"');
    expect(r.problems[1]).toContain('SLACK_APP_TOKEN starts with "xoxb-", but an app-level token starts with "xapp-"');
    expect(r.problems.join(' ')).not.toContain('3333');
  });

  it('checks the signing secret only in HTTP mode', () => {
    const r = checkSlackTokens('http', { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: 'not-a-secret' }) as { ok: false; problems: string[] };
    expect(r.problems).toEqual([expect.stringContaining('SLACK_SIGNING_SECRET is not 32 hexadecimal characters')]);
    expect(checkSlackTokens('socket', { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_SIGNING_SECRET: 'junk' }).ok).toBe(true);
  });
});
