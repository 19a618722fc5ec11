/**
 * One alert, whichever monitoring system sent it: the shape every source normalizes to, and that flows
 * into the same resolve -> assess -> approve path as a chat request.
 */
export type AlertSource = 'cloudwatch' | 'alertmanager' | 'webhook';
export type AlertState = 'firing' | 'resolved';

/** Something in the alert that names a resource: an InstanceId dimension, a DB identifier, a host label, an ARN. */
export interface ResourceHint {
  /** Where it came from: `InstanceId`, `DBInstanceIdentifier`, `host`, `instance`, `arn`, `resource`, … */
  kind: string;
  value: string;
  /** The inventory type it names, when the hint says (an InstanceId is an EC2 instance). */
  type?: 'ec2-instance' | 'rds-instance' | 'rds-cluster' | 'ebs-volume' | 'ssm-instance';
}

export interface AlertMetric {
  namespace?: string;
  name: string;
  dimensions: Record<string, string>;
  statistic?: string;
  periodSeconds?: number;
  threshold?: number;
  comparison?: string;
}

export interface Alert {
  source: AlertSource;
  /** The alarm / alertname / title. */
  name: string;
  /** `critical`, `warning`, `info`, or what the source said. */
  severity: string;
  state: AlertState;
  resources: ResourceHint[];
  metric?: AlertMetric;
  labels: Record<string, string>;
  /** Why it fired, in the source's words (NewStateReason, the summary annotation, …). */
  reason: string;
  /** When it changed state (ISO 8601). */
  time: string;
  account?: string;
  region?: string;
  /** Link back to the source (console URL, generatorURL). */
  url?: string;
}

/** An alert that could not be read: the HTTP answer says why, and nothing was done with it. */
export class AlertInputError extends Error {
  constructor(
    message: string,
    /** The HTTP status to answer with (400 malformed, 401 unauthenticated, 403 refused, 413 too large). */
    readonly status: number = 400,
    /** A short counter name for the refusal (`signature`, `topic`, `json`, …). */
    readonly reason: string = 'invalid',
  ) {
    super(message);
    this.name = 'AlertInputError';
  }
}

/**
 * The same alert on the same resource: repeats update one incident instead of posting again. The source
 * and name, and the first resource hint (or none).
 */
export function incidentKey(alert: Alert): string {
  const resource = alert.resources[0];
  return [alert.source, alert.account ?? '', alert.region ?? '', alert.name, resource ? `${resource.kind}=${resource.value}` : ''].join(
    '|',
  );
}

/** Resource words a person would use for the hint (the value, for the classifier and the resolver). */
export function describeHints(alert: Alert): string {
  return alert.resources.map((r) => `${r.kind} ${r.value}`).join(', ');
}

const HINT_TYPES: Record<string, ResourceHint['type']> = {
  InstanceId: 'ec2-instance',
  DBInstanceIdentifier: 'rds-instance',
  DBClusterIdentifier: 'rds-cluster',
  VolumeId: 'ebs-volume',
};

/** Hints from CloudWatch dimensions / labels whose names say which resource they are. */
export function hintsFrom(values: Record<string, string>): ResourceHint[] {
  const out: ResourceHint[] = [];
  for (const [kind, value] of Object.entries(values)) {
    if (!value) continue;
    if (HINT_TYPES[kind]) out.push({ kind, value, type: HINT_TYPES[kind] });
    else if (/^(instance_id|instanceid|instance-id)$/i.test(kind)) out.push({ kind, value, type: 'ec2-instance' });
    else if (/^(host|hostname|nodename|instance|node|resource|arn|dbinstanceidentifier|db|server)$/i.test(kind))
      out.push({ kind, value: kind === 'instance' ? value.replace(/:\d+$/, '') : value });
  }
  // The most specific first: a typed id beats a host label.
  return out.sort((a, b) => Number(Boolean(b.type)) - Number(Boolean(a.type)));
}

/** Plain string labels only (a source's numbers and booleans become strings; nested objects are dropped). */
export function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v).slice(0, 512);
  return out;
}
