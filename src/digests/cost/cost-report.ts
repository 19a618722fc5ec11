import type { ChatMessage } from '../../core';
import { addDays, addMonths, dayMonth, daysBetween, firstOfMonth, isDay, lastOfMonth, monthName, span, type Day } from '../dates';
import { money, shortService } from '../format';
import type { CostTable } from './CostExplorerReader';

/** A period people ask about ("last week"), as days [start, end], both included. */
export interface Period {
  label: string;
  start: Day;
  end: Day;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Read a period the way people write it; undefined when it cannot be read. `today` is not complete yet. */
export function parsePeriod(text: string, today: Day): Period | undefined {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const y = addDays(today, -1);
  const weekday = (new Date(`${y}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|to|-{1,2}|–)\s*(\d{4}-\d{2}-\d{2})$/.exec(t);
  if (range && isDay(range[1]) && isDay(range[2]) && range[1] <= range[2])
    return { label: span(range[1], range[2]), start: range[1], end: range[2] };
  if (isDay(t)) return { label: t, start: t, end: t };
  if (t === 'yesterday') return { label: 'yesterday', start: y, end: y };
  if (/^(this month|month to date|mtd)$/.test(t)) return { label: `${monthName(y)} to date`, start: firstOfMonth(y), end: y };
  if (t === 'last month' || t === 'previous month') {
    const start = addMonths(firstOfMonth(today), -1);
    return { label: monthName(start), start, end: lastOfMonth(start) };
  }
  if (t === 'this week' || t === 'week to date') return { label: 'this week', start: addDays(y, -weekday), end: y };
  if (t === 'last week' || t === 'previous week') {
    const thisMonday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    return { label: 'last week', start: addDays(thisMonday, -7), end: addDays(thisMonday, -1) };
  }
  const lastN = /^(?:last|past) (\d{1,3}) days?$/.exec(t) ?? (t === 'past week' ? [t, '7'] : undefined);
  if (lastN) return { label: `the last ${lastN[1]} days`, start: addDays(y, -(Number(lastN[1]) - 1)), end: y };
  const month = MONTHS.indexOf(t);
  if (month >= 0) {
    let start = `${today.slice(0, 4)}-${String(month + 1).padStart(2, '0')}-01`;
    if (start > y) start = `${Number(today.slice(0, 4)) - 1}${start.slice(4)}`;
    const end = lastOfMonth(start) < y ? lastOfMonth(start) : y;
    return { label: monthName(start), start, end };
  }
  return undefined;
}

export const PERIOD_EXAMPLES =
  'yesterday, this week, last week, this month, last month, the last 30 days, october, or 2026-10-01..2026-10-31';

/** Cost for a period, by service or by account, from a table that covers it. */
export function periodReport(
  table: CostTable,
  period: Period,
  groupBy: 'service' | 'account' | 'region',
  accountNames: Record<string, string>,
  context: string[],
  scope: { accounts?: string[]; accountCount?: number } = {},
): ChatMessage {
  const index = table.query.groupBy.indexOf(groupBy === 'account' ? 'LINKED_ACCOUNT' : groupBy === 'region' ? 'REGION' : 'SERVICE');
  const accountAt = table.query.groupBy.indexOf('LINKED_ACCOUNT');
  const only = scope.accounts?.length ? new Set(scope.accounts) : undefined;
  const sums = new Map<string, number>();
  const seen = new Set<string>();
  let total = 0;
  for (const p of table.points) {
    if (p.day < period.start || p.day > period.end) continue;
    if (only && accountAt >= 0 && !only.has(p.keys[accountAt] ?? '')) continue;
    seen.add(p.day);
    total += p.amount;
    const key = index >= 0 ? (p.keys[index] ?? '') : 'total';
    sums.set(key, (sums.get(key) ?? 0) + p.amount);
  }
  const rows = [...sums.entries()].filter(([, v]) => Math.abs(v) >= 0.005).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const accountName = (k: string) => `${accountNames[k] ?? k}${accountNames[k] ? ` (${k})` : ''}`;
  const name = (k: string) => (groupBy === 'account' ? accountName(k) : groupBy === 'region' ? k || 'no region' : shortService(k));
  const asked = daysBetween(period.start, period.end) + 1;
  // Cost Explorer knows nothing before the account (or Cost Explorer) existed: a daily average over
  // days it has no data for would be wrong, so count the days it has, and say where they start.
  const first = [...seen].sort()[0];
  const partial = table.query.granularity === 'DAILY' && seen.size > 0 && seen.size < asked;
  const days = partial ? seen.size : asked;
  const gap = partial
    ? ` with data (of ${asked} asked${first > period.start ? `; Cost Explorer has nothing before ${dayMonth(first)}` : ''})`
    : '';
  // Whose cost it is: the accounts asked for, or all of them (a total alone reads as "ours").
  const inAccounts = only ? ` in ${[...only].map(accountName).join(', ')}` : '';
  const all = !only && (scope.accountCount ?? 0) > 1 ? `, all ${scope.accountCount} accounts together` : '';
  return {
    kind: 'digest',
    // A period given as dates is already labelled by its span: say it once.
    header:
      (period.label === span(period.start, period.end)
        ? `Cost for ${period.label}`
        : `Cost for ${period.label} (${span(period.start, period.end)})`) + inAccounts,
    text:
      `*Total: ${money(total, table.unit)}* over ${days} day${days === 1 ? '' : 's'}${gap},` +
      ` ${money(total / days, table.unit)} a day${all}. By ${groupBy}:`,
    items: rows.map(([k, v]) => `${name(k)}: ${money(v, table.unit)} (${total > 0 ? Math.round((v / total) * 100) : 0}%)`),
    context,
  };
}
