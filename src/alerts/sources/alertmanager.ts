import { AlertInputError, hintsFrom, stringRecord, type Alert } from '../alert';
import { validTime } from './cloudwatch';

/** Prometheus Alertmanager's webhook body (version 4): one group of alerts. */
export interface AlertmanagerBody {
  version?: string;
  status: 'firing' | 'resolved';
  groupKey?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  externalURL?: string;
  alerts: {
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations?: Record<string, string>;
    startsAt?: string;
    endsAt?: string;
    generatorURL?: string;
    fingerprint?: string;
  }[];
}

export function isAlertmanagerBody(body: unknown): body is AlertmanagerBody {
  const b = body as AlertmanagerBody;
  return Boolean(b && typeof b === 'object' && Array.isArray(b.alerts) && (b.status === 'firing' || b.status === 'resolved'));
}

/** Every alert of the group, each with its own labels (the group's common labels under them). */
export function alertmanagerAlerts(body: unknown): Alert[] {
  if (!isAlertmanagerBody(body))
    throw new AlertInputError('not an Alertmanager webhook body: `status` (firing/resolved) and an `alerts` list expected', 400, 'shape');
  if (body.alerts.length > 1000)
    throw new AlertInputError(
      `${body.alerts.length} alerts in one group; at most 1000 are read (lower max_alerts in the receiver)`,
      413,
      'too-many',
    );
  return body.alerts.map((a, i) => {
    if (!a || typeof a !== 'object' || (a.status !== 'firing' && a.status !== 'resolved'))
      throw new AlertInputError(`alerts[${i}]: status firing/resolved expected`, 400, 'shape');
    const labels = { ...stringRecord(body.commonLabels), ...stringRecord(a.labels) };
    if (!labels.alertname) throw new AlertInputError(`alerts[${i}]: no alertname label`, 400, 'shape');
    const annotations = { ...stringRecord(body.commonAnnotations), ...stringRecord(a.annotations) };
    const firing = a.status === 'firing';
    return {
      source: 'alertmanager' as const,
      name: labels.alertname.slice(0, 255),
      severity: (labels.severity ?? 'warning').slice(0, 64),
      state: a.status,
      resources: hintsFrom(labels),
      labels,
      reason: (annotations.summary ?? annotations.description ?? annotations.message ?? '').slice(0, 1000),
      time: validTime(firing ? a.startsAt : a.endsAt) ?? validTime(a.startsAt) ?? new Date(0).toISOString(),
      ...(labels.region ? { region: labels.region } : {}),
      ...(labels.account ? { account: labels.account } : {}),
      ...(typeof a.generatorURL === 'string' && /^https?:\/\//.test(a.generatorURL) ? { url: a.generatorURL } : {}),
    };
  });
}
