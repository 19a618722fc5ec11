import { userKey, type ChatMessage, type ChatUser, type MessageRef } from '../../core';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderAdaptiveCard, renderNoticeOver, type AdaptiveCard, type RenderOptions } from './render';

/** The body of an `adaptiveCard/action` invoke response (Universal Actions response format). */
export type CardActionResponse =
  | { statusCode: 200; type: typeof ADAPTIVE_CARD_CONTENT_TYPE; value: AdaptiveCard }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string }
  | { statusCode: 400 | 500; type: 'application/vnd.microsoft.error'; value: { code: string; message: string } };

export function cardResponse(card: AdaptiveCard): CardActionResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

export function messageResponse(text: string): CardActionResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

export function errorResponse(statusCode: 400 | 500, message: string): CardActionResponse {
  return {
    statusCode,
    type: 'application/vnd.microsoft.error',
    value: { code: statusCode === 400 ? 'BadRequest' : 'InternalError', message },
  };
}

/**
 * One Action.Execute click waiting for its answer. The conversation speaks through the sink as usual;
 * the first update of the clicked card (or a note for the clicker) becomes the invoke response, so
 * the clicker sees the new state at once, while the rest of the work (execution, progress, result)
 * carries on and reaches everyone through ordinary updates.
 */
export class InvokeTurn {
  readonly response: Promise<CardActionResponse>;
  private settle!: (r: CardActionResponse) => void;
  private settled = false;

  constructor(
    /** The message that carried the clicked card (activity.replyToId). */
    private readonly messageId: string | undefined,
    private readonly clicker: ChatUser,
    /** The last card shown in a message, so a refusal can sit on top of it. */
    private readonly lastCard: (messageId: string) => ChatMessage | undefined,
    private readonly render: RenderOptions = {},
  ) {
    this.response = new Promise((ok) => (this.settle = ok));
  }

  get open(): boolean {
    return !this.settled;
  }

  /** The conversation updates a card; the clicked one answers the invoke. */
  offerUpdate(ref: MessageRef, message: ChatMessage): void {
    if (ref.id && ref.id === this.messageId) this.answer(cardResponse(renderAdaptiveCard(message, this.render)));
  }

  /** A note for one person: when it is the clicker, it is the answer, and nobody else sees it. */
  offerWhisper(user: ChatUser, message: ChatMessage): boolean {
    if (!this.open || userKey(user) !== userKey(this.clicker)) return false;
    const under = this.messageId ? this.lastCard(this.messageId) : undefined;
    this.answer(cardResponse(under ? renderNoticeOver(message, under, this.render) : renderAdaptiveCard(message, this.render)));
    return true;
  }

  /** The conversation finished without touching the clicked card: show it unchanged. */
  finish(): void {
    const card = this.messageId ? this.lastCard(this.messageId) : undefined;
    this.answer(card ? cardResponse(renderAdaptiveCard(card, this.render)) : messageResponse('Done.'));
  }

  /** Still working when Teams stops waiting: say so; the card updates when the work is done. */
  timeout(): void {
    this.answer(messageResponse('Working on it; the card will update when it is done.'));
  }

  answer(r: CardActionResponse): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(r);
  }
}
