import type { RDS } from '../../cloud';
import type { Resource } from '../../core';
import { fromRdsCluster } from '../normalize';
import type { Scanner } from '../Scanner';

/** RDS DescribeDBClusters (Aurora, Multi-AZ DB clusters), 100 per page with Marker. */
export const rdsClusters: Scanner = {
  name: 'rds-clusters',
  description: 'Aurora and Multi-AZ DB clusters (DescribeDBClusters)',
  permissions: ['rds:DescribeDBClusters'],
  async scan(ctx) {
    const rds = ctx.provider.rds(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages(
      (input: RDS.DescribeDBClustersCommandInput) => rds.describeDBClusters(input),
      { MaxRecords: 100 },
      { input: 'Marker', output: 'Marker' },
    )) {
      for (const c of page.DBClusters ?? []) if (c.DBClusterIdentifier && c.Status !== 'deleting') out.push(fromRdsCluster(c, ctx.scope));
    }
    return out;
  },
};
