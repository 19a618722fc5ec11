export { BotMetrics, type AwsCallRecord, type ExecutionOutcome, type ScanSliceRecord } from './BotMetrics';
export { observeDecisions, observeExecutions, observePlans } from './observe';
export { metricsEndpoint } from './metrics-endpoint';
