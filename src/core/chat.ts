/**
 * The neutral chat model. Adapters turn platform events into a ChatEvent and render a ChatMessage;
 * nothing outside src/chat/<platform>/ knows which platform is in use.
 */
/**
 * A chat platform's id, as the platform registry (src/chat/platforms.ts) names it: `console`,
 * `slack`, `teams`, ... The core flow never branches on which one, except the console's own
 * typed controls (approve <id>), which only the console offers.
 */
export type Platform = string;

export interface ChatUser {
  platform: Platform;
  /** Platform identity, in the platform's own format (a console name, a Slack user id, an Entra ID object id). */
  id: string;
  displayName?: string;
  /** Group memberships the adapter knows (user groups, directory groups). */
  groups?: string[];
  /**
   * Other names the platform itself vouches for (Teams: the user principal name from the roster),
   * so approver lists may name people by them. Never taken from message or card content.
   */
  aliases?: string[];
  /** The user principal name (alice@example.com), when the adapter knows it (Teams); approver lists may name it. */
  principalName?: string;
  /**
   * The organisation (tenant) the person acted from (lower case), as the signed activity says (Teams:
   * the Entra ID tenant). An approval from another tenant than the request's never counts.
   */
  tenant?: string;
}

/** Where a conversation happens. `thread` ties follow-ups and the plan card together. */
export interface ChatPlace {
  platform: Platform;
  channel: string;
  thread?: string;
}

/** A posted message, so it can be updated in place later (also after a restart). */
export interface MessageRef {
  place: ChatPlace;
  id: string;
}

interface ChatEventBase {
  /** Unique per platform delivery; adapters use it to drop retried deliveries. */
  id: string;
  user: ChatUser;
  place: ChatPlace;
}

export interface ChatTextEvent extends ChatEventBase {
  kind: 'message';
  /** What the person typed, with the bot mention and slash command name removed. */
  text: string;
  /** True for slash commands and direct messages/mentions: the bot was addressed. */
  addressed: boolean;
}

export interface ChatButtonEvent extends ChatEventBase {
  kind: 'button';
  /** Which button: one of BUTTON_ACTIONS. */
  action: ButtonAction;
  /** The value carried by the button (request id, candidate id, playbook id, ...). */
  value: string;
  /** The message that carried the button. */
  message?: MessageRef;
}

export type ChatEvent = ChatTextEvent | ChatButtonEvent;

export const BUTTON_ACTIONS = ['approve', 'reject', 'cancel', 'choose', 'suggest', 'run'] as const;
export type ButtonAction = (typeof BUTTON_ACTIONS)[number];

export interface ChatButton {
  action: ButtonAction;
  label: string;
  value: string;
  style?: 'primary' | 'danger';
  /** Ask "are you sure?" before sending the click (used on critical plans). */
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export type MessageKind = 'plan' | 'clarify' | 'progress' | 'result' | 'refusal' | 'info' | 'error' | 'digest' | 'help';

export interface ChatField {
  label: string;
  value: string;
}

/** One message, rendered by each adapter in its own way (Block Kit, Adaptive Card, terminal text). */
export interface ChatMessage {
  kind: MessageKind;
  header?: string;
  text?: string;
  fields?: ChatField[];
  risk?: { level: RiskLevel; reasons: string[] };
  /** Bulleted lines (candidates, results, digest rows). Renderers cut long lists with "and N more". */
  items?: string[];
  buttons?: ChatButton[];
  /** Small print under the message: request id, sandbox label, who approved. */
  context?: string[];
  /** Only the addressed user should see it (Slack ephemeral, Teams refresh for one user). */
  privateTo?: ChatUser;
  /**
   * The people this message names on purpose (the requester, the approvers, who closed it), by their
   * verified platform identity. A renderer may show these, and only these, as live mentions; every
   * other piece of text is inert, whatever it looks like.
   */
  mentions?: ChatUser[];
  /** An image (digest chart), as PNG bytes, with a text alternative. */
  image?: { png: Uint8Array; alt: string; title: string };
  /** Plain-text sparkline or other text-only rendering of the image. */
  textChart?: string;
  /**
   * The message's data offered as a file ("Download CSV"): a button on platforms that can take a file
   * (Slack); left out where they cannot (the console has `cloudops digest … --csv FILE`).
   */
  download?: ChatButton;
  /** A file to send with the message (Slack: uploaded into its thread). */
  file?: { name: string; mime: string; content: Uint8Array; title: string };
}

/** How the core flow speaks back; each adapter implements it for its platform. */
export interface ChatSink {
  post(place: ChatPlace, message: ChatMessage): Promise<MessageRef>;
  update(ref: MessageRef, message: ChatMessage): Promise<void>;
  /** A message only `user` sees. */
  whisper(place: ChatPlace, user: ChatUser, message: ChatMessage): Promise<void>;
}

export function userKey(user: ChatUser): string {
  return `${user.platform}:${user.id}`;
}
