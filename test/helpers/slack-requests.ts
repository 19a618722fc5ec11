import { createHmac } from 'node:crypto';

/** A signing secret in Slack's format (32 hex characters); test-only. */
export const SIGNING_SECRET = '3c9f1e27b04a5d6e8f1029384756abcd';

/** Slack's v0 request signature: HMAC-SHA256 over `v0:<timestamp>:<body>`. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface Delivery {
  body: string;
  contentType: string;
}

export interface PostOptions {
  secret?: string;
  /** Seconds since the epoch; now when left out. */
  timestamp?: number;
  /** Replace the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

/** POST a delivery the way Slack does: signed, timestamped. */
export async function postSigned(url: string, d: Delivery, o: PostOptions = {}): Promise<{ status: number; text: string }> {
  const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': d.contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': o.signature ?? sign(o.secret ?? SIGNING_SECRET, ts, d.body),
      ...o.headers,
    },
    body: d.body,
  });
  return { status: res.status, text: await res.text() };
}

const FORM = 'application/x-www-form-urlencoded';

export function slashCommand(p: { user: string; channel: string; text: string; trigger?: string; command?: string }): Delivery {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0ACME',
    team_domain: 'acme',
    channel_id: p.channel,
    channel_name: 'ops',
    user_id: p.user,
    user_name: p.user.toLowerCase(),
    command: p.command ?? '/cloudops',
    text: p.text,
    api_app_id: 'A0CLOUDOPS',
    response_url: 'https://hooks.slack.com/commands/T0ACME/1/unused',
    trigger_id: p.trigger ?? `trigger-${Math.random().toString(36).slice(2)}`,
  });
  return { body: body.toString(), contentType: FORM };
}

export function buttonClick(p: {
  user: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value: string;
  actionTs?: string;
}): Delivery {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0ACME', domain: 'acme' },
    user: { id: p.user, username: p.user.toLowerCase(), team_id: 'T0ACME' },
    api_app_id: 'A0CLOUDOPS',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: p.messageTs, channel_id: p.channel, is_ephemeral: false },
    trigger_id: 'trigger-click',
    channel: { id: p.channel, name: 'ops' },
    message: { type: 'message', ts: p.messageTs, ...(p.threadTs ? { thread_ts: p.threadTs } : {}), text: 'plan', blocks: [] },
    response_url: 'https://hooks.slack.com/actions/T0ACME/1/unused',
    actions: [
      {
        type: 'button',
        action_id: p.actionId,
        block_id: 'cloudops-actions',
        text: { type: 'plain_text', text: 'Approve' },
        value: p.value,
        action_ts: p.actionTs ?? '1700000100.000001',
      },
    ],
  };
  return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
}

export function eventCallback(eventId: string, event: Record<string, unknown>): Delivery {
  const body = {
    token: 'legacy-verification-token',
    team_id: 'T0ACME',
    api_app_id: 'A0CLOUDOPS',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1700000000,
    authorizations: [{ team_id: 'T0ACME', user_id: 'UBOT', is_bot: true }],
  };
  return { body: JSON.stringify(body), contentType: 'application/json' };
}
