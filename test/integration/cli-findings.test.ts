import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudops, tempDir } from '../helpers/cli';

describe('cloudops digest findings and cloudops findings snooze, on the bundled sandbox', () => {
  it('--json prints one object with the documented contract; --date makes it reproducible', () => {
    const r = cloudops(['digest', 'findings', '--print', '--json', '--date', '2026-11-22', '--store', ':memory:']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]);
    expect(Object.keys(out.findings[0]).sort()).toEqual(['detail', 'monthlySaving', 'playbook', 'resource', 'rule', 'severity']);
    expect(Object.keys(out.findings[0].resource).sort()).toEqual(['account', 'id', 'name', 'region', 'type']);
    expect(out.byRule).toEqual({
      'eks-version-support': 1,
      'rds-engine-eol': 4,
      'ec2-idle': 3,
      'ebs-unattached': 4,
      'ec2-stopped-long': 3,
      'ebs-gp2': 2,
      'tags-missing': 26,
      'ebs-snapshot-old': 3,
      'lambda-runtime-deprecation': 2,
      's3-public-bucket': 1,
    });
    // The Lambda and S3 rules find risks, not money; the EKS extended-support surcharge is $365.00.
    expect(out.totalMonthlySaving).toBe(1178.7);
    expect(out.priceTableDate).toBe('2024-06-01');
    expect(out.requests).toEqual({ rds: 9, cloudwatch: 5, ec2: 5, s3: 1 });
    const kafka = out.findings.find((f: { resource: { name: string } }) => f.resource.name === 'old-kafka-data-2');
    expect(kafka).toEqual({
      rule: 'ebs-unattached',
      severity: 'medium',
      resource: { id: 'vol-0436690bba2febcba', name: 'old-kafka-data-2', type: 'ebs-volume', account: '111111111111', region: 'us-west-2' },
      detail: 'Unattached gp3 volume of 2000 GB, billed in full. Delete it (a snapshot is taken first).',
      monthlySaving: 160,
      playbook: 'ebs-delete-volume',
    });
    const snap = out.findings.find((f: { rule: string }) => f.rule === 'ebs-snapshot-old');
    expect(snap).toMatchObject({ resource: { type: 'ec2:snapshot' }, monthlySaving: null, playbook: 'ebs-delete-snapshot' });
    const eol = out.findings.find((f: { rule: string }) => f.rule === 'rds-engine-eol');
    expect(eol).toMatchObject({ severity: 'high', playbook: null, monthlySaving: null });
    const runtime = out.findings.find((f: { resource: { name: string } }) => f.resource.name === 'image-resizer');
    expect(runtime).toMatchObject({ rule: 'lambda-runtime-deprecation', severity: 'high', playbook: null, monthlySaving: null });
    expect(runtime.detail).toContain('Runtime nodejs16.x was deprecated on 2024-06-12');
    const bucket = out.findings.find((f: { resource: { name: string } }) => f.resource.name === 'acme-prod-logs');
    expect(bucket).toMatchObject({ rule: 's3-public-bucket', severity: 'high', playbook: 's3-block-public-access', monthlySaving: null });
    // Worst first, then the biggest saving.
    const rank = { critical: 0, high: 1, medium: 2, low: 3 } as Record<string, number>;
    const sev = out.findings.map((f: { severity: string }) => rank[f.severity]);
    expect(sev).toEqual([...sev].sort((a: number, b: number) => a - b));
  });

  it('prints the chat digest as text', () => {
    const r = cloudops(['digest', 'findings', '--print', '--date', '2026-11-22', '--store', ':memory:']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('== Findings: 49 to act on, ~$1,178.70/month to save ==');
  });

  it('snooze is kept in the store and the audit trail; a bad one exits 2 and records nothing', () => {
    const cwd = tempDir();
    const store = join(cwd, 'state.db');
    const bad = cloudops(['findings', 'snooze', 'no-such-thing', '--reason', 'x', '--store', store], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('I know no resource called "no-such-thing"');
    const badDays = cloudops(['findings', 'snooze', 'old-kafka-data-2', '--reason', 'x', '--days', 'soon', '--store', store], { cwd });
    expect(badDays.code).toBe(2);
    expect(badDays.stderr).toContain('--days "soon" is not a number of days');
    const ok = cloudops(
      [
        'findings',
        'snooze',
        'old-kafka-data-2',
        '--rule',
        'ebs-unattached',
        '--reason',
        'kept for the Q1 restore drill',
        '--days',
        '60',
        '--by',
        'dana',
        '--store',
        store,
      ],
      { cwd },
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Snoozed the ebs-unattached finding on old-kafka-data-2');
    const list = cloudops(['findings', 'snoozes', '--json', '--store', store], { cwd });
    expect(JSON.parse(list.stdout).snoozes).toMatchObject([
      {
        rule: 'ebs-unattached',
        resourceKey: '111111111111/us-west-2/vol-0436690bba2febcba',
        reason: 'kept for the Q1 restore drill',
        by: 'cli:dana',
      },
    ]);
    const digest = cloudops(['digest', 'findings', '--print', '--json', '--store', store], { cwd });
    const names = JSON.parse(digest.stdout)
      .findings.filter((f: { rule: string }) => f.rule === 'ebs-unattached')
      .map((f: { resource: { name: string } }) => f.resource.name);
    expect(names).not.toContain('old-kafka-data-2');
    expect(JSON.parse(digest.stdout).snoozed).toBe(1);
    const audit = cloudops(['audit', '--kind', 'snooze', '--json', '--store', store], { cwd });
    const records = audit.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: 'snooze',
      actor: 'cli:dana',
      data: { rule: 'ebs-unattached', reason: 'kept for the Q1 restore drill' },
    });
  });

  it('an unknown digest kind names the three', () => {
    const r = cloudops(['digest', 'finding', '--print']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`cloudops digest findings --print`');
  });
});

describe('cloudops digest cost|tags|findings --csv FILE', () => {
  it('writes each digest as CSV a spreadsheet opens: header, one row per item, quoted where needed', () => {
    const dir = tempDir();
    const file = (k: string) => join(dir, `${k}.csv`);
    for (const kind of ['cost', 'tags', 'findings']) {
      const r = cloudops(['digest', kind, '--csv', file(kind), '--date', '2026-11-22', '--store', ':memory:']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`wrote \\d+ ${kind} rows to `));
    }
    const read = (k: string) => readFileSync(file(k), 'utf8').split('\r\n').filter(Boolean);
    const cost = read('cost');
    expect(cost[0]).toBe('date,account_id,account_name,service,amount,unit,estimated');
    expect(
      cost.some((l) => /^2026-11-21,111111111111,production,Amazon Elastic Compute Cloud - Compute,\d+\.\d\d,USD,false$/.test(l)),
    ).toBe(true);
    const tags = read('tags');
    expect(tags[0]).toBe('arn,type,id,name,account_id,account_name,region,owner,tags_at_fault,problems');
    expect(tags).toHaveLength(27);
    const findings = read('findings');
    expect(findings[0]).toBe(
      'rule,severity,resource_id,resource_name,resource_type,account_id,account_name,region,monthly_saving_usd,playbook,deadline,detail',
    );
    expect(findings).toHaveLength(50);
    expect(findings).toContain(
      'ebs-unattached,medium,vol-0436690bba2febcba,old-kafka-data-2,ebs-volume,' +
        '111111111111,production,us-west-2,160.00,ebs-delete-volume,,"Unattached gp3 volume ' +
        'of 2000 GB, billed in full. Delete it (a snapshot is taken first)."',
    );
  });

  it('a file it cannot write is exit 2 with the reason', () => {
    const r = cloudops(['digest', 'findings', '--csv', join(tempDir(), 'no/such/dir/f.csv'), '--store', ':memory:']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write');
    expect(r.stderr).toContain('ENOENT');
  });
});
