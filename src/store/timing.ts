/**
 * Store latency, measured at one seam: the SQLite handle the repositories share (every statement it
 * prepares), or an SqlStore (every query, run, exec and transaction). `observe` hears the engine, the
 * statement's kind (select, insert, update, delete, transaction, other) and the seconds it took.
 */
import type { Db } from './Database';
import type { SqlStore } from './sql/SqlStore';

export type StoreObserver = (engine: string, operation: string, seconds: number) => void;

/** The statement's kind from its first keyword (WITH ... counts as select). */
export function statementKind(sql: string): string {
  const word = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (word === 'with') return 'select';
  return ['select', 'insert', 'update', 'delete', 'replace'].includes(word) ? (word === 'replace' ? 'insert' : word) : 'other';
}

function timed<A extends unknown[], R>(fn: (...args: A) => R, tell: (seconds: number) => void): (...args: A) => R {
  return (...args: A): R => {
    const started = performance.now();
    try {
      return fn(...args);
    } finally {
      tell((performance.now() - started) / 1000);
    }
  };
}

/** Time every statement `db` prepares from now on (run, get, all). Returns the same handle. */
export function timeDatabase(db: Db, observe: StoreObserver): Db {
  const prepare = db.prepare.bind(db);
  (db as { prepare: Db['prepare'] }).prepare = ((sql: string) => {
    const statement = prepare(sql);
    const kind = statementKind(sql);
    const tell = (seconds: number) => observe('sqlite', kind, seconds);
    for (const method of ['run', 'get', 'all'] as const) {
      const original = (statement[method] as (...a: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = timed(original, tell);
    }
    return statement;
  }) as Db['prepare'];
  return db;
}

/** An SqlStore whose every statement and transaction is timed; everything else is the store itself. */
export function timeSqlStore(store: SqlStore, observe: StoreObserver): SqlStore {
  const time = async <T>(operation: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      observe(store.engine, operation, (performance.now() - started) / 1000);
    }
  };
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'query' || prop === 'run') return (sql: string, params?: never) => time(statementKind(sql), () => (target[prop] as (s: string, p?: never) => Promise<unknown>)(sql, params));
      if (prop === 'transaction') return (fn: never, options?: never) => time('transaction', () => target.transaction(fn, options));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
