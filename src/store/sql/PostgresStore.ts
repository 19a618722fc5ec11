import { createHash } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Pool, PoolClient, PoolConfig } from 'pg';

/** `pg` takes half a second to load: a bot on SQLite (the default, and most tests) never needs it. */
function pg(): typeof import('pg') {
  return require('pg');
}
import { KeyedQueue } from './local-queue';
import { checkParamCount, numberPlaceholders, oneLine } from './placeholders';
import { StoreError, type LockOptions, type SqlExecutor, type SqlStore, type SqlValue, type TransactionOptions } from './SqlStore';
import { parsePostgresUrl, redactUrl, scrub } from './store-url';
import { TransactionGuard } from './transaction-guard';

export interface PostgresOptions {
  /** Connections in the pool (default 10). */
  max?: number;
  /** How long to wait for a connection to open (default 10 s). */
  connectTimeoutMs?: number;
  /** Where errors on idle pooled connections go (a restarted server); the next statement reports its own. */
  onIdleError?: (message: string) => void;
}

const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const RETRYABLE = new Set(['40001', '40P01']); // serialization_failure, deadlock_detected
const INT8 = 20;
const LOCK_WAITERS = new KeyedQueue();

/**
 * BIGINT (and COUNT(*)) come back as numbers like SQLite's integers, while they fit in a double;
 * beyond 2^53 they stay strings rather than lose digits.
 */
const parseTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 && format !== 'binary') {
      return (v: string) => {
        const n = Number(v);
        return Number.isSafeInteger(n) ? n : v;
      };
    }
    return pg().types.getTypeParser(oid, format as 'text');
  }) as typeof import('pg').types.getTypeParser,
};

/**
 * The engine for several replicas: a `pg` pool. `?` placeholders are numbered for Postgres; locks are
 * session advisory locks on a connection held for the lock's lifetime (a dead replica's connection
 * closes and its locks go with it).
 */
export class PostgresStore implements SqlStore {
  readonly engine = 'postgres' as const;
  readonly location: string;
  private readonly guard = new TransactionGuard();
  private ended = false;

  private constructor(
    private readonly pool: Pool,
    private readonly url: string,
  ) {
    this.location = redactUrl(url);
  }

  /** Connect and check the database answers; a failure names the URL (without its password) and the cause. */
  static async connect(url: string, options: PostgresOptions = {}): Promise<PostgresStore> {
    parsePostgresUrl(url);
    const config: PoolConfig = {
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      types: parseTypes,
      application_name: 'cloudops-bot',
    };
    const pool = new (pg().Pool)(config);
    const store = new PostgresStore(pool, url);
    pool.on('error', (e) => options.onIdleError?.(store.describe(e)));
    try {
      (await store.connectClient()).release();
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return store;
  }

  query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.guard.check('query');
    return this.queryOn<T>(this.pool, sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    this.guard.check('run');
    return this.runOn(this.pool, sql, params);
  }

  async exec(script: string): Promise<void> {
    this.guard.check('exec');
    await this.execOn(this.pool, script);
  }

  /**
   * BEGIN ... COMMIT on one pooled connection. A serialization failure (40001) or deadlock (40P01) rolls
   * back and runs `fn` again from the start, up to `retries` times, after a short random pause.
   */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    this.guard.check('transaction');
    const retries = options.retries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const client = await this.connectClient();
      let broken: Error | undefined;
      try {
        await this.execOn(client, options.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN');
        const tx: SqlExecutor = {
          query: <R>(sql: string, params: readonly SqlValue[] = []) => this.queryOn<R>(client, sql, params),
          run: (sql: string, params: readonly SqlValue[] = []) => this.runOn(client, sql, params),
          exec: (script: string) => this.execOn(client, script),
        };
        const result = await this.guard.within(() => fn(tx));
        await this.execOn(client, 'COMMIT');
        return result;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        const state = e instanceof StoreError ? e.sqlState : undefined;
        if (state && RETRYABLE.has(state) && attempt < retries) {
          await delay(10 + Math.floor(Math.random() * 40 * (attempt + 1)));
          continue;
        }
        throw e;
      } finally {
        client.release(broken);
      }
    }
  }

  async withLock<T>(name: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    this.guard.check('withLock');
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const timeout = () =>
      new StoreError(
        `postgres ${this.location}: the lock "${name}" is still held by another process ` +
          `after ${Math.round(timeoutMs / 1000)} s; try again when it has finished`,
        'STORE_LOCK_TIMEOUT',
        '55P03',
      );
    // Waiters in this process queue here, so they hold no pooled connection while they wait.
    return LOCK_WAITERS.runWithin(`${this.url}\0${name}`, timeoutMs, timeout, (remainingMs) =>
      this.holdLock(name, fn, remainingMs, timeout),
    );
  }

  /** Take the advisory lock on a connection of its own (waiting for other processes), run `fn`, let go. */
  private async holdLock<T>(name: string, fn: () => Promise<T>, remainingMs: number, timeout: () => StoreError): Promise<T> {
    const client = await this.connectClient();
    let broken: Error | undefined;
    try {
      await this.queryOn(client, "SELECT set_config('lock_timeout', ?, false)", [`${Math.max(1, Math.floor(remainingMs))}ms`]);
      try {
        await this.queryOn(client, 'SELECT pg_advisory_lock(?::bigint)', [lockKey(name)]);
      } catch (e) {
        if (e instanceof StoreError && e.sqlState === '55P03') throw timeout();
        throw e;
      } finally {
        await client.query('RESET lock_timeout').catch((e: Error) => {
          broken = e;
        });
      }
      try {
        return await fn();
      } finally {
        await this.queryOn(client, 'SELECT pg_advisory_unlock(?::bigint)', [lockKey(name)]).catch((e: Error) => {
          // Closing the connection releases the lock all the same.
          broken = e;
        });
      }
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.pool.end();
  }

  private async connectClient(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (e) {
      throw this.wrap(e, undefined);
    }
  }

  private async queryOn<T>(on: Pool | PoolClient, sql: string, params: readonly SqlValue[]): Promise<T[]> {
    const { text, count } = numberPlaceholders(sql);
    checkParamCount(sql, count, params.length);
    try {
      const result = await on.query(text, params.map(toPostgres));
      return (result.rows ?? []) as T[];
    } catch (e) {
      throw this.wrap(e, sql);
    }
  }

  private async runOn(on: Pool | PoolClient, sql: string, params: readonly SqlValue[]): Promise<{ changes: number }> {
    const { text, count } = numberPlaceholders(sql);
    checkParamCount(sql, count, params.length);
    try {
      const result = await on.query(text, params.map(toPostgres));
      return { changes: result.rowCount ?? 0 };
    } catch (e) {
      throw this.wrap(e, sql);
    }
  }

  private async execOn(on: Pool | PoolClient, script: string): Promise<void> {
    try {
      await on.query(script);
    } catch (e) {
      throw this.wrap(e, script);
    }
  }

  private describe(e: unknown): string {
    const err = e as { message?: string; code?: string };
    return scrub(`postgres ${this.location}: ${err.message || err.code || String(e)}`, this.url);
  }

  /** A pg or socket error as a StoreError: URL without password, SQLSTATE, the statement, what to do. */
  private wrap(e: unknown, sql: string | undefined): StoreError {
    if (e instanceof StoreError) return e;
    const err = e as { message?: string; code?: string; detail?: string };
    const state = typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) ? err.code : undefined;
    const network = err.code && !state ? err.code : undefined;
    let hint = '';
    if (network || /timeout|terminated|connect/i.test(err.message ?? ''))
      hint = '; check store.url / DATABASE_URL and that the server is running and reachable';
    if (state === '28P01' || state === '28000') hint = '; check the user and password (PGPASSWORD or the URL in DATABASE_URL)';
    if (state === '3D000') hint = '; create the database first (CREATE DATABASE), or fix the name in the URL';
    const parts = [`postgres ${this.location}: ${err.message || network || String(e)}`];
    if (err.detail) parts.push(` (${err.detail})`);
    if (state) parts.push(` (SQLSTATE ${state})`);
    if (sql) parts.push(` in: ${oneLine(sql)}`);
    return new StoreError(scrub(parts.join('') + hint, this.url), state ? `PG_${state}` : (network ?? 'PG_ERROR'), state);
  }
}

/** A 64-bit advisory lock key from the lock's name (the first 8 bytes of its SHA-256, signed). */
export function lockKey(name: string): string {
  return createHash('sha256').update(`cloudops:${name}`).digest().readBigInt64BE(0).toString();
}

/** Booleans as 1/0 like SQLite (Postgres reads '1'/'0' into a BOOLEAN column too). */
function toPostgres(v: SqlValue): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === undefined) throw new StoreError('a statement value is undefined; pass null for SQL NULL', 'STORE_PARAMS');
  return v;
}
