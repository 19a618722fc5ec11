export { openDatabase, type Db } from './Database';
export { MIGRATIONS, type Migration } from './migrations';
export { ApprovalRepository } from './ApprovalRepository';
export { AuditRepository, type AuditRecord } from './AuditRepository';
export { CostCacheRepository } from './CostCacheRepository';
export { DigestRunRepository, type DigestRun, type DigestRunClaim, type DigestRunState } from './DigestRunRepository';
export { TaggingTrendRepository, type TaggingSnapshot } from './TaggingTrendRepository';
