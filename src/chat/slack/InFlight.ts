/**
 * Work started after Slack was acknowledged (the 3-second rule), so stop() and tests can wait for it
 * to finish instead of sleeping.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly onError: (e: Error) => void) {}

  add(work: Promise<unknown>): void {
    const p = work.catch((e: Error) => this.onError(e)).finally(() => this.running.delete(p));
    this.running.add(p);
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once nothing is running, including work that running work started meanwhile. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running]);
  }
}
