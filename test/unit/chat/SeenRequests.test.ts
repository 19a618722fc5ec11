import { MemorySeenRequests } from '../../../src/chat/SeenRequests';

describe('MemorySeenRequests', () => {
  it('says a key is new once, then repeated until the retention has passed', () => {
    let now = 1_000_000;
    const seen = new MemorySeenRequests({ now: () => now, retentionMs: 60_000 });
    expect(seen.firstSeen('slack:event:Ev1')).toBe(true);
    expect(seen.firstSeen('slack:event:Ev1')).toBe(false);
    expect(seen.firstSeen('slack:event:Ev2')).toBe(true);
    now += 59_999;
    expect(seen.firstSeen('slack:event:Ev1')).toBe(false);
    now += 1;
    expect(seen.firstSeen('slack:event:Ev1')).toBe(true);
  });

  it('stays bounded: the oldest keys go first', () => {
    const seen = new MemorySeenRequests({ now: () => 0, max: 2 });
    seen.firstSeen('a');
    seen.firstSeen('b');
    seen.firstSeen('c');
    expect(seen.firstSeen('a')).toBe(true);
    expect(seen.firstSeen('c')).toBe(false);
  });
});
