import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateSnapshotCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  ModifyVolumeCommand,
} from '@aws-sdk/client-ec2';
import { DescribeDBMajorEngineVersionsCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { createVolumeSnapshot, deleteSnapshot, deleteVolume, modifyVolumeType } from '../../../src/execution/ebs';
import { DEFAULT_THRESHOLDS, FindingsEngine } from '../../../src/findings';
import { actionContext, awsError, awsProvider, resource } from '../../helpers/aws';
import { FakeClock } from '../../helpers/bot';

const ec2 = mockClient(EC2Client);
const cw = mockClient(CloudWatchClient);
const rds = mockClient(RDSClient);
beforeEach(() => {
  ec2.reset();
  cw.reset();
  rds.reset();
});

const VOL = 'vol-0123456789abcdef0';
const SNAP = 'snap-0123456789abcdef0';
const dryRunOk = awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');

describe('EBS actions on the AWS wire', () => {
  it(
    'ec2.deleteVolume: DryRun first (DryRunOperation = allowed), then DeleteVolume, ' + 'waits until DescribeVolumes no longer has it',
    async () => {
      ec2.on(DeleteVolumeCommand, { DryRun: true }).rejects(dryRunOk);
      ec2.on(DeleteVolumeCommand, { VolumeId: VOL }).resolves({ $metadata: { requestId: 'aws-1' } });
      ec2.on(DescribeVolumesCommand).rejects(awsError('InvalidVolume.NotFound', `The volume '${VOL}' does not exist.`));
      const ctx = actionContext(awsProvider());
      expect(await deleteVolume.dryRun(ctx, { VolumeId: VOL })).toMatchObject({ supported: true, allowed: true });
      const out = await deleteVolume.apply(ctx, { VolumeId: VOL });
      expect(out.requestIds).toEqual(['aws-1']);
      expect(ec2.commandCalls(DeleteVolumeCommand).map((c) => c.args[0].input)).toEqual([
        { VolumeId: VOL, DryRun: true },
        { VolumeId: VOL },
      ]);
      expect(await deleteVolume.wait!(ctx, { VolumeId: VOL }, out)).toBe('deleted');
    },
  );

  it('ec2.deleteVolume: a missing permission is a blocked dry run naming it; VolumeInUse reaches the step as AWS said it', async () => {
    ec2
      .on(DeleteVolumeCommand, { DryRun: true })
      .rejects(
        awsError(
          'UnauthorizedOperation',
          'User: arn:aws:sts::111111111111:assumed-role/cloudops/x is not authorized to perform: ec2:DeleteVolume on resource',
        ),
      );
    const ctx = actionContext(awsProvider());
    const dry = await deleteVolume.dryRun(ctx, { VolumeId: VOL });
    expect(dry).toMatchObject({ supported: true, allowed: false });
    expect(dry.note).toContain('ec2:DeleteVolume');
    ec2.on(DeleteVolumeCommand, { VolumeId: VOL }).rejects(awsError('VolumeInUse', `Volume ${VOL} is currently attached to i-0abc`));
    await expect(deleteVolume.apply(ctx, { VolumeId: VOL })).rejects.toMatchObject({ code: 'VolumeInUse' });
  });

  it('ec2.createVolumeSnapshot tags the snapshot with the request and waits for it; Skip makes none', async () => {
    ec2.on(CreateSnapshotCommand).resolves({ SnapshotId: SNAP, VolumeId: VOL, State: 'pending', $metadata: { requestId: 'aws-2' } });
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: SNAP, State: 'completed' }] });
    const ctx = actionContext(awsProvider(), { target: { account: '111111111111', region: 'us-west-2', requestId: 'req-0009' } });
    const out = await createVolumeSnapshot.apply(ctx, { VolumeId: VOL, Description: 'before deletion', Skip: false });
    expect(ec2.commandCalls(CreateSnapshotCommand)[0].args[0].input).toEqual({
      VolumeId: VOL,
      Description: 'before deletion',
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: [
            { Key: 'created-by', Value: 'cloudops' },
            { Key: 'cloudops:request', Value: 'req-0009' },
          ],
        },
      ],
    });
    expect(await createVolumeSnapshot.wait!(ctx, { VolumeId: VOL, Description: '', Skip: false }, out)).toBe(`snapshot ${SNAP} completed`);
    ec2.resetHistory();
    const skipped = await createVolumeSnapshot.apply(ctx, { VolumeId: VOL, Description: '', Skip: 'true' });
    expect(skipped.summary).toContain('no snapshot');
    expect(ec2.commandCalls(CreateSnapshotCommand)).toHaveLength(0);
  });

  it('ec2.modifyVolumeType sends ModifyVolume with the type; ec2.deleteSnapshot sends DeleteSnapshot', async () => {
    ec2.on(ModifyVolumeCommand).resolves({
      VolumeModification: { VolumeId: VOL, OriginalVolumeType: 'gp2', TargetVolumeType: 'gp3', ModificationState: 'modifying' },
    });
    ec2.on(DeleteSnapshotCommand).resolves({});
    const ctx = actionContext(awsProvider());
    expect((await modifyVolumeType.apply(ctx, { VolumeId: VOL, VolumeType: 'gp3' })).summary).toBe(`${VOL}: gp2 -> gp3 (modifying)`);
    expect(ec2.commandCalls(ModifyVolumeCommand)[0].args[0].input).toEqual({ VolumeId: VOL, VolumeType: 'gp3' });
    await deleteSnapshot.apply(ctx, { SnapshotId: SNAP });
    expect(ec2.commandCalls(DeleteSnapshotCommand)[0].args[0].input).toEqual({ SnapshotId: SNAP });
    expect(() => deleteSnapshot.input.parse({ SnapshotId: 'vol-1' })).toThrow(/snapshot id/);
  });
});

describe('findings reads on the AWS wire', () => {
  it('idle instances: one GetMetricData per region, p95 over the whole 14-day window; engine lifecycles per engine', async () => {
    cw.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        { Id: 'i0', Values: [1.2] },
        { Id: 'i1', Values: [] },
      ],
    });
    rds.on(DescribeDBMajorEngineVersionsCommand).resolves({
      DBMajorEngineVersions: [
        {
          Engine: 'postgres',
          MajorEngineVersion: '12',
          SupportedEngineLifecycles: [
            {
              LifecycleSupportName: 'open-source-rds-standard-support',
              LifecycleSupportStartDate: new Date('2020-02-28T00:00:00Z'),
              LifecycleSupportEndDate: new Date('2025-02-28T23:59:59Z'),
            },
          ],
        },
      ],
    });
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [] });
    const clock = new FakeClock(new Date('2026-12-01T12:30:00Z'));
    const resources = [
      resource('ec2-instance', 'i-0aaaaaaaaaaaaaaa1', { state: 'running', facts: { instanceType: 'm5.large' } }),
      resource('ec2-instance', 'i-0aaaaaaaaaaaaaaa2', { state: 'running', facts: { instanceType: 'm5.large' } }),
      resource('rds-instance', 'old-pg', { state: 'available', facts: { engine: 'postgres', engineVersion: '12.19' } }),
    ];
    const report = await new FindingsEngine({
      provider: awsProvider(),
      thresholds: DEFAULT_THRESHOLDS,
      clock,
      enabled: ['ec2-idle', 'rds-engine-eol'],
    }).run(resources);
    expect(report.failures).toEqual([]);
    const input = cw.commandCalls(GetMetricDataCommand)[0].args[0].input;
    expect(input.StartTime).toEqual(new Date('2026-11-17T12:00:00Z'));
    expect(input.EndTime).toEqual(new Date('2026-12-01T12:00:00Z'));
    expect(input.MetricDataQueries![0]).toEqual({
      Id: 'i0',
      MetricStat: {
        Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-0aaaaaaaaaaaaaaa1' }] },
        Period: 1209600,
        Stat: 'p95',
      },
      ReturnData: true,
    });
    expect(rds.commandCalls(DescribeDBMajorEngineVersionsCommand)[0].args[0].input).toEqual({ Engine: 'postgres' });
    expect(report.findings.map((f) => [f.rule, f.resource.id])).toEqual([
      ['rds-engine-eol', 'old-pg'],
      ['ec2-idle', 'i-0aaaaaaaaaaaaaaa1'],
    ]);
    expect(report.requests).toEqual({ cloudwatch: 1, rds: 1 });
  });
});
