/**
 * Slack signs `v0:<timestamp>:<body>` and sends the timestamp in `x-slack-request-timestamp`. Bolt's
 * check refuses only timestamps more than five minutes in the past; a request dated in the future
 * (captured, or made with a leaked secret and a wrong clock) stays valid until that future arrives.
 * This check refuses both directions before Bolt reads the body.
 */

/** Slack's own window: a signed request is fresh for five minutes either side of now. */
export const FRESHNESS_WINDOW_SECONDS = 5 * 60;

export type Freshness = { fresh: true } | { fresh: false; reason: string };

/**
 * Whether a request's timestamp header is within the window of `nowMs`. A missing header is left to
 * Bolt, which refuses every unsigned request except Slack's payload-free `ssl_check`.
 */
export function requestFreshness(header: string | string[] | undefined, nowMs: number): Freshness {
  if (header === undefined) return { fresh: true };
  const raw = Array.isArray(header) ? header.join(',') : header;
  if (!/^\d{1,12}$/.test(raw.trim())) return { fresh: false, reason: 'x-slack-request-timestamp is not a number of seconds' };
  const skew = Number(raw) - Math.floor(nowMs / 1000);
  if (skew > FRESHNESS_WINDOW_SECONDS) return { fresh: false, reason: `x-slack-request-timestamp is ${skew} s in the future` };
  if (skew < -FRESHNESS_WINDOW_SECONDS) return { fresh: false, reason: `x-slack-request-timestamp is ${-skew} s old` };
  return { fresh: true };
}
