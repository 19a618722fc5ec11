export { Digests, type DigestsDeps, type DigestRequest } from './Digests';
export { DigestCommands, TAG_PLAYBOOK } from './DigestCommands';
export { DigestScheduler, jobName, runKey, type DigestSchedulerDeps, type CronFactory, type DigestSource } from './DigestScheduler';
export { DigestError, failureMessage } from './failure';
export {
  DIGESTS,
  DIGEST_PERMISSIONS,
  digestConfigProblem,
  digestKinds,
  digestPermissions,
  isDigestKind,
  type DigestKind,
  type DigestRegistry,
} from './registry';
export { defineDigest, type Digest, type DigestBuild, type DigestContext, type DigestOrigin } from './Digest';
export { CostDigest, type CostDigestResult } from './cost/CostDigest';
export { TagDigest, type InventorySource } from './tagging/TagDigest';
export { localDay, isDay, addDays, type Day } from './dates';
export { encodePng, crc32 } from './chart/png';
export { sparkline } from './chart/sparkline';
export { FindingsDigest, DEFAULT_FINDINGS_CONFIG, tagCheckFrom, type FindingsDigestResult } from './findings/FindingsDigest';
export { FindingsCommands } from './findings/FindingsCommands';
export { FindingSnoozes, type SnoozeOutcome, type SnoozeRequest } from './findings/snooze';
export { findingJson, reportJson, type FindingJson } from './findings/findings-json';
export { findingsMessage, findingLine, FINDING_FIX_PREFIX, FINDINGS_SHOW_ALL } from './findings/findings-message';
export { csvCell, toCsv, costCsv, tagsCsv, findingsCsv } from './csv';
export { Narrative, checkedSentences, digestFigures, type NarrativeCache } from './narrative';
