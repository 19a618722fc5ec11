/**
 * Wall-clock time in a time zone, for time-of-day rules and change freeze windows. Pure: the instant
 * comes from the request, so the same request always gets the same answer.
 */
import type { TimeWindow, Weekday } from '../core';

export interface WallClock {
  day: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** `YYYY-MM-DDTHH:MM` in the zone: compares as text with config dates written without an offset. */
  local: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function format(tz: string): Intl.DateTimeFormat {
  let f = formats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formats.set(tz, f);
  }
  return f;
}

export function wallClock(at: Date, tz: string): WallClock {
  const parts = Object.fromEntries(
    format(tz)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour) % 24;
  return {
    day: parts.weekday.slice(0, 3).toLowerCase() as Weekday,
    minutes: hour * 60 + Number(parts.minute),
    local: `${parts.year}-${parts.month}-${parts.day}T${String(hour).padStart(2, '0')}:${parts.minute}`,
  };
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Is `at` inside the weekly window? `from` > `to` wraps past midnight (18:00-08:00 is the night). */
export function inWindow(at: Date, w: TimeWindow, defaultTz: string): boolean {
  const now = wallClock(at, w.timezone ?? defaultTz);
  if (w.days && !w.days.includes(now.day)) return false;
  if (w.from === undefined || w.to === undefined) return true;
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  return from <= to ? now.minutes >= from && now.minutes < to : now.minutes >= from || now.minutes < to;
}

const HAS_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * Is `at` in [from, to)? Values with an offset (Z, +01:00) are instants; without one they are wall-clock
 * time in `tz` (a bare date is that day's midnight).
 */
export function inPeriod(at: Date, from: string, to: string, tz: string): boolean {
  return !before(at, from, tz) && before(at, to, tz);
}

function before(at: Date, bound: string, tz: string): boolean {
  if (HAS_OFFSET.test(bound)) return at.getTime() < Date.parse(bound);
  const local = wallClock(at, tz).local;
  const b = bound.length === 10 ? `${bound}T00:00` : bound.slice(0, 16);
  return local < b;
}
