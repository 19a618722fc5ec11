import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { Inventory, scanEstate, scanners } from '../../../src/inventory';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');
const at = (iso: string) => () => new Date(iso);

function setup() {
  const sandbox = SandboxProvider.fromFile(ESTATE);
  const provider = new FlakyProvider(sandbox);
  return { sandbox, provider };
}

describe('Inventory', () => {
  it('merges SSM agent facts onto EC2 instances and keeps on-premises managed machines', async () => {
    const { provider } = setup();
    const inventory = await Inventory.scan(provider);
    const byName = (n: string) => inventory.all().find((r) => r.name === n)!;
    expect(byName('web-prod-1').facts).toMatchObject({ ssmPingStatus: 'Online', ssmAgentVersion: '3.3.987.0' });
    expect(byName('web-prod-2').facts.ssmPingStatus).toBe('ConnectionLost');
    expect(byName('kafka-broker-1').facts.ssmPingStatus).toBeNull();
    expect(byName('build-host.corp')).toMatchObject({ type: 'ssm-instance', id: 'mi-0123456789abcdef0' });
    // The tagging API lists the same instances, volumes and databases: no duplicates.
    expect(inventory.all().filter((r) => r.type === 'taggable')).toEqual([]);
    expect(inventory.all('ec2-instance')).toHaveLength(11);
  });

  it('a failing scanner in one region is reported with when it last succeeded; the rest updates and nothing else is lost', async () => {
    const { sandbox, provider } = setup();
    const inventory = new Inventory();
    inventory.apply(await scanEstate(provider, { now: at('2026-11-22T09:00:00Z') }), provider.accounts());
    expect(inventory.failures).toEqual([]);

    // Between scans: web-prod-3 is terminated-and-gone, a database is deleted, and RDS in production/us-west-2 starts refusing.
    const west = sandbox.state.region('111111111111', 'us-west-2');
    west.ec2Instances = west.ec2Instances.filter((i) => i.InstanceId !== 'i-0a00000000000003a');
    sandbox.state.region('222222222222', 'us-west-2').rdsInstances.pop();
    provider.fails = (service, _m, t) =>
      service === 'rds' && t.account === '111111111111' && t.region === 'us-west-2' ? accessDenied('rds:DescribeDBInstances') : undefined;
    inventory.apply(await scanEstate(provider, { now: at('2026-11-22T09:15:00Z') }), provider.accounts());

    const names = inventory.all().map((r) => r.name);
    expect(names).not.toContain('web-prod-3'); // gone from EC2: removed
    expect(names).not.toContain('mysql-staging'); // gone from staging RDS: removed
    expect(names).toEqual(expect.arrayContaining(['pg-instance-main1', 'billing-mysql-prod'])); // failing scan: last known kept
    expect(inventory.failures).toEqual([
      expect.objectContaining({
        account: '111111111111',
        region: 'us-west-2',
        scanner: 'rds-instances',
        code: 'AccessDenied',
        error: expect.stringContaining('rds:DescribeDBInstances'),
        at: '2026-11-22T09:15:00.000Z',
        lastSuccess: '2026-11-22T09:00:00.000Z',
      }),
      expect.objectContaining({ scanner: 'rds-clusters', lastSuccess: '2026-11-22T09:00:00.000Z' }),
    ]);

    // It recovers on the next scan.
    provider.fails = () => undefined;
    inventory.apply(await scanEstate(provider, { now: at('2026-11-22T09:30:00Z') }), provider.accounts());
    expect(inventory.failures).toEqual([]);
  });

  it('a whole account that cannot be reached keeps its resources and reports every scanner there', async () => {
    const { provider } = setup();
    const inventory = await Inventory.scan(provider);
    const before = inventory.all().filter((r) => r.account === '222222222222').length;
    provider.fails = (_s, _m, t) => (t.account === '222222222222' ? accessDenied('sts:AssumeRole') : undefined);
    inventory.apply(await scanEstate(provider), provider.accounts());
    expect(inventory.all().filter((r) => r.account === '222222222222')).toHaveLength(before);
    expect(new Set(inventory.failures.map((f) => f.scanner))).toEqual(new Set(scanners().map((s) => s.name)));
    expect(inventory.failures.every((f) => f.account === '222222222222' && f.accountAlias === 'staging')).toBe(true);
  });

  it('drops the resources of a region that is no longer configured', async () => {
    const { provider } = setup();
    const inventory = await Inventory.scan(provider);
    expect(inventory.all().some((r) => r.region === 'eu-west-1')).toBe(true);
    const fewer = provider.accounts().map((a) => ({ ...a, regions: a.regions.filter((r) => r !== 'eu-west-1') }));
    const report = await scanEstate({
      ...provider,
      accounts: () => fewer,
      ec2: (t) => provider.ec2(t),
      rds: (t) => provider.rds(t),
      ssm: (t) => provider.ssm(t),
      tagging: (t) => provider.tagging(t),
      service: (n, t) => provider.service(n, t),
      costExplorer: () => provider.costExplorer(),
    });
    inventory.apply(report, fewer);
    expect(inventory.all().some((r) => r.region === 'eu-west-1')).toBe(false);
  });

  it('resources only the tagging API knows (an S3 bucket) are listed as taggable', async () => {
    const { sandbox } = setup();
    const provider = new FlakyProvider(sandbox);
    const inventory = new Inventory();
    const report = await scanEstate(provider);
    const tagUnit = report.units.find((u) => u.scanner === 'tagged-resources' && u.region === 'us-west-2' && u.account === '111111111111')!;
    if (tagUnit.ok)
      tagUnit.resources.push({
        type: 'taggable',
        id: 'arn:aws:s3:::payments-exports',
        arn: 'arn:aws:s3:::payments-exports',
        name: 'payments-exports',
        account: '111111111111',
        region: 'us-west-2',
        tags: {},
        facts: { service: 's3' },
      });
    inventory.apply(report, provider.accounts());
    expect(inventory.all('taggable').find((r) => r.name === 'payments-exports')).toMatchObject({ type: 'taggable' });
    expect(inventory.all('ec2-instance').some((r) => r.name === 'payments-exports')).toBe(false);
  });
});
