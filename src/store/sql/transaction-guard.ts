import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from './SqlStore';

/**
 * Inside `transaction(fn)`, statements go through `tx`. One sent on the store itself would wait for the
 * transaction to end (SQLite, one connection) or run outside it (Postgres, another connection): both
 * are bugs, so both engines refuse it with the same message.
 */
export class TransactionGuard {
  private readonly active = new AsyncLocalStorage<true>();

  within<T>(fn: () => Promise<T>): Promise<T> {
    return this.active.run(true, fn);
  }

  check(what: string): void {
    if (this.active.getStore()) {
      throw new StoreError(`${what} was called on the store inside its own transaction; use the \`tx\` handed to the transaction's function`, 'STORE_OUTSIDE_TX');
    }
  }
}
