import { requestFreshness } from '../../../../src/chat/slack/freshness';

describe('requestFreshness', () => {
  const now = 1_800_000_000_000; // ms
  const at = (offsetSeconds: number) => String(now / 1000 + offsetSeconds);

  it('accepts timestamps up to five minutes either side of now', () => {
    for (const s of [0, 300, -300, 299, -299]) expect(requestFreshness(at(s), now)).toEqual({ fresh: true });
  });

  it('refuses a timestamp in the future as firmly as a stale one', () => {
    expect(requestFreshness(at(301), now)).toEqual({ fresh: false, reason: 'x-slack-request-timestamp is 301 s in the future' });
    expect(requestFreshness(at(365 * 24 * 3600), now).fresh).toBe(false);
    expect(requestFreshness(at(-301), now)).toEqual({ fresh: false, reason: 'x-slack-request-timestamp is 301 s old' });
  });

  it('refuses a timestamp that is not a whole number of seconds', () => {
    for (const bad of ['', 'soon', '1.5e9', '-1', '1800000000.5', `${now / 1000}, ${now / 1000}`])
      expect(requestFreshness(bad, now).fresh).toBe(false);
    expect(requestFreshness([at(0), at(0)], now).fresh).toBe(false);
  });

  it('leaves a missing header to Bolt (which refuses unsigned requests)', () => {
    expect(requestFreshness(undefined, now)).toEqual({ fresh: true });
  });
});
