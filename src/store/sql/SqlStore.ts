/**
 * One asynchronous SQL interface over two engines: SQLite (better-sqlite3, one file, the default) and
 * Postgres (`pg`, a pool, for several replicas). Statements use `?` placeholders on both; the Postgres
 * engine numbers them (`$1`, `$2`, ...). Write SQL both engines accept (see docs/store.md), or branch
 * on `engine` where they differ.
 */
export type SqlEngine = 'sqlite' | 'postgres';

/** What a placeholder may stand for. Booleans are stored as 1/0 on SQLite. */
export type SqlValue = string | number | bigint | boolean | null | Buffer;

/** Statements inside a transaction (or outside one, on the store itself). */
export interface SqlExecutor {
  /** Rows of a statement that returns rows (SELECT, or INSERT ... RETURNING); [] for one that does not. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement that changes rows: how many it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Postgres: how many times a transaction that failed with a serialization failure (40001) or a
   * deadlock (40P01) is run again from the start, so `fn` must have no effect outside the database.
   * Default 3. SQLite takes the write lock up front (BEGIN IMMEDIATE) and never needs a retry.
   */
  retries?: number;
  /** Postgres isolation level; default read committed. SQLite transactions are always serializable. */
  isolation?: 'read committed' | 'repeatable read' | 'serializable';
}

export interface LockOptions {
  /** How long to wait for the lock before failing with a StoreError (default 60 s). */
  timeoutMs?: number;
}

export interface SqlStore extends SqlExecutor {
  readonly engine: SqlEngine;
  /** Where it is, safe to print: the file, or the URL with its password replaced by `***`. */
  readonly location: string;
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws (the error is
   * passed on). Statements on the store itself wait until the transaction ends (SQLite: one connection).
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Run `fn` while holding the named lock, across every process sharing the database (Postgres: a
   * session advisory lock; SQLite: a row in `store_locks` with an expiry that `fn`'s run keeps fresh).
   * `fn` may use the store freely.
   */
  withLock<T>(name: string, fn: () => Promise<T>, options?: LockOptions): Promise<T>;
  close(): Promise<void>;
}

/** A store failure a person will read: what failed, where (password never included), what to do. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly sqlState?: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
