import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Db = BetterSqlite3.Database;

/** Schema versions, applied in order, once each. Add new ones at the end; never edit an applied one. */
const MIGRATIONS: string[] = [
  `CREATE TABLE approval_requests (
     id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     plan TEXT NOT NULL,
     requester TEXT NOT NULL,
     place TEXT NOT NULL,
     message TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     closed_by TEXT,
     result TEXT
   );
   CREATE INDEX approval_requests_state ON approval_requests(state);
   CREATE TABLE approval_votes (
     request_id TEXT NOT NULL REFERENCES approval_requests(id),
     user_key TEXT NOT NULL,
     user TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (request_id, user_key)
   );
   CREATE TABLE audit_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at TEXT NOT NULL,
     request_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     actor TEXT,
     data TEXT NOT NULL,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   );
   CREATE INDEX audit_log_request ON audit_log(request_id);`,
];

/** Open (or create) the SQLite file and bring its schema up to date. `:memory:` for tests. */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO schema_version (version) VALUES (0)').run();
  for (; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.prepare('UPDATE schema_version SET version = ?').run(version + 1);
    })();
  }
  return db;
}

/** Register a migration from another module (inventory cache, digests) before opening. */
export function addMigration(sql: string): void {
  MIGRATIONS.push(sql);
}
