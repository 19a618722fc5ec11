import type { ChatEvent, ChatSink, Platform } from '../core';

export type ChatHandler = (event: ChatEvent, sink: ChatSink) => Promise<void>;

/** A chat platform: turns its events into ChatEvents and renders ChatMessages. Transport only. */
export interface ChatAdapter {
  readonly platform: Platform;
  /** Posting without an incoming event (digests, progress after a restart). */
  readonly sink: ChatSink;
  start(handler: ChatHandler): Promise<void>;
  stop(): Promise<void>;
}

/** Cut long lists the same way on every platform: the first `max`, then "and N more". */
export function cutList(items: string[], max: number): string[] {
  return items.length <= max ? items : [...items.slice(0, max), `and ${items.length - max} more`];
}
