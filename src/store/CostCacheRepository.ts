import type { Db } from './Database';

/**
 * Cost Explorer answers kept for hours: Cost Explorer bills every request (each page) and refreshes its
 * data only a few times a day, so a second digest the same morning costs nothing.
 */
export class CostCacheRepository {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  /** The cached answer for `key`, or undefined when there is none or it has expired. */
  get<T>(key: string): T | undefined {
    const row = this.db.prepare('SELECT body FROM cost_explorer_cache WHERE key = ? AND expires_at > ?').get(key, this.now().toISOString()) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  put(key: string, operation: string, body: unknown, ttlMs: number): void {
    const at = this.now();
    this.db
      .prepare('INSERT OR REPLACE INTO cost_explorer_cache (key, operation, fetched_at, expires_at, body) VALUES (?, ?, ?, ?, ?)')
      .run(key, operation, at.toISOString(), new Date(at.getTime() + ttlMs).toISOString(), JSON.stringify(body));
    this.db.prepare('DELETE FROM cost_explorer_cache WHERE expires_at <= ?').run(at.toISOString());
  }
}
