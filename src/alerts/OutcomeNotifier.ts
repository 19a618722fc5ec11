import { createHmac } from 'node:crypto';
import { isResource, type ApprovalDesk, type ApprovalRecord, type AuditTrail, type Clock, type Logger } from '../core';
import type { AlertRuleConfig, AlertsConfig } from '../config';
import type { Alert } from './alert';
import type { Incident, IncidentStore } from './incidents';

/** What became of an incident's plan, as the outgoing note says it. */
export type IncidentOutcome = 'succeeded' | 'failed' | 'rejected' | 'expired' | 'resolved' | 'cancelled' | 'interrupted';

export const DEFAULT_NOTE_TEMPLATE = {
  text: 'cloudops: {{outcome}} for alert {{alert.name}} on {{resource}} ({{playbook}}, request {{requestId}})',
  outcome: '{{outcome}}',
  alert: '{{alert.name}}',
  reason: '{{alert.reason}}',
  requestId: '{{requestId}}',
  playbook: '{{playbook}}',
  resource: '{{resource}}',
  result: '{{result}}',
  count: '{{count}}',
  rule: '{{rule}}',
};

export interface OutcomeNotifierDeps {
  config: AlertsConfig;
  incidents: IncidentStore;
  desk: Pick<ApprovalDesk, 'get'>;
  audit: AuditTrail;
  /** CLOUDOPS_ALERT_NOTIFY_SECRET signs every note. */
  env: Record<string, string | undefined>;
  clock: Clock;
  /** POST the body; the HTTP status (tests may stand in; default: fetch with a 10 s timeout). */
  post?: (url: string, body: string, headers: Record<string, string>) => Promise<number>;
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  /** Show the outcome on the incident card (its alert context with the plan's final state). */
  onOutcome?: (incident: Incident) => Promise<void>;
}

function outcomeOf(record: ApprovalRecord, incident: Incident): IncidentOutcome | undefined {
  switch (record.state) {
    case 'succeeded':
    case 'failed':
    case 'rejected':
    case 'expired':
    case 'interrupted':
      return record.state;
    case 'cancelled':
      return incident.state === 'resolved' ? 'resolved' : 'cancelled';
    default:
      return undefined;
  }
}

/** `{{a.b}}` in every string of the template, from the context; unknown names become "". */
export function renderTemplate(template: unknown, context: Record<string, string>): unknown {
  if (typeof template === 'string') return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, name: string) => context[name] ?? '');
  if (Array.isArray(template)) return template.map((t) => renderTemplate(t, context));
  if (template && typeof template === 'object')
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, renderTemplate(v, context)]));
  return template;
}

/**
 * Closing the loop: when an alert incident's plan ends (run, failed, rejected, expired, resolved), post
 * the rule's templated JSON note to its URL, signed (HMAC-SHA256 of the body), retried with exponential
 * backoff, each delivery recorded in the audit trail. Found by a sweep over the store, claimed once, so it
 * works across replicas and restarts and needs no hook in the approval flow.
 */
export class OutcomeNotifier {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly deps: OutcomeNotifierDeps) {}

  private rules(): AlertRuleConfig[] {
    return this.deps.config.rules.filter((r) => r.notify);
  }

  /**
   * Handle the outcomes that are due (card refreshed, the rule's note sent); how many notes were sent (delivered or
   * given up). One sweep at a time.
   */
  sweep(): Promise<number> {
    if (!this.running) this.running = this.sweepNow().finally(() => (this.running = undefined));
    return this.running;
  }

  start(everyMs: number): void {
    this.timer = setInterval(
      () => void this.sweep().catch((e: Error) => this.deps.log?.warn({ err: e.message }, 'outcome sweep failed; will try again')),
      everyMs,
    );
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async sweepNow(): Promise<number> {
    const rules = new Map(this.rules().map((r) => [r.name, r]));
    let sent = 0;
    for (const incident of await this.deps.incidents.unnotified()) {
      const record = await this.deps.desk.get(incident.requestId!);
      if (!record) continue;
      const outcome = outcomeOf(record, incident);
      if (!outcome || !(await this.deps.incidents.claimNotification(incident.key, outcome))) continue;
      try {
        await this.deps.onOutcome?.(incident);
      } catch (e) {
        this.deps.log?.warn({ incident: incident.key, err: (e as Error).message }, 'incident card could not show the outcome');
      }
      const rule = rules.get(incident.rule);
      if (!rule) continue;
      await this.send(rule, incident, record, outcome);
      sent++;
    }
    return sent;
  }

  private async send(rule: AlertRuleConfig, incident: Incident, record: ApprovalRecord, outcome: IncidentOutcome): Promise<void> {
    const notify = rule.notify!;
    const alert = JSON.parse(incident.alert) as Alert;
    const resource = Object.values(record.plan.params).find(isResource);
    const context: Record<string, string> = {
      outcome,
      'alert.name': alert.name,
      'alert.reason': alert.reason,
      'alert.source': alert.source,
      'alert.severity': alert.severity,
      requestId: record.id,
      playbook: record.plan.playbook,
      resource: resource ? `${resource.name} (${resource.id})` : '',
      result: record.result ?? '',
      count: String(incident.count),
      rule: rule.name,
    };
    const body = JSON.stringify(renderTemplate(notify.template ?? DEFAULT_NOTE_TEMPLATE, context));
    const where = new URL(notify.url);
    const target = `${where.origin}${where.pathname}`; // never the query string (it may hold a key)
    const secret = this.deps.env.CLOUDOPS_ALERT_NOTIFY_SECRET;
    if (!secret) {
      await this.deps.audit.record({
        requestId: record.id,
        kind: 'notification',
        data: {
          rule: rule.name,
          outcome,
          url: target,
          delivered: false,
          reason: 'CLOUDOPS_ALERT_NOTIFY_SECRET is not set; nothing was sent unsigned',
        },
      });
      this.deps.log?.error({ rule: rule.name, requestId: record.id }, 'outcome note not sent: CLOUDOPS_ALERT_NOTIFY_SECRET is not set');
      return;
    }
    const timestamp = this.deps.clock.now().toISOString();
    const headers = {
      'content-type': 'application/json',
      'x-cloudops-timestamp': timestamp,
      'x-cloudops-signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    };
    const post = this.deps.post ?? defaultPost;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let status = 0;
    let error: string | undefined;
    let attempts = 0;
    for (; attempts <= notify.retries; ) {
      attempts++;
      try {
        status = await post(notify.url, body, headers);
        error = undefined;
      } catch (e) {
        status = 0;
        error = (e as Error).message;
      }
      const retryable = status === 0 || status === 429 || status >= 500;
      if (!retryable || attempts > notify.retries) break;
      await sleep(1000 * 2 ** (attempts - 1));
    }
    const delivered = status >= 200 && status < 300;
    await this.deps.audit.record({
      requestId: record.id,
      kind: 'notification',
      data: { rule: rule.name, outcome, url: target, status, attempts, delivered, ...(error ? { error } : {}) },
    });
    if (!delivered) this.deps.log?.warn({ rule: rule.name, requestId: record.id, status, attempts }, 'outcome note not delivered');
  }
}

async function defaultPost(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(url, { method: 'POST', body, headers, redirect: 'error', signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
}
