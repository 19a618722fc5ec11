/** The sandbox behaves like AWS for the calls the new actions make. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CloudError, parseEstate, SandboxProvider } from '../../../../src/cloud';
import { DEMO_ESTATE } from '../../../../src/main';

const PROD = { account: '111111111111', region: 'us-west-2' };
const STAGING = { account: '222222222222', region: 'us-west-2' };
const WEB = 'i-0ee23f1888b4bf1cf'; // web-prod-1

const DEMO = parse(readFileSync(DEMO_ESTATE, 'utf8'), { maxAliasCount: 1000 });

/** A fresh copy of the demo estate, optionally edited. */
function sandbox(edit?: (estate: { accounts: { id: string; deny?: string[] }[] }) => void): SandboxProvider {
  const raw = structuredClone(DEMO);
  edit?.(raw);
  return new SandboxProvider(parseEstate(JSON.stringify(raw)), 'test');
}

describe('sandbox EBS snapshots', () => {
  it('CreateSnapshots makes one pending snapshot per attached volume, completed by the next describe, with tags', async () => {
    const p = sandbox();
    const out = await p.ec2(PROD).createSnapshots({ InstanceSpecification: { InstanceId: WEB }, CopyTagsFromSource: 'volume', TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'cloudops:request', Value: 'req-1' }] }] });
    expect(out.Snapshots).toHaveLength(1);
    expect(out.Snapshots![0]).toMatchObject({ VolumeId: 'vol-089f89d7e5f0c241f', State: 'pending' });
    const id = out.Snapshots![0].SnapshotId!;
    expect((await p.ec2(PROD).describeSnapshots({ SnapshotIds: [id] })).Snapshots![0].State).toBe('pending');
    const later = (await p.ec2(PROD).describeSnapshots({ Filters: [{ Name: 'tag:cloudops:request', Values: ['req-1'] }] })).Snapshots!;
    expect(later).toHaveLength(1);
    expect(later[0].State).toBe('completed');
    expect(later[0].Tags).toEqual(expect.arrayContaining([{ Key: 'Name', Value: 'web-prod-1-root' }, { Key: 'cloudops:request', Value: 'req-1' }]));
  });

  it('DryRun answers DryRunOperation and creates nothing; an unknown snapshot id is InvalidSnapshot.NotFound', async () => {
    const p = sandbox();
    await expect(p.ec2(PROD).createSnapshots({ InstanceSpecification: { InstanceId: WEB }, DryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
    expect((await p.ec2(PROD).describeSnapshots({})).Snapshots).toEqual([]);
    await expect(p.ec2(PROD).describeSnapshots({ SnapshotIds: ['snap-0000'] })).rejects.toMatchObject({ code: 'InvalidSnapshot.NotFound' });
  });
});

describe('sandbox RDS rules and snapshots', () => {
  it('refuses to stop SQL Server Multi-AZ, as RDS does', async () => {
    await expect(sandbox().rds(STAGING).stopDBInstance({ DBInstanceIdentifier: 'mssql-staging' })).rejects.toMatchObject({ code: 'InvalidDBInstanceState', message: expect.stringContaining('SQL Server Multi-AZ') });
  });

  it('StopDBInstance with a snapshot identifier takes the snapshot', async () => {
    const p = sandbox();
    await p.rds(STAGING).stopDBInstance({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'pg-staging-before-stop-req-1' });
    expect((await p.rds(STAGING).describeDBSnapshots({ DBSnapshotIdentifier: 'pg-staging-before-stop-req-1' })).DBSnapshots![0]).toMatchObject({ DBInstanceIdentifier: 'pg-staging', Status: 'creating' });
  });

  it('CreateDBSnapshot: creating then available; duplicate ids and bad ids refused', async () => {
    const p = sandbox();
    const rds = p.rds(STAGING);
    await rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-a' });
    expect((await rds.describeDBSnapshots({ DBSnapshotIdentifier: 'snap-a' })).DBSnapshots![0].Status).toBe('creating');
    expect((await rds.describeDBSnapshots({ DBSnapshotIdentifier: 'snap-a' })).DBSnapshots![0].Status).toBe('available');
    // While backing up, the instance takes no second snapshot, as in RDS.
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-b' })).rejects.toMatchObject({ code: 'InvalidDBInstanceState' });
    expect((await rds.describeDBInstances({ DBInstanceIdentifier: 'pg-staging' })).DBInstances![0].DBInstanceStatus).toBe('available');
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-a' })).rejects.toMatchObject({ code: 'DBSnapshotAlreadyExists' });
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'bad--id' })).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(rds.describeDBSnapshots({ DBSnapshotIdentifier: 'nope' })).rejects.toMatchObject({ code: 'DBSnapshotNotFound' });
  });

  it('refuses a snapshot of one Aurora member', async () => {
    await expect(sandbox().rds({ account: '111111111111', region: 'us-east-1' }).createDBSnapshot({ DBInstanceIdentifier: 'analytics-aurora-2', DBSnapshotIdentifier: 's1' })).rejects.toMatchObject({ code: 'InvalidDBInstanceState' });
  });
});

describe('sandbox SSM Automation client tokens', () => {
  it('the same token and request return the execution already started; a different request with it is refused', async () => {
    const ssm = sandbox().ssm(PROD);
    const token = '0b6f3c1e-1111-5222-a333-444455556666';
    const a = await ssm.startAutomationExecution({ DocumentName: 'AWS-RestartEC2Instance', Parameters: { InstanceId: [WEB] }, ClientToken: token });
    const b = await ssm.startAutomationExecution({ DocumentName: 'AWS-RestartEC2Instance', Parameters: { InstanceId: [WEB] }, ClientToken: token });
    expect(b.AutomationExecutionId).toBe(a.AutomationExecutionId);
    await expect(ssm.startAutomationExecution({ DocumentName: 'AWS-StopEC2Instance', Parameters: { InstanceId: [WEB] }, ClientToken: token })).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
  });
});

describe("sandbox `deny`: the bot's role lacks a permission in one account", () => {
  const denying = () => sandbox((e) => void (e.accounts.find((a) => a.id === '222222222222')!.deny = ['ec2:StopInstances', 'rds:*']));

  it('EC2 answers UnauthorizedOperation naming the action, before the DryRun check', async () => {
    const e = await denying().ec2(STAGING).stopInstances({ InstanceIds: ['i-0cedfd64766a969a9'], DryRun: true }).catch((x) => x);
    expect(e).toBeInstanceOf(CloudError);
    expect(e).toMatchObject({ code: 'UnauthorizedOperation', details: { service: 'ec2', operation: 'stopInstances' } });
    expect(e.message).toContain('is not authorized to perform: ec2:StopInstances');
  });

  it('a wildcard denies the whole service with its own error code; other accounts and calls are untouched', async () => {
    const p = denying();
    await expect(p.rds(STAGING).describeDBInstances({})).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(p.ec2(STAGING).startInstances({ InstanceIds: ['i-0cedfd64766a969a9'], DryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
    await expect(p.ec2(PROD).stopInstances({ InstanceIds: [WEB], DryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
  });

  it('the estate file refuses a malformed IAM action', () => {
    expect(() => parseEstate('accounts: [{ id: "111111111111", deny: ["StopInstances"], regions: {} }]')).toThrow(/an IAM action like ec2:TerminateInstances/);
  });
});
