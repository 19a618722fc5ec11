import type { ChatMessage } from '../../core';
import { sparkline } from '../chart/sparkline';
import { renderDailyCostChart } from '../chart/daily-cost-chart';
import { dayMonth, longDay, monthName, shortDay, span } from '../dates';
import { change, money, percentChange, shortService, signedMoney, signedPercent } from '../format';
import type { CostAnomaly, CostForecast } from './CostExplorerReader';
import type { CostFigures, Mover } from './cost-figures';

export interface CostMessageInput {
  figures: CostFigures;
  forecast?: CostForecast;
  anomalies?: CostAnomaly[];
  /** Things that could not be shown, with why and what to do (forecast, anomalies). */
  notes: string[];
  context: string[];
  accountNames: Record<string, string>;
}

function moverLine(m: Mover, unit: string, names: Record<string, string>): string {
  const where = m.account ? ` in ${names[m.account] ?? m.account}` : '';
  return (
    `${m.delta >= 0 ? '▲' : '▼'} ${shortService(m.service)}${where}: ` +
    `${signedMoney(m.delta, unit)} (${signedPercent(m.percent)}), ${money(m.after, unit)}` +
    ` vs ${money(m.before, unit)}`
  );
}

function anomalyLine(a: CostAnomaly, unit: string, names: Record<string, string>): string {
  const what = a.service ? shortService(a.service) : 'Spend';
  const account = a.account ? ` in ${a.accountName ?? names[a.account] ?? a.account}` : '';
  const region = a.region ? ` (${a.region})` : '';
  const when = a.end && a.end !== a.start ? span(a.start, a.end) : dayMonth(a.start);
  const expected = a.expected !== undefined ? ` over the expected ${money(a.expected, unit)}` : '';
  const pct = a.impactPercent !== undefined ? ` (${signedPercent(a.impactPercent)})` : '';
  return `${what}${account}${region}, ${when}: ${signedMoney(a.impact, unit)}${expected}${pct}`;
}

/** The cost digest as a neutral message: headline numbers, top services, movers, anomalies, chart. */
export function costMessage(input: CostMessageInput): ChatMessage {
  const f = input.figures;
  const w = f.window;
  const u = f.unit;
  const month = monthName(w.yesterday);
  const prevMonth = monthName(w.prevMonthStart);
  const lines = [
    `*Yesterday (${shortDay(w.yesterday)}): ${money(f.yesterday, u)}*, ` +
      `${change(f.yesterday, f.weekBefore, u)} from ${shortDay(w.weekBefore)}` +
      `${f.yesterdayEstimated ? ' (estimated; Cost Explorer is still adding to it)' : ''}`,
    `*${month} to date (${span(w.monthStart, w.yesterday)}): ${money(f.monthToDate, u)}*,` +
      ` ${change(f.monthToDate, f.prevMonthToDate, u)} from ` +
      `${span(w.prevMonthStart, w.prevMonthSameDay)}`,
  ];
  if (input.forecast) {
    const monthEnd = f.monthToDate + input.forecast.amount;
    lines.push(
      `*Forecast for ${month}: ${money(monthEnd, u)}*; ${prevMonth} was ` +
        `${money(f.prevMonthTotal, u)} (` +
        `${signedPercent(percentChange(monthEnd, f.prevMonthTotal))})`,
    );
  } else if (w.today === w.nextMonthStart) {
    lines.push(
      `*${month} closed at ${money(f.monthToDate, u)}*; ${prevMonth} was ` +
        `${money(f.prevMonthTotal, u)} (` +
        `${signedPercent(percentChange(f.monthToDate, f.prevMonthTotal))})`,
    );
  }
  if (f.accounts?.length) {
    lines.push('', '*By account*');
    for (const a of f.accounts) {
      const name = `${a.name}${a.name !== a.id ? ` (${a.id})` : ''}`;
      lines.push(
        `${name}: yesterday ${money(a.yesterday, u)} (` +
          `${signedPercent(percentChange(a.yesterday, a.weekBefore))}), ${month} to date ` +
          `${money(a.monthToDate, u)} (` +
          `${signedPercent(percentChange(a.monthToDate, a.prevMonthToDate))})`,
      );
    }
  }
  if (f.services.length) {
    lines.push('', `*Top services, ${month} to date*`);
    f.services.forEach((s, i) => lines.push(`${i + 1}. ${shortService(s.service)}: ${money(s.amount, u)} (${Math.round(s.share * 100)}%)`));
  }
  if (f.movers.length) {
    lines.push('', `*Biggest movers, last 7 days (${span(w.last7Start, w.yesterday)}) vs the 7 before*`);
    for (const m of f.movers) lines.push(moverLine(m, u, input.accountNames));
    if (f.percentMover) lines.push(`Biggest change in percent: ${moverLine(f.percentMover, u, input.accountNames)}`);
  }
  if (input.anomalies) {
    lines.push('', `*Anomalies ending ${span(w.last7Start, w.yesterday)}*`);
    if (!input.anomalies.length) lines.push('None detected by Cost Anomaly Detection.');
    for (const a of input.anomalies.slice(0, 5)) lines.push(anomalyLine(a, u, input.accountNames));
    if (input.anomalies.length > 5) lines.push(`and ${input.anomalies.length - 5} more in the Cost Anomaly Detection console`);
  }
  if (f.missingDays.length)
    lines.push(
      '',
      `Note: Cost Explorer has no costs for ${f.missingDays.length} day(s) in the period (` +
        `${f.missingDays.slice(0, 3).map(dayMonth).join(', ')}` +
        `${f.missingDays.length > 3 ? ', …' : ''}); figures may be low.`,
    );
  for (const note of input.notes) lines.push(`Note: ${note}`);

  const totals = f.daily.map((d) => d.total);
  const low = f.daily.reduce((a, b) => (b.total < a.total ? b : a), f.daily[0]);
  const high = f.daily.reduce((a, b) => (b.total > a.total ? b : a), f.daily[0]);
  const average = totals.reduce((s, v) => s + v, 0) / Math.max(1, totals.length);
  const chartSpan = span(f.daily[0].day, f.daily[f.daily.length - 1].day);
  const series = f.accounts ? f.accounts.map((a) => a.name) : ['total'];
  const png = renderDailyCostChart({
    title: `Daily cost, ${chartSpan}`,
    days: f.daily.map((d) => d.day),
    values: f.daily.map((d) => d.parts ?? [d.total]),
    series,
    unit: u,
  });
  const summary =
    `low ${money(low.total, u)} (${shortDay(low.day)}), high ${money(high.total, u)} (` +
    `${shortDay(high.day)}), average ${money(average, u)}`;
  return {
    kind: 'digest',
    header: `Cost digest for ${longDay(w.yesterday)}`,
    text: lines.join('\n'),
    image: {
      png: new Uint8Array(png),
      title: `Daily cost, last ${f.daily.length} days`,
      alt:
        `Bar chart of daily cost from ${shortDay(f.daily[0].day)} to ` +
        `${shortDay(f.daily[f.daily.length - 1].day)}` +
        `${f.accounts ? `, stacked by account (${series.join(', ')})` : ''}: ${summary}.`,
    },
    textChart: `Daily cost, ${chartSpan}: ${sparkline(totals)}  ${summary}`,
    context: input.context,
  };
}
