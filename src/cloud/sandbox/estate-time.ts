/**
 * The sandbox keeps time: an estate written for one day (`asOf`) is moved, every date by the same whole
 * number of days, so that day is the clock's today. Cost rows then end yesterday, an instance stopped
 * "26 days ago" is still stopped 26 days ago, and a snapshot keeps its age, on any date, on every machine:
 * the same clock day gives the same figures. AWS's own published dates (the RDS engine lifecycles) are facts
 * about AWS, not about the estate, and stay as written.
 */
import type { Estate } from './estate';

const DAY_MS = 86_400_000;

/** An ISO timestamp as the SDK writes them: 2026-11-16T09:12:44.000Z, 2026-10-01T12:00:00.000+0000, or a bare day. */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})((?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;
/** The date inside EC2's StateTransitionReason: "User initiated (2026-11-16 09:12:44 GMT)". */
const IN_TEXT = /\((\d{4}-\d{2}-\d{2})( \d{2}:\d{2}:\d{2} GMT\))/g;

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, n: number): string {
  return utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
}

/** Days from the estate's `asOf` to `now`'s UTC day: how far its dates must move (0 without `asOf`). */
export function estateShift(estate: Pick<Estate, 'asOf'>, now: Date): number {
  if (!estate.asOf) return 0;
  return Math.round((Date.parse(`${utcDay(now)}T00:00:00Z`) - Date.parse(`${estate.asOf}T00:00:00Z`)) / DAY_MS);
}

function shiftString(value: string, days: number): string {
  const m = TIMESTAMP.exec(value);
  if (m) return `${addDays(m[1], days)}${m[2]}`;
  return value.includes(' GMT)') ? value.replace(IN_TEXT, (_, day: string, rest: string) => `(${addDays(day, days)}${rest}`) : value;
}

/** Every string in `node` that is a timestamp (or a StateTransitionReason with one) moved by `days`, in place. */
function shiftTree(node: unknown, days: number): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === 'string') node[i] = shiftString(v, days);
      else if (v && typeof v === 'object') shiftTree(v, days);
    }
  } else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      const v = o[k];
      if (typeof v === 'string') o[k] = shiftString(v, days);
      else if (v && typeof v === 'object') shiftTree(v, days);
    }
  }
}

/**
 * Move the estate's dates by `days`, in place: every timestamp of its accounts' resources (launch, create,
 * attach and snapshot times, the stop date in StateTransitionReason), the days of `costs` and
 * `resourceCosts`, and `asOf` itself, so moving again is relative to the new day. Not moved:
 * `rdsMajorEngineVersions` (AWS's published support dates) and `metrics` (already relative: the last value is now).
 */
export function shiftEstate(estate: Estate, days: number): void {
  if (!days) return;
  shiftTree(estate.accounts, days);
  for (const rows of [estate.costs, estate.resourceCosts ?? []])
    for (const r of rows) {
      if (r.TimePeriod?.Start) r.TimePeriod.Start = addDays(r.TimePeriod.Start, days);
      if (r.TimePeriod?.End) r.TimePeriod.End = addDays(r.TimePeriod.End, days);
    }
  if (estate.asOf) estate.asOf = addDays(estate.asOf, days);
}

/** Bring an estate with `asOf` to `now`'s day (no-op without `asOf` or when it is already there). */
export function keepEstateTime(estate: Estate, now: Date): number {
  const days = estateShift(estate, now);
  shiftEstate(estate, days);
  return days;
}
