import type { Db } from './Database';

/**
 * Keys of the chat deliveries already handled (Slack's trigger, event and action ids), kept for an hour:
 * a signed request captured and sent again, after a restart or to another replica on the same store,
 * is recognised and dropped. Satisfies the chat adapters' `SeenRequests` port.
 */
export class SeenRequestRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
    private readonly retentionMs = 60 * 60_000,
  ) {}

  /** True when this call recorded `key` first; false when it was seen within the retention. */
  firstSeen(key: string): boolean {
    const at = this.now().getTime();
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM seen_requests WHERE seen_at <= ?').run(at - this.retentionMs);
      return this.db.prepare('INSERT OR IGNORE INTO seen_requests (key, seen_at) VALUES (?, ?)').run(key, at).changes === 1;
    }).immediate();
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM seen_requests').get() as { n: number }).n;
  }
}
