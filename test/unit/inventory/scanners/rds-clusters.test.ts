import { mockClient } from 'aws-sdk-client-mock';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { rdsClusters } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const rds = mockClient(RDSClient);
afterEach(() => rds.reset());

const cluster = (id: string) => ({
  DBClusterIdentifier: id,
  DBClusterArn: `arn:aws:rds:us-east-1:111111111111:cluster:${id}`,
  Engine: 'aurora-postgresql',
  EngineVersion: '16.4',
  Status: 'available',
  MultiAZ: true,
  DeletionProtection: true,
  DBClusterMembers: [
    { DBInstanceIdentifier: `${id}-1`, IsClusterWriter: true },
    { DBInstanceIdentifier: `${id}-2`, IsClusterWriter: false },
  ],
  TagList: [{ Key: 'environment', Value: 'production' }],
});

describe('Aurora clusters scanner', () => {
  it('pages with Marker and records members and the writer', async () => {
    rds.on(DescribeDBClustersCommand, { MaxRecords: 100 }).resolves({ DBClusters: [cluster('analytics-aurora')], Marker: 'm2' });
    rds.on(DescribeDBClustersCommand, { MaxRecords: 100, Marker: 'm2' }).resolves({ DBClusters: [cluster('events-aurora')] });
    const u = unit(await scanWith(rdsClusters, awsProvider(['us-east-1'])), 'us-east-1');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => r.id)).toEqual(['analytics-aurora', 'events-aurora']);
    expect(u.resources[0]).toMatchObject({
      type: 'rds-cluster',
      arn: 'arn:aws:rds:us-east-1:111111111111:cluster:analytics-aurora',
      state: 'available',
      facts: {
        engine: 'aurora-postgresql',
        members: ['analytics-aurora-1', 'analytics-aurora-2'],
        writer: 'analytics-aurora-1',
        multiAZ: true,
      },
    });
  });

  it('reports a failing region and still returns the other', async () => {
    rds.on(DescribeDBClustersCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
      return { DBClusters: [cluster('analytics-aurora')] };
    });
    const report = await scanWith(rdsClusters, awsProvider(['us-east-1', 'eu-west-1']));
    expect(unit(report, 'us-east-1')).toMatchObject({ ok: true });
    expect(unit(report, 'eu-west-1')).toMatchObject({ ok: false, code: 'InvalidClientTokenId' });
  });

  it('retries a throttled call', async () => {
    rds
      .on(DescribeDBClustersCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ DBClusters: [cluster('analytics-aurora')] });
    const pauses: number[] = [];
    const u = unit(await scanWith(rdsClusters, awsProvider(['us-east-1']), pauses), 'us-east-1');
    expect(u).toMatchObject({ ok: true });
    expect(pauses).toEqual([500]);
  });
});
