/**
 * Slack payloads -> neutral ChatEvents. Pure: the adapter looks up who the user is and hands it in.
 * Each event's id is its delivery identity, so a retried or repeated delivery has the same id.
 */
import { BUTTON_ACTIONS, type ButtonAction, type ChatButtonEvent, type ChatTextEvent, type ChatUser } from '../../core';
import { textFromSlack } from './mrkdwn';
import { ACTION_PREFIX } from './render';

export interface SlashCommandPayload {
  user_id: string;
  channel_id: string;
  text: string;
  trigger_id: string;
}

export interface MessagePayload {
  type: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  bot_profile?: unknown;
  text?: string;
  channel: string;
  channel_type?: string;
  ts: string;
  thread_ts?: string;
}

export interface ActionPayload {
  action_id: string;
  value?: string;
  action_ts?: string;
}

export interface BlockActionsBody {
  user: { id: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string };
}

/** The ChatUser for a Slack user id; `<@U…>` renders as the person's name wherever the bot shows it. */
export function slackUser(id: string, groups: string[] = []): ChatUser {
  return { platform: 'slack', id, displayName: `<@${id}>`, ...(groups.length ? { groups } : {}) };
}

/** `/cloudops stop pg-main`: the text after the command; an empty command asks for help. */
export function commandEvent(cmd: SlashCommandPayload, user: ChatUser): ChatTextEvent {
  return {
    kind: 'message',
    id: `command:${cmd.trigger_id}`,
    user,
    place: { platform: 'slack', channel: cmd.channel_id },
    text: textFromSlack(cmd.text ?? '') || 'help',
    addressed: true,
  };
}

/** `@cloudops stop pg-main` in a channel: answered in the mention's thread. */
export function mentionEvent(ev: MessagePayload, eventId: string, user: ChatUser, botUserId?: string): ChatTextEvent {
  return {
    kind: 'message',
    id: `event:${eventId}`,
    user,
    place: { platform: 'slack', channel: ev.channel, thread: ev.thread_ts ?? ev.ts },
    text: textFromSlack(ev.text ?? '', botUserId),
    addressed: true,
  };
}

/**
 * Written by a bot (another app, a workflow, an integration, Slackbot, or this bot itself)? Such events are never
 * requests: two bots answering each other would loop, and another app must not ask for changes by
 * mentioning this one.
 */
export function isBotAuthored(ev: MessagePayload, botUserId?: string): boolean {
  return Boolean(
    ev.bot_id || ev.bot_profile || ev.subtype === 'bot_message' || ev.user === SLACKBOT || (botUserId && ev.user === botUserId),
  );
}

/**
 * Slackbot's user id. It posts reminders (`/remind #ops "@cloudops stop web-prod-1" at 3am`) with no
 * bot_id: such a request would come from nobody in particular, at a time nobody is watching.
 */
const SLACKBOT = 'USLACKBOT';

/** Is this message event one the bot should hear? Direct messages, and replies in threads it speaks in. */
export function messageKind(
  ev: MessagePayload,
  botUserId: string | undefined,
  botThread: (channel: string, ts: string) => boolean,
): 'direct' | 'follow-up' | undefined {
  if (ev.subtype && ev.subtype !== 'thread_broadcast') return undefined; // edits, joins, bot posts, ...
  if (isBotAuthored(ev, botUserId) || !ev.user || !ev.text) return undefined;
  if (ev.channel_type === 'im') return 'direct';
  // Mentions arrive again as app_mention; answering both would answer twice.
  if (botUserId && ev.text.includes(`<@${botUserId}>`)) return undefined;
  if (ev.thread_ts && botThread(ev.channel, ev.thread_ts)) return 'follow-up';
  return undefined;
}

export function messageEvent(
  ev: MessagePayload,
  eventId: string,
  user: ChatUser,
  kind: 'direct' | 'follow-up',
  botUserId?: string,
): ChatTextEvent {
  return {
    kind: 'message',
    id: `event:${eventId}`,
    user,
    place: { platform: 'slack', channel: ev.channel, ...(ev.thread_ts ? { thread: ev.thread_ts } : {}) },
    text: textFromSlack(ev.text ?? '', botUserId),
    addressed: kind === 'direct',
  };
}

/** Which neutral button an action_id (`cloudops:<action>:<n>`) stands for. */
export function buttonAction(actionId: string): ButtonAction | undefined {
  if (!actionId.startsWith(ACTION_PREFIX)) return undefined;
  const name = actionId.slice(ACTION_PREFIX.length).split(':')[0];
  return (BUTTON_ACTIONS as readonly string[]).includes(name) ? (name as ButtonAction) : undefined;
}

/** A click on one of our buttons, or undefined for anything else. */
export function buttonEvent(body: BlockActionsBody, action: ActionPayload, user: ChatUser): ChatButtonEvent | undefined {
  const kind = buttonAction(action.action_id);
  const channel = body.channel?.id ?? body.container?.channel_id;
  if (!kind || !channel) return undefined;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const event: ChatButtonEvent = {
    kind: 'button',
    id: `action:${user.id}:${action.action_id}:${action.value ?? ''}:${ts ?? ''}:${action.action_ts ?? ''}`,
    user,
    place: { platform: 'slack', channel, ...(ts ? { thread: body.message?.thread_ts ?? ts } : {}) },
    action: kind,
    value: action.value ?? '',
  };
  if (body.message && !body.container?.is_ephemeral) {
    event.message = {
      place: { platform: 'slack', channel, ...(body.message.thread_ts ? { thread: body.message.thread_ts } : {}) },
      id: body.message.ts,
    };
  }
  return event;
}
