import { dayMonth, type Day } from '../dates';
import { compactMoney } from '../format';
import { hex, Raster, type Rgb } from './Raster';

export interface DailyCostChart {
  title: string;
  days: Day[];
  /** For each day, one amount per series (stacked bottom to top). */
  values: number[][];
  /** Series names for the legend; one series draws no legend. */
  series: string[];
  unit: string;
}

const WIDTH = 800;
const HEIGHT = 360;
const MARGIN = 24;
const SCALE = 2;
const INK = hex('#111827');
const MUTED = hex('#6B7280');
const GRID = hex('#E5E7EB');
const AVERAGE = hex('#9CA3AF');
const PALETTE: Rgb[] = ['#2563EB', '#F59E0B', '#10B981', '#8B5CF6', '#EF4444', '#06B6D4', '#EC4899', '#84CC16'].map(hex);

/** 1, 2, 2.5 or 5 times a power of ten: gridlines people can read. */
function niceStep(raw: number): number {
  if (raw <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
}

/**
 * Daily cost as stacked bars with gridlines, amounts on the left, dates every week along the bottom,
 * a dashed line at the average and a legend when there are several series. Rendered in-process to PNG.
 */
export function renderDailyCostChart(c: DailyCostChart): Buffer {
  const r = new Raster(WIDTH, HEIGHT);
  const text = Raster.textHeight(SCALE);
  r.text(MARGIN, MARGIN, c.title, INK, SCALE);

  const totals = c.values.map((parts) => parts.reduce((s, v) => s + Math.max(0, v), 0));
  const average = totals.length ? totals.reduce((s, v) => s + v, 0) / totals.length : 0;

  // Legend on the title's line, right-aligned: the series, then the dashed average.
  const legend: { label: string; swatch: Rgb | 'dash' }[] = [
    ...(c.series.length > 1 ? c.series.map((label, i) => ({ label, swatch: PALETTE[i % PALETTE.length] })) : []),
    ...(c.days.length > 1 ? [{ label: `AVG ${compactMoney(average, c.unit)}`, swatch: 'dash' as const }] : []),
  ];
  const itemWidth = (item: (typeof legend)[number]) => Raster.textWidth(item.label, SCALE) + (item.swatch === 'dash' ? 26 : text + 6) + 18;
  const legendWidth = legend.reduce((w, item) => w + itemWidth(item), 0);
  // When the legend does not fit beside the title it gets a line of its own.
  const legendY = Raster.textWidth(c.title, SCALE) + 24 + legendWidth > WIDTH - 2 * MARGIN ? MARGIN + text + 10 : MARGIN;
  let lx = WIDTH - MARGIN;
  for (const item of [...legend].reverse()) {
    lx -= Raster.textWidth(item.label, SCALE);
    r.text(lx, legendY, item.label, MUTED, SCALE);
    if (item.swatch === 'dash') {
      lx -= 26;
      r.hline(lx, legendY + Math.floor(text / 2) - 1, 20, AVERAGE, 2, [6, 4]);
    } else {
      lx -= text + 6;
      r.rect(lx, legendY, text, text, item.swatch);
    }
    lx -= 18;
  }

  const max = Math.max(0, ...totals);
  const step = niceStep(max / 5);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const labels: string[] = [];
  for (let v = 0; v <= top + step / 2; v += step) labels.push(compactMoney(v, c.unit));
  const labelWidth = Math.max(...labels.map((l) => Raster.textWidth(l, SCALE)));

  const plotLeft = MARGIN + labelWidth + 10;
  const plotRight = WIDTH - MARGIN;
  const plotTop = legendY + text + 24;
  const plotBottom = HEIGHT - MARGIN - text - 10;
  const plotHeight = plotBottom - plotTop;
  const y = (v: number) => plotBottom - (v / top) * plotHeight;

  labels.forEach((label, i) => {
    const gy = Math.round(y(i * step));
    r.hline(plotLeft, gy, plotRight - plotLeft, i === 0 ? MUTED : GRID);
    r.text(plotLeft - 10, gy - Math.floor(text / 2), label, MUTED, SCALE, 'right');
  });

  const n = c.days.length;
  const slot = (plotRight - plotLeft) / Math.max(1, n);
  const barWidth = Math.max(2, Math.floor(slot * 0.72));
  c.values.forEach((parts, i) => {
    const x = Math.round(plotLeft + i * slot + (slot - barWidth) / 2);
    let base = 0;
    parts.forEach((v, s) => {
      if (v <= 0) return;
      const y0 = Math.round(y(base + v));
      const y1 = Math.round(y(base));
      r.rect(x, y0, barWidth, Math.max(1, y1 - y0), PALETTE[s % PALETTE.length]);
      base += v;
    });
  });

  // Dates every 7 days, counted back from the latest so the last bar is always labelled.
  for (let i = n - 1; i >= 0; i -= 7) {
    const cx = plotLeft + i * slot + slot / 2;
    const label = dayMonth(c.days[i]);
    const w = Raster.textWidth(label, SCALE);
    const x = Math.min(plotRight - w / 2, Math.max(plotLeft + w / 2, cx));
    r.rect(Math.round(cx), plotBottom + 1, 1, 4, MUTED);
    r.text(x, plotBottom + 8, label, MUTED, SCALE, 'center');
  }

  if (n > 1) r.hline(plotLeft, Math.round(y(average)), plotRight - plotLeft, AVERAGE, 2, [8, 6]);
  return r.png();
}
