import { addDays, addMonths, dayOfMonth, firstOfMonth, lastOfMonth, type Day } from '../dates';

/**
 * The days one cost digest compares, all inside one Cost Explorer request: yesterday and the same
 * weekday a week before, month to date and the same days of last month, the last 30 days for the chart,
 * and the last 7 days against the 7 before for the movers.
 */
export interface CostWindow {
  today: Day;
  yesterday: Day;
  weekBefore: Day;
  monthStart: Day;
  /** Same days of the previous month: prevMonthStart..prevMonthSameDay (clipped to that month's end). */
  prevMonthStart: Day;
  prevMonthSameDay: Day;
  prevMonthEnd: Day;
  chartStart: Day;
  last7Start: Day;
  prev7Start: Day;
  prev7End: Day;
  /** The one GetCostAndUsage request: [fetchStart, today). */
  fetchStart: Day;
  /** First day of the next month: the forecast runs [today, monthEnd). */
  nextMonthStart: Day;
}

export const CHART_DAYS = 30;

export function costWindow(today: Day): CostWindow {
  const yesterday = addDays(today, -1);
  const monthStart = firstOfMonth(yesterday);
  const prevMonthStart = addMonths(monthStart, -1);
  const prevMonthEnd = lastOfMonth(prevMonthStart);
  const sameDay = `${prevMonthStart.slice(0, 8)}${String(dayOfMonth(yesterday)).padStart(2, '0')}`;
  const prevMonthSameDay = sameDay > prevMonthEnd ? prevMonthEnd : sameDay;
  const chartStart = addDays(yesterday, -(CHART_DAYS - 1));
  const prev7Start = addDays(yesterday, -13);
  const fetchStart = [prevMonthStart, chartStart, prev7Start].sort()[0];
  return {
    today,
    yesterday,
    weekBefore: addDays(yesterday, -7),
    monthStart,
    prevMonthStart,
    prevMonthSameDay,
    prevMonthEnd,
    chartStart,
    last7Start: addDays(yesterday, -6),
    prev7Start,
    prev7End: addDays(yesterday, -7),
    fetchStart,
    nextMonthStart: addMonths(monthStart, 1),
  };
}
