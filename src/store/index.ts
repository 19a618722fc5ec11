export { openDatabase, type Db } from './Database';
export { MIGRATIONS, type Migration } from './migrations';
export { ApprovalRepository } from './ApprovalRepository';
export { ConversationReferenceRepository, type StoredConversation } from './ConversationReferenceRepository';
export { AuditRepository, type AuditRecord, type AuditProblem, type AuditVerdict } from './AuditRepository';
export { CostCacheRepository } from './CostCacheRepository';
export { DigestRunRepository, type DigestRun, type DigestRunClaim, type DigestRunState } from './DigestRunRepository';
export { TaggingTrendRepository, type TaggingSnapshot } from './TaggingTrendRepository';
export { InventoryRepository, type CachedSlice } from './InventoryRepository';
