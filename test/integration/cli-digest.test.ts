import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ESTATE } from '../../src/main';
import { cloudops, tempDir } from '../helpers/cli';
import { decodePng } from '../helpers/png';

describe('cloudops digest cost|tags --print on the bundled sandbox', () => {
  it('prints the cost digest, and writes its chart when asked', () => {
    const chart = join(tempDir(), 'cost.png');
    const r = cloudops(['digest', 'cost', '--print', '--date', '2026-11-22', '--chart', chart]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== Cost digest for Saturday 21 November 2026 ==');
    expect(r.stdout).toContain('November to date (1-21 Nov): $79,191, up $4,810 (+6.5%) from 1-21 Oct');
    expect(r.stdout).toContain('Cost Explorer: 2 requests');
    expect(decodePng(readFileSync(chart))).toMatchObject({ width: 800, height: 360 });
  });

  it('--date moves the demo estate with it: a year ahead the same figures, dated then', () => {
    const r = cloudops(['digest', 'cost', '--print', '--date', '2027-11-22', '--store', ':memory:']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== Cost digest for Sunday 21 November 2027 ==');
    expect(r.stdout).toContain('November to date (1-21 Nov): $79,191, up $4,810 (+6.5%) from 1-21 Oct');
  });

  it('prints the tagging digest, and every offender with --all', () => {
    const r = cloudops(['digest', 'tags', '--print', '--date', '2026-11-22', '--all']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== Tagging digest for Sunday 22 November 2026 ==');
    expect(r.stdout).toContain('== All offenders, 11-26 of 26 ==');
  });

  it('works without --date (today, or the day after the sandbox costs end) and keeps the Cost Explorer cache in the store', () => {
    const cwd = tempDir();
    const first = cloudops(['digest', 'cost', '--print'], { cwd });
    expect(first.code).toBe(0);
    // The demo estate keeps time: its costs end yesterday, so no "showing the digest as of" note.
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('== Cost digest for');
    expect(existsSync(join(cwd, '.cloudops/cloudops.db'))).toBe(true);
    const second = cloudops(['digest', 'cost', '--print'], { cwd });
    expect(second.stdout).toContain('Cost Explorer: 0 requests, 2 answers from cache');
  });

  it('--json prints the neutral message, with the chart as base64 PNG', () => {
    const r = cloudops(['digest', 'cost', '--print', '--json', '--date', '2026-11-22', '--store', ':memory:']);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({
      kind: 'digest',
      header: 'Cost digest for Saturday 21 November 2026',
      image: { title: 'Daily cost, last 30 days' },
    });
    expect(decodePng(Buffer.from(m.image.png, 'base64')).width).toBe(800);
    expect(m.textChart).toMatch(/^Daily cost, 23 Oct-21 Nov: /);
  });

  it('says what failed when the digest cannot be built, with exit code 1', () => {
    // The bundled estate keeps time (asOf), so it has costs on any date: its copy without asOf keeps its
    // dates as written and has none in December 2029.
    const estate = join(tempDir(), 'fixed-dates.yaml');
    writeFileSync(estate, readFileSync(DEMO_ESTATE, 'utf8').replace(/^asOf: .*\n/m, ''));
    const r = cloudops(['digest', 'cost', '--print', '--date', '2030-01-10', '--store', ':memory:', '--sandbox', estate]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('== Cost digest could not be built ==');
    expect(r.stdout).toContain('Cost Explorer returned no costs for 1 Dec-9 Jan in account 111111111111.');
  });

  it.each([
    [
      ['digest', 'spend', '--print'],
      'cloudops digest: unknown digest "spend"; use `cloudops digest cost --print`, ' +
        '`cloudops digest tags --print` or `cloudops digest findings --print`',
    ],
    [['digest', 'cost'], 'cloudops digest: give --print and/or --csv FILE'],
    [
      ['digest', 'cost', '--print', '--date', '22/11/2026'],
      'cloudops digest: --date "22/11/2026" is not a date; write it as YYYY-MM-DD, e.g. --date 2026-11-22',
    ],
  ])('refuses bad usage with one line and exit code 2: %j', (args, message) => {
    const r = cloudops(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
