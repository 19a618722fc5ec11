export {
  StoreError,
  type SqlEngine,
  type SqlExecutor,
  type SqlStore,
  type SqlValue,
  type TransactionOptions,
  type LockOptions,
} from './SqlStore';
export { SqliteStore, type SqliteOptions } from './SqliteStore';
export { PostgresStore, lockKey, type PostgresOptions } from './PostgresStore';
export { numberPlaceholders } from './placeholders';
export { isPostgresUrl, parsePostgresUrl, redactUrl, scrub, type StoreTarget } from './store-url';
export { openSqlStore, storeTarget } from './open-sql-store';
export { migrate, type MigrationResult } from './migrate';
export { sqlMigrations, POSTGRES_MIGRATIONS, type SqlMigration } from './migrations';
export { copyStore, type CopiedTable } from './copy-store';
