import type { Scanner } from '../Scanner';
import { ebsVolumes } from './ebs-volumes';
import { ec2Instances } from './ec2-instances';
import { rdsClusters } from './rds-clusters';
import { rdsInstances } from './rds-instances';
import { ssmInstances } from './ssm-instances';
import { taggedResources } from './tagged-resources';

export { ebsVolumes, ec2Instances, rdsClusters, rdsInstances, ssmInstances, taggedResources };

/** Every scanner comes from its kind: see resourceKinds (src/inventory/kinds) and scanners() there. */
export type { Scanner };
