const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** One character per value, lowest to highest of the series. */
export function sparkline(values: number[]): string {
  if (!values.length) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (max - min < 1e-9) return BARS[3].repeat(values.length);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.floor(((v - min) / (max - min)) * BARS.length))]).join('');
}
