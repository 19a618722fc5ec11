import { daysSince } from '../../../src/findings/rules/days';

describe('daysSince (qa17b): the count matches the date the finding shows', () => {
  it('counts calendar days, whatever the hour', () => {
    // "Stopped since 2026-11-10 (N days)" read on 2026-12-06 is 26 days, in the morning as in the evening.
    expect(daysSince('2026-11-10T17:42:09Z', new Date('2026-12-06T09:00:00Z'))).toBe(26);
    expect(daysSince('2026-11-10T17:42:09Z', new Date('2026-12-06T23:59:00Z'))).toBe(26);
    expect(daysSince('2026-12-06T17:00:00Z', new Date('2026-12-06T18:00:00Z'))).toBe(0);
    expect(daysSince('2025-11-16T10:00:00Z', new Date('2026-12-06T08:00:00Z'))).toBe(385);
    expect(daysSince(null, new Date())).toBeNull();
    expect(daysSince('not a date', new Date())).toBeNull();
  });
});
