/**
 * Request work taken a few at a time, in arrival order, each piece starting on a fresh turn of the event
 * loop. Planning is CPU work on the only thread: when every request started at once, their plans ran
 * back to back in one turn and a new request's acknowledgement (Slack's 3-second rule) waited behind
 * all of them (ack p50 719 ms for a burst of 50 at 100k resources). With lanes, at most `width` pieces
 * run between two chances for the HTTP server to answer.
 *
 * A lane is held until the work ends or for `holdMs`, whichever is first: a run that then waits minutes
 * for an instance to stop (mostly sleeping) gives its lane back instead of starving the queue.
 */
export class Lanes {
  private busy = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly width = 2,
    private readonly holdMs = 250,
  ) {}

  /** How many pieces of work wait for a lane. */
  get waiting(): number {
    return this.queue.length;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        let released = false;
        const release = () => {
          if (released) return;
          released = true;
          clearTimeout(timer);
          const next = this.queue.shift();
          if (next) next();
          else this.busy -= 1;
        };
        const timer = setTimeout(release, this.holdMs);
        timer.unref?.();
        // A fresh turn: I/O that arrived meanwhile (new requests, their acknowledgements) goes first.
        setImmediate(() => {
          work().then(resolve, reject).finally(release);
        });
      };
      if (this.busy < this.width) {
        this.busy += 1;
        start();
      } else this.queue.push(start);
    });
  }
}
