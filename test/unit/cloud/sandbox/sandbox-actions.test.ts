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

describe('sandbox EBS: the findings fixes', () => {
  const ORPHAN = 'vol-0436690bba2febcba'; // old-kafka-data-2, unattached
  const ATTACHED = 'vol-089f89d7e5f0c241f'; // web-prod-1's root

  it('DeleteVolume: refuses an attached volume (VolumeInUse) before DryRun; DryRun deletes nothing; then it is gone', async () => {
    const p = sandbox();
    await expect(p.ec2(PROD).deleteVolume({ VolumeId: ATTACHED, DryRun: true })).rejects.toMatchObject({ code: 'VolumeInUse' });
    await expect(p.ec2(PROD).deleteVolume({ VolumeId: ORPHAN, DryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
    expect((await p.ec2(PROD).describeVolumes({ VolumeIds: [ORPHAN] })).Volumes).toHaveLength(1);
    await p.ec2(PROD).deleteVolume({ VolumeId: ORPHAN });
    expect((await p.ec2(PROD).describeVolumes({ VolumeIds: [ORPHAN] })).Volumes).toEqual([]);
    await expect(p.ec2(PROD).deleteVolume({ VolumeId: ORPHAN })).rejects.toMatchObject({ code: 'InvalidVolume.NotFound' });
  });

  it('CreateSnapshot of one volume, then ModifyVolume to gp3 (the same type again is refused), DeleteSnapshot', async () => {
    const p = sandbox();
    const snap = await p.ec2(PROD).createSnapshot({
      VolumeId: ORPHAN,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'created-by', Value: 'cloudops' }] }],
    });
    expect(snap).toMatchObject({ VolumeId: ORPHAN, State: 'pending', VolumeSize: 2000 });
    expect(
      (await p.ec2(PROD).describeSnapshots({ Filters: [{ Name: 'volume-id', Values: [ORPHAN] }] })).Snapshots!.map((s) => s.SnapshotId),
    ).toContain(snap.SnapshotId);
    const gp2 = 'vol-08dc8b00070d08a79';
    await expect(p.ec2(PROD).modifyVolume({ VolumeId: gp2, VolumeType: 'gp3', DryRun: true })).rejects.toMatchObject({
      code: 'DryRunOperation',
    });
    expect((await p.ec2(PROD).modifyVolume({ VolumeId: gp2, VolumeType: 'gp3' })).VolumeModification).toMatchObject({
      OriginalVolumeType: 'gp2',
      TargetVolumeType: 'gp3',
    });
    await expect(p.ec2(PROD).modifyVolume({ VolumeId: gp2, VolumeType: 'gp3' })).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await p.ec2(PROD).deleteSnapshot({ SnapshotId: 'snap-07a9e35b1c2d4f680' });
    await expect(p.ec2(PROD).describeSnapshots({ SnapshotIds: ['snap-07a9e35b1c2d4f680'] })).rejects.toMatchObject({
      code: 'InvalidSnapshot.NotFound',
    });
    await expect(p.ec2(PROD).deleteSnapshot({ SnapshotId: 'snap-07a9e35b1c2d4f680' })).rejects.toMatchObject({
      code: 'InvalidSnapshot.NotFound',
    });
  });

  it('CloudWatch answers the estate p95 for listed instances and nothing for others; RDS gives engine lifecycles', async () => {
    const p = sandbox();
    const q = (id: string, n: string) => ({
      Id: n,
      MetricStat: {
        Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: id }] },
        Period: 1209600,
        Stat: 'p95',
      },
    });
    const out = await p.cloudwatch!(PROD).getMetricData({
      MetricDataQueries: [q(WEB, 'a'), q('i-0123456789abcdef0', 'b')],
      StartTime: new Date(0),
      EndTime: new Date(),
    });
    expect(out.MetricDataResults!.map((r) => [r.Id, r.Values])).toEqual([
      ['a', [41.2]],
      ['b', []],
    ]);
    const mysql = await p.rds(PROD).describeDBMajorEngineVersions({ Engine: 'mysql' });
    expect(mysql.DBMajorEngineVersions!.map((v) => v.MajorEngineVersion)).toEqual(['8.0']);
  });

  it('a denied cloudwatch:GetMetricData fails as IAM would', async () => {
    const p = sandbox((e) => void (e.accounts[0].deny = ['cloudwatch:GetMetricData']));
    await expect(
      p.cloudwatch!(PROD).getMetricData({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date() }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});

describe('sandbox EBS snapshots', () => {
  it('CreateSnapshots makes one pending snapshot per attached volume, completed by the next describe, with tags', async () => {
    const p = sandbox();
    const out = await p.ec2(PROD).createSnapshots({
      InstanceSpecification: { InstanceId: WEB },
      CopyTagsFromSource: 'volume',
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'cloudops:request', Value: 'req-1' }] }],
    });
    expect(out.Snapshots).toHaveLength(1);
    expect(out.Snapshots![0]).toMatchObject({ VolumeId: 'vol-089f89d7e5f0c241f', State: 'pending' });
    const id = out.Snapshots![0].SnapshotId!;
    expect((await p.ec2(PROD).describeSnapshots({ SnapshotIds: [id] })).Snapshots![0].State).toBe('pending');
    const later = (await p.ec2(PROD).describeSnapshots({ Filters: [{ Name: 'tag:cloudops:request', Values: ['req-1'] }] })).Snapshots!;
    expect(later).toHaveLength(1);
    expect(later[0].State).toBe('completed');
    expect(later[0].Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Name', Value: 'web-prod-1-root' },
        { Key: 'cloudops:request', Value: 'req-1' },
      ]),
    );
  });

  it('DryRun answers DryRunOperation and creates nothing; an unknown snapshot id is InvalidSnapshot.NotFound', async () => {
    const p = sandbox();
    const before = (await p.ec2(PROD).describeSnapshots({})).Snapshots;
    await expect(p.ec2(PROD).createSnapshots({ InstanceSpecification: { InstanceId: WEB }, DryRun: true })).rejects.toMatchObject({
      code: 'DryRunOperation',
    });
    expect((await p.ec2(PROD).describeSnapshots({})).Snapshots).toEqual(before);
    await expect(p.ec2(PROD).describeSnapshots({ SnapshotIds: ['snap-0000'] })).rejects.toMatchObject({ code: 'InvalidSnapshot.NotFound' });
  });
});

describe('sandbox RDS rules and snapshots', () => {
  it('refuses to stop SQL Server Multi-AZ, as RDS does', async () => {
    await expect(sandbox().rds(STAGING).stopDBInstance({ DBInstanceIdentifier: 'mssql-staging' })).rejects.toMatchObject({
      code: 'InvalidDBInstanceState',
      message: expect.stringContaining('SQL Server Multi-AZ'),
    });
  });

  it('StopDBInstance with a snapshot identifier takes the snapshot', async () => {
    const p = sandbox();
    await p.rds(STAGING).stopDBInstance({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'pg-staging-before-stop-req-1' });
    expect(
      (await p.rds(STAGING).describeDBSnapshots({ DBSnapshotIdentifier: 'pg-staging-before-stop-req-1' })).DBSnapshots![0],
    ).toMatchObject({ DBInstanceIdentifier: 'pg-staging', Status: 'creating' });
  });

  it('CreateDBSnapshot: creating then available; duplicate ids and bad ids refused', async () => {
    const p = sandbox();
    const rds = p.rds(STAGING);
    await rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-a' });
    expect((await rds.describeDBSnapshots({ DBSnapshotIdentifier: 'snap-a' })).DBSnapshots![0].Status).toBe('creating');
    expect((await rds.describeDBSnapshots({ DBSnapshotIdentifier: 'snap-a' })).DBSnapshots![0].Status).toBe('available');
    // While backing up, the instance takes no second snapshot, as in RDS.
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-b' })).rejects.toMatchObject({
      code: 'InvalidDBInstanceState',
    });
    expect((await rds.describeDBInstances({ DBInstanceIdentifier: 'pg-staging' })).DBInstances![0].DBInstanceStatus).toBe('available');
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'snap-a' })).rejects.toMatchObject({
      code: 'DBSnapshotAlreadyExists',
    });
    await expect(rds.createDBSnapshot({ DBInstanceIdentifier: 'pg-staging', DBSnapshotIdentifier: 'bad--id' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    await expect(rds.describeDBSnapshots({ DBSnapshotIdentifier: 'nope' })).rejects.toMatchObject({ code: 'DBSnapshotNotFound' });
  });

  it('refuses a snapshot of one Aurora member', async () => {
    await expect(
      sandbox()
        .rds({ account: '111111111111', region: 'us-east-1' })
        .createDBSnapshot({ DBInstanceIdentifier: 'analytics-aurora-2', DBSnapshotIdentifier: 's1' }),
    ).rejects.toMatchObject({ code: 'InvalidDBInstanceState' });
  });
});

describe('sandbox SSM Automation client tokens', () => {
  it('the same token and request return the execution already started; a different request with it is refused', async () => {
    const ssm = sandbox().ssm(PROD);
    const token = '0b6f3c1e-1111-5222-a333-444455556666';
    const a = await ssm.startAutomationExecution({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: [WEB] },
      ClientToken: token,
    });
    const b = await ssm.startAutomationExecution({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: [WEB] },
      ClientToken: token,
    });
    expect(b.AutomationExecutionId).toBe(a.AutomationExecutionId);
    await expect(
      ssm.startAutomationExecution({ DocumentName: 'AWS-StopEC2Instance', Parameters: { InstanceId: [WEB] }, ClientToken: token }),
    ).rejects.toMatchObject({ code: 'IdempotentParameterMismatch' });
  });
});

describe("sandbox `deny`: the bot's role lacks a permission in one account", () => {
  const denying = () => sandbox((e) => void (e.accounts.find((a) => a.id === '222222222222')!.deny = ['ec2:StopInstances', 'rds:*']));

  it('EC2 answers UnauthorizedOperation naming the action, before the DryRun check', async () => {
    const e = await denying()
      .ec2(STAGING)
      .stopInstances({ InstanceIds: ['i-0cedfd64766a969a9'], DryRun: true })
      .catch((x) => x);
    expect(e).toBeInstanceOf(CloudError);
    expect(e).toMatchObject({ code: 'UnauthorizedOperation', details: { service: 'ec2', operation: 'stopInstances' } });
    expect(e.message).toContain('is not authorized to perform: ec2:StopInstances');
  });

  it('a wildcard denies the whole service with its own error code; other accounts and calls are untouched', async () => {
    const p = denying();
    await expect(p.rds(STAGING).describeDBInstances({})).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(p.ec2(STAGING).startInstances({ InstanceIds: ['i-0cedfd64766a969a9'], DryRun: true })).rejects.toMatchObject({
      code: 'DryRunOperation',
    });
    await expect(p.ec2(PROD).stopInstances({ InstanceIds: [WEB], DryRun: true })).rejects.toMatchObject({ code: 'DryRunOperation' });
  });

  it('the estate file refuses a malformed IAM action', () => {
    expect(() => parseEstate('accounts: [{ id: "111111111111", deny: ["StopInstances"], regions: {} }]')).toThrow(
      /an IAM action like ec2:TerminateInstances/,
    );
  });
});
