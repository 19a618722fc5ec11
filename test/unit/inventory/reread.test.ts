import { resolve } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeVolumesCommand } from '@aws-sdk/client-ec2';
import { SandboxProvider } from '../../../src/cloud';
import { Inventory, rereadResource } from '../../../src/inventory';
import { awsError, awsProvider } from '../../helpers/scan-aws';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('rereadResource', () => {
  it('reads termination protection, which DescribeInstances does not return, and the SSM agent state', async () => {
    const provider = SandboxProvider.fromFile(ESTATE);
    const inventory = await Inventory.scan(provider);
    const api1 = inventory.all('ec2-instance').find((r) => r.id === 'i-0d00000000000001d')!;
    expect(api1.facts.terminationProtection).toBeNull(); // unknown from the scan
    const fresh = await rereadResource(provider, api1);
    expect(fresh?.facts.terminationProtection).toBe(true);
    const web1 = await rereadResource(provider, inventory.all('ec2-instance').find((r) => r.name === 'web-prod-1')!);
    expect(web1?.facts).toMatchObject({ terminationProtection: false, ssmPingStatus: 'Online' });
  });

  describe('against AWS', () => {
    const ec2 = mockClient(EC2Client);
    const ssm = mockClient(SSMClient);
    afterEach(() => {
      ec2.reset();
      ssm.reset();
    });
    const cached = {
      type: 'ec2-instance' as const,
      id: 'i-0abc',
      name: 'web-prod-1',
      account: '111111111111',
      accountAlias: 'production',
      region: 'us-west-2',
      state: 'running',
      tags: { Name: 'web-prod-1' },
      facts: { terminationProtection: true, ssmPingStatus: 'Online' },
    };

    it('an instance AWS no longer knows is gone', async () => {
      ec2.on(DescribeInstancesCommand).rejects(awsError('InvalidInstanceID.NotFound', "The instance ID 'i-0abc' does not exist"));
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toBeUndefined();
    });

    it('when only the extra calls are refused, the instance is still read and the cached facts are kept', async () => {
      ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [{ Instances: [{ InstanceId: 'i-0abc', State: { Name: 'stopped' }, Tags: [{ Key: 'Name', Value: 'web-prod-1' }] }] }],
      });
      ec2.on(DescribeInstanceAttributeCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
      ssm.on(DescribeInstanceInformationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
      const fresh = await rereadResource(awsProvider(['us-west-2']), cached);
      expect(fresh).toMatchObject({ state: 'stopped', facts: { terminationProtection: true, ssmPingStatus: 'Online' } });
    });

    it('an answer about another instance is "not found", never that other instance (a filter ignored, a stub, a proxy)', async () => {
      ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          {
            OwnerId: '111111111111',
            Instances: [{ InstanceId: 'i-0other', State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'web-prod-2' }] }],
          },
        ],
      });
      ec2.on(DescribeInstanceAttributeCommand).resolves({ InstanceId: 'i-0other', DisableApiTermination: { Value: false } });
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toBeUndefined();
    });

    it('the instance asked for is taken from a longer answer; one owned by another account or in another region is not it', async () => {
      const web1 = { InstanceId: 'i-0abc', State: { Name: 'stopped' as const }, Tags: [{ Key: 'Name', Value: 'web-prod-1' }] };
      ec2.on(DescribeInstancesCommand).resolves({
        Reservations: [
          {
            OwnerId: '111111111111',
            Instances: [
              { ...web1, InstanceId: 'i-0other' },
              { ...web1, Placement: { AvailabilityZone: 'us-west-2b' } },
            ],
          },
        ],
      });
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toMatchObject({ id: 'i-0abc', state: 'stopped' });
      ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ OwnerId: '999999999999', Instances: [web1] }] });
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toBeUndefined();
      ec2
        .on(DescribeInstancesCommand)
        .resolves({ Reservations: [{ OwnerId: '111111111111', Instances: [{ ...web1, Placement: { AvailabilityZone: 'us-west-1a' } }] }] });
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toBeUndefined();
    });

    it('a volume, a database, a cluster and a tagged resource: only the one asked for (id and ARN) is taken', async () => {
      const rds = mockClient(RDSClient);
      const tagging = mockClient(ResourceGroupsTaggingAPIClient);
      try {
        const provider = awsProvider(['us-west-2']);
        const base = { account: '111111111111', region: 'us-west-2', tags: {}, facts: {} };
        ec2.on(DescribeVolumesCommand).resolves({ Volumes: [{ VolumeId: 'vol-0other', State: 'in-use', AvailabilityZone: 'us-west-2a' }] });
        expect(await rereadResource(provider, { ...base, type: 'ebs-volume', id: 'vol-0abc', name: 'data' })).toBeUndefined();

        const db = {
          ...base,
          type: 'rds-instance' as const,
          id: 'billing-db',
          name: 'billing-db',
          arn: 'arn:aws:rds:us-west-2:111111111111:db:billing-db',
        };
        rds.on(DescribeDBInstancesCommand).resolves({
          DBInstances: [
            {
              DBInstanceIdentifier: 'orders-db',
              DBInstanceArn: 'arn:aws:rds:us-west-2:111111111111:db:orders-db',
              DBInstanceStatus: 'available',
            },
          ],
        });
        expect(await rereadResource(provider, db)).toBeUndefined();
        // The same identifier in another account (a role that reaches the wrong account) is not this database.
        rds.on(DescribeDBInstancesCommand).resolves({
          DBInstances: [
            {
              DBInstanceIdentifier: 'billing-db',
              DBInstanceArn: 'arn:aws:rds:us-west-2:222222222222:db:billing-db',
              DBInstanceStatus: 'available',
            },
          ],
        });
        expect(await rereadResource(provider, db)).toBeUndefined();
        rds.on(DescribeDBInstancesCommand).resolves({
          DBInstances: [
            {
              DBInstanceIdentifier: 'billing-db',
              DBInstanceArn: 'arn:aws:rds:us-west-2:111111111111:db:billing-db',
              DBInstanceStatus: 'stopped',
            },
          ],
        });
        expect(await rereadResource(provider, db)).toMatchObject({ id: 'billing-db', state: 'stopped' });

        rds.on(DescribeDBClustersCommand).resolves({
          DBClusters: [
            {
              DBClusterIdentifier: 'analytics-aurora',
              DBClusterArn: 'arn:aws:rds:eu-west-1:111111111111:cluster:analytics-aurora',
              Status: 'available',
            },
          ],
        });
        expect(
          await rereadResource(provider, { ...base, type: 'rds-cluster', id: 'analytics-aurora', name: 'analytics-aurora' }),
        ).toBeUndefined();

        // GetResources answering with the first resource it has, whatever was asked (moto ignores ResourceARNList).
        tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::other-bucket', Tags: [] }] });
        expect(
          await rereadResource(provider, { ...base, type: 'taggable', id: 'logs', name: 'logs', arn: 'arn:aws:s3:::logs' }),
        ).toBeUndefined();
      } finally {
        rds.restore();
        tagging.restore();
      }
    });

    it('any other error is passed on (the caller must not act on a resource it could not read)', async () => {
      ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
      await expect(rereadResource(awsProvider(['us-west-2']), cached)).rejects.toMatchObject({ code: 'UnauthorizedOperation' });
    });
  });
});
