export { configSchema, SECRET_ENV, isTimeZone, type Config, type ApprovalConfig, type ApproverSet, type DigestConfig, type TaggingPolicy, type CostOptions } from './schema';
export { loadConfig, parseConfig, ConfigError, durationSeconds, SANDBOX_DEMO_CONFIG, type LoadedConfig } from './load';
