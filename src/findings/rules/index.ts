import type { FindingRule } from '../types';
import { eksVersionSupport } from './eks-version-support';
import { gp2Volumes } from './gp2-volumes';
import { idleInstances } from './idle-instances';
import { missingTags } from './missing-tags';
import { oldSnapshots } from './old-snapshots';
import { rdsEngineSupport } from './rds-engine-support';
import { stoppedInstances } from './stopped-instances';
import { unattachedVolumes } from './unattached-volumes';

/**
 * Every rule, one file each. Adding one is one file and one line here (Lambda runtimes, EKS versions and
 * public S3 buckets land this way once their resource kinds are in the inventory).
 */
export const RULES: FindingRule[] = [
  rdsEngineSupport,
  eksVersionSupport,
  stoppedInstances,
  unattachedVolumes,
  idleInstances,
  gp2Volumes,
  oldSnapshots,
  missingTags,
];

export { eksVersionSupport, gp2Volumes, idleInstances, missingTags, oldSnapshots, rdsEngineSupport, stoppedInstances, unattachedVolumes };
export { majorOf } from './rds-engine-support';
