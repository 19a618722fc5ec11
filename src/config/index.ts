export { configSchema, SECRET_ENV, type Config, type ApprovalConfig, type ApproverSet, type InventoryConfig } from './schema';
export { loadConfig, parseConfig, ConfigError, durationSeconds, SANDBOX_DEMO_CONFIG, type LoadedConfig } from './load';
