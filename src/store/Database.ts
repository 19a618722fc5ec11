import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations';

export type Db = BetterSqlite3.Database;

/** Open (or create) the SQLite file and bring its schema up to date. `:memory:` for tests. */
export function openDatabase(path: string, options: { readonly?: boolean } = {}): Db {
  if (options.readonly) return openReadOnly(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set((db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name));
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, new Date().toISOString());
    })();
  }
  return db;
}


/**
 * Reading only (`cloudops audit`): creates and migrates nothing, and works on a read-only copy kept as
 * evidence. SQLite needs to create the WAL index (`-shm`) next to a WAL-mode file even to read it; where
 * it may not and there is no `-wal` file (so the main file holds everything), the file's bytes are read
 * into memory instead, marked as rollback-journal mode (header bytes 18-19) so SQLite reads them as they are.
 */
function openReadOnly(path: string): Db {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code ?? '') || existsSync(`${path}-wal`)) throw e;
    db.close();
  }
  return openSnapshot(path);
}

/** The file's bytes as a read-only in-memory database (a WAL-mode file is read as rollback-journal mode). */
export function openSnapshot(path: string): Db {
  const bytes = readFileSync(path);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new BetterSqlite3(bytes, { readonly: true });
}
