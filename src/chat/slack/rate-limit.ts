/**
 * Slack answers a burst with HTTP 429 and Retry-After. The WebClient's own handling pauses every call
 * it has queued (approvals too) for as long as Slack says, as often as Slack says; instead we let it
 * reject the call and retry that one call here, a bounded number of times and for a bounded wait.
 */
export interface RetryBounds {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Give up rather than wait longer than this for one retry. */
  maxWaitSeconds: number;
}

/** Card updates, refusals and answers to a person: worth waiting for. */
export const INTERACTIVE: RetryBounds = { attempts: 4, maxWaitSeconds: 30 };
/** Progress lines: the next update carries them anyway, so give up sooner. */
export const BACKGROUND: RetryBounds = { attempts: 2, maxWaitSeconds: 10 };

export class SlackRateLimited extends Error {
  constructor(
    readonly method: string,
    readonly retryAfter: number,
    attempts: number,
  ) {
    super(`Slack rate-limited ${method} ${attempts} time(s) (last Retry-After ${retryAfter}s); giving up on this call`);
    this.name = 'SlackRateLimited';
  }
}

function retryAfterOf(e: unknown): number | undefined {
  const err = e as { code?: string; retryAfter?: number };
  return err?.code === 'slack_webapi_rate_limited_error' && typeof err.retryAfter === 'number' ? err.retryAfter : undefined;
}

export async function withRateLimitRetry<T>(
  method: string,
  call: () => Promise<T>,
  bounds: RetryBounds,
  sleep: (ms: number) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const wait = retryAfterOf(e);
      if (wait === undefined) throw e;
      if (attempt >= bounds.attempts || wait > bounds.maxWaitSeconds) throw new SlackRateLimited(method, wait, attempt);
      await sleep(wait * 1000);
    }
  }
}
