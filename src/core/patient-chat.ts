import type { ChatMessage, ChatPlace, ChatSink, ChatUser, MessageRef } from './chat';
import type { Logger } from './ports';

export interface PatientChatOptions {
  log?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per call, the first included. */
  attempts?: number;
  /** The first wait between attempts; it doubles each time (a Retry-After the platform gives wins). */
  firstWaitMs?: number;
  /** Never wait longer than this for one retry. */
  maxWaitMs?: number;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Worth trying again: the network failed, or the platform said "slow down" (429, Retry-After) or had
 * a bad moment (5xx). Adapters' errors are looked at by shape only (code, status, the error they wrap),
 * so core names no platform. Anything else (a message that no longer exists, a missing scope) is final.
 */
export function transientChatError(e: unknown): { retryAfterMs?: number } | undefined {
  const seen = new Set<unknown>();
  for (
    let err = e as Record<string, unknown> | undefined;
    err && typeof err === 'object' && !seen.has(err);
    err = (err.original ?? err.cause) as Record<string, unknown> | undefined
  ) {
    seen.add(err);
    if (typeof err.retryAfter === 'number') return { retryAfterMs: err.retryAfter * 1000 };
    const status = typeof err.statusCode === 'number' ? err.statusCode : typeof err.status === 'number' ? err.status : undefined;
    if (status === 429 || (status !== undefined && status >= 500)) return {};
    if (typeof err.code === 'string' && NETWORK_CODES.has(err.code)) return {};
  }
  return undefined;
}

/**
 * The chat around a run, made patient: a call that fails for a passing reason is tried again with
 * backoff; one that still fails (or fails for good, like an edited card that was deleted) is logged and
 * swallowed. A chat failure never stops a run or leaves its request `executing`: the state in the store
 * is the truth, and later clicks and cards read it from there.
 */
export function patientChat(sink: ChatSink, options: PatientChatOptions = {}): ChatSink {
  const attempts = options.attempts ?? 4;
  const firstWait = options.firstWaitMs ?? 1000;
  const maxWait = options.maxWaitMs ?? 30_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  async function patiently<T>(call: string, detail: Record<string, unknown>, fn: () => Promise<T>): Promise<T | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (e) {
        const transient = transientChatError(e);
        const wait = Math.min(maxWait, transient?.retryAfterMs ?? firstWait * 2 ** (attempt - 1));
        if (!transient || attempt >= attempts) {
          options.log?.warn(
            { ...detail, call, attempt, err: (e as Error).message },
            `chat ${call} failed${transient ? ` ${attempt} times` : ''}; the run goes on without it`,
          );
          return undefined;
        }
        options.log?.info(
          { ...detail, call, attempt, waitMs: wait, err: (e as Error).message },
          `chat ${call} failed for a passing reason; trying again`,
        );
        await sleep(wait);
      }
    }
  }
  return {
    post: async (place: ChatPlace, message: ChatMessage): Promise<MessageRef> =>
      // A post that never landed has no id: updating it later does nothing.
      (await patiently('post', { channel: place.channel }, () => sink.post(place, message))) ?? { place, id: '' },
    update: async (ref: MessageRef, message: ChatMessage): Promise<void> => {
      if (!ref.id) return;
      await patiently('update', { channel: ref.place.channel, message: ref.id }, () => sink.update(ref, message));
    },
    whisper: async (place: ChatPlace, user: ChatUser, message: ChatMessage): Promise<void> => {
      await patiently('whisper', { channel: place.channel }, () => sink.whisper(place, user, message));
    },
  };
}
