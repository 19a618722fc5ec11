/**
 * Promise queues by key, for what one process must do one at a time: statements on one SQLite file
 * (several connections to it in one process would otherwise block each other inside the event loop),
 * and waiters for one named lock (so a process queues them itself instead of tying up one pooled
 * connection, or one polling loop, per waiter).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /**
   * As `run`, but give up with `timeout()` if `fn` has not started within `timeoutMs`; `fn` is told how
   * much of that time is left for its own wait.
   */
  runWithin<T>(key: string, timeoutMs: number, timeout: () => Error, fn: (remainingMs: number) => Promise<T>): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    return new Promise<T>((resolve, reject) => {
      let state: 'waiting' | 'started' | 'gave-up' = 'waiting';
      const timer = setTimeout(() => {
        if (state !== 'waiting') return;
        state = 'gave-up';
        reject(timeout());
      }, timeoutMs);
      this.run(key, async () => {
        if (state === 'gave-up') return;
        state = 'started';
        clearTimeout(timer);
        await fn(Math.max(0, deadline - Date.now())).then(resolve, reject);
      }).catch(reject);
    });
  }
}
