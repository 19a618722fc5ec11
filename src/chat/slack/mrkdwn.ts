/**
 * Slack's text conventions: what arrives is HTML-escaped with <…> for mentions and links; what we send
 * must escape &, < and > except for the mention tokens we put there on purpose.
 */

/** Mention tokens Slack renders as names: users (<@U…>), channels (<#C…>), user groups (<!subteam^S…>). */
const MENTION = /<(?:@[UW][A-Z0-9]+|#C[A-Z0-9]+(?:\|[^>]*)?|!subteam\^S[A-Z0-9]+(?:\|[^>]*)?)>/g;

/** Escape text for mrkdwn/plain_text, keeping mention tokens intact. */
export function escapeSlack(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MENTION)) {
    out += escapeOnly(text.slice(last, m.index));
    out += m[0];
    last = m.index! + m[0].length;
  }
  return out + escapeOnly(text.slice(last));
}

function escapeOnly(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * What a person typed, as plain text: the bot's own mention removed, other mentions and links reduced
 * to their label (or their id), HTML entities decoded, whitespace collapsed.
 */
export function textFromSlack(text: string, botUserId?: string): string {
  let t = text;
  if (botUserId) t = t.split(`<@${botUserId}>`).join(' ');
  t = t.replace(/<([^>|]+)\|([^>]*)>/g, (_m, _target: string, label: string) => label);
  t = t.replace(/<(?:mailto:)?([^>]+)>/g, (_m, target: string) => target.replace(/^[@#]/, ''));
  t = t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return t.replace(/\s+/g, ' ').trim();
}

/**
 * Cut escaped text to `max` characters, ending with an ellipsis when it was longer. Never cuts inside
 * an entity (&amp;) or a mention token (<@U…>), which would show as garbage.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const open = Math.max(cut.lastIndexOf('&'), cut.lastIndexOf('<'));
  if (open >= 0 && !/[;>]/.test(cut.slice(open))) cut = cut.slice(0, open);
  return `${cut}…`;
}
