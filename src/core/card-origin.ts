import type { ChatButtonEvent, MessageRef } from './chat';
import type { ApprovalRecord } from './ports';

/**
 * Did this click come from a message that shows this request's card (the card, or a copy the bot
 * showed again)? A signed click carrying request B's id from another channel or message decides
 * nothing. Undefined when it did; otherwise why not, in words for the person who clicked.
 */
export function cardOriginRefusal(record: ApprovalRecord, event: ChatButtonEvent): string | undefined {
  const origins = record.origins ?? [];
  const from = event.message;
  if (from && origins.some((o) => sameMessage(o, from))) return undefined;
  if (!origins.length) return `request ${record.id} has no card the bot posted yet, so no button can decide it.`;
  return `that button is not on request ${record.id}'s card. Decide it on its own card${where(origins[0])}.`;
}

function sameMessage(a: MessageRef, b: MessageRef): boolean {
  return a.place.platform === b.place.platform && a.place.channel === b.place.channel && a.id === b.id;
}

function where(ref: MessageRef): string {
  return ref.place.platform === 'console' ? '' : ` (in the channel or chat it was posted to${ref.place.thread ? ', in its thread' : ''})`;
}
