import type { ChatMessage, ChatSink, MessageRef } from '../../../src/core/chat';
import { patientChat, transientChatError } from '../../../src/core/patient-chat';

const place = { platform: 'slack' as const, channel: 'C0OPS' };
const ref: MessageRef = { place, id: '1700000000.000001' };
const card: ChatMessage = { kind: 'plan', text: 'Running' };

/** A sink whose update fails with `errors` in turn, then succeeds. */
function failing(errors: unknown[]): ChatSink & { updates: number } {
  const sink = {
    updates: 0,
    post: async () => ref,
    update: async () => {
      sink.updates += 1;
      const e = errors.shift();
      if (e) throw e;
    },
    whisper: async () => {
      throw Object.assign(new Error('An API error occurred: channel_not_found'), {
        code: 'slack_webapi_platform_error',
        data: { error: 'channel_not_found' },
      });
    },
  };
  return sink;
}

describe('patient chat around a run', () => {
  it('tells passing failures (network, 429, 5xx, wrapped) from final ones by their shape', () => {
    expect(transientChatError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toEqual({});
    expect(transientChatError({ code: 'slack_webapi_request_error', original: { code: 'ECONNRESET' } })).toEqual({});
    expect(transientChatError({ name: 'SlackRateLimited', retryAfter: 7 })).toEqual({ retryAfterMs: 7000 });
    expect(transientChatError({ code: 'slack_webapi_http_error', statusCode: 503 })).toEqual({});
    expect(transientChatError({ code: 'slack_webapi_platform_error', data: { error: 'message_not_found' } })).toBeUndefined();
    expect(transientChatError(new Error('boom'))).toBeUndefined();
  });

  it('retries a passing failure with backoff (Retry-After wins) and then succeeds', async () => {
    const waits: number[] = [];
    const inner = failing([{ code: 'ECONNRESET' }, { retryAfter: 3 }]);
    const sink = patientChat(inner, { sleep: async (ms) => void waits.push(ms) });
    await sink.update(ref, card);
    expect(inner.updates).toBe(3);
    expect(waits).toEqual([1000, 3000]);
  });

  it('gives up after 4 attempts, and on a final failure at once, without throwing; logs it', async () => {
    const warned: string[] = [];
    const log = { info: () => {}, debug: () => {}, error: () => {}, warn: (_o: object, m?: string) => void warned.push(m ?? '') };
    const always = failing(Array.from({ length: 10 }, () => ({ code: 'ETIMEDOUT' })));
    await expect(patientChat(always, { log, sleep: async () => {} }).update(ref, card)).resolves.toBeUndefined();
    expect(always.updates).toBe(4);
    const gone = failing([{ code: 'slack_webapi_platform_error', data: { error: 'message_not_found' } }]);
    await patientChat(gone, { log, sleep: async () => {} }).update(ref, card);
    expect(gone.updates).toBe(1);
    await patientChat(gone, { log, sleep: async () => {} }).whisper(place, { platform: 'slack', id: 'UBOB' }, card);
    expect(warned).toEqual([
      'chat update failed 4 times; the run goes on without it',
      'chat update failed; the run goes on without it',
      'chat whisper failed; the run goes on without it',
    ]);
  });

  it('a post that never landed comes back without an id, and updating it does nothing', async () => {
    const inner: ChatSink = {
      post: async () => Promise.reject(new Error('not_in_channel')),
      update: async () => Promise.reject(new Error('must not be called')),
      whisper: async () => {},
    };
    const sink = patientChat(inner, { sleep: async () => {} });
    const posted = await sink.post(place, card);
    expect(posted).toEqual({ place, id: '' });
    await expect(sink.update(posted, card)).resolves.toBeUndefined();
  });
});
