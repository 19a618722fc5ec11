import type { FindingRule } from '../types';
import { eksVersionSupport } from './eks-version-support';
import { gp2Volumes } from './gp2-volumes';
import { idleInstances } from './idle-instances';
import { lambdaRuntimeDeprecation } from './lambda-runtime-deprecation';
import { missingTags } from './missing-tags';
import { oldSnapshots } from './old-snapshots';
import { s3PublicBuckets } from './s3-public-bucket';
import { rdsEngineSupport } from './rds-engine-support';
import { stoppedInstances } from './stopped-instances';
import { unattachedVolumes } from './unattached-volumes';

/** Every rule, one file each. Adding one is one file and one line here. */
export const RULES: FindingRule[] = [
  rdsEngineSupport,
  lambdaRuntimeDeprecation,
  s3PublicBuckets,
  eksVersionSupport,
  stoppedInstances,
  unattachedVolumes,
  idleInstances,
  gp2Volumes,
  oldSnapshots,
  missingTags,
];

export {
  eksVersionSupport,
  gp2Volumes,
  idleInstances,
  lambdaRuntimeDeprecation,
  missingTags,
  oldSnapshots,
  rdsEngineSupport,
  s3PublicBuckets,
  stoppedInstances,
  unattachedVolumes,
};
export { newestRuntime } from './lambda-runtime-deprecation';
export { majorOf } from './rds-engine-support';
