import type { AlertsConfig } from '../config';
import { AlertInputError, type Alert } from './alert';
import { webhookMapping } from './AlertIntake';
import { alertmanagerAlerts, isAlertmanagerBody } from './sources/alertmanager';
import { cloudWatchAlert } from './sources/cloudwatch';
import { webhookAlert } from './sources/webhook';

export type DetectedFormat = 'sns' | 'cloudwatch' | 'alertmanager' | 'webhook';

/**
 * A payload exactly as delivered, its format detected: an SNS envelope (its Message a CloudWatch alarm),
 * a bare CloudWatch alarm, an Alertmanager body, or a generic webhook body read through the configured
 * mapping. No signature is checked here (the HTTP endpoints check them); for local tools only.
 */
export function detectAlerts(text: string, config?: AlertsConfig): { format: DetectedFormat; alerts: Alert[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AlertInputError(
      'the input is not JSON: give the alert payload as delivered (an SNS message, an Alertmanager body or a webhook body)',
      400,
      'json',
    );
  }
  const b = body as Record<string, unknown>;
  if (b && typeof b === 'object' && typeof b.Type === 'string' && typeof b.TopicArn === 'string' && typeof b.Message === 'string') {
    if (b.Type !== 'Notification') throw new AlertInputError(`an SNS ${b.Type} carries no alarm`, 400, 'shape');
    const alert = cloudWatchAlert(b.Message);
    return { format: 'sns', alerts: alert ? [alert] : [] };
  }
  if (b && typeof b === 'object' && typeof b.AlarmName === 'string') {
    const alert = cloudWatchAlert(text);
    return { format: 'cloudwatch', alerts: alert ? [alert] : [] };
  }
  if (isAlertmanagerBody(body)) return { format: 'alertmanager', alerts: alertmanagerAlerts(body) };
  const mapping = webhookMapping(config ?? ({} as AlertsConfig));
  return { format: 'webhook', alerts: [webhookAlert(body, mapping)] };
}
