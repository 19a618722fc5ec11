import { ebsVolume } from './ebs-volume';
import { ec2Instance } from './ec2-instance';
import { lambdaFunction } from './lambda-function';
import { s3Bucket } from './s3-bucket';
import { ecsService } from './ecs-service';
import { autoScalingGroup } from './autoscaling-group';
import { eksCluster } from './eks-cluster';
import { eksNodegroup } from './eks-nodegroup';
import { rdsCluster } from './rds-cluster';
import { rdsInstance } from './rds-instance';
import type { Scanner } from '../Scanner';
import { ResourceKindRegistry } from './registry';
import { ssmInstance } from './ssm-instance';
import { taggable } from './taggable';

export { defineKind, type ResourceKind, type RereadContext } from './ResourceKind';
export { ResourceKindRegistry } from './registry';
export { fleetPrefix, strings } from './checks';
export { DEPRECATED_RUNTIMES, RUNTIME_UPDATES_BLOCKED, LAMBDA_RUNTIMES_AS_OF } from './lambda-function';
export { EKS_CALENDAR_SOURCE, EKS_VERSIONS, eksVersionDates, firstSupportedEksVersion, type EksVersionDates } from './eks-versions';

/**
 * The kinds the bot knows, in the order scans and lists show them. Adding a kind: one file here, one
 * line below (docs/architecture.md, "How to add a kind"). `taggable` stays last: it takes what the
 * others do not know.
 */
export const resourceKinds = new ResourceKindRegistry().register(
  ec2Instance,
  ebsVolume,
  rdsInstance,
  rdsCluster,
  ssmInstance,
  lambdaFunction,
  s3Bucket,
  ecsService,
  autoScalingGroup,
  eksCluster,
  eksNodegroup,
  taggable,
);

/** Every kind's scanner, in the order reports list them. */
export function scanners(): Scanner[] {
  return resourceKinds.all().map((k) => k.scanner);
}
