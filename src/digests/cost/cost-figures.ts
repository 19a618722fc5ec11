import { dayRange, type Day } from '../dates';
import { percentChange } from '../format';
import type { CostTable } from './CostExplorerReader';
import type { CostWindow } from './cost-window';

export interface ServiceShare {
  service: string;
  amount: number;
  share: number;
}

export interface Mover {
  service: string;
  /** Set in the per-account view. */
  account?: string;
  before: number;
  after: number;
  delta: number;
  percent?: number;
}

export interface AccountFigures {
  id: string;
  name: string;
  yesterday: number;
  weekBefore: number;
  monthToDate: number;
  prevMonthToDate: number;
}

export interface DailyTotal {
  day: Day;
  total: number;
  /** Per account, in `CostFigures.accounts` order (per-account view only). */
  parts?: number[];
}

/** Everything the cost digest says, computed from one daily table. Pure. */
export interface CostFigures {
  unit: string;
  window: CostWindow;
  yesterday: number;
  weekBefore: number;
  monthToDate: number;
  prevMonthToDate: number;
  prevMonthTotal: number;
  services: ServiceShare[];
  /** Biggest absolute changes, last 7 days vs the 7 before. */
  movers: Mover[];
  /** The biggest percent change not already among `movers` (ignoring small bases). */
  percentMover?: Mover;
  accounts?: AccountFigures[];
  daily: DailyTotal[];
  /** Days in the window Cost Explorer had nothing for. */
  missingDays: Day[];
  yesterdayEstimated: boolean;
}

export interface FigureOptions {
  top: number;
  perAccount: boolean;
  /** Account id -> name (config aliases win over Cost Explorer's names). */
  accountNames: Record<string, string>;
}

/** `table` is DAILY, grouped by SERVICE (and LINKED_ACCOUNT second, in the per-account view). */
export function costFigures(table: CostTable, w: CostWindow, options: FigureOptions): CostFigures {
  const points = table.points;
  const sum = (from: Day, to: Day, account?: string) =>
    points.reduce((s, p) => (p.day >= from && p.day <= to && (account === undefined || p.keys[1] === account) ? s + p.amount : s), 0);

  const byService = new Map<string, number>();
  for (const p of points)
    if (p.day >= w.monthStart && p.day <= w.yesterday) byService.set(p.keys[0], (byService.get(p.keys[0]) ?? 0) + p.amount);
  const monthToDate = sum(w.monthStart, w.yesterday);
  const services = [...byService.entries()]
    .filter(([, amount]) => amount > 0.005)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, options.top)
    .map(([service, amount]) => ({ service, amount, share: monthToDate > 0 ? amount / monthToDate : 0 }));

  const moverKey = (keys: string[]) => (options.perAccount ? `${keys[0]}\u0000${keys[1] ?? ''}` : keys[0]);
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  for (const p of points) {
    if (p.day >= w.prev7Start && p.day <= w.prev7End) before.set(moverKey(p.keys), (before.get(moverKey(p.keys)) ?? 0) + p.amount);
    if (p.day >= w.last7Start && p.day <= w.yesterday) after.set(moverKey(p.keys), (after.get(moverKey(p.keys)) ?? 0) + p.amount);
  }
  const changes: Mover[] = [...new Set([...before.keys(), ...after.keys()])].map((key) => {
    const [service, account] = key.split('\u0000');
    const b = before.get(key) ?? 0;
    const a = after.get(key) ?? 0;
    return { service, ...(options.perAccount ? { account } : {}), before: b, after: a, delta: a - b, percent: percentChange(a, b) };
  });
  // Changes under a dollar, or under 0.1% of the week's spend, are noise rather than movers.
  const prevTotal = sum(w.prev7Start, w.prev7End);
  const movers = changes
    .filter((m) => Math.abs(m.delta) >= Math.max(1, prevTotal * 0.001))
    .sort((x, y) => Math.abs(y.delta) - Math.abs(x.delta) || x.service.localeCompare(y.service))
    .slice(0, 3);
  // A percent change only means something on a base that matters: at least 1% of the period's spend.
  const percentMover = changes
    .filter((m) => !movers.includes(m) && m.percent !== undefined && m.before >= Math.max(1, prevTotal * 0.01) && Math.abs(m.percent) >= 10)
    .sort((x, y) => Math.abs(y.percent!) - Math.abs(x.percent!) || x.service.localeCompare(y.service))[0];

  let accounts: AccountFigures[] | undefined;
  if (options.perAccount) {
    const ids = [...new Set(points.map((p) => p.keys[1]).filter((k): k is string => !!k))].sort();
    accounts = ids
      .map((id) => ({
        id,
        name: options.accountNames[id] ?? table.accountNames[id] ?? id,
        yesterday: sum(w.yesterday, w.yesterday, id),
        weekBefore: sum(w.weekBefore, w.weekBefore, id),
        monthToDate: sum(w.monthStart, w.yesterday, id),
        prevMonthToDate: sum(w.prevMonthStart, w.prevMonthSameDay, id),
      }))
      .sort((a, b) => b.monthToDate - a.monthToDate || a.id.localeCompare(b.id));
  }

  const present = new Set(points.map((p) => p.day));
  const daily = dayRange(w.chartStart, w.yesterday).map((day) => ({
    day,
    total: sum(day, day),
    ...(accounts ? { parts: accounts.map((a) => sum(day, day, a.id)) } : {}),
  }));

  return {
    unit: table.unit,
    window: w,
    yesterday: sum(w.yesterday, w.yesterday),
    weekBefore: sum(w.weekBefore, w.weekBefore),
    monthToDate,
    prevMonthToDate: sum(w.prevMonthStart, w.prevMonthSameDay),
    prevMonthTotal: sum(w.prevMonthStart, w.prevMonthEnd),
    services,
    movers,
    ...(percentMover ? { percentMover } : {}),
    ...(accounts ? { accounts } : {}),
    daily,
    missingDays: dayRange(w.fetchStart, w.yesterday).filter((d) => !present.has(d)),
    yesterdayEstimated: table.estimated.includes(w.yesterday),
  };
}
