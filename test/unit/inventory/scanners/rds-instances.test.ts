import { mockClient } from 'aws-sdk-client-mock';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { rdsInstances } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const rds = mockClient(RDSClient);
afterEach(() => rds.reset());

const db = (id: string, extra: Record<string, unknown> = {}) => ({
  DBInstanceIdentifier: id,
  DBInstanceArn: `arn:aws:rds:us-west-2:111111111111:db:${id}`,
  DBInstanceClass: 'db.m6g.large',
  Engine: 'postgres',
  DBInstanceStatus: 'available',
  MultiAZ: false,
  TagList: [{ Key: 'environment', Value: 'production' }],
  ...extra,
});

describe('RDS instances scanner', () => {
  it('pages with Marker (RDS does not use NextToken) and keeps the facts risk rules read', async () => {
    rds.on(DescribeDBInstancesCommand, { MaxRecords: 100 }).resolves({
      DBInstances: [
        db('pg-instance-main1', {
          MultiAZ: true,
          ReadReplicaDBInstanceIdentifiers: ['pg-instance-main1-replica'],
          DeletionProtection: true,
        }),
      ],
      Marker: 'm2',
    });
    rds
      .on(DescribeDBInstancesCommand, { MaxRecords: 100, Marker: 'm2' })
      .resolves({ DBInstances: [db('analytics-aurora-1', { Engine: 'aurora-postgresql', DBClusterIdentifier: 'analytics-aurora' })] });
    const u = unit(await scanWith(rdsInstances, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => r.id)).toEqual(['pg-instance-main1', 'analytics-aurora-1']);
    expect(u.resources[0]).toMatchObject({
      type: 'rds-instance',
      name: 'pg-instance-main1',
      state: 'available',
      facts: { engine: 'postgres', multiAZ: true, readReplicas: ['pg-instance-main1-replica'], deletionProtection: true },
    });
    expect(u.resources[1].facts).toMatchObject({ cluster: 'analytics-aurora', engine: 'aurora-postgresql' });
  });

  it('reports a failing region and still returns the other', async () => {
    rds.on(DescribeDBInstancesCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('AccessDenied', 'User is not authorized to perform: rds:DescribeDBInstances', 403);
      return { DBInstances: [db('orders-db')] };
    });
    const report = await scanWith(rdsInstances, awsProvider());
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true, resources: [expect.objectContaining({ id: 'orders-db' })] });
    expect(unit(report, 'eu-west-1')).toMatchObject({
      ok: false,
      code: 'AccessDenied',
      error: expect.stringContaining('rds:DescribeDBInstances'),
    });
  });

  it('retries a throttled page (Throttling) and carries on from the same Marker', async () => {
    rds.on(DescribeDBInstancesCommand, { MaxRecords: 100 }).resolves({ DBInstances: [db('a-db')], Marker: 'm2' });
    rds
      .on(DescribeDBInstancesCommand, { MaxRecords: 100, Marker: 'm2' })
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ DBInstances: [db('b-db')] });
    const pauses: number[] = [];
    const u = unit(await scanWith(rdsInstances, awsProvider(['us-west-2']), pauses), 'us-west-2');
    expect(u).toMatchObject({ ok: true, resources: [expect.objectContaining({ id: 'a-db' }), expect.objectContaining({ id: 'b-db' })] });
    expect(pauses).toEqual([500]);
  });
});
