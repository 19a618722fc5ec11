/**
 * Periods as people say them ("yesterday", "last week", "since Monday", "in october", "last 30 days")
 * turned into concrete days for a given "now". Days are UTC (Cost Explorer's days). The result is written
 * `YYYY-MM-DD..YYYY-MM-DD`, both days included. Weeks start on Monday.
 */
import { lookupTable } from '../core';
import { cardinals } from './number-words';

export interface Period {
  start: string;
  end: string;
}

export interface PeriodMatch {
  period: Period;
  /** Where it was found in the text, so it is not read again as something else. */
  index: number;
  length: number;
}

const DAY = 86_400_000;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|' +
  'sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_RE = '(mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const NUMBER_WORDS: Readonly<Record<string, number>> = lookupTable({
  a: 1,
  an: 1,
  ...cardinals(12),
  fourteen: 14,
  thirty: 30,
  ninety: 90,
  couple: 2,
  few: 3,
});
const COUNT_RE = '(\\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|thirty|ninety|couple(?: of)?|few)';
const ISO = '(\\d{4}-\\d{2}-\\d{2})';

function day(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
function add(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}
function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function range(a: Date, b: Date): Period {
  return a <= b ? { start: iso(a), end: iso(b) } : { start: iso(b), end: iso(a) };
}
function monthIndex(word: string): number {
  return MONTHS.findIndex((m) => m.startsWith(word.slice(0, 3)));
}
function weekdayIndex(word: string): number {
  return WEEKDAYS.findIndex((w) => w.startsWith(word.slice(0, 3)));
}
function monthRange(year: number, month: number, today: Date): Period {
  const first = new Date(Date.UTC(year, month, 1));
  const last = add(new Date(Date.UTC(year, month + 1, 1)), -1);
  return range(first, last < today ? last : today);
}
function mondayOf(d: Date): Date {
  return add(d, -((d.getUTCDay() + 6) % 7));
}
function count(word: string): number {
  const w = word.replace(/ of$/, '');
  return /^\d+$/.test(w) ? Number(w) : (NUMBER_WORDS[w] ?? 1);
}
function validIso(s: string): Date | undefined {
  const d = new Date(`${s}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || iso(d) !== s ? undefined : d;
}

type Rule = [RegExp, (m: RegExpExecArray, today: Date) => Period | undefined];

/** The most specific phrasings first. */
const RULES: Rule[] = [
  [new RegExp(`\\b(?:from|between)\\s+${ISO}\\s+(?:to|and|until|till|through|-)\\s+${ISO}\\b`), (m) => pair(m[1], m[2])],
  [new RegExp(`\\b${ISO}\\s*(?:\\.\\.|to|until|through|-)\\s*${ISO}\\b`), (m) => pair(m[1], m[2])],
  [new RegExp(`\\bsince\\s+${ISO}\\b`), (m, t) => sinceDay(validIso(m[1]), t)],
  [
    new RegExp(
      `\\b(?:from|between)\\s+${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:to|and|` +
        `until|till|through|-)\\s+(?:${MONTH_RE}\\.?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\b`,
    ),
    (m, t) => {
      const a = monthDay(m[1], Number(m[2]), t);
      const b = monthDay(m[3] ?? m[1], Number(m[4]), t);
      return a && b ? range(a, b) : undefined;
    },
  ],
  [
    new RegExp(`\\bsince\\s+(?:the\\s+)?${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b`),
    (m, t) => sinceDay(monthDay(m[1], Number(m[2]), t), t),
  ],
  [
    new RegExp(`\\bsince\\s+(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH_RE}\\b`),
    (m, t) => sinceDay(monthDay(m[2], Number(m[1]), t), t),
  ],
  [new RegExp(`\\bsince\\s+(?:last\\s+)?${WEEKDAY_RE}\\b`), (m, t) => sinceDay(lastWeekday(m[1], t, true), t)],
  [new RegExp(`\\bsince\\s+(?:the\\s+)?(?:start|beginning)\\s+of\\s+(?:the\\s+)?(week|month|year)\\b`), (m, t) => startOf(m[1], t)],
  [
    new RegExp(`\\b(?:on\\s+)?${ISO}\\b`),
    (m) => {
      const d = validIso(m[1]);
      return d ? range(d, d) : undefined;
    },
  ],
  [/\b(?:the\s+)?day\s+before\s+yesterday\b/, (_m, t) => range(add(t, -2), add(t, -2))],
  [/\byesterday\b/, (_m, t) => range(add(t, -1), add(t, -1))],
  [/\b(?:today|so far today)\b/, (_m, t) => range(t, t)],
  [
    new RegExp(`\\b(?:the\\s+)?(?:last|past|previous|prior)\\s+${COUNT_RE}\\s+(days?|weeks?|months?)\\b`),
    (m, t) => {
      const n = count(m[1]);
      if (m[2].startsWith('day')) return range(add(t, -n), add(t, -1));
      if (m[2].startsWith('week')) return range(add(t, -7 * n), add(t, -1));
      const first = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - n, 1));
      return range(first, add(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)), -1));
    },
  ],
  [
    new RegExp(
      String.raw`\b(?:(?:this|current|the)\s+month\s+(?:to\s+date|so\s+far)|month[-\s]to[-\s]date|` +
        String.raw`mtd|so\s+far\s+this\s+month|this\s+month|current\s+month)\b`,
    ),
    (_m, t) => monthRange(t.getUTCFullYear(), t.getUTCMonth(), t),
  ],
  [/\b(?:last|previous|past|prior)\s+month\b/, (_m, t) => monthRange(t.getUTCFullYear(), t.getUTCMonth() - 1, t)],
  [
    new RegExp(
      String.raw`\b(?:(?:this|current|the)\s+week\s+(?:to\s+date|so\s+far)|week[-\s]to[-\s]date|wtd|` +
        String.raw`so\s+far\s+this\s+week|this\s+week|current\s+week)\b`,
    ),
    (_m, t) => range(mondayOf(t), t),
  ],
  [/\b(?:last|previous|past|prior)\s+week\b/, (_m, t) => range(add(mondayOf(t), -7), add(mondayOf(t), -1))],
  [
    /\b(?:last|previous|past)\s+weekend\b/,
    (_m, t) => {
      const sat = add(mondayOf(t), -2);
      return range(sat, add(sat, 1));
    },
  ],
  [
    /\b(?:this|over\s+the|the)\s+weekend\b/,
    (_m, t) => {
      const dow = t.getUTCDay();
      const sat = dow === 6 ? t : dow === 0 ? add(t, -1) : add(mondayOf(t), -2);
      return range(sat, add(sat, 1) > t ? t : add(sat, 1));
    },
  ],
  [
    /\b(?:(?:this|current)\s+year(?:\s+(?:to\s+date|so\s+far))?|year[-\s]to[-\s]date|ytd)\b/,
    (_m, t) => range(new Date(Date.UTC(t.getUTCFullYear(), 0, 1)), t),
  ],
  [
    /\b(?:last|previous|past|prior)\s+year\b/,
    (_m, t) => range(new Date(Date.UTC(t.getUTCFullYear() - 1, 0, 1)), new Date(Date.UTC(t.getUTCFullYear() - 1, 11, 31))),
  ],
  [/\b(?:this|current)\s+quarter\b/, (_m, t) => range(new Date(Date.UTC(t.getUTCFullYear(), Math.floor(t.getUTCMonth() / 3) * 3, 1)), t)],
  [
    /\b(?:last|previous|past|prior)\s+quarter\b/,
    (_m, t) => {
      const q = Math.floor(t.getUTCMonth() / 3) * 3;
      return range(new Date(Date.UTC(t.getUTCFullYear(), q - 3, 1)), add(new Date(Date.UTC(t.getUTCFullYear(), q, 1)), -1));
    },
  ],
  [
    /\bq([1-4])(?:\s+(\d{4}))?\b/,
    (m, t) => {
      const q = (Number(m[1]) - 1) * 3;
      let year = m[2] ? Number(m[2]) : t.getUTCFullYear();
      if (!m[2] && new Date(Date.UTC(year, q, 1)) > t) year -= 1;
      const last = add(new Date(Date.UTC(year, q + 3, 1)), -1);
      return range(new Date(Date.UTC(year, q, 1)), last < t ? last : t);
    },
  ],
  [
    new RegExp(`\\b(?:(?:last|on)\\s+)${WEEKDAY_RE}\\b`),
    (m, t) => {
      const d = lastWeekday(m[1], t, false);
      return d ? range(d, d) : undefined;
    },
  ],
  [
    new RegExp(`\\b(?:in|for|during|of|over)\\s+(?:the\\s+month\\s+of\\s+)?${MONTH_RE}(?:\\s+(\\d{4}))?\\b`),
    (m, t) => namedMonth(m[1], m[2], t),
  ],
  [
    new RegExp(
      `\\b(january|february|march|april|june|july|august|september|october|november|` +
        `december|jan|feb|aug|sept?|oct|nov|dec)(?:\\s+(\\d{4}))?\\b`,
    ),
    (m, t) => namedMonth(m[1], m[2], t),
  ],
];

function pair(a: string, b: string): Period | undefined {
  const x = validIso(a);
  const y = validIso(b);
  return x && y ? range(x, y) : undefined;
}
function sinceDay(d: Date | undefined, today: Date): Period | undefined {
  return d && d <= today ? range(d, today) : undefined;
}
function startOf(unit: string, t: Date): Period {
  if (unit === 'week') return range(mondayOf(t), t);
  if (unit === 'month') return range(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)), t);
  return range(new Date(Date.UTC(t.getUTCFullYear(), 0, 1)), t);
}
/** The latest such weekday before today ("since monday" on a Monday means today when `orToday`). */
function lastWeekday(word: string, t: Date, orToday: boolean): Date | undefined {
  const want = weekdayIndex(word);
  if (want < 0) return undefined;
  let back = (t.getUTCDay() - want + 7) % 7;
  if (back === 0 && !orToday) back = 7;
  return add(t, -back);
}
/** "nov 10" is this year's, unless that is still to come: then last year's. */
function monthDay(word: string, dayOfMonth: number, t: Date): Date | undefined {
  const m = monthIndex(word);
  if (m < 0 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  let d = new Date(Date.UTC(t.getUTCFullYear(), m, dayOfMonth));
  if (d > t) d = new Date(Date.UTC(t.getUTCFullYear() - 1, m, dayOfMonth));
  return d.getUTCDate() === dayOfMonth ? d : undefined;
}
function namedMonth(word: string, year: string | undefined, t: Date): Period | undefined {
  const m = monthIndex(word);
  if (m < 0) return undefined;
  let y = year ? Number(year) : t.getUTCFullYear();
  if (!year && m > t.getUTCMonth()) y -= 1;
  if (new Date(Date.UTC(y, m, 1)) > t) return undefined;
  return monthRange(y, m, t);
}

/** The first period named in `text` (lower case), or undefined. */
export function findPeriod(text: string, now: Date): PeriodMatch | undefined {
  const today = day(now);
  let best: PeriodMatch | undefined;
  for (const [re, make] of RULES) {
    const m = re.exec(text);
    if (!m) continue;
    const period = make(m, today);
    if (!period) continue;
    // The first rule that matches wins, unless a later one covers a longer stretch around it.
    const found = { period, index: m.index, length: m[0].length };
    if (!best) best = found;
    else if (found.index <= best.index && found.index + found.length >= best.index + best.length && found.length > best.length)
      best = found;
  }
  return best;
}

export function formatPeriod(p: Period): string {
  return `${p.start}..${p.end}`;
}

/** A value that is already a concrete period (`2026-10-01..2026-10-31`), parsed. */
export function parsePeriodValue(value: string): Period | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value.trim());
  return m ? pair(m[1], m[2]) : undefined;
}

/** Whatever the user (or a model) wrote for a period, made concrete; undefined when it is not a period. */
export function toPeriod(value: string, now: Date): string | undefined {
  const direct = parsePeriodValue(value);
  if (direct) return formatPeriod(direct);
  const found = findPeriod(value.toLowerCase(), now);
  return found ? formatPeriod(found.period) : undefined;
}
