import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../config';
import { storeFile } from '../main';
import { isPostgresUrl, migrate, openSqlStore, StoreError, storeTarget, type StoreTarget } from '../store';

export interface StoreMigrateOptions {
  config?: string;
  store?: string;
  json?: boolean;
}

/** Which store the command works on: --store (a file or a postgres:// URL), else the config's (DATABASE_URL, store.url, store.path). */
export function migrateTarget(loaded: LoadedConfig, store?: string): StoreTarget {
  if (store) return isPostgresUrl(store) ? { engine: 'postgres', url: store } : { engine: 'sqlite', path: store };
  return storeTarget(loaded.config.store, storeFile(loaded));
}

/**
 * `cloudops store migrate`: apply the migrations the store lacks (under the store's migration lock, so
 * replicas starting at the same moment are safe) and print what was applied. Exit 0, or 1 with the
 * store's message (never the password).
 */
export async function storeMigrateCommand(target: StoreTarget, opts: StoreMigrateOptions, io: { output: NodeJS.WritableStream; error: NodeJS.WritableStream }): Promise<number> {
  let store;
  try {
    store = await openSqlStore(target);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.error.write(`cloudops store migrate: ${e.message}\n`);
    return 1;
  }
  try {
    const result = await migrate(store);
    if (opts.json) {
      io.output.write(`${JSON.stringify({ engine: store.engine, store: store.location, ...result })}\n`);
    } else if (result.applied.length) {
      io.output.write(`${store.location} (${store.engine}): applied ${result.applied.length} migration(s)${result.alreadyApplied.length ? `, ${result.alreadyApplied.length} were already applied` : ''}:\n`);
      for (const id of result.applied) io.output.write(`  ${id}\n`);
    } else {
      io.output.write(`${store.location} (${store.engine}): up to date, all ${result.alreadyApplied.length} migration(s) already applied\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.error.write(`cloudops store migrate: ${e.message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** `cloudops store migrate`. */
export function registerStoreCommand(program: Command): void {
  const store = program.command('store').description('the store: `store migrate` creates or updates its tables (SQLite file or Postgres)');
  store
    .command('migrate')
    .description('apply the schema migrations the store lacks and print them; safe to run from several replicas at once')
    .option('-c, --config <file>', 'config file (its store.url, or store.path; DATABASE_URL overrides both)')
    .option('--store <file-or-url>', 'a SQLite file or a postgres:// URL (prefer DATABASE_URL for a URL with a password: arguments show in process lists)')
    .option('--json', 'one JSON object: engine, store, applied, alreadyApplied')
    .action(async (opts: StoreMigrateOptions) => {
      const target = migrateTarget(loadConfig(opts.config), opts.store);
      process.exitCode = await storeMigrateCommand(target, opts, { output: process.stdout, error: process.stderr });
    });
}
