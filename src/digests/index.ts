export { Digests, type DigestsDeps, type DigestRequest } from './Digests';
export { DigestCommands, TAG_PLAYBOOK } from './DigestCommands';
export { DigestScheduler, jobName, runKey, type DigestSchedulerDeps, type CronFactory, type DigestSource } from './DigestScheduler';
export { DIGEST_PERMISSIONS, DigestError, failureMessage, type DigestKind } from './failure';
export { CostDigest, type CostDigestResult } from './cost/CostDigest';
export { TagDigest, type InventorySource } from './tagging/TagDigest';
export { localDay, isDay, addDays, type Day } from './dates';
export { encodePng, crc32 } from './chart/png';
export { sparkline } from './chart/sparkline';
