import { PostgresStore, type PostgresOptions } from './PostgresStore';
import { SqliteStore, type SqliteOptions } from './SqliteStore';
import type { SqlStore } from './SqlStore';
import { isPostgresUrl, type StoreTarget } from './store-url';

/**
 * Which store a config names: `store.url` (a postgres:// URL, which `DATABASE_URL` overrides at load
 * time) selects Postgres; otherwise the SQLite file at `store.path` (or the path given here).
 */
export function storeTarget(store: { path: string; url?: string }, path: string = store.path): StoreTarget {
  if (store.url) return { engine: 'postgres', url: store.url };
  return { engine: 'sqlite', path };
}

/** Open the store a target names: a Postgres pool (checked with one query), or the SQLite file. */
export async function openSqlStore(target: StoreTarget | string, options: SqliteOptions & PostgresOptions = {}): Promise<SqlStore> {
  const t: StoreTarget =
    typeof target === 'string'
      ? isPostgresUrl(target)
        ? { engine: 'postgres', url: target }
        : { engine: 'sqlite', path: target }
      : target;
  if (t.engine === 'postgres') return PostgresStore.connect(t.url, options);
  return SqliteStore.open(t.path, options);
}
