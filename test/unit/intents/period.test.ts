import { findPeriod, toPeriod } from '../../../src/intents';

// Sunday 22 November 2026, 09:00 UTC; weeks start on Monday.
const now = new Date('2026-11-22T09:00:00Z');
const period = (text: string) => toPeriod(text, now);

describe('periods as people say them, made concrete for the injected clock', () => {
  it.each([
    ['yesterday', '2026-11-21..2026-11-21'],
    ['today', '2026-11-22..2026-11-22'],
    ['last week', '2026-11-09..2026-11-15'],
    ['this week', '2026-11-16..2026-11-22'],
    ['since monday', '2026-11-16..2026-11-22'],
    ['since Mon', '2026-11-16..2026-11-22'],
    ['this month', '2026-11-01..2026-11-22'],
    ['month to date', '2026-11-01..2026-11-22'],
    ['last month', '2026-10-01..2026-10-31'],
    ['in october', '2026-10-01..2026-10-31'],
    ['for december', '2025-12-01..2025-12-31'],
    ['last 7 days', '2026-11-15..2026-11-21'],
    ['the past two weeks', '2026-11-08..2026-11-21'],
    ['last 30 days', '2026-10-23..2026-11-21'],
    ['last weekend', '2026-11-14..2026-11-15'],
    ['last quarter', '2026-07-01..2026-09-30'],
    ['this year', '2026-01-01..2026-11-22'],
    ['last year', '2025-01-01..2025-12-31'],
    ['since nov 10', '2026-11-10..2026-11-22'],
    ['on 2026-11-14', '2026-11-14..2026-11-14'],
    ['from 2026-11-01 to 2026-11-15', '2026-11-01..2026-11-15'],
    ['2026-10-01..2026-10-31', '2026-10-01..2026-10-31'],
  ])('%s -> %s', (text, want) => {
    expect(period(text)).toBe(want);
  });

  it('moves with the clock: "since monday" on a Wednesday', () => {
    expect(toPeriod('since monday', new Date('2026-11-25T12:00:00Z'))).toBe('2026-11-23..2026-11-25');
  });

  it('finds the period inside a sentence and says where it is', () => {
    const m = findPeriod('how much did we spend last week by service', now)!;
    expect(m.period).toEqual({ start: '2026-11-09', end: '2026-11-15' });
    expect('how much did we spend last week by service'.slice(m.index, m.index + m.length)).toBe('last week');
  });

  it('is not fooled by dates that do not exist or words that are not periods', () => {
    expect(period('2026-02-30')).toBeUndefined();
    expect(period('stop web-prod-1')).toBeUndefined();
    expect(period('may I stop it')).toBeUndefined();
  });
});
