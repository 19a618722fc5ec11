const DAY_MS = 86_400_000;

/**
 * Calendar days (UTC) from `iso`'s day to `now`'s day (null when there is no date), so the count always
 * matches the date the finding shows: "since 2026-11-10 (26 days)" on 2026-12-06 at any hour.
 */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.round((utcDay(now.getTime()) - utcDay(t)) / DAY_MS);
}

function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function isoDay(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 10);
}
