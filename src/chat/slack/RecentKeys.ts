/**
 * Keys seen recently, bounded in size and age: which deliveries were already handled (Slack retries
 * events it thinks were lost; a button payload can arrive twice), which threads the bot speaks in.
 */
export class RecentKeys {
  private readonly seen = new Map<string, number>();

  constructor(private readonly options: { max: number; ttlMs: number; now: () => number }) {}

  /** Remember `key`; true when it is new, false when it was seen within the TTL. */
  add(key: string): boolean {
    const now = this.options.now();
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.options.ttlMs) return false;
    this.seen.delete(key);
    this.seen.set(key, now);
    this.prune(now);
    return true;
  }

  has(key: string): boolean {
    const at = this.seen.get(key);
    return at !== undefined && this.options.now() - at < this.options.ttlMs;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    // Insertion order is age order: drop from the front while too many or too old.
    for (const [key, at] of this.seen) {
      if (this.seen.size <= this.options.max && now - at < this.options.ttlMs) break;
      this.seen.delete(key);
    }
  }
}
