import type { Scanner } from '../Scanner';
import { ebsVolumes } from './ebs-volumes';
import { ec2Instances } from './ec2-instances';
import { rdsClusters } from './rds-clusters';
import { rdsInstances } from './rds-instances';
import { ssmInstances } from './ssm-instances';
import { taggedResources } from './tagged-resources';

export { ebsVolumes, ec2Instances, rdsClusters, rdsInstances, ssmInstances, taggedResources };

/** Every scanner, in the order reports list them. */
export const SCANNERS: readonly Scanner[] = [ec2Instances, ebsVolumes, rdsInstances, rdsClusters, ssmInstances, taggedResources];

/** IAM actions a full scan needs, plus what re-reading one resource before acting calls. */
export const SCAN_PERMISSIONS: readonly string[] = [...new Set([...SCANNERS.flatMap((s) => s.permissions), 'ec2:DescribeInstanceAttribute'])].sort();
