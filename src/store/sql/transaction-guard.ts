import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from './SqlStore';

/**
 * Inside `transaction(fn)`, statements go through `tx`. One sent on the store itself would wait for the
 * transaction to end (SQLite, one connection) or run outside it (Postgres, another connection): both
 * are bugs, so both engines refuse it with the same message.
 */
export class TransactionGuard {
  private readonly active = new AsyncLocalStorage<{ open: boolean }>();

  async within<T>(fn: () => Promise<T>): Promise<T> {
    // A timer or callback that fn left behind keeps this context: once the transaction has ended it is free to use the store.
    const tx = { open: true };
    try {
      return await this.active.run(tx, fn);
    } finally {
      tx.open = false;
    }
  }

  check(what: string): void {
    if (this.active.getStore()?.open) {
      throw new StoreError(
        `${what} was called on the store inside its own transaction; use the \`tx\` handed to the transaction's function`,
        'STORE_OUTSIDE_TX',
      );
    }
  }
}
