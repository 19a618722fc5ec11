import type { Clock, ConversationState, ConversationStateKind } from './ports';

/** How long a clarification question waits for its click. */
export const CHOICE_TTL_MS = 24 * 60 * 60_000;
/** How long a thread's plan answers follow-ups ("and web-prod-2 too"). */
export const THREAD_TTL_MS = 24 * 60 * 60_000;

/**
 * Conversation state in this process only (tests, tools without a store): lost on restart, invisible to
 * other replicas. The bot itself uses the store's ConversationStateRepository. Values are copied as JSON,
 * as the store does, so both behave the same.
 */
export class MemoryConversationState implements ConversationState {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly clock: Pick<Clock, 'now'> = { now: () => new Date() },
    private readonly max = 10_000,
  ) {}

  async put(kind: ConversationStateKind, key: string, value: unknown, ttlMs: number): Promise<void> {
    const id = `${kind}\0${key}`;
    this.entries.delete(id);
    this.entries.set(id, { value: JSON.stringify(value), expiresAt: this.clock.now().getTime() + ttlMs });
    // Insertion order is age order: the oldest go first when there are too many.
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.max) break;
      this.entries.delete(k);
    }
  }

  async get<T>(kind: ConversationStateKind, key: string): Promise<T | undefined> {
    const e = this.entries.get(`${kind}\0${key}`);
    if (!e || e.expiresAt <= this.clock.now().getTime()) return undefined;
    return JSON.parse(e.value) as T;
  }

  async take<T>(kind: ConversationStateKind, key: string): Promise<T | undefined> {
    const value = await this.get<T>(kind, key);
    this.entries.delete(`${kind}\0${key}`);
    return value;
  }
}
