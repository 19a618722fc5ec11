import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ConfigError, loadConfig, type LoadedConfig } from '../config';
import { storeFile } from '../main';
import {
  AuditRepository,
  openReadOnlyStore,
  copyStore,
  isPostgresUrl,
  migrate,
  openSqlStore,
  redactUrl,
  StoreError,
  storeTarget,
  type SqlStore,
  type StoreTarget,
} from '../store';
import { UsageError } from './usage-error';
import type { CliIo } from './cli-io';

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
export async function storeMigrateCommand(
  target: StoreTarget,
  opts: StoreMigrateOptions,
  io: { output: NodeJS.WritableStream; error: NodeJS.WritableStream },
): Promise<number> {
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
      io.output.write(
        `${store.location} (${store.engine}): applied ${result.applied.length} migration(s)` +
          `${result.alreadyApplied.length ? `, ${result.alreadyApplied.length} were already applied` : ''}` +
          `:\n`,
      );
      for (const id of result.applied) io.output.write(`  ${id}\n`);
    } else {
      io.output.write(
        `${store.location} (${store.engine}): up to date, all ${result.alreadyApplied.length} migration(s) already applied\n`,
      );
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

export interface StoreCopyOptions {
  config?: string;
  from?: string;
  to?: string;
}

/** Where `store copy` reads and writes: --from (default the config's SQLite file) and --to (default DATABASE_URL / store.url). */
export function copyTargets(loaded: LoadedConfig, opts: StoreCopyOptions): { from: string; to: string } {
  const from = opts.from ? opts.from.replace(/^sqlite:/, '') : storeFile(loaded);
  if (isPostgresUrl(from))
    throw new UsageError('store copy: --from is the SQLite file to copy (sqlite:FILE or FILE); copying out of Postgres is not supported');
  const to = opts.to ?? loaded.config.store.url;
  if (!to)
    throw new UsageError(
      'store copy: name the Postgres database to copy into: set DATABASE_URL (or store.url), or pass --to postgres://...',
    );
  if (!isPostgresUrl(to)) throw new UsageError(`store copy: --to must be a postgres:// URL, not ${redactUrl(to)}`);
  return { from, to };
}

/**
 * `cloudops store copy`: move an installation from its SQLite file to Postgres. The source's audit chain
 * must verify; the target is migrated, must be empty, and receives everything in one transaction; then
 * every table is compared row for row. Exit 0 when verified, 1 otherwise (nothing is switched over).
 */
export async function storeCopyCommand(
  from: string,
  to: string,
  io: { output: NodeJS.WritableStream; error: NodeJS.WritableStream },
): Promise<number> {
  if (from !== ':memory:' && !existsSync(from))
    throw new ConfigError(`store copy: there is no SQLite store at ${from}; pass --from sqlite:FILE (the bot's store.path)`);
  let db: SqlStore;
  try {
    db = await openReadOnlyStore(from);
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.error.write(`cloudops store copy: ${e.message}; nothing was copied\n`);
    return 1;
  }
  let chain;
  try {
    chain = await new AuditRepository(db).verify();
  } finally {
    await db.close();
  }
  if (!chain.ok) {
    io.error.write(
      `cloudops store copy: the audit chain in ${from} is broken (${chain.problem}); ` +
        `\`cloudops audit verify --store ${from}\` lists every problem. Nothing was copied.\n`,
    );
    return 1;
  }
  const stores: SqlStore[] = [];
  try {
    const source = await openSqlStore({ engine: 'sqlite', path: from });
    stores.push(source);
    const target = await openSqlStore({ engine: 'postgres', url: to });
    stores.push(target);
    const migrated = await migrate(target);
    if (migrated.applied.length) io.output.write(`${target.location}: applied ${migrated.applied.length} migration(s) first\n`);
    const copied = await copyStore(source, target);
    io.output.write(`copied ${source.location} (sqlite) to ${target.location} (postgres):\n`);
    const width = Math.max(...copied.map((t) => t.table.length));
    for (const t of copied) io.output.write(`  ${t.table.padEnd(width)}  ${t.rows} row(s)\n`);
    io.output.write(`verified: every table holds the same rows on both sides; audit chain intact (${chain.records} record(s))\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    io.error.write(`cloudops store copy: ${e.message}\n`);
    return 1;
  } finally {
    for (const s of stores) await s.close();
  }
}

/** `cloudops store migrate` and `cloudops store copy`. */
export function registerStoreCommand(program: Command, cli: CliIo): void {
  const store = program
    .command('store')
    .description(
      'the store: `store migrate` creates or updates its tables (SQLite file or Postgres); ' +
        '`store copy` moves a SQLite installation to Postgres',
    );
  store
    .command('migrate')
    .description('apply the schema migrations the store lacks and print them; safe to run from several replicas at once')
    .option('-c, --config <file>', 'config file (its store.url, or store.path; DATABASE_URL overrides both)')
    .option(
      '--store <file-or-url>',
      'a SQLite file or a postgres:// URL (prefer DATABASE_URL for a URL with a password: arguments show in process lists)',
    )
    .option('--json', 'one JSON object: engine, store, applied, alreadyApplied')
    .action(async (opts: StoreMigrateOptions) => {
      const target = migrateTarget(loadConfig(opts.config), opts.store);
      cli.exitCode = await storeMigrateCommand(target, opts, { output: cli.stdout, error: cli.stderr });
    });
  store
    .command('copy')
    .description('copy an installation from its SQLite file into an empty Postgres database, then verify every table row for row')
    .option('-c, --config <file>', 'config file (its store.path is the default source, its store.url / DATABASE_URL the default target)')
    .option('--from <file>', 'the SQLite store to copy (sqlite:FILE or FILE; default: store.path)')
    .option(
      '--to <url>',
      'the Postgres database (default: DATABASE_URL or store.url; a password on the command line shows in process lists)',
    )
    .action(async (opts: StoreCopyOptions) => {
      const { from, to } = copyTargets(loadConfig(opts.config), opts);
      cli.exitCode = await storeCopyCommand(from, to, { output: cli.stdout, error: cli.stderr });
    });
}
