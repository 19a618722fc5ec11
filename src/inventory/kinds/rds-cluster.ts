import { fromRdsCluster } from '../normalize';
import { rdsClusters } from '../scanners/rds-clusters';
import { sameArn, sameName } from './checks';
import { defineKind } from './ResourceKind';

export const rdsCluster = defineKind({
  type: 'rds-cluster',
  label: 'RDS cluster',
  article: 'an',
  plural: 'Aurora clusters',
  words: ['rds', 'db', 'cluster', 'aurora'],
  hint: { family: 'rds' },
  scanner: rdsClusters,
  facts: {
    engine: 'aurora-postgresql, aurora-mysql, ...',
    engineVersion: 'engine version',
    engineMode: 'provisioned, serverless',
    multiAZ: 'Multi-AZ',
    members: 'member instance identifiers',
    writer: 'the writer instance',
    readReplicas: 'replica clusters',
    deletionProtection: 'deletion protection',
    nameTag: 'its Name tag',
  },
  searchFacts: ['engine'],
  permissions: ['rds:DescribeDBClusters'],
  sandbox: { service: 'rds', estateKey: 'rdsClusters' },
  async reread({ provider, target, scope }, r) {
    const c = (await provider.rds(target).describeDBClusters({ DBClusterIdentifier: r.id })).DBClusters?.find(
      (x) => sameName(x.DBClusterIdentifier, r.id) && sameArn(x.DBClusterArn, r),
    );
    return c && fromRdsCluster(c, scope);
  },
});
