import { RecentKeys } from '../../../../src/chat/slack/RecentKeys';

describe('RecentKeys', () => {
  it('says a key is new once, until its time is up', () => {
    let now = 0;
    const keys = new RecentKeys({ max: 10, ttlMs: 1000, now: () => now });
    expect(keys.add('a')).toBe(true);
    expect(keys.add('a')).toBe(false);
    expect(keys.has('a')).toBe(true);
    now = 1000;
    expect(keys.has('a')).toBe(false);
    expect(keys.add('a')).toBe(true);
  });

  it('stays bounded, forgetting the oldest first', () => {
    const keys = new RecentKeys({ max: 3, ttlMs: 60_000, now: () => 0 });
    for (const k of ['a', 'b', 'c', 'd']) keys.add(k);
    expect(keys.size).toBe(3);
    expect(keys.has('a')).toBe(false);
    expect(keys.has('d')).toBe(true);
  });
});
