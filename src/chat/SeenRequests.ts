/**
 * Which platform deliveries were already handled. Slack retries events it thinks were lost, a button
 * payload can arrive twice, and a captured signed request can be sent again by someone else within the
 * five minutes its signature stays fresh. Kept in the store (main.ts wires a repository in), so a
 * restart, or a second replica sharing the store, does not act on the same delivery again.
 */
export interface SeenRequests {
  /**
   * Record `key` (platform and delivery id: `slack:command:<trigger_id>`) as seen now. True the first
   * time; false when it was seen within the retention, and then the delivery must be dropped.
   */
  firstSeen(key: string): boolean | Promise<boolean>;
}

/** How long a delivery key is kept: well past Slack's five-minute signature window and its last retry. */
export const SEEN_REQUEST_RETENTION_MS = 60 * 60_000;

/** In memory only (tests, and adapters built without a store): forgotten on restart. */
export class MemorySeenRequests implements SeenRequests {
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: { now: () => number; retentionMs?: number; max?: number } = { now: Date.now }) {}

  firstSeen(key: string): boolean {
    const now = this.options.now();
    const keep = this.options.retentionMs ?? SEEN_REQUEST_RETENTION_MS;
    const at = this.seen.get(key);
    if (at !== undefined && now - at < keep) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    // Insertion order is age order: drop from the front while too many or too old.
    const max = this.options.max ?? 10_000;
    for (const [k, t] of this.seen) {
      if (this.seen.size <= max && now - t < keep) break;
      this.seen.delete(k);
    }
    return true;
  }
}

/** Threads the bot spoke in (`channel:ts`), shared by every replica: the store's BotThreadRepository. */
export interface BotThreads {
  add(key: string): Promise<void>;
  has(key: string): Promise<boolean>;
}
