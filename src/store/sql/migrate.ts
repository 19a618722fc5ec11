import { StoreError, type SqlStore } from './SqlStore';
import { sqlMigrations, type SqlMigration } from './migrations';

export interface MigrationResult {
  /** Ids applied by this run, in order. */
  applied: string[];
  /** Ids that were already applied before. */
  alreadyApplied: string[];
}

const LOCK = 'schema-migrations';

/**
 * Apply the migrations this database lacks, each in its own transaction with its `schema_migrations`
 * row, all under one store lock: two processes starting together take turns, and the second finds
 * everything applied.
 */
export async function migrate(
  store: SqlStore,
  migrations: SqlMigration[] = sqlMigrations(),
  now: () => Date = () => new Date(),
): Promise<MigrationResult> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new StoreError(`migration ${m.id} is listed twice; give each migration an id of its own`, 'STORE_MIGRATION');
    ids.add(m.id);
  }
  return store.withLock(LOCK, async () => {
    await store.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    const done = new Set((await store.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name));
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (done.has(m.id)) {
        result.alreadyApplied.push(m.id);
        continue;
      }
      const script = store.engine === 'postgres' ? m.postgres : m.sqlite;
      if (!script.trim())
        throw new StoreError(
          `migration ${m.id} has no ${store.engine === 'postgres' ? 'Postgres' : 'SQLite'} ` +
            `version; add it (src/store/sql/migrations.ts) before migrating a ${store.engine} ` +
            `store`,
          'STORE_MIGRATION',
        );
      try {
        await store.transaction(async (tx) => {
          await tx.exec(script);
          await tx.run('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)', [m.id, now().toISOString()]);
        });
      } catch (e) {
        throw new StoreError(
          `migration ${m.id} failed on ${store.location}, nothing of it was applied: ${(e as Error).message}`,
          'STORE_MIGRATION',
          (e as StoreError).sqlState,
        );
      }
      result.applied.push(m.id);
    }
    return result;
  });
}
