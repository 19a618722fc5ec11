import type { CE } from '../../src/cloud';

/** Daily ResultsByTime for [start, end), one group per service (and account), amounts from `amount`. */
export function dailyResults(
  start: string,
  end: string,
  groups: string[][],
  amount: (day: string, keys: string[]) => number,
): CE.ResultByTime[] {
  const out: CE.ResultByTime[] = [];
  for (let d = start; d < end; d = nextDay(d)) {
    out.push({
      TimePeriod: { Start: d, End: nextDay(d) },
      Total: {},
      Groups: groups.map((Keys) => ({ Keys, Metrics: { UnblendedCost: { Amount: amount(d, Keys).toFixed(2), Unit: 'USD' } } })),
      Estimated: false,
    });
  }
  return out;
}

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
