export { configSchema, SECRET_ENV, type Config, type ApprovalConfig, type ApproverSet, type TeamsConfig, type RiskConfig, type FreezeWindow } from './schema';
export { riskRuleSchema, globalRiskRuleSchema, riskConditionSchema, riskLevelSchema, timeZoneSchema, type RiskRuleShape } from './risk-rules';
export { loadConfig, parseConfig, ConfigError, durationSeconds, SANDBOX_DEMO_CONFIG, type LoadedConfig } from './load';
