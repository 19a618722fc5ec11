import type { SqlStore } from './sql';

/**
 * Keys of the chat deliveries already handled (Slack's trigger, event and action ids), kept for an hour:
 * a signed request captured and sent again, after a restart or to another replica on the same store,
 * is recognised and dropped. Satisfies the chat adapters' `SeenRequests` port.
 */
export class SeenRequestRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
    private readonly retentionMs = 60 * 60_000,
  ) {}

  /** True when this call recorded `key` first; false when it was seen within the retention. */
  async firstSeen(key: string): Promise<boolean> {
    const at = this.now().getTime();
    // Keys past the retention go (this one too, if it aged out); then claim it: of two replicas given the
    // same delivery, one inserts it.
    await this.db.run('DELETE FROM seen_requests WHERE seen_at <= ?', [at - this.retentionMs]);
    return (
      (await this.db.run('INSERT INTO seen_requests (key, seen_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, at])).changes === 1
    );
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM seen_requests');
    return Number(row.n);
  }
}
