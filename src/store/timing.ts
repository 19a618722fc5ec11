/**
 * Store latency, measured at one seam: the SqlStore every repository shares (every query, run, exec and
 * transaction), on either engine. `observe` hears the engine, the
 * statement's kind (select, insert, update, delete, transaction, other) and the seconds it took.
 */
import type { SqlStore } from './sql/SqlStore';

export type StoreObserver = (engine: string, operation: string, seconds: number) => void;

/** The statement's kind from its first keyword (WITH ... counts as select). */
export function statementKind(sql: string): string {
  const word = /^\s*(?:--[^\n]*\n\s*)*(\w+)/.exec(sql)?.[1]?.toLowerCase() ?? '';
  if (word === 'with') return 'select';
  return ['select', 'insert', 'update', 'delete', 'replace'].includes(word) ? (word === 'replace' ? 'insert' : word) : 'other';
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
      if (prop === 'query' || prop === 'run')
        return (sql: string, params?: never) =>
          time(statementKind(sql), () => (target[prop] as (s: string, p?: never) => Promise<unknown>)(sql, params));
      if (prop === 'transaction') return (fn: never, options?: never) => time('transaction', () => target.transaction(fn, options));
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
