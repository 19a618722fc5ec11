/**
 * The S3, ECS and Auto Scaling scanners at the wire (SDK v3, aws-sdk-client-mock): each pages its list
 * call with the service's own token names, maps AWS's fields into the normalized resource, and a region
 * that refuses (AccessDenied) fails that slice only, named, while the other region still scans.
 */
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DescribeServicesCommand, ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { resourceKinds } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const s3 = mockClient(S3Client);
const ecs = mockClient(ECSClient);
const asg = mockClient(AutoScalingClient);
afterEach(() => {
  s3.reset();
  ecs.reset();
  asg.reset();
});
const REGIONS = ['us-west-2', 'eu-west-1'];
const denied = (action: string, code = 'AccessDenied') =>
  awsError(code, `User: arn:aws:sts::111111111111:assumed-role/cloudops/scan is not authorized to perform: ${action}`, 403);

describe('S3 buckets at the wire', () => {
  const kind = resourceKinds.get('s3-bucket')!;

  function settings() {
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'logs' }).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'assets' }).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'logs' }).resolves({ PolicyStatus: { IsPublic: true } });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'assets' }).rejects(awsError('NoSuchBucketPolicy', 'none', 404));
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] },
    });
    s3.on(GetBucketTaggingCommand, { Bucket: 'logs' }).resolves({ TagSet: [{ Key: 'owner', Value: 'platform' }] });
    s3.on(GetBucketTaggingCommand, { Bucket: 'assets' }).rejects(awsError('NoSuchTagSet', 'none', 404));
    s3.on(GetBucketAclCommand).resolves({ Grants: [] });
  }

  it('pages ListBuckets by region with ContinuationToken and maps public state, block, versioning, encryption and tags', async () => {
    s3.on(ListBucketsCommand, { BucketRegion: 'us-west-2', MaxBuckets: 1000 }).resolves({
      Buckets: [{ Name: 'logs', BucketRegion: 'us-west-2' }],
      ContinuationToken: 'c2',
    });
    s3.on(ListBucketsCommand, { BucketRegion: 'us-west-2', MaxBuckets: 1000, ContinuationToken: 'c2' }).resolves({
      Buckets: [
        { Name: 'assets', BucketRegion: 'us-west-2' },
        { Name: 'elsewhere', BucketRegion: 'eu-west-1' },
      ],
    });
    settings();
    const u = unit(await scanWith(kind.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => [r.name, r.arn, r.state, r.facts.public, r.facts.publicAccessBlock, r.tags])).toEqual([
      ['logs', 'arn:aws:s3:::logs', 'public', true, 'none', { owner: 'platform' }],
      ['assets', 'arn:aws:s3:::assets', 'private', false, 'all', {}],
    ]);
    expect(u.resources[0].facts).toMatchObject({ versioning: 'Enabled', encryption: 'aws:kms', bucketRegion: 'us-west-2' });
  });

  it('AccessDenied on ListBuckets in one region fails that slice only; the other region still scans', async () => {
    s3.on(ListBucketsCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw denied('s3:ListAllMyBuckets');
      return { Buckets: [{ Name: 'logs', BucketRegion: 'us-west-2' }] };
    });
    settings();
    const report = await scanWith(kind.scanner, awsProvider(REGIONS));
    const west = unit(report, 'us-west-2');
    expect(west.ok && west.resources.map((r) => r.name)).toEqual(['logs']);
    const eu = unit(report, 'eu-west-1');
    expect(eu).toMatchObject({ ok: false, code: 'AccessDenied', scanner: 's3-buckets' });
    expect(!eu.ok && eu.error).toContain('s3:ListAllMyBuckets');
  });
});

describe('ECS services at the wire', () => {
  const kind = resourceKinds.get('ecs-service')!;
  const cluster = 'arn:aws:ecs:us-west-2:111111111111:cluster/prod-web';
  const svc = (n: string) => `arn:aws:ecs:us-west-2:111111111111:service/prod-web/${n}`;

  it('pages ListClusters and ListServices with nextToken, describes 10 services a call with tags, maps counts and rollout', async () => {
    ecs.on(ListClustersCommand, { maxResults: 100 }).resolves({ clusterArns: [cluster], nextToken: 'k2' });
    ecs.on(ListClustersCommand, { maxResults: 100, nextToken: 'k2' }).resolves({ clusterArns: [] });
    const names = Array.from({ length: 12 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);
    ecs.on(ListServicesCommand, { cluster, maxResults: 100 }).resolves({ serviceArns: names.slice(0, 11).map(svc), nextToken: 's2' });
    ecs.on(ListServicesCommand, { cluster, maxResults: 100, nextToken: 's2' }).resolves({ serviceArns: [svc(names[11])] });
    ecs.on(DescribeServicesCommand).callsFake(async (input: { services: string[]; include?: string[] }) => ({
      services: input.services.map((arn, i) => ({
        serviceArn: arn,
        serviceName: arn.split('/').pop(),
        clusterArn: cluster,
        status: i === 0 && arn.endsWith('svc-12') ? 'INACTIVE' : 'ACTIVE',
        desiredCount: 3,
        runningCount: 2,
        pendingCount: 1,
        launchType: 'FARGATE',
        taskDefinition: 'arn:aws:ecs:us-west-2:111111111111:task-definition/web:7',
        deployments: [{ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' }],
        tags: input.include?.includes('TAGS') ? [{ key: 'environment', value: 'production' }] : [],
      })),
    }));
    const u = unit(await scanWith(kind.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    // 12 listed over two pages, described 10 + 1 + 1, the INACTIVE one left out.
    expect(u.resources.map((r) => r.name)).toEqual(names.slice(0, 11));
    expect(ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length)).toEqual([10, 1, 1]);
    expect(u.resources[0]).toMatchObject({
      type: 'ecs-service',
      id: svc('svc-01'),
      state: 'active',
      tags: { environment: 'production' },
      facts: {
        cluster: 'prod-web',
        clusterArn: cluster,
        desiredCount: 3,
        runningCount: 2,
        belowDesired: true,
        launchType: 'FARGATE',
        rolloutState: 'IN_PROGRESS',
        deployments: 1,
      },
    });
  });

  it('AccessDeniedException in one region fails that slice only; the other region still scans', async () => {
    ecs.on(ListClustersCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw denied('ecs:ListClusters', 'AccessDeniedException');
      return { clusterArns: [cluster] };
    });
    ecs.on(ListServicesCommand).resolves({ serviceArns: [svc('checkout')] });
    ecs.on(DescribeServicesCommand).resolves({
      services: [{ serviceArn: svc('checkout'), serviceName: 'checkout', clusterArn: cluster, status: 'ACTIVE' }],
    });
    const report = await scanWith(kind.scanner, awsProvider(REGIONS));
    const west = unit(report, 'us-west-2');
    expect(west.ok && west.resources.map((r) => r.name)).toEqual(['checkout']);
    expect(unit(report, 'eu-west-1')).toMatchObject({ ok: false, code: 'AccessDeniedException', scanner: 'ecs-services' });
  });
});

describe('Auto Scaling groups at the wire', () => {
  const kind = resourceKinds.get('autoscaling-group')!;
  const group = (name: string, instances: { id: string; health: string; state: string }[]) => ({
    AutoScalingGroupName: name,
    AutoScalingGroupARN: `arn:aws:autoscaling:us-west-2:111111111111:autoScalingGroup:uuid:autoScalingGroupName/${name}`,
    MinSize: 1,
    MaxSize: 5,
    DesiredCapacity: instances.length,
    HealthCheckType: 'ELB',
    Instances: instances.map((i) => ({
      InstanceId: i.id,
      HealthStatus: i.health,
      LifecycleState: i.state as 'InService',
      AvailabilityZone: 'us-west-2a',
      ProtectedFromScaleIn: false,
    })),
    Tags: [{ Key: 'environment', Value: 'production' }],
    CreatedTime: new Date('2026-01-01T00:00:00Z'),
    DefaultCooldown: 300,
    AvailabilityZones: ['us-west-2a'],
    HealthCheckGracePeriod: 300,
  });

  it('pages DescribeAutoScalingGroups with NextToken (100 a page), maps sizes and health, leaves out groups being deleted', async () => {
    asg.on(DescribeAutoScalingGroupsCommand, { MaxRecords: 100 }).resolves({
      AutoScalingGroups: [
        group('web-asg', [
          { id: 'i-1', health: 'Healthy', state: 'InService' },
          { id: 'i-2', health: 'Unhealthy', state: 'InService' },
          { id: 'i-3', health: 'Healthy', state: 'Pending' },
        ]),
      ],
      NextToken: 'g2',
    });
    asg.on(DescribeAutoScalingGroupsCommand, { MaxRecords: 100, NextToken: 'g2' }).resolves({
      AutoScalingGroups: [{ ...group('old-asg', []), Status: 'Delete in progress' }, group('batch-asg', [])],
    });
    const u = unit(await scanWith(kind.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => r.name)).toEqual(['web-asg', 'batch-asg']);
    expect(u.resources[0]).toMatchObject({
      type: 'autoscaling-group',
      id: 'web-asg',
      state: 'active',
      tags: { environment: 'production' },
      facts: {
        minSize: 1,
        maxSize: 5,
        desiredCapacity: 3,
        instances: ['i-1', 'i-2', 'i-3'],
        instanceCount: 3,
        healthyCount: 1,
        unhealthyCount: 2,
        healthCheckType: 'ELB',
      },
    });
  });

  it('AccessDenied in one region fails that slice only; the other region still scans', async () => {
    asg.on(DescribeAutoScalingGroupsCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw denied('autoscaling:DescribeAutoScalingGroups');
      return { AutoScalingGroups: [group('web-asg', [])] };
    });
    const report = await scanWith(kind.scanner, awsProvider(REGIONS));
    const west = unit(report, 'us-west-2');
    expect(west.ok && west.resources.map((r) => r.name)).toEqual(['web-asg']);
    const eu = unit(report, 'eu-west-1');
    expect(eu).toMatchObject({ ok: false, code: 'AccessDenied', scanner: 'autoscaling-groups' });
    expect(!eu.ok && eu.error).toContain('autoscaling:DescribeAutoScalingGroups');
  });
});
