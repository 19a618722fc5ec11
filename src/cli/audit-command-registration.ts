import type { Command } from 'commander';
import type { CliIo } from './cli-io';
import { loadConfig } from '../config';
import { storeFile } from '../main';
import { AuditRepository, isPostgresUrl, openReadOnlyStore, StoreError } from '../store';
import { AuditCommandError, checkStoreExists, listAudit, parseHead, printHead, verifyAudit, type AuditListOptions } from './audit-command';

interface StoreOptions {
  config?: string;
  store?: string;
}

/** The trail named by --store (a file or a postgres:// URL), else the config's store (DATABASE_URL, store.url, store.path). */
function auditStore(opts: StoreOptions): string {
  if (opts.store) return opts.store;
  const loaded = loadConfig(opts.config);
  return loaded.config.store.url ?? storeFile(loaded);
}

async function withAudit<T>(opts: StoreOptions, fn: (audit: AuditRepository) => Promise<T>): Promise<T> {
  const target = auditStore(opts);
  if (!isPostgresUrl(target)) checkStoreExists(target);
  // Read-only: the trail can be listed and verified from a read-only copy kept as evidence.
  const store = await openReadOnlyStore(target);
  try {
    return await fn(new AuditRepository(store));
  } finally {
    await store.close();
  }
}

function fail(e: unknown, io: CliIo): void {
  if (e instanceof StoreError) {
    io.stderr.write(`cloudops audit: ${e.message}\n`);
    io.exitCode = 1;
    return;
  }
  if (!(e instanceof AuditCommandError)) throw e;
  io.stderr.write(`cloudops audit: ${e.message}\n`);
  io.exitCode = 2;
}

/** `cloudops audit [--since 24h] [--json]`, `cloudops audit verify [--head N:HASH]` and `cloudops audit head`. */
export function registerAuditCommand(program: Command, io: CliIo): void {
  const audit = program
    .command('audit')
    .description('list the audit trail (--json: one object per line for a SIEM); `audit verify` checks its hash chain')
    .option('-c, --config <file>', 'config file (its store.path is the trail)')
    .option('--store <path>', "the store: a SQLite file or a postgres:// URL (default: the config's DATABASE_URL, store.url or store.path)")
    .option('--since <when>', 'only records since: a duration (30m, 24h, 7d) or a date (2026-11-20, UTC)')
    .option('--request <id>', 'only the records of one request')
    .option('--kind <kinds...>', 'only these kinds (request, plan, approval, refusal, aws-call, result, ...)')
    .option('--json', 'one JSON object per line (seq, at, requestId, kind, actor, data, prevHash, hash)')
    .action(async (opts: StoreOptions & AuditListOptions) => {
      try {
        await withAudit(opts, (trail) => listAudit(trail, opts, io.stdout));
      } catch (e) {
        fail(e, io);
      }
    });
  audit
    .command('verify')
    .description('walk the hash chain: exit 0 when intact, 1 when a record was edited or deleted')
    .option('-c, --config <file>', 'config file (its store.path is the trail)')
    .option('--store <path>', "the store: a SQLite file or a postgres:// URL (default: the config's DATABASE_URL, store.url or store.path)")
    .option('--json', 'the verdict as one JSON object')
    .option('--head <N:HASH>', 'a head noted earlier (`cloudops audit head`): also prove nothing up to record N was rewritten')
    .action(async (opts: StoreOptions & { json?: boolean; head?: string }, cmd: Command) => {
      const merged = { ...(cmd.parent?.opts() as StoreOptions), ...opts };
      try {
        const anchor = merged.head === undefined ? undefined : parseHead(merged.head);
        io.exitCode = await withAudit(merged, (trail) => verifyAudit(trail, io.stdout, !!merged.json, anchor));
      } catch (e) {
        fail(e, io);
      }
    });
  audit
    .command('head')
    .description(
      'print the newest record as N:HASH; note it outside the store, later `audit verify ' +
        '--head N:HASH` proves nothing up to it was rewritten',
    )
    .option('-c, --config <file>', 'config file (its store.path is the trail)')
    .option('--store <path>', "the store: a SQLite file or a postgres:// URL (default: the config's DATABASE_URL, store.url or store.path)")
    .action(async (opts: StoreOptions, cmd: Command) => {
      const merged = { ...(cmd.parent?.opts() as StoreOptions), ...opts };
      try {
        io.exitCode = await withAudit(merged, (trail) => printHead(trail, io.stdout));
      } catch (e) {
        fail(e, io);
      }
    });
}
