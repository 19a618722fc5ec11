export {
  configSchema,
  SECRET_ENV,
  isTimeZone,
  type Config,
  type ApprovalConfig,
  type ApproverSet,
  type RiskConfig,
  type FreezeWindow,
  type DigestConfig,
  type TaggingPolicy,
  type CostOptions,
  type FindingsConfig,
  FINDING_RULE_IDS,
  type IntentsConfig,
  type InventoryConfig,
} from './schema';
export {
  riskRuleSchema,
  globalRiskRuleSchema,
  riskConditionSchema,
  riskLevelSchema,
  timeZoneSchema,
  type RiskRuleShape,
} from './risk-rules';
export { loadConfig, parseConfig, configProblem, ConfigError, durationSeconds, SANDBOX_DEMO_CONFIG, type LoadedConfig } from './load';
export { yamlValue, MAX_ALIAS_COUNT, type YamlValue } from './yaml-input';
export { patternRisk, safePatternSchema } from './pattern-safety';
export { alertsSection, ALERT_SECRET_ENV, type AlertsConfig, type AlertRuleConfig } from './alerts';
