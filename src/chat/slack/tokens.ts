/**
 * Slack's secrets, from the environment only. Checked before anything connects, so a missing or
 * pasted-in-the-wrong-place token is one clear start-up error, not a stack trace from a socket.
 */
export type SlackMode = 'socket' | 'http';

export interface SlackTokens {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
}

export type TokenCheck = { ok: true; tokens: SlackTokens } | { ok: false; problems: string[] };

const WHERE = {
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token from your Slack app\'s "OAuth & Permissions" page',
  SLACK_APP_TOKEN: 'an app-level token with the connections:write scope, from "Basic Information" > "App-Level Tokens"',
  SLACK_SIGNING_SECRET: 'the Signing Secret from "Basic Information" > "App Credentials"',
} as const;

/** Names a token by its (non-secret) prefix, never by its value. */
function kindOf(value: string): string {
  const m = /^(xox[a-z]|xapp)-/.exec(value);
  return m ? `starts with "${m[0]}"` : 'has no known Slack token prefix';
}

export function checkSlackTokens(mode: SlackMode, env: Record<string, string | undefined>): TokenCheck {
  const problems: string[] = [];
  const get = (name: keyof typeof WHERE) => env[name]?.trim() || undefined;
  const missing = (name: keyof typeof WHERE, why: string) => problems.push(`${name} is not set (${why}): set it to ${WHERE[name]}`);

  const botToken = get('SLACK_BOT_TOKEN');
  if (!botToken) missing('SLACK_BOT_TOKEN', 'the bot posts with it');
  else if (!botToken.startsWith('xoxb-'))
    problems.push(`SLACK_BOT_TOKEN ${kindOf(botToken)}, but a bot token starts with "xoxb-": set it to ${WHERE.SLACK_BOT_TOKEN}`);

  const appToken = get('SLACK_APP_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  if (mode === 'socket') {
    if (!appToken) missing('SLACK_APP_TOKEN', 'Socket Mode connects with it; or set slack.mode: http');
    else if (!appToken.startsWith('xapp-'))
      problems.push(`SLACK_APP_TOKEN ${kindOf(appToken)}, but an app-level token starts with "xapp-": set it to ${WHERE.SLACK_APP_TOKEN}`);
  } else {
    if (!signingSecret) missing('SLACK_SIGNING_SECRET', 'HTTP mode verifies every request with it');
    else if (!/^[0-9a-f]{32}$/i.test(signingSecret))
      problems.push(`SLACK_SIGNING_SECRET is not 32 hexadecimal characters: set it to ${WHERE.SLACK_SIGNING_SECRET}`);
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    tokens: {
      botToken: botToken!,
      ...(appToken && mode === 'socket' ? { appToken } : {}),
      ...(signingSecret && mode === 'http' ? { signingSecret } : {}),
    },
  };
}
