const DAY_MS = 86_400_000;

/** Whole days from `iso` to `now` (null when there is no date). */
export function daysSince(iso: string | null | undefined, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : Math.floor((now.getTime() - t) / DAY_MS);
}

export function isoDay(d: Date | string): string {
  return new Date(d).toISOString().slice(0, 10);
}
