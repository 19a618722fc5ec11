/**
 * Issue 17 item 6: the demo estate keeps time. Its dates are written as of 2026-11-22 (asOf) and move with
 * the bot's clock, so the cost digest is whole and the findings digest says the same things on any date.
 */
import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import type { FindingsReport } from '../../src/findings';
import { converse, FakeClock, testBot } from '../helpers/bot';

const WITH_ANOMALIES = { ...SANDBOX_DEMO_CONFIG, cost: { anomalies: true } };

async function costAndLastMonth(at: string): Promise<string> {
  const bot = await testBot({ config: WITH_ANOMALIES, clock: new FakeClock(new Date(at)) });
  try {
    return await converse(bot, ['cost', 'how much did we spend last month']);
  } finally {
    bot.close();
  }
}

async function findingsAt(at: string): Promise<FindingsReport> {
  const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date(at)) });
  try {
    return (await bot.digests.findings.build()).report;
  } finally {
    bot.close();
  }
}

/** rule -> the resources it names, with the detail and saving a user reads. */
function byRule(report: FindingsReport, skip: string[] = []): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of report.findings) {
    if (skip.includes(f.rule)) continue;
    (out[f.rule] ??= []).push(`${f.resource.id} ${f.severity} ${f.monthlySaving ?? '-'}`);
  }
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}

describe('the demo estate keeps time', () => {
  it('a year ahead, the cost digest has yesterday, a full last month and the staging GPU anomaly', async () => {
    const out = await costAndLastMonth('2027-11-22T09:00:00Z');
    expect(out).toContain('== Cost digest for Sunday 21 November 2027 ==');
    // The figures of the estate as written (2026-11-22), moved a year: the same money, today's dates.
    expect(out).toContain('Yesterday (Sun 21 Nov): $3,354, down $660.17 (-16.4%) from Sun 14 Nov');
    expect(out).toContain('November to date (1-21 Nov): $79,191, up $4,810 (+6.5%) from 1-21 Oct');
    expect(out).toMatch(/Daily cost, 23 Oct-21 Nov: [▁▂▃▄▅▆▇█]{30}/);
    expect(out).toContain('Anomalies ending 15-21 Nov\nEC2-Instances in staging, 13-15 Nov: +$1,915 over the expected $908.06 (+211%)');
    expect(out).toContain('== Cost for 1-31 Oct ==');
    expect(out).toContain('Total: $110,223 over 31 days');
  });

  it('on 6 December 2026 (the day the fixed dates had run out) the last 7 days and November are whole', async () => {
    const out = await costAndLastMonth('2026-12-06T19:05:00Z');
    expect(out).toContain('== Cost digest for Saturday 5 December 2026 ==');
    expect(out).toMatch(/Yesterday \(Sat 5 Dec\): \$[\d,]+/);
    expect(out).toMatch(/Biggest movers, last 7 days \(29 Nov-5 Dec\) vs the 7 before\n[▲▼]/);
    expect(out).toContain('Anomalies ending 29 Nov-5 Dec\nEC2-Instances in staging, 27-29 Nov: +$1,915 over the expected $908.06 (+211%)');
    expect(out).toContain('== Cost for 1-30 Nov ==');
    expect(out).toMatch(/Total: \$[\d,]+ over 30 days/);
    expect(out).not.toContain('could not be built');
  });

  it('the findings digest names the same resources by rule, with the same ages, two years apart', async () => {
    const then = await findingsAt('2026-11-22T09:00:00Z');
    const later = await findingsAt('2028-11-22T09:00:00Z');
    // Every rule driven by the estate's own dates (stopped since, snapshot ages) and state finds the same.
    // The engine, runtime and Kubernetes rules follow AWS's published dates, which do not move (checked below).
    const published = ['rds-engine-eol', 'lambda-runtime-deprecation', 'eks-version-support'];
    expect(byRule(later, published)).toEqual(byRule(then, published));
    expect(Object.keys(byRule(then)).sort()).toEqual([
      'ebs-gp2',
      'ebs-snapshot-old',
      'ebs-unattached',
      'ec2-idle',
      'ec2-stopped-long',
      'eks-version-support',
      'lambda-runtime-deprecation',
      'rds-engine-eol',
      's3-public-bucket',
      'tags-missing',
    ]);
    // Runtimes past AWS's deprecation date stay past it; by 2028 more have reached theirs.
    const runtimes = (r: FindingsReport) =>
      r.findings
        .filter((f) => f.rule === 'lambda-runtime-deprecation')
        .map((f) => f.resource.name)
        .sort();
    expect(runtimes(then)).toEqual(['image-resizer', 'report-generator']);
    expect(runtimes(later)).toEqual(expect.arrayContaining(runtimes(then)));
    expect(runtimes(later).length).toBeGreaterThan(runtimes(then).length);
    // Kubernetes 1.32 (acme-staging) is past EKS standard support on both days; by 2028 1.35 (acme-prod) is too.
    const clusters = (r: FindingsReport) =>
      r.findings
        .filter((f) => f.rule === 'eks-version-support')
        .map((f) => f.resource.name)
        .sort();
    expect(clusters(then)).toEqual(['acme-staging']);
    expect(clusters(later)).toEqual(['acme-prod', 'acme-staging']);
    const detail = (r: FindingsReport, rule: string) =>
      r.findings
        .filter((f) => f.rule === rule)
        .map((f) => f.detail)
        .sort();
    expect(detail(then, 'ec2-stopped-long')).toEqual([
      expect.stringContaining('Stopped since 2026-09-30 (53 days)'),
      expect.stringContaining('Stopped since 2026-10-27 (26 days)'),
      expect.stringContaining('Stopped since 2026-11-03 (19 days)'),
    ]);
    expect(detail(later, 'ec2-stopped-long')).toEqual([
      expect.stringContaining('Stopped since 2028-09-30 (53 days)'),
      expect.stringContaining('Stopped since 2028-10-27 (26 days)'),
      expect.stringContaining('Stopped since 2028-11-03 (19 days)'),
    ]);
    // End-of-support dates are AWS's published dates and do not move: MySQL 8.0 is past them on both
    // days, and by 2028 PostgreSQL 15 and MariaDB 10.11 (2028-02-29) are past them too, as they will be.
    const eol = (r: FindingsReport) =>
      r.findings
        .filter((f) => f.rule === 'rds-engine-eol')
        .map((f) => `${f.resource.name} ${f.severity}`)
        .sort();
    expect(eol(then)).toEqual(['billing-db-prod high', 'billing-db-staging high', 'mysql-staging high', 'reporting-mysql high']);
    expect(eol(later)).toEqual(expect.arrayContaining(eol(then)));
    expect(eol(later)).toEqual(expect.arrayContaining(['orders-db high', 'search-meta-db high']));
  });
});
