/** Bot Framework activities (Microsoft 365 Agents SDK activity model) -> neutral chat events. */
import type { Activity } from '@microsoft/agents-activity';
import { tenantOf } from './trust';
import {
  BUTTON_ACTIONS,
  type ButtonAction,
  type ChatButtonEvent,
  type ChatPlace,
  type ChatTextEvent,
  type ChatUser,
  lookupTable,
} from '../../core';

/** Teams writes a channel thread as `<channel conversation id>;messageid=<root message id>`. */
export function splitConversationId(id: string): { channel: string; thread?: string } {
  const m = /^(.*);messageid=(\d+|[^;]+)$/.exec(id);
  return m ? { channel: m[1], thread: m[2] } : { channel: id };
}

export function conversationKind(a: Partial<Activity>): string {
  return a.conversation?.conversationType ?? (a.conversation?.isGroup ? 'groupChat' : 'personal');
}

export function placeOf(a: Partial<Activity>): ChatPlace {
  const { channel, thread } = splitConversationId(a.conversation?.id ?? '');
  return { platform: 'teams', channel, ...(thread ? { thread } : {}) };
}

/**
 * Who acted: the Entra ID (AAD) object id Teams puts on the activity, which the Bot Framework signs
 * for in the request's token. Never anything from message text or card data. Without an AAD id
 * (the Bot Framework Emulator) the user gets an id no approver list can contain. The tenant comes
 * from the activity too, so an approval can be held to the requester's own tenant.
 */
export function userOf(a: Partial<Activity>, aliases: string[] = []): ChatUser {
  const from = a.from ?? { id: 'unknown', name: 'unknown' };
  const aad = typeof from.aadObjectId === 'string' && from.aadObjectId ? from.aadObjectId.toLowerCase() : undefined;
  const tenant = tenantOf(a);
  return {
    platform: 'teams',
    id: aad ?? `bf:${from.id}`,
    ...(tenant ? { tenant } : {}),
    ...(from.name ? { displayName: from.name } : {}),
    ...(aliases.length ? { aliases } : {}),
  };
}

const ENTITIES: Readonly<Record<string, string>> = lookupTable({
  '&nbsp;': ' ',
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
});

/** The text the person typed, without the bot's @mention, markup, or a leading `/cloudops`. */
export function cleanText(a: Partial<Activity>): { text: string; mentioned: boolean } {
  let text = a.text ?? '';
  let mentioned = false;
  for (const e of a.entities ?? []) {
    if (e.type !== 'mention' || (e as { mentioned?: { id?: string } }).mentioned?.id !== a.recipient?.id) continue;
    mentioned = true;
    const written = (e as { text?: string }).text;
    if (written) text = text.split(written).join(' ');
  }
  // Anything left that still looks like a mention of the bot (some clients omit the entity text).
  const bot = a.recipient?.name;
  if (bot) {
    const before = text;
    text = text.split(`<at>${bot}</at>`).join(' ');
    if (text !== before) mentioned = true;
  }
  text = text
    .replace(/<\/?(at|p|div|span|br)\b[^>]*>/gi, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\/?cloudops\b[:,]?\s*/i, '');
  return { text, mentioned };
}

/** A typed message, when the bot was addressed: any personal chat, an @mention elsewhere. */
export function textEvent(a: Partial<Activity>): ChatTextEvent | undefined {
  const { text, mentioned } = cleanText(a);
  const addressed = conversationKind(a) === 'personal' || mentioned;
  if (!addressed || !text) return undefined;
  return { kind: 'message', id: a.id ?? '', user: userOf(a), place: placeOf(a), text, addressed };
}

export interface Click {
  action: ButtonAction;
  value: string;
}

/** What a card button carries: `{ action, value }`; anything else in the data is ignored. */
export function clickFromData(data: unknown, verb?: string): Click | undefined {
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const action = verb ?? d.action;
  const value = d.value;
  if (typeof action !== 'string' || !(BUTTON_ACTIONS as readonly string[]).includes(action)) return undefined;
  if (typeof value !== 'string' || !value || value.length > 200) return undefined;
  return { action: action as ButtonAction, value };
}

/** `adaptiveCard/action` invoke (Action.Execute): the verb and data of the clicked button. */
export function invokeAction(a: Partial<Activity>): { verb?: string; data: unknown } {
  const action = (a.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  return { verb: typeof action?.verb === 'string' ? action.verb : undefined, data: action?.data };
}

export function buttonEvent(a: Partial<Activity>, click: Click, user: ChatUser): ChatButtonEvent {
  const place = placeOf(a);
  return {
    kind: 'button',
    id: a.id ?? '',
    user,
    place,
    action: click.action,
    value: click.value,
    ...(a.replyToId ? { message: { place, id: a.replyToId } } : {}),
  };
}
