import type { ConversationState, ConversationStateKind } from '../core';
import type { SqlStore } from './sql';

/**
 * Conversation state in the store (the `conversation_state` table): clarification choices, thread
 * follow-ups and Teams file offers, each with an expiry, so every replica sharing the store (and this one after a restart)
 * answers a click or a follow-up the same way. Expired rows are never returned, and are deleted now and then.
 */
export class ConversationStateRepository implements ConversationState {
  private writes = 0;

  constructor(
    private readonly store: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(kind: ConversationStateKind, key: string, value: unknown, ttlMs: number): Promise<void> {
    const at = this.now().getTime();
    await this.store.run(
      `INSERT INTO conversation_state (kind, key, value, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [kind, key, JSON.stringify(value), at + ttlMs],
    );
    if (++this.writes % 100 === 1) await this.store.run('DELETE FROM conversation_state WHERE expires_at <= ?', [at]);
  }

  async get<T>(kind: ConversationStateKind, key: string): Promise<T | undefined> {
    const [row] = await this.store.query<{ value: string }>(
      'SELECT value FROM conversation_state WHERE kind = ? AND key = ? AND expires_at > ?',
      [kind, key, this.now().getTime()],
    );
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async take<T>(kind: ConversationStateKind, key: string): Promise<T | undefined> {
    // DELETE … RETURNING on both engines: of two replicas handling the same click, one gets the row.
    const [row] = await this.store.query<{ value: string; expires_at: number }>(
      'DELETE FROM conversation_state WHERE kind = ? AND key = ? RETURNING value, expires_at',
      [kind, key],
    );
    if (!row || Number(row.expires_at) <= this.now().getTime()) return undefined;
    return JSON.parse(row.value) as T;
  }
}
