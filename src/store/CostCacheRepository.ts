import type { SqlStore } from './sql';

/**
 * Cost Explorer answers kept for hours: Cost Explorer bills every request (each page) and refreshes its
 * data only a few times a day, so a second digest the same morning costs nothing.
 */
export class CostCacheRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The cached answer for `key`, or undefined when there is none or it has expired. */
  async get<T>(key: string): Promise<T | undefined> {
    const [row] = await this.db.query<{ body: string }>('SELECT body FROM cost_explorer_cache WHERE key = ? AND expires_at > ?', [
      key,
      this.now().toISOString(),
    ]);
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  async put(key: string, operation: string, body: unknown, ttlMs: number): Promise<void> {
    const at = this.now();
    await this.db.run(
      `INSERT INTO cost_explorer_cache (key, operation, fetched_at, expires_at, body) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET operation = excluded.operation, fetched_at = excluded.fetched_at,
         expires_at = excluded.expires_at, body = excluded.body`,
      [key, operation, at.toISOString(), new Date(at.getTime() + ttlMs).toISOString(), JSON.stringify(body)],
    );
    await this.db.run('DELETE FROM cost_explorer_cache WHERE expires_at <= ?', [at.toISOString()]);
  }
}
