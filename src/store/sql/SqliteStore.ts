import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { KeyedQueue } from './local-queue';
import { checkParamCount, countPlaceholders, oneLine } from './placeholders';
import { StoreError, type LockOptions, type SqlExecutor, type SqlStore, type SqlValue } from './SqlStore';
import { TransactionGuard } from './transaction-guard';

export interface SqliteOptions {
  /** How long a statement waits for another process's write lock before failing (default 5000 ms). */
  busyTimeoutMs?: number;
  /** How long a `withLock` row lives without a heartbeat, so a killed process's lock runs out (default 30 s). */
  lockTtlMs?: number;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
/** Per file: every connection to one file in this process takes turns (see KeyedQueue). */
const FILES = new KeyedQueue();
const LOCK_WAITERS = new KeyedQueue();
let memoryStores = 0;

/**
 * The embedded engine: one better-sqlite3 connection to one file (WAL mode). better-sqlite3 is
 * synchronous, so every call runs whole before the next starts; a transaction holds the connection (later
 * calls queue behind it) and takes the write lock up front with BEGIN IMMEDIATE, so two processes on the
 * same file never deadlock halfway through one: the second waits up to the busy timeout.
 */
export class SqliteStore implements SqlStore {
  readonly engine = 'sqlite' as const;
  private readonly fileKey: string;
  private readonly guard = new TransactionGuard();
  private readonly lockTtlMs: number;
  private locksReady = false;
  private closed = false;

  private constructor(
    private readonly db: BetterSqlite3.Database,
    readonly location: string,
    options: SqliteOptions,
  ) {
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.fileKey = location === ':memory:' ? `:memory:${++memoryStores}` : resolve(location);
  }

  /** Open (or create, with its folder) the file; `:memory:` for a throwaway store. */
  static open(path: string, options: SqliteOptions = {}): SqliteStore {
    let db: BetterSqlite3.Database;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      db = new BetterSqlite3(path);
      db.pragma('journal_mode = WAL');
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
      db.pragma('foreign_keys = ON');
    } catch (e) {
      throw new StoreError(
        `sqlite ${path}: cannot open the store (${(e as Error).message}); point store.path ` +
          `(or --store) at a file in a folder the bot can write`,
        'STORE_OPEN',
      );
    }
    return new SqliteStore(db, path, options);
  }

  /** A store over a connection opened elsewhere (a read-only file or snapshot: `openReadOnlyStore`). */
  static wrap(db: BetterSqlite3.Database, location: string, options: SqliteOptions = {}): SqliteStore {
    return new SqliteStore(db, location, options);
  }

  query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.guard.check('query');
    return this.serial(async () => this.queryNow<T>(sql, params));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    this.guard.check('run');
    return this.serial(async () => this.runNow(sql, params));
  }

  exec(script: string): Promise<void> {
    this.guard.check('exec');
    return this.serial(async () => this.execNow(script));
  }

  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.guard.check('transaction');
    return this.serial(async () => {
      this.attempt('BEGIN IMMEDIATE', () => this.db.exec('BEGIN IMMEDIATE'));
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params: readonly SqlValue[] = []) => this.queryNow<R>(sql, params),
        run: async (sql: string, params: readonly SqlValue[] = []) => this.runNow(sql, params),
        exec: async (script: string) => this.execNow(script),
      };
      try {
        const result = await this.guard.within(() => fn(tx));
        this.attempt('COMMIT', () => this.db.exec('COMMIT'));
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    });
  }

  async withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    this.guard.check('withLock');
    await this.ensureLockTable();
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const timeout = () =>
      new StoreError(
        `sqlite ${this.location}: the lock "${name}" is still held by another process after ` +
          `${Math.round(timeoutMs / 1000)} s; try again when it has finished`,
        'STORE_LOCK_TIMEOUT',
      );
    return LOCK_WAITERS.runWithin(`${this.fileKey}\0${name}`, timeoutMs, timeout, (remainingMs) =>
      this.holdLock(name, fn, remainingMs, timeout),
    );
  }

  /** Take the lock row (waiting for another process to let go), keep it fresh while `fn` runs, then drop it. */
  private async holdLock<T>(name: string, fn: () => Promise<T>, remainingMs: number, timeout: () => StoreError): Promise<T> {
    const owner = `${process.pid}:${randomUUID()}`;
    const deadline = Date.now() + remainingMs;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      const got = await this.transaction(async (tx) => {
        const now = Date.now();
        // A lock whose holder stopped refreshing it (killed process) has run out.
        await tx.run('DELETE FROM store_locks WHERE name = ? AND expires_at < ?', [name, now]);
        return (
          (
            await tx.run('INSERT INTO store_locks (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING', [
              name,
              owner,
              now + this.lockTtlMs,
            ])
          ).changes === 1
        );
      });
      if (got) break;
      if (Date.now() >= deadline) throw timeout();
      await delay(wait);
    }
    const heartbeat = setInterval(
      () => {
        void this.run('UPDATE store_locks SET expires_at = ? WHERE name = ? AND owner = ?', [
          Date.now() + this.lockTtlMs,
          name,
          owner,
        ]).catch(() => undefined);
      },
      Math.max(10, Math.floor(this.lockTtlMs / 3)),
    );
    heartbeat.unref();
    try {
      return await fn();
    } finally {
      clearInterval(heartbeat);
      if (!this.closed) await this.run('DELETE FROM store_locks WHERE name = ? AND owner = ?', [name, owner]);
    }
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      if (this.closed) return;
      this.closed = true;
      this.db.close();
    });
  }

  private async ensureLockTable(): Promise<void> {
    if (this.locksReady) return;
    await this.exec('CREATE TABLE IF NOT EXISTS store_locks (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL)');
    this.locksReady = true;
  }

  /** Calls run one at a time, in order, each after the previous one (and any transaction) has ended. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    return FILES.run(this.fileKey, () => {
      if (this.closed) throw new StoreError(`sqlite ${this.location}: the store is closed`, 'STORE_CLOSED');
      return fn();
    });
  }

  private queryNow<T>(sql: string, params: readonly SqlValue[]): T[] {
    return this.attempt(sql, () => {
      const stmt = this.prepare(sql, params);
      const values = params.map(toSqlite);
      if (!stmt.reader) {
        stmt.run(...values);
        return [];
      }
      return stmt.all(...values) as T[];
    });
  }

  private runNow(sql: string, params: readonly SqlValue[]): { changes: number } {
    return this.attempt(sql, () => ({ changes: this.prepare(sql, params).run(...params.map(toSqlite)).changes }));
  }

  private execNow(script: string): void {
    this.attempt(script, () => this.db.exec(script));
  }

  private prepare(sql: string, params: readonly SqlValue[]): BetterSqlite3.Statement {
    checkParamCount(sql, countPlaceholders(sql), params.length);
    return this.db.prepare(sql);
  }

  /** Engine errors become StoreErrors naming the file, the SQLite code and the statement. */
  private attempt<T>(sql: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const code = (e as { code?: string }).code ?? 'SQLITE_ERROR';
      const busy = /^SQLITE_BUSY/.test(code) ? '; another process held the write lock past the busy timeout' : '';
      throw new StoreError(`sqlite ${this.location}: ${(e as Error).message} (${code}${busy}) in: ${oneLine(sql)}`, code);
    }
  }
}

function toSqlite(v: SqlValue): string | number | bigint | null | Buffer {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) throw new StoreError('a statement value is undefined; pass null for SQL NULL', 'STORE_PARAMS');
  return v;
}
