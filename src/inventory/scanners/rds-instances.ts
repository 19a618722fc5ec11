import type { RDS } from '../../cloud';
import type { Resource } from '../../core';
import { fromRdsInstance } from '../normalize';
import type { Scanner } from '../Scanner';

/** RDS DescribeDBInstances, 100 per page (RDS pages with Marker, not NextToken). Aurora members included. */
export const rdsInstances: Scanner = {
  name: 'rds-instances',
  description: 'RDS DB instances, including Aurora cluster members (DescribeDBInstances)',
  permissions: ['rds:DescribeDBInstances'],
  async scan(ctx) {
    const rds = ctx.provider.rds(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages(
      (input: RDS.DescribeDBInstancesCommandInput) => rds.describeDBInstances(input),
      { MaxRecords: 100 },
      { input: 'Marker', output: 'Marker' },
    )) {
      for (const d of page.DBInstances ?? [])
        if (d.DBInstanceIdentifier && d.DBInstanceStatus !== 'deleting') out.push(fromRdsInstance(d, ctx.scope));
    }
    return out;
  },
};
