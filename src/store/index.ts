export { openDatabase, addMigration, type Db } from './Database';
export { ApprovalRepository } from './ApprovalRepository';
export { AuditRepository, type AuditRecord } from './AuditRepository';
