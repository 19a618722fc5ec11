import type { SqlStore } from './sql';

/** How long a thread the bot spoke in keeps answering plain replies (as the adapters' memory does). */
export const BOT_THREAD_TTL_MS = 7 * 24 * 60 * 60_000;

/**
 * The threads the bot has spoken in (`conversation_state`, kind `bot-thread`), so a plain reply there
 * ("cancel", "and web-prod-2 too") is followed on every replica sharing the store, and after a restart,
 * not only by the process that posted the card. Satisfies the Slack adapter's `BotThreads` port.
 */
export class BotThreadRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
    private readonly ttlMs = BOT_THREAD_TTL_MS,
  ) {}

  async add(key: string): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_state (kind, key, value, expires_at) VALUES ('bot-thread', ?, '1', ?)
       ON CONFLICT (kind, key) DO UPDATE SET expires_at = excluded.expires_at`,
      [key, this.now().getTime() + this.ttlMs],
    );
  }

  async has(key: string): Promise<boolean> {
    const rows = await this.db.query("SELECT 1 AS one FROM conversation_state WHERE kind = 'bot-thread' AND key = ? AND expires_at > ?", [
      key,
      this.now().getTime(),
    ]);
    return rows.length > 0;
  }
}
