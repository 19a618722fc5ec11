import { SandboxProvider, parseEstate } from '../../../../src/cloud';
import { DEFAULT_THRESHOLDS, FindingsEngine, RULES } from '../../../../src/findings';
import { newestRuntime } from '../../../../src/findings/rules';
import { Inventory } from '../../../../src/inventory';
import { FakeClock } from '../../../helpers/bot';

const fn = (name: string, runtime?: string, extra = '') =>
  `          - { FunctionName: ${name}, FunctionArn: ` +
  `"arn:aws:lambda:us-west-2:111111111111:function:${name}", ` +
  `${runtime ? `Runtime: ${runtime}, ` : ''}LastModified: ` +
  `"2025-01-01T00:00:00.000+0000", State: Active${extra} }`;

const ESTATE = `
name: lambda-runtimes
accounts:
  - id: "111111111111"
    alias: production
    regions:
      us-west-2:
        lambdaFunctions:
${fn('legacy-node', 'nodejs16.x')}
${fn('py38-job', 'python3.8')}
${fn('node20-api', 'nodejs20.x')}
${fn('dotnet8-svc', 'dotnet8')}
${fn('ruby33-cron', 'ruby3.3')}
${fn('node22-api', 'nodejs22.x')}
${fn('fresh-py', 'python3.13')}
${fn('image-fn', undefined, ', PackageType: Image')}
`;

async function run(today: string, thresholds = DEFAULT_THRESHOLDS) {
  const clock = new FakeClock(new Date(`${today}T12:00:00Z`));
  const provider = new SandboxProvider(parseEstate(ESTATE), 'lambda-runtimes', { now: () => clock.now() });
  const inventory = await Inventory.scan(provider);
  const rules = RULES.filter((r) => r.id === 'lambda-runtime-deprecation');
  return new FindingsEngine({ provider, thresholds, clock, rules }).run(inventory.all());
}

describe('rule lambda-runtime-deprecation', () => {
  it(
    'names deprecated runtimes high, near ones medium (60 days) or low (runtimeWarnDays),' +
      ' with the date and what to upgrade to (oldest deadline first)',
    async () => {
      const report = await run('2026-12-01');
      expect(report.failures).toEqual([]);
      expect(report.findings.map((f) => [f.resource.name, f.severity, f.deadline])).toEqual([
        ['legacy-node', 'high', '2024-06-12'],
        ['py38-job', 'high', '2024-10-14'],
        ['node20-api', 'high', '2026-04-30'],
        ['dotnet8-svc', 'high', '2026-11-10'],
        ['ruby33-cron', 'low', '2027-03-31'],
        ['node22-api', 'low', '2027-04-30'],
      ]);
      const by = (name: string) => report.findings.find((f) => f.resource.name === name)!;
      expect(by('legacy-node').detail).toContain('Runtime nodejs16.x was deprecated on 2024-06-12 (902 days ago)');
      expect(by('legacy-node').detail).toContain('Lambda blocks updates to functions on it from 2027-03-03');
      expect(by('legacy-node').detail).toContain('Upgrade the runtime to nodejs24.x (supported until 2028-04-30)');
      expect(by('ruby33-cron').detail).toContain('Runtime ruby3.3 is deprecated on 2027-03-31 (in 120 days)');
      // No money is claimed and there is no Fix button: a runtime upgrade is code work, not a playbook.
      for (const f of report.findings) {
        expect(f.monthlySaving).toBeNull();
        expect(f.fix).toBeNull();
        expect(f.detail).toContain('No money saved');
        expect(f.detail).toContain('no playbook does this');
      }
      // Inventory facts only: no extra AWS request.
      expect(report.requests).toEqual({});
    },
  );

  it('turns medium inside the last 60 days, and past the block-update date says updates are blocked', async () => {
    const soon = await run('2027-02-15');
    expect(soon.findings.find((f) => f.resource.name === 'ruby33-cron')).toMatchObject({ severity: 'medium' });
    const later = await run('2027-04-01');
    expect(later.findings.find((f) => f.resource.name === 'legacy-node')!.detail).toContain(
      'Lambda has blocked updates to functions on it since 2027-03-03',
    );
  });

  it('takes runtimeWarnDays from the config; a current runtime and an image function are never named', async () => {
    const report = await run('2026-12-01', { ...DEFAULT_THRESHOLDS, runtimeWarnDays: 0 });
    expect(report.findings.map((f) => f.resource.name).sort()).toEqual(['dotnet8-svc', 'legacy-node', 'node20-api', 'py38-job']);
    const wide = await run('2026-12-01', { ...DEFAULT_THRESHOLDS, runtimeWarnDays: 3650 });
    expect(wide.findings.map((f) => f.resource.name)).toContain('fresh-py');
    expect(wide.findings.map((f) => f.resource.name)).not.toContain('image-fn');
  });

  it('suggests the newest runtime of the same language from the same dated table', () => {
    expect(newestRuntime('python3.8')).toEqual({ id: 'python3.14', until: '2029-06-30' });
    expect(newestRuntime('go1.x')).toEqual({ id: 'provided.al2023', until: '2029-06-30' });
    expect(newestRuntime('java8')).toEqual({ id: 'java25', until: '2029-06-30' });
    expect(newestRuntime('dotnetcore3.1')).toEqual({ id: 'dotnet10', until: '2028-11-14' });
    expect(newestRuntime('container-image')).toBeUndefined();
  });
});
