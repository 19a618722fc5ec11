import { openStoreMigrated, type SqlStore } from '../../src/store';
import { testDatabase } from './postgres';

/** The two engines every store-backed test runs on (describe.each(ENGINES)). */
export const ENGINES = ['sqlite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * A migrated store of its own: SQLite in memory, or a fresh database on the run's embedded Postgres
 * (test/postgres/global-setup.js). `file`: a SQLite file instead of memory (several connections share it).
 */
export async function freshStore(engine: Engine, prefix = 't', file?: string): Promise<SqlStore> {
  return openStoreMigrated(engine === 'sqlite' ? (file ?? ':memory:') : await testDatabase(prefix));
}

/** Where a store lives, for opening it again (a second replica): a SQLite file under `dir`, or a fresh Postgres database's URL. */
export async function storeLocation(engine: Engine, file: string, prefix = 't'): Promise<string> {
  return engine === 'sqlite' ? file : testDatabase(prefix);
}
