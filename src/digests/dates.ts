/**
 * Calendar days as Cost Explorer writes them ("2026-11-21"), with the arithmetic the digests need.
 * A day string is a UTC calendar date; local "today" comes from a time zone.
 */
export type Day = string;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isDay(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && toDate(text).toISOString().slice(0, 10) === text
  );
}

function toDate(day: Day): Date {
  return new Date(`${day}T00:00:00Z`);
}

function fromDate(d: Date): Day {
  return d.toISOString().slice(0, 10);
}

/** The calendar date at `instant` in `timeZone` (IANA). */
export function localDay(instant: Date, timeZone = 'UTC'): Day {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(day: Day, n: number): Day {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return fromDate(d);
}

export function firstOfMonth(day: Day): Day {
  return `${day.slice(0, 7)}-01`;
}

export function addMonths(day: Day, n: number): Day {
  const d = toDate(firstOfMonth(day));
  d.setUTCMonth(d.getUTCMonth() + n);
  return fromDate(d);
}

export function lastOfMonth(day: Day): Day {
  return addDays(addMonths(day, 1), -1);
}

/** Whole days from `a` to `b` (b - a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);
}

/** Every day from `start` to `end`, both included. */
export function dayRange(start: Day, end: Day): Day[] {
  const out: Day[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

export function dayOfMonth(day: Day): number {
  return Number(day.slice(8, 10));
}

/** "Sat 21 Nov" */
export function shortDay(day: Day): string {
  const d = toDate(day);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "21 Nov" */
export function dayMonth(day: Day): string {
  const d = toDate(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "November" */
export function monthName(day: Day): string {
  return MONTH_NAMES[toDate(day).getUTCMonth()];
}

/** "1-21 Nov" for a span inside one month, "28 Oct-3 Nov" across months. */
export function span(start: Day, end: Day): string {
  if (start === end) return dayMonth(start);
  if (start.slice(0, 7) === end.slice(0, 7)) return `${dayOfMonth(start)}-${dayMonth(end)}`;
  return `${dayMonth(start)}-${dayMonth(end)}`;
}

/** "Sunday 22 November 2026" */
export function longDay(day: Day): string {
  const d = toDate(day);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(d);
  return `${weekday} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
