/**
 * Slack's text conventions: what arrives is HTML-escaped with <…> for mentions and links; what we send
 * must escape &, < and > so that no text we did not write ourselves becomes a mention or a link.
 */

/** A user mention as the Slack adapter writes a user's display name (`<@U…>`). */
const USER_MENTION = /<@([UW][A-Z0-9]+)>/g;
/** Words Slack may turn into a notification for everyone (`@here`, `@channel`, `@everyone`, legacy `@group`). */
const BROADCAST = /@(here|channel|everyone|group)\b/gi;
const NOBODY: ReadonlySet<string> = new Set();

/**
 * Escape text for mrkdwn (and the notification text). Everything is inert: `&`, `<` and `>` become
 * entities, so a typed `<@U…>`, `<!here>`, `<#C…>` or `<https://…|…>` shows as the characters it is,
 * and broadcast words get a word joiner after the `@`. The one exception is a user mention `<@U…>` for
 * an id in `people`: the users the message names on purpose (ChatMessage.mentions).
 */
export function escapeSlack(text: string, people: ReadonlySet<string> = NOBODY): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(USER_MENTION)) {
    if (!people.has(m[1])) continue;
    out += escapeOnly(text.slice(last, m.index));
    out += m[0];
    last = m.index! + m[0].length;
  }
  return out + escapeOnly(text.slice(last));
}

function escapeOnly(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(BROADCAST, '@\u2060$1');
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
