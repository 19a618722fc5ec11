import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { migrate, openSqlStore, SqliteStore, StoreError, type SqlStore, type StoreTarget } from './sql';

/**
 * Open the store a target names (a Postgres URL or the SQLite file, `:memory:` for tests) and bring its
 * schema up to date: the migrations run under the store's `schema-migrations` lock, so replicas starting
 * together take turns and the later ones find nothing to do.
 */
export async function openStoreMigrated(target: StoreTarget | string): Promise<SqlStore> {
  const store = await openSqlStore(target);
  try {
    await migrate(store);
  } catch (e) {
    await store.close().catch(() => undefined);
    throw e;
  }
  return store;
}

/**
 * Reading only (`cloudops audit`, the source of `store copy`): creates and migrates nothing, and works on
 * a read-only copy kept as evidence. SQLite needs to create the WAL index (`-shm`) next to a WAL-mode
 * file even to read it; where it may not and there is no `-wal` file (so the main file holds everything),
 * the file's bytes are read into memory instead, marked as rollback-journal mode (header bytes 18-19) so
 * SQLite reads them as they are. A Postgres URL is opened as it is (nothing is written by reading).
 */
export async function openReadOnlyStore(target: string): Promise<SqlStore> {
  if (/^postgres(ql)?:\/\//i.test(target)) return openSqlStore(target);
  return SqliteStore.wrap(openReadOnly(target), target);
}

function openReadOnly(path: string): BetterSqlite3.Database {
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw unreadable(path, e);
  }
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    return db;
  } catch (e) {
    db.close();
    const code = (e as { code?: string }).code;
    if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code ?? '') || existsSync(`${path}-wal`)) throw unreadable(path, e);
  }
  try {
    return openSnapshot(path);
  } catch (e) {
    throw unreadable(path, e);
  }
}

/** A file that is not a SQLite store (a config file, a truncated copy): say which file, why, and what to pass. */
function unreadable(path: string, e: unknown): StoreError {
  const code = (e as { code?: string }).code;
  return new StoreError(
    `sqlite ${path}: cannot read the store (${(e as Error).message}` +
      `${code ? `, ${code}` : ''}); point --store (or store.path) at the bot's SQLite ` +
      `store file`,
    'STORE_OPEN',
  );
}

/** The file's bytes as a read-only in-memory database (a WAL-mode file is read as rollback-journal mode). */
export function openSnapshot(path: string): BetterSqlite3.Database {
  const bytes = readFileSync(path);
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new BetterSqlite3(bytes, { readonly: true });
}
