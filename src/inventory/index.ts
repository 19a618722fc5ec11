export { Inventory, type ScanFailure, type InventorySlice } from './Inventory';
export { InventoryResolver, type ResolverOptions, type ResolveOptions } from './InventoryResolver';
export {
  InventoryRefresh,
  openInventory,
  realTimer,
  type InventoryCache,
  type RefreshTimer,
  type OpenInventoryOptions,
} from './InventoryRefresh';
export { ResourceIndex, resourceKey, type Ranked, type MatchTier, type SearchOptions } from './ResourceIndex';
export {
  scanEstate,
  isThrottling,
  type ScanReport,
  type ScanUnit,
  type UnitResult,
  type ScanOptions,
  type ScanProgress,
} from './scan-estate';
export { ec2Instances, ebsVolumes, rdsInstances, rdsClusters, ssmInstances, taggedResources } from './scanners';
export {
  resourceKinds,
  scanners,
  defineKind,
  ResourceKindRegistry,
  fleetPrefix,
  strings,
  DEPRECATED_RUNTIMES,
  RUNTIME_UPDATES_BLOCKED,
  LAMBDA_RUNTIMES_AS_OF,
  EKS_CALENDAR_SOURCE,
  eksVersionDates,
  firstSupportedEksVersion,
  type ResourceKind,
  type RereadContext,
} from './kinds';
export type { Scanner, ScanContext } from './Scanner';
export { rereadResource } from './reread';
export { rereadAfterRun } from './reread-after-run';
export { isGone, goneSentence } from './gone';
export { findResourcesService, resourceLine, listable, freshnessLines } from './find-resources';
export { tokens, editDistance, wordMatch } from './tokens';
export { parseQuery, type ParsedQuery } from './query';
export {
  fromEc2Instance,
  fromEbsSnapshot,
  fromEbsVolume,
  fromRdsInstance,
  fromRdsCluster,
  fromSsmInstance,
  fromTaggedResource,
} from './normalize';
export { ScanCommands } from './ScanCommands';
export { nameHeads } from './name-heads';
export { namedReferences, type NamedReference, type NamedReferences } from './named-references';
export { describeScanFailures, unscannedKinds } from './scan-failures';
export { latestSnapshot, type SnapshotFound } from './latest-snapshot';
