import { AlertInputError, hintsFrom, type Alert } from '../alert';

/** A CloudWatch alarm state change as SNS delivers it in `Message` (JSON text). */
export interface CloudWatchAlarm {
  AlarmName: string;
  AlarmDescription?: string | null;
  AWSAccountId?: string;
  NewStateValue: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA';
  NewStateReason?: string;
  StateChangeTime?: string;
  Region?: string;
  AlarmArn?: string;
  OldStateValue?: string;
  Trigger?: {
    MetricName?: string;
    Namespace?: string;
    Statistic?: string;
    ExtendedStatistic?: string;
    Dimensions?: { name?: string; value?: string; Name?: string; Value?: string }[];
    Period?: number;
    Threshold?: number;
    ComparisonOperator?: string;
  };
}

/**
 * The alarm as an alert; `undefined` for INSUFFICIENT_DATA (nothing to act on, nothing resolved).
 * Fields the alarm does not carry stay out; a Message that is not an alarm is an AlertInputError.
 */
export function cloudWatchAlert(message: string, fallbackTime?: string): Alert | undefined {
  let alarm: CloudWatchAlarm;
  try {
    alarm = JSON.parse(message) as CloudWatchAlarm;
  } catch {
    throw new AlertInputError('the SNS Message is not JSON: only CloudWatch alarm notifications are read on /alerts/sns', 400, 'not-alarm');
  }
  if (
    !alarm ||
    typeof alarm !== 'object' ||
    typeof alarm.AlarmName !== 'string' ||
    !['ALARM', 'OK', 'INSUFFICIENT_DATA'].includes(alarm.NewStateValue)
  ) {
    throw new AlertInputError(
      'the SNS Message is not a CloudWatch alarm (AlarmName and NewStateValue ALARM/OK/INSUFFICIENT_DATA expected)',
      400,
      'not-alarm',
    );
  }
  if (alarm.NewStateValue === 'INSUFFICIENT_DATA') return undefined;
  const arn = typeof alarm.AlarmArn === 'string' ? alarm.AlarmArn.split(':') : [];
  const dimensions: Record<string, string> = {};
  for (const d of alarm.Trigger?.Dimensions ?? []) {
    const name = d.name ?? d.Name;
    const value = d.value ?? d.Value;
    if (typeof name === 'string' && typeof value === 'string') dimensions[name] = value;
  }
  const t = alarm.Trigger;
  return {
    source: 'cloudwatch',
    name: alarm.AlarmName.slice(0, 255),
    severity: alarm.NewStateValue === 'ALARM' ? 'critical' : 'info',
    state: alarm.NewStateValue === 'ALARM' ? 'firing' : 'resolved',
    resources: hintsFrom(dimensions),
    ...(t?.MetricName
      ? {
          metric: {
            name: t.MetricName,
            dimensions,
            ...(t.Namespace ? { namespace: t.Namespace } : {}),
            ...(t.Statistic || t.ExtendedStatistic ? { statistic: t.Statistic ?? t.ExtendedStatistic } : {}),
            ...(typeof t.Period === 'number' ? { periodSeconds: t.Period } : {}),
            ...(typeof t.Threshold === 'number' ? { threshold: t.Threshold } : {}),
            ...(t.ComparisonOperator ? { comparison: t.ComparisonOperator } : {}),
          },
        }
      : {}),
    labels: { alarm: alarm.AlarmName, ...(alarm.AlarmDescription ? { description: String(alarm.AlarmDescription).slice(0, 512) } : {}) },
    reason: String(alarm.NewStateReason ?? alarm.AlarmDescription ?? '').slice(0, 1000),
    time: validTime(alarm.StateChangeTime) ?? fallbackTime ?? new Date(0).toISOString(),
    ...(alarm.AWSAccountId ? { account: String(alarm.AWSAccountId) } : arn[4] ? { account: arn[4] } : {}),
    ...(arn[3] ? { region: arn[3] } : {}),
  };
}

/** CloudWatch writes `2026-12-06T18:00:00.000+0000`; anything Date can read, as ISO. */
export function validTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
