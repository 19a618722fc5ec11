import type { Resource } from '../core';
import type { SqlExecutor, SqlStore } from './sql';

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
  /** Rows of this slice the cache could not read (corrupt, or not a resource this version knows): scan it again. */
  unreadable?: number;
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

/** Who scans an estate now, and until when that holds unless renewed. */
export interface ScanLease {
  owner: string;
  expiresAt: number;
}

/** Rows per multi-row INSERT: well under SQLite's 32766 and Postgres's 65535 parameters (7 per row). */
const BATCH = 500;

/**
 * The inventory cache: resources per (source, account, region, scanner) slice, and each slice's last
 * attempt, last success and error. `source` keeps estates apart (AWS, each sandbox file). With several
 * replicas, one scans at a time (the scan lease, per source) and the others read what it saved.
 */
export class InventoryRepository {
  constructor(private readonly db: SqlStore) {}

  async load(source: string): Promise<CachedSlice[]> {
    const rows = await this.db.query<SliceRow>('SELECT * FROM inventory_slices WHERE source = ? ORDER BY account, region, scanner', [
      source,
    ]);
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
    // One slice at a time (the primary key's prefix): at 100k resources the rows of the whole estate, 67 MB of
    // JSON text held at once beside what it parses to, set the bot's peak memory; one slice's rows are a few MB.
    for (const s of slices.values()) {
      const rows = await this.db.query<{ data: string }>(
        'SELECT data FROM inventory_resources WHERE source = ? AND account = ? AND region = ? AND scanner = ?',
        [source, s.account, s.region, s.scanner],
      );
      for (const r of rows) {
        const resource = readResource(r.data);
        if (resource) s.resources.push(resource);
        else s.unreadable = (s.unreadable ?? 0) + 1;
      }
    }
    return [...slices.values()];
  }

  /** When the cache of `source` last changed (the newest slice attempt), so a replica knows to reload it. */
  async lastAttempt(source: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ at: string | null }>('SELECT MAX(last_attempt) AS at FROM inventory_slices WHERE source = ?', [
      source,
    ]);
    return row?.at ?? undefined;
  }

  /** Write each slice's status; replace the resources of the slices in `withResources`. One transaction. */
  async save(source: string, slices: CachedSlice[], withResources: Set<CachedSlice>): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const s of slices) {
        await tx.run(
          `INSERT INTO inventory_slices (source, account, region, scanner, account_alias, last_attempt, last_success, error,
            code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (source, account, region, scanner) DO UPDATE SET account_alias = excluded.account_alias,
             last_attempt = excluded.last_attempt,
             last_success = excluded.last_success, error = excluded.error, code = excluded.code`,
          [source, s.account, s.region, s.scanner, s.accountAlias ?? null, s.lastAttempt, s.lastSuccess, s.error, s.code],
        );
        if (!withResources.has(s)) continue;
        await tx.run('DELETE FROM inventory_resources WHERE source = ? AND account = ? AND region = ? AND scanner = ?', [
          source,
          s.account,
          s.region,
          s.scanner,
        ]);
        await insertResources(tx, source, s);
      }
    });
  }

  /** Drop the slices of `source` not in `keep` (`account|region|scanner`): accounts or regions no longer scanned. */
  async retain(source: string, keep: Set<string>): Promise<void> {
    const rows = await this.db.query<SliceRow>('SELECT account, region, scanner FROM inventory_slices WHERE source = ?', [source]);
    const gone = rows.filter((r) => !keep.has(`${r.account}|${r.region}|${r.scanner}`));
    if (!gone.length) return;
    await this.db.transaction(async (tx) => {
      for (const r of gone) {
        await tx.run('DELETE FROM inventory_slices WHERE source = ? AND account = ? AND region = ? AND scanner = ?', [
          source,
          r.account,
          r.region,
          r.scanner,
        ]);
        await tx.run('DELETE FROM inventory_resources WHERE source = ? AND account = ? AND region = ? AND scanner = ?', [
          source,
          r.account,
          r.region,
          r.scanner,
        ]);
      }
    });
  }

  /**
   * Take (or renew) the scan lease of `source` for `owner` until `now + ttlMs`: true when `owner` holds it
   * now. A lease another owner holds and keeps renewing is left alone; an expired one is taken over.
   */
  async acquireScanLease(source: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const res = await this.db.run(
      `INSERT INTO inventory_scan_leases (source, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE inventory_scan_leases.owner = excluded.owner OR inventory_scan_leases.expires_at <= ?`,
      [source, owner, now + ttlMs, now],
    );
    return res.changes === 1;
  }

  async releaseScanLease(source: string, owner: string): Promise<void> {
    await this.db.run('DELETE FROM inventory_scan_leases WHERE source = ? AND owner = ?', [source, owner]);
  }

  async scanLease(source: string): Promise<ScanLease | undefined> {
    const [row] = await this.db.query<{ owner: string; expires_at: number }>(
      'SELECT owner, expires_at FROM inventory_scan_leases WHERE source = ?',
      [source],
    );
    return row ? { owner: row.owner, expiresAt: Number(row.expires_at) } : undefined;
  }
}

/**
 * One cached resource, or undefined when the row is not one (corrupt JSON, or a shape this version cannot
 * use): the caller scans that slice again instead of failing start-up on it. Rows written before `tags` or
 * `facts` were kept get empty ones.
 */
function readResource(data: string): Resource | undefined {
  let r: unknown;
  try {
    r = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!r || typeof r !== 'object' || Array.isArray(r)) return undefined;
  const o = r as Record<string, unknown>;
  if (!['type', 'id', 'name', 'account', 'region'].every((k) => typeof o[k] === 'string')) return undefined;
  for (const k of ['tags', 'facts']) {
    if (o[k] === undefined || o[k] === null) o[k] = {};
    else if (typeof o[k] !== 'object' || Array.isArray(o[k])) return undefined;
  }
  if (o.state !== undefined && o.state !== null && typeof o.state !== 'string') return undefined;
  return o as unknown as Resource;
}

async function insertResources(tx: SqlExecutor, source: string, s: CachedSlice): Promise<void> {
  // A resource listed twice in one slice keeps its last copy, as INSERT OR REPLACE did.
  const unique = [...new Map(s.resources.map((r) => [`${r.type}\0${r.id}`, r])).values()];
  for (let i = 0; i < unique.length; i += BATCH) {
    const part = unique.slice(i, i + BATCH);
    await tx.run(
      `INSERT INTO inventory_resources (source, account, region, scanner, type, id, data) ` +
        `VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      part.flatMap((r) => [source, s.account, s.region, s.scanner, r.type, r.id, JSON.stringify(r)]),
    );
  }
}
