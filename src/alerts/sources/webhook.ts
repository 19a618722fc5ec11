import { AlertInputError, hintsFrom, stringRecord, type Alert } from '../alert';
import { validTime } from './cloudwatch';

/** Where each alert field is in a generic JSON body: dotted paths (`alert.title`, `tags.host`). */
export interface WebhookMapping {
  name: string;
  state: string;
  severity?: string;
  /** One path or several: each value found is a resource hint (an instance id, a host name, an ARN). */
  resource?: string | string[];
  reason?: string;
  time?: string;
  metric?: string;
  /** An object of labels (Datadog tags as an object, EventBridge `detail`), matched by rules' `labels`. */
  labels?: string;
  /** State values that mean firing / resolved (compared without case). */
  firing: string[];
  resolved: string[];
}

export const DEFAULT_WEBHOOK_MAPPING: WebhookMapping = {
  name: 'name',
  state: 'state',
  severity: 'severity',
  resource: 'resource',
  reason: 'reason',
  time: 'time',
  metric: 'metric',
  labels: 'labels',
  firing: ['firing', 'alarm', 'triggered', 'open', 'problem', 'critical', 'warning'],
  resolved: ['resolved', 'ok', 'recovered', 'closed'],
};

/** The value at a dotted path (`a.b.0.c`), or undefined. */
export function at(body: unknown, path: string): unknown {
  let v: unknown = body;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function text(body: unknown, path: string | undefined): string | undefined {
  if (!path) return undefined;
  const v = at(body, path);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

/** A generic JSON alert, read through the configured mapping. A missing name or an unknown state is refused. */
export function webhookAlert(body: unknown, mapping: WebhookMapping): Alert {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new AlertInputError('the webhook body must be a JSON object', 400, 'shape');
  const name = text(body, mapping.name);
  if (!name) throw new AlertInputError(`no alert name at \`${mapping.name}\` (alerts.webhook.fields.name)`, 400, 'shape');
  const rawState = text(body, mapping.state);
  const lower = rawState?.toLowerCase();
  const state =
    lower && mapping.resolved.some((s) => s.toLowerCase() === lower)
      ? 'resolved'
      : lower && mapping.firing.some((s) => s.toLowerCase() === lower)
        ? 'firing'
        : undefined;
  if (!state)
    throw new AlertInputError(
      `state \`${rawState ?? '(missing)'}\` at \`${mapping.state}\` is neither firing (` +
        `${mapping.firing.join(', ')}) nor resolved (${mapping.resolved.join(', ')}) ` +
        `(alerts.webhook.firing / resolved)`,
      400,
      'state',
    );
  const labels = stringRecord(mapping.labels ? at(body, mapping.labels) : undefined);
  const paths = mapping.resource === undefined ? [] : Array.isArray(mapping.resource) ? mapping.resource : [mapping.resource];
  const named = paths.map((p) => text(body, p)).filter((v): v is string => Boolean(v));
  const all = [
    ...named.map((value) => ({
      kind: 'resource',
      value: value.slice(0, 512),
      ...(/^i-[0-9a-f]{8,17}$/.test(value) ? { type: 'ec2-instance' as const } : {}),
    })),
    ...hintsFrom(labels),
  ];
  // The same resource named twice (a host field and a tag) is one hint.
  const resources = all.filter((h, i) => all.findIndex((x) => x.value === h.value) === i);
  // Capped like the name and reason: an unbounded value would fill the card's first section and push the
  // plan (its steps, risk and approval line) past what the chat platform shows.
  const metric = text(body, mapping.metric)?.slice(0, 255);
  return {
    source: 'webhook',
    name: name.slice(0, 255),
    severity: (text(body, mapping.severity) ?? 'warning').slice(0, 64),
    state,
    resources,
    ...(metric ? { metric: { name: metric, dimensions: {} } } : {}),
    labels,
    reason: (text(body, mapping.reason) ?? '').slice(0, 1000),
    time: validTime(text(body, mapping.time)) ?? new Date(0).toISOString(),
  };
}
