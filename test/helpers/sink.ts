import type { ChatButtonEvent, ChatMessage, ChatPlace, ChatSink, ChatTextEvent, ChatUser, MessageRef } from '../../src/core';

export interface Posted {
  ref: MessageRef;
  message: ChatMessage;
}

/** A ChatSink that remembers everything, so tests can look at cards, updates and private answers. */
export class RecordingSink implements ChatSink {
  readonly posts: Posted[] = [];
  readonly updates: Posted[] = [];
  readonly whispers: { user: ChatUser; message: ChatMessage }[] = [];
  private n = 0;

  async post(place: ChatPlace, message: ChatMessage): Promise<MessageRef> {
    const ref = { place, id: `m${++this.n}` };
    this.posts.push({ ref, message });
    return ref;
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    this.updates.push({ ref, message });
  }

  async whisper(_place: ChatPlace, user: ChatUser, message: ChatMessage): Promise<void> {
    this.whispers.push({ user, message });
  }

  /** The newest version of a posted message (after its updates). */
  latest(ref: MessageRef): ChatMessage {
    const updated = this.updates.filter((u) => u.ref.id === ref.id).at(-1);
    return (updated ?? this.posts.find((p) => p.ref.id === ref.id)!).message;
  }

  /** The first plan card posted. */
  planCard(): Posted {
    const p = this.posts.find((x) => x.message.kind === 'plan');
    if (!p) throw new Error(`no plan card was posted; posts: ${JSON.stringify(this.posts.map((x) => x.message))}`);
    return p;
  }

  whispersTo(id: string): string[] {
    return this.whispers.filter((w) => w.user.id === id).map((w) => w.message.text ?? '');
  }
}

export const person = (id: string, extra: Partial<ChatUser> = {}): ChatUser => ({ platform: 'console', id, displayName: id, ...extra });

export const place: ChatPlace = { platform: 'console', channel: 'ops' };

let seq = 0;

export function say(user: ChatUser, text: string, where: ChatPlace = place): ChatTextEvent {
  return { kind: 'message', id: `e${++seq}`, user, place: where, text, addressed: true };
}

/** A click on a button of a posted card (the approve button by default). */
export function click(
  user: ChatUser,
  card: Posted | ChatMessage,
  action: ChatButtonEvent['action'] = 'approve',
  refOf?: MessageRef,
): ChatButtonEvent {
  const message = 'message' in card ? card.message : card;
  const ref = 'ref' in card ? card.ref : refOf;
  const button = message.buttons?.find((b) => b.action === action);
  if (!button) throw new Error(`no ${action} button on the card: ${JSON.stringify(message.buttons)}`);
  return {
    kind: 'button',
    id: `e${++seq}`,
    user,
    place: ref?.place ?? place,
    action,
    value: button.value,
    ...(ref ? { message: ref } : {}),
  };
}
