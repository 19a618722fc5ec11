export { openDatabase, type Db } from './Database';
export { MIGRATIONS, type Migration } from './migrations';
export { ApprovalRepository } from './ApprovalRepository';
export { AuditRepository, type AuditRecord } from './AuditRepository';
export { InventoryRepository, type CachedSlice } from './InventoryRepository';
