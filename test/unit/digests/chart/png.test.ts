import { crc32, encodePng } from '../../../../src/digests';
import { renderDailyCostChart } from '../../../../src/digests/chart/daily-cost-chart';
import { sparkline } from '../../../../src/digests/chart/sparkline';
import { decodePng } from '../../../helpers/png';

describe('PNG encoder', () => {
  it('computes the CRC-32 PNG chunks use', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes a PNG any reader decodes back to the same pixels', () => {
    const w = 7;
    const h = 5;
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0; i < rgb.length; i++) rgb[i] = (i * 37) % 256;
    const png = decodePng(encodePng(w, h, rgb));
    expect(png.chunks).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([png.width, png.height]).toEqual([w, h]);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) expect(png.pixel(x, y)).toEqual([...rgb.subarray((y * w + x) * 3, (y * w + x) * 3 + 3)]);
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(5))).toThrow('expected 12 bytes for 2x2 RGB, got 5');
  });
});

describe('daily cost chart', () => {
  const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 9, 23 + i)).toISOString().slice(0, 10));

  it('draws one bar per day, as tall as its cost, in each series colour, stacked', () => {
    const values = days.map((_, i) => (i === 21 ? [3000, 2000] : [3000, 500]));
    const png = decodePng(renderDailyCostChart({ title: 'Daily cost', days, values, series: ['production', 'staging'], unit: 'USD' }));
    expect([png.width, png.height]).toEqual([800, 360]);
    const blue = [0x25, 0x63, 0xeb];
    const amber = [0xf5, 0x9e, 0x0b];
    // Walk up the middle of the spike's bar and of a normal bar: blue first, then amber, then background.
    const column = (x: number) => {
      const seen: string[] = [];
      for (let y = png.height - 40; y > 40; y--) {
        const c = png.pixel(x, y).join(',');
        if (c === blue.join(',') && seen.at(-1) !== 'blue') seen.push('blue');
        if (c === amber.join(',') && seen.at(-1) !== 'amber') seen.push('amber');
      }
      return {
        seen,
        top: [...Array(png.height).keys()].find((y) => [blue.join(','), amber.join(',')].includes(png.pixel(x, y).join(','))),
      };
    };
    const slot = (i: number) => {
      // Find a column inside bar i: scan the bottom row for bar starts.
      const y = png.height - 60;
      const starts: number[] = [];
      for (let x = 1; x < png.width; x++)
        if (png.pixel(x, y).join(',') === blue.join(',') && png.pixel(x - 1, y).join(',') !== blue.join(',')) starts.push(x);
      return starts[i] + 3;
    };
    const spike = column(slot(21));
    const normal = column(slot(20));
    expect(spike.seen).toEqual(['blue', 'amber']);
    expect(normal.seen).toEqual(['blue', 'amber']);
    expect(spike.top!).toBeLessThan(normal.top! - 50); // $5,000 stands well above $3,500
  });

  it('renders an all-zero month without dividing by zero', () => {
    const png = decodePng(renderDailyCostChart({ title: 'Daily cost', days, values: days.map(() => [0]), series: ['total'], unit: 'USD' }));
    expect(png.width).toBe(800);
  });
});

describe('sparkline', () => {
  it('maps the lowest value to the lowest bar and the highest to the highest', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });
});
