import type { Resource } from '../core/resource';
import type { Db } from './Database';

/** What one scanner last found in one account and region, and how its scans went. */
export interface CachedSlice {
  account: string;
  accountAlias?: string;
  region: string;
  scanner: string;
  resources: Resource[];
  lastAttempt: string | null;
  lastSuccess: string | null;
  error: string | null;
  code: string | null;
}

interface SliceRow {
  account: string;
  region: string;
  scanner: string;
  account_alias: string | null;
  last_attempt: string | null;
  last_success: string | null;
  error: string | null;
  code: string | null;
}

/**
 * The inventory cache: resources per (source, account, region, scanner) slice, and each slice's last
 * attempt, last success and error. `source` keeps estates apart (AWS, each sandbox file).
 */
export class InventoryRepository {
  constructor(private readonly db: Db) {}

  load(source: string): CachedSlice[] {
    const rows = this.db.prepare('SELECT * FROM inventory_slices WHERE source = ? ORDER BY account, region, scanner').all(source) as SliceRow[];
    const slices = new Map<string, CachedSlice>();
    for (const r of rows) {
      slices.set(`${r.account}|${r.region}|${r.scanner}`, {
        account: r.account,
        ...(r.account_alias ? { accountAlias: r.account_alias } : {}),
        region: r.region,
        scanner: r.scanner,
        resources: [],
        lastAttempt: r.last_attempt,
        lastSuccess: r.last_success,
        error: r.error,
        code: r.code,
      });
    }
    const resources = this.db.prepare('SELECT account, region, scanner, data FROM inventory_resources WHERE source = ?').iterate(source) as IterableIterator<{ account: string; region: string; scanner: string; data: string }>;
    for (const r of resources) slices.get(`${r.account}|${r.region}|${r.scanner}`)?.resources.push(JSON.parse(r.data) as Resource);
    return [...slices.values()];
  }

  /** Write each slice's status; replace the resources of the slices in `withResources`. One transaction. */
  save(source: string, slices: CachedSlice[], withResources: Set<CachedSlice>): void {
    const upsert = this.db.prepare(
      `INSERT INTO inventory_slices (source, account, region, scanner, account_alias, last_attempt, last_success, error, code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source, account, region, scanner) DO UPDATE SET account_alias = excluded.account_alias, last_attempt = excluded.last_attempt,
         last_success = excluded.last_success, error = excluded.error, code = excluded.code`,
    );
    const clear = this.db.prepare('DELETE FROM inventory_resources WHERE source = ? AND account = ? AND region = ? AND scanner = ?');
    const insert = this.db.prepare('INSERT OR REPLACE INTO inventory_resources (source, account, region, scanner, type, id, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const s of slices) {
        upsert.run(source, s.account, s.region, s.scanner, s.accountAlias ?? null, s.lastAttempt, s.lastSuccess, s.error, s.code);
        if (!withResources.has(s)) continue;
        clear.run(source, s.account, s.region, s.scanner);
        for (const r of s.resources) insert.run(source, s.account, s.region, s.scanner, r.type, r.id, JSON.stringify(r));
      }
    })();
  }

  /** Drop the slices of `source` not in `keep` (`account|region|scanner`): accounts or regions no longer scanned. */
  retain(source: string, keep: Set<string>): void {
    const rows = this.db.prepare('SELECT account, region, scanner FROM inventory_slices WHERE source = ?').all(source) as SliceRow[];
    const gone = rows.filter((r) => !keep.has(`${r.account}|${r.region}|${r.scanner}`));
    if (!gone.length) return;
    this.db.transaction(() => {
      for (const r of gone) {
        this.db.prepare('DELETE FROM inventory_slices WHERE source = ? AND account = ? AND region = ? AND scanner = ?').run(source, r.account, r.region, r.scanner);
        this.db.prepare('DELETE FROM inventory_resources WHERE source = ? AND account = ? AND region = ? AND scanner = ?').run(source, r.account, r.region, r.scanner);
      }
    })();
  }
}
