export { AlertInputError, incidentKey, type Alert, type AlertSource, type AlertState, type ResourceHint } from './alert';
export { AlertIntake, ALERT_PATHS, webhookMapping, type AlertIntakeOptions } from './AlertIntake';
export {
  IncidentFlow,
  alertUtterance,
  proposePlan,
  type AlertOutcome,
  type ChangeHistory,
  type IncidentFlowDeps,
  type MetricReader,
} from './IncidentFlow';
export { incidentCard, type IncidentView } from './incident-card';
export type { Incident, IncidentState, IncidentStore, FireOutcome } from './incidents';
export { matchRule, ruleMatches, globMatches } from './rules';
export { SnsVerifier, snsStringToSign, snsUrlProblem, type SnsEnvelope, type SnsVerifierOptions } from './sns-signature';
export { cloudWatchAlert } from './sources/cloudwatch';
export { alertmanagerAlerts, isAlertmanagerBody } from './sources/alertmanager';
export { webhookAlert, DEFAULT_WEBHOOK_MAPPING, type WebhookMapping } from './sources/webhook';
export { cloudWatchMetrics, ALERT_PERMISSIONS } from './metrics';
export { auditHistory } from './history';
export { detectAlerts, type DetectedFormat } from './detect';
export { OutcomeNotifier, renderTemplate, DEFAULT_NOTE_TEMPLATE, type IncidentOutcome, type OutcomeNotifierDeps } from './OutcomeNotifier';
