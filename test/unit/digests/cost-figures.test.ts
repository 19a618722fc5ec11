import { costFigures } from '../../../src/digests/cost/cost-figures';
import { costWindow } from '../../../src/digests/cost/cost-window';
import { parsePeriod } from '../../../src/digests/cost/cost-report';
import type { CostTable } from '../../../src/digests/cost/CostExplorerReader';

describe('cost window: which days one digest compares', () => {
  it('compares yesterday with the same weekday a week before and the month to date with the same days last month', () => {
    const w = costWindow('2026-11-22');
    expect(w).toMatchObject({
      yesterday: '2026-11-21',
      weekBefore: '2026-11-14',
      monthStart: '2026-11-01',
      prevMonthStart: '2026-10-01',
      prevMonthSameDay: '2026-10-21',
      prevMonthEnd: '2026-10-31',
      chartStart: '2026-10-23',
      last7Start: '2026-11-15',
      prev7Start: '2026-11-08',
      prev7End: '2026-11-14',
      fetchStart: '2026-10-01',
      nextMonthStart: '2026-12-01',
    });
  });

  it('on the 1st reports the month that just ended, and starts the request early enough for a 30-day chart', () => {
    const w = costWindow('2026-03-01');
    expect(w).toMatchObject({
      yesterday: '2026-02-28',
      monthStart: '2026-02-01',
      prevMonthStart: '2026-01-01',
      prevMonthSameDay: '2026-01-28',
      chartStart: '2026-01-30',
      fetchStart: '2026-01-01',
      nextMonthStart: '2026-03-01',
    });
  });

  it('clips "the same days of last month" to a shorter month, and never asks for more than 62 days', () => {
    const w = costWindow('2026-03-31');
    expect(w.prevMonthSameDay).toBe('2026-02-28');
    for (const today of ['2026-01-01', '2026-03-31', '2026-08-01', '2026-09-01', '2027-01-31']) {
      const x = costWindow(today);
      const days = (Date.parse(x.today) - Date.parse(x.fetchStart)) / 86_400_000;
      expect(days).toBeLessThanOrEqual(62);
      expect(x.fetchStart <= x.chartStart && x.fetchStart <= x.prev7Start && x.fetchStart <= x.prevMonthStart).toBe(true);
    }
  });
});

function table(points: [string, string, string | undefined, number][], perAccount: boolean): CostTable {
  return {
    query: {
      start: '2026-10-01',
      end: '2026-11-22',
      granularity: 'DAILY',
      groupBy: perAccount ? ['SERVICE', 'LINKED_ACCOUNT'] : ['SERVICE'],
      metric: 'UnblendedCost',
    },
    unit: 'USD',
    points: points.map(([day, service, account, amount]) => ({ day, keys: account ? [service, account] : [service], amount })),
    estimated: ['2026-11-21'],
    accountNames: { '222222222222': 'staging-from-ce' },
  };
}

describe('cost figures', () => {
  const days = (from: string, to: string) => {
    const out: string[] = [];
    for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1))
      out.push(d.toISOString().slice(0, 10));
    return out;
  };

  it('finds the biggest movers in dollars, and the biggest percent change on a base that matters', () => {
    const pts: [string, string, string | undefined, number][] = [];
    for (const d of days('2026-10-01', '2026-11-21')) {
      const recent = d >= '2026-11-15';
      pts.push([d, 'EC2', undefined, recent ? 300 : 100]); // +$1,400 a week
      pts.push([d, 'S3', undefined, 50]);
      pts.push([d, 'RDS', undefined, recent ? 210 : 200]); // +$70, +5%
      pts.push([d, 'Lambda', undefined, recent ? 18 : 10]); // +$56, +80%
      pts.push([d, 'CloudWatch', undefined, recent ? 13 : 10]); // +$21, +30%
      pts.push([d, 'KMS', undefined, recent ? 0.2 : 0.1]); // +100% of almost nothing
    }
    const f = costFigures(table(pts, false), costWindow('2026-11-22'), { top: 2, perAccount: false, accountNames: {} });
    expect(f.movers.map((m) => [m.service, Math.round(m.delta)])).toEqual([
      ['EC2', 1400],
      ['RDS', 70],
      ['Lambda', 56],
    ]);
    // The biggest percent change outside the movers, on a base of at least 1% of the week: not KMS.
    expect(f.percentMover).toMatchObject({ service: 'CloudWatch', percent: 30 });
    expect(f.services.map((s) => s.service)).toEqual(['RDS', 'EC2']); // month to date: 4,270 vs 3,500
    expect(f.yesterdayEstimated).toBe(true);
    expect(f.daily).toHaveLength(30);
    expect(f.missingDays).toEqual([]);
  });

  it('per account: figures for each account, names from config over Cost Explorer, chart parts stacked by account', () => {
    const pts: [string, string, string | undefined, number][] = [];
    for (const d of days('2026-10-01', '2026-11-21')) {
      pts.push([d, 'EC2', '111111111111', 100]);
      pts.push([d, 'EC2', '222222222222', d === '2026-11-21' ? 60 : 30]);
    }
    const f = costFigures(table(pts, true), costWindow('2026-11-22'), {
      top: 5,
      perAccount: true,
      accountNames: { '111111111111': 'production' },
    });
    expect(f.accounts!.map((a) => [a.name, a.yesterday, a.weekBefore])).toEqual([
      ['production', 100, 100],
      ['staging-from-ce', 60, 30],
    ]);
    expect(f.daily.at(-1)).toEqual({ day: '2026-11-21', total: 160, parts: [100, 60] });
    expect(f.movers[0]).toMatchObject({ service: 'EC2', account: '222222222222', delta: 30 });
  });

  it('notices days Cost Explorer returned nothing for', () => {
    const pts: [string, string, string | undefined, number][] = days('2026-10-01', '2026-11-21')
      .filter((d) => d !== '2026-11-02')
      .map((d) => [d, 'EC2', undefined, 10]);
    expect(costFigures(table(pts, false), costWindow('2026-11-22'), { top: 5, perAccount: false, accountNames: {} }).missingDays).toEqual([
      '2026-11-02',
    ]);
  });
});

describe('periods people ask for', () => {
  it.each([
    ['yesterday', '2026-11-21', '2026-11-21'],
    ['last week', '2026-11-09', '2026-11-15'],
    ['this week', '2026-11-16', '2026-11-21'],
    ['this month', '2026-11-01', '2026-11-21'],
    ['last month', '2026-10-01', '2026-10-31'],
    ['last 30 days', '2026-10-23', '2026-11-21'],
    ['October', '2026-10-01', '2026-10-31'],
    ['december', '2025-12-01', '2025-12-31'],
    ['2026-09-01..2026-09-30', '2026-09-01', '2026-09-30'],
  ])('%s', (text, start, end) => {
    expect(parsePeriod(text, '2026-11-22')).toMatchObject({ start, end });
  });

  it('does not guess at text it cannot read', () => {
    expect(parsePeriod('the other day', '2026-11-22')).toBeUndefined();
    expect(parsePeriod('2026-13-01', '2026-11-22')).toBeUndefined();
  });
});
