import { join } from 'node:path';
import { CloudError, SandboxProvider, type CloudWatchApi } from '../../../src/cloud';
import type { Resource } from '../../../src/core/resource';
import { FINDING_RULE_IDS, parseConfig } from '../../../src/config';
import { DIGEST_PERMISSIONS } from '../../../src/digests';
import {
  DEFAULT_THRESHOLDS,
  FINDINGS_PERMISSIONS,
  FindingsEngine,
  majorOf,
  PRICES,
  resourceKey,
  RULES,
  type Finding,
} from '../../../src/findings';
import { Inventory } from '../../../src/inventory';
import { FakeClock } from '../../helpers/bot';

const ESTATE = join(__dirname, '../../fixtures/estates/findings.yaml');
const NOW = new Date('2026-12-01T12:00:00Z');

async function setUp() {
  const clock = new FakeClock(NOW);
  const provider = SandboxProvider.fromFile(ESTATE, { now: () => clock.now() });
  const inventory = await Inventory.scan(provider);
  return { clock, provider, inventory };
}

const byRule = (fs: Finding[]) =>
  fs.reduce<Record<string, string[]>>((acc, f) => ({ ...acc, [f.rule]: [...(acc[f.rule] ?? []), f.resource.name] }), {});

describe('findings engine over the sandbox', () => {
  it('finds one thing per rule, with the money and the fix, worst first', async () => {
    const { clock, provider, inventory } = await setUp();
    const engine = new FindingsEngine({ provider, thresholds: DEFAULT_THRESHOLDS, clock });
    const report = await engine.run(inventory.all());
    expect(report.failures).toEqual([]);
    expect(byRule(report.findings)).toEqual({
      'rds-engine-eol': ['legacy-pg', 'orders-mysql', 'reports-pg'],
      'ec2-stopped-long': ['old-build-box'],
      'ebs-unattached': ['orphan-data'],
      'ec2-idle': ['quiet-api'],
      'ebs-gp2': ['old-build-root'],
      'ebs-snapshot-old': ['snap-0aaaaaaaaaaaaaaa1'],
    });
    // High (past end of support) before medium before low; within a severity the biggest saving first.
    expect(report.findings.map((f) => f.severity)).toEqual(['high', 'high', 'medium', 'medium', 'low', 'low', 'low', 'low']);
    expect(report.findings.slice(2, 4).map((f) => f.resource.name)).toEqual(['orphan-data', 'reports-pg']);
    const get = (rule: string) => report.findings.find((f) => f.rule === rule)!;
    // 100 GB gp2 still billed while stopped: $10.00 a month at the table's us-west-2 price.
    expect(get('ec2-stopped-long')).toMatchObject({ monthlySaving: 10, fix: { playbook: 'ec2-terminate-instance', param: 'instance' } });
    expect(get('ec2-stopped-long').detail).toContain('Stopped since 2026-10-22 (40 days)');
    expect(get('ebs-unattached')).toMatchObject({ monthlySaving: 40, severity: 'medium', fix: { playbook: 'ebs-delete-volume' } });
    expect(get('ebs-gp2')).toMatchObject({ monthlySaving: 2, fix: { playbook: 'ebs-change-to-gp3' } });
    expect(get('ec2-idle')).toMatchObject({ monthlySaving: 140.16, fix: { playbook: 'ec2-stop-instance' } });
    expect(get('ec2-idle').detail).toContain('CPU p95 1.8%');
    expect(get('ebs-snapshot-old')).toMatchObject({ monthlySaving: null, fix: { playbook: 'ebs-delete-snapshot', param: 'snapshot' } });
    expect(get('ebs-snapshot-old').resource).toMatchObject({
      type: 'taggable',
      id: 'snap-0aaaaaaaaaaaaaaa1',
      arn: 'arn:aws:ec2:us-west-2:111111111111:snapshot/snap-0aaaaaaaaaaaaaaa1',
    });
    const eol = report.findings.filter((f) => f.rule === 'rds-engine-eol');
    expect(eol.map((f) => [f.resource.name, f.severity, f.deadline])).toEqual([
      ['legacy-pg', 'high', '2024-02-29'],
      ['orders-mysql', 'high', '2026-07-31'],
      ['reports-pg', 'medium', '2027-02-28'],
    ]);
    expect(eol[2].detail).toContain('leaves RDS standard support on 2027-02-28 (90 days)');
    // Extra reads: one DescribeSnapshots per region, one GetMetricData per region with running instances, one lifecycle call per engine.
    expect(report.requests).toEqual({ ec2: 1, cloudwatch: 1, rds: 2 });
  });

  it('takes its thresholds from the config', async () => {
    const { clock, provider, inventory } = await setUp();
    const engine = new FindingsEngine({
      provider,
      thresholds: { ...DEFAULT_THRESHOLDS, stoppedDays: 60, snapshotDays: 365, idleCpuP95: 1, engineWarnDays: 30 },
      clock,
    });
    const rules = byRule((await engine.run(inventory.all())).findings);
    expect(rules['ec2-stopped-long']).toBeUndefined();
    expect(rules['ebs-snapshot-old']).toBeUndefined();
    expect(rules['ec2-idle']).toBeUndefined();
    expect(rules['rds-engine-eol']).toEqual(['legacy-pg', 'orders-mysql']);
  });

  it('leaves snoozed resources out and counts them', async () => {
    const { clock, provider, inventory } = await setUp();
    const orphan = inventory.all().find((r) => r.name === 'orphan-data')!;
    const snoozes = {
      active: () => [{ rule: '*', resourceKey: resourceKey(orphan), reason: 'restore test next week', by: 'alice', until: '2027-01-01' }],
    };
    const report = await new FindingsEngine({ provider, thresholds: DEFAULT_THRESHOLDS, clock, snoozes }).run(inventory.all());
    expect(report.findings.some((f) => f.resource.name === 'orphan-data')).toBe(false);
    expect(report.snoozed).toBe(1);
  });

  it('reports a rule that fails (CloudWatch denied) and still gives the others', async () => {
    const { clock, provider, inventory } = await setUp();
    const denied: CloudWatchApi = {
      getMetricData: async () => {
        throw new CloudError('AccessDenied', 'User: x is not authorized to perform: cloudwatch:GetMetricData', {
          service: 'monitoring',
          operation: 'getMetricData',
        });
      },
    };
    const broken = Object.assign(Object.create(provider), { cloudwatch: () => denied });
    const report = await new FindingsEngine({ provider: broken, thresholds: DEFAULT_THRESHOLDS, clock }).run(inventory.all());
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ rule: 'ec2-idle' });
    expect(report.failures[0].error).toContain('cloudwatch:GetMetricData');
    expect(report.findings.some((f) => f.rule === 'ebs-unattached')).toBe(true);
  });

  it('reuses the tagging check for missing tags', async () => {
    const { clock, provider, inventory } = await setUp();
    const tagCheck = (rs: Resource[]) => rs.filter((r) => !r.tags.owner).map((resource) => ({ resource, problems: ['owner is missing'] }));
    const report = await new FindingsEngine({ provider, thresholds: DEFAULT_THRESHOLDS, clock, tagCheck, enabled: ['tags-missing'] }).run(
      inventory.all(),
    );
    expect(report.findings.map((f) => f.resource.name)).toEqual(['orphan-data']);
    expect(report.findings[0]).toMatchObject({ detail: 'Tagging policy: owner is missing.', fix: { playbook: 'tag-resources' } });
  });
});

describe('engine versions and prices', () => {
  it('reads the major version an engine version belongs to', () => {
    expect(majorOf('8.0.36', ['5.7', '8.0', '8.4'])).toBe('8.0');
    expect(majorOf('11.22', ['1', '11', '12'])).toBe('11');
    expect(majorOf('10.11.9', ['10.6', '10.11', '11.4'])).toBe('10.11');
    expect(majorOf('9.6.1', ['10'])).toBeUndefined();
  });

  it('prices instances and volumes from the dated table; unknown types have no price', () => {
    expect(PRICES.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICES.instanceMonthly('m5.large', 'us-east-1')).toBe(70.08);
    expect(PRICES.volumeMonthly('gp3', 100, 'us-west-2')).toBe(8);
    expect(PRICES.instanceMonthly('x9.huge', 'us-east-1')).toBeUndefined();
    expect(PRICES.volumeMonthly('gp3', 100, 'mars-north-1')).toBeUndefined();
  });
});

describe('rule registry', () => {
  it('the config lists exactly the rules there are, and every rule says what it needs and what fixes it', async () => {
    expect([...FINDING_RULE_IDS].sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const r of RULES) expect(r.fix === null || (r.fix.playbook && r.fix.param)).toBeTruthy();
    expect(FINDINGS_PERMISSIONS).toEqual([
      'cloudwatch:GetMetricData',
      'ec2:DescribeSnapshots',
      'rds:DescribeDBMajorEngineVersions',
      's3:GetBucketAcl',
      's3:GetBucketPublicAccessBlock',
    ]);
  });

  it('a findings rule id in the config that does not exist is refused, naming the rules', () => {
    expect(() => parseConfig({ findings: { rules: ['ebs-unatached'] } })).toThrow(/is not a findings rule; the rules are rds-engine-eol/);
    expect(parseConfig({ findings: { stoppedDays: 30 } }).findings).toMatchObject({ stoppedDays: 30, snapshotDays: 90, idleCpuP95: 5 });
  });
});

describe('permissions', () => {
  it("the IAM policy's digest permissions include every findings rule's reads", () => {
    for (const p of FINDINGS_PERMISSIONS) expect(DIGEST_PERMISSIONS).toContain(p);
  });
});
