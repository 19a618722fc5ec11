import {
  isActionable,
  isResource,
  isResourceParameter,
  userKey,
  type ApprovalDesk,
  type AuditTrail,
  type CardPlan,
  type ChatField,
  type ChatPlace,
  type ChatSink,
  type ChatUser,
  type Clock,
  type Conversation,
  type Logger,
  type Plan,
  type Planner,
  type PlaybookCatalog,
  type Platform,
  type Resource,
  type StoredPlan,
} from '../core';
import type { AlertRuleConfig, AlertsConfig } from '../config';
import { sparkline } from '../digests';
import { describeHints, incidentKey, type Alert } from './alert';
import { incidentCard, type IncidentView } from './incident-card';
import type { Incident, IncidentStore } from './incidents';
import { matchRule } from './rules';

/** The metric over the last hour, or why it could not be read. */
export type MetricReader = (alert: Alert, end: Date) => Promise<number[] | string>;
/** What the bot changed on this resource lately (from the audit trail), newest first, in words. */
export type ChangeHistory = (resource: Resource, since: Date) => Promise<string[]>;

export interface IncidentFlowDeps {
  config: AlertsConfig;
  planner: Planner;
  catalog: PlaybookCatalog;
  desk: ApprovalDesk;
  /** Auto-run goes through the conversation's approval flow: the same authorization, re-check and single run. */
  conversation: Pick<Conversation, 'approvals'>;
  audit: AuditTrail;
  incidents: IncidentStore;
  /** How to post on each platform (the running adapters' sinks). */
  sinks: Partial<Record<Platform, ChatSink>>;
  clock: Clock;
  newId: () => string;
  metrics?: MetricReader;
  history?: ChangeHistory;
  label?: string;
  log?: Logger;
}

/** What happened to one alert (counted; tests and the CLI read it). */
export type AlertOutcome = 'carded' | 'repeat' | 'suppressed' | 'resolved' | 'resolved-unknown' | 'resolved-stale' | 'no-channel';

const NO_RULE = '(no rule)';
function durationMs(d: string): number {
  const n = Number(d.slice(0, -1));
  return n * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[d.at(-1) as 's' | 'm' | 'h' | 'd'];
}

/** The text a person would have typed for this alert: what the classifier reads when no rule matches. */
export function alertUtterance(alert: Alert): string {
  const target = alert.resources[0]?.value;
  return [alert.name.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'), alert.reason, target ? `on ${target}` : '']
    .filter(Boolean)
    .join(' ')
    .slice(0, 500);
}

/**
 * The plan for an alert: the first matching rule's playbook with the alert's resource in its resource
 * parameter (resolved through the inventory like a chat request), or, with no rule, what the classifier
 * makes of the alert's text. Runs nothing, opens nothing.
 */
export async function proposePlan(
  deps: { planner: Planner; catalog: PlaybookCatalog; clock: Clock; rules: AlertRuleConfig[] },
  alert: Alert,
  requestId: string,
  requester?: ChatUser,
): Promise<{ plan: Plan; rule?: AlertRuleConfig }> {
  const rule = matchRule(deps.rules, alert);
  const facts = { ...(requester ? { requester } : {}), at: deps.clock.now(), requestId };
  const input = `alert ${alert.name}${alert.resources.length ? ` on ${describeHints(alert)}` : ''}`;
  if (!rule) return { plan: await deps.planner.plan(alertUtterance(alert), facts) };
  const playbook = deps.catalog.get(rule.playbook);
  const param = rule.resource ? playbook?.parameters.find((p) => p.name === rule.resource) : playbook?.parameters.find(isResourceParameter);
  const hint = param ? (alert.resources.find((h) => h.type === param.type) ?? alert.resources[0]) : undefined;
  const raw = { ...rule.params, ...(param && hint ? { [param.name]: hint.value } : {}) };
  return { plan: await deps.planner.plan(input, facts, { playbook: rule.playbook, raw }), rule };
}

/**
 * Why the plan's resource is not exactly the one the alert names (undefined when it is): the resolver is
 * fuzzy like chat ("web" finds web-staging-7; "a and b" finds a), which a person checks on the card but
 * an automatic run must not rely on. Exact: a hint equal (without case) to the resource's id, name or
 * ARN, in the alert's account and region when it says them.
 */
export function looseMatch(alert: Alert, plan: Plan): string | undefined {
  const resource = Object.values(plan.params).find(isResource);
  if (!resource) return 'the plan names no resource';
  const names = [resource.id, resource.name, resource.arn].filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase());
  const hint = alert.resources.find((h) => names.includes(h.value.toLowerCase()));
  if (!hint)
    return (
      `the alert names ` +
      `${alert.resources.length ? alert.resources.map((h) => `"${h.value}"`).join(', ') : 'no resource'}` +
      `, which matched ${resource.name} (${resource.id}) only loosely`
    );
  if (alert.account && alert.account !== resource.account)
    return `the alert came from account ${alert.account}, the resource is in ${resource.account}`;
  if (alert.region && alert.region !== resource.region) return `the alert came from ${alert.region}, the resource is in ${resource.region}`;
  return undefined;
}

/**
 * Alert -> incident -> plan card. A new alert opens an incident and posts one card with the proposed
 * plan (the rule's playbook, or the classifier's suggestion); repeats count up and refresh the card;
 * an OK/resolved alert marks it resolved and closes a plan nobody approved. Approval and the run are
 * the chat flow's own.
 */
export class IncidentFlow {
  private readonly counts = new Map<AlertOutcome, number>();
  /** Per incident, the one pending "catch up" refresh after a throttled repeat. */
  private readonly trailing = new Map<string, { timer: NodeJS.Timeout; done: Promise<void> }>();

  constructor(private readonly deps: IncidentFlowDeps) {}

  outcomes(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private count(o: AlertOutcome): AlertOutcome {
    this.counts.set(o, (this.counts.get(o) ?? 0) + 1);
    return o;
  }

  /** The rule an alert matches (undefined: the classifier will suggest). */
  ruleFor(alert: Alert): AlertRuleConfig | undefined {
    return matchRule(this.deps.config.rules, alert);
  }

  /** The plan the bot proposes for an alert (also `cloudops alert --json`). Runs nothing, opens nothing. */
  planFor(alert: Alert, requestId: string, requester: ChatUser): Promise<{ plan: Plan; rule?: AlertRuleConfig }> {
    return proposePlan({ ...this.deps, rules: this.deps.config.rules }, alert, requestId, requester);
  }

  async handle(alert: Alert): Promise<AlertOutcome> {
    const rule = this.ruleFor(alert);
    const key = incidentKey(alert);
    const now = this.deps.clock.now();
    if (alert.state === 'resolved') return this.count(await this.resolve(key, alert, now));
    const limit = rule?.rateLimit ?? this.deps.config.rateLimit;
    const fired = await this.deps.incidents.fire(key, rule?.name ?? NO_RULE, JSON.stringify(alert), now, {
      cards: limit.cards,
      since: new Date(now.getTime() - durationMs(limit.per)),
    });
    if (fired.incident.state === 'suppressed') {
      if (fired.first || fired.incident.count === 1)
        this.deps.log?.warn(
          { rule: rule?.name ?? NO_RULE, alert: alert.name, limit },
          "alert over the rule's rate limit: counted, no card posted",
        );
      return this.count('suppressed');
    }
    if (!fired.first) {
      if (await this.deps.incidents.claimCardUpdate(key, now, durationMs(this.deps.config.updateEvery))) await this.refresh(fired.incident);
      else this.catchUp(key);
      return this.count('repeat');
    }
    try {
      return this.count(await this.open(alert, rule, fired.incident));
    } catch (e) {
      // No card came of it (chat down, planning failed): close the incident so the next firing tries
      // again, instead of counting repeats on a card that does not exist.
      await this.deps.incidents.resolve(key, this.deps.clock.now()).catch(() => undefined);
      throw e;
    }
  }

  /**
   * A repeat inside the update interval does not touch the card; one refresh per incident is scheduled for
   * the end of the interval, so the card ends up showing the final count and last-seen time.
   */
  private catchUp(key: string): void {
    if (this.trailing.has(key)) return;
    let release!: () => void;
    const done = new Promise<void>((r) => (release = r));
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const incident = await this.deps.incidents.get(key);
          if (incident?.state === 'open' && (await this.deps.incidents.claimCardUpdate(key, this.deps.clock.now(), 0)))
            await this.refresh(incident);
        } catch (e) {
          this.deps.log?.warn({ incident: key, err: (e as Error).message }, 'incident card catch-up failed');
        } finally {
          this.trailing.delete(key);
          release();
        }
      })();
    }, durationMs(this.deps.config.updateEvery));
    timer.unref();
    this.trailing.set(key, { timer, done });
  }

  /** Resolves when the scheduled catch-up refreshes have run (tests). */
  async idle(): Promise<void> {
    while (this.trailing.size) await Promise.all([...this.trailing.values()].map((t) => t.done));
  }

  /** Drop the scheduled catch-up refreshes (shutdown); the counts are in the store. */
  close(): void {
    for (const t of this.trailing.values()) clearTimeout(t.timer);
    this.trailing.clear();
  }

  private place(rule: AlertRuleConfig | undefined): ChatPlace {
    const channel = rule?.channel ?? this.deps.config.channel;
    return { platform: channel.platform, channel: channel.id };
  }

  private requester(alert: Alert, platform: Platform): ChatUser {
    return { platform, id: `alert:${alert.source}`, displayName: `alert ${alert.name} (${alert.source})` };
  }

  private async open(alert: Alert, rule: AlertRuleConfig | undefined, incident: Incident): Promise<AlertOutcome> {
    const place = this.place(rule);
    const sink = this.deps.sinks[place.platform];
    const requestId = this.deps.newId();
    const requester = this.requester(alert, place.platform);
    await this.deps.audit.record({
      requestId,
      kind: 'request',
      actor: userKey(requester),
      data: { alert, rule: rule?.name ?? null, incident: incident.key },
    });
    if (!sink) {
      this.deps.log?.error(
        { platform: place.platform, rule: rule?.name },
        "alert not posted: the rule's channel is on a platform that is not running",
      );
      return 'no-channel';
    }
    const { plan } = await this.planFor(alert, requestId, requester);
    await this.deps.audit.record({
      requestId,
      kind: 'understood',
      data: {
        playbook: plan.playbook?.id ?? null,
        by: rule ? `alert rule ${rule.name}` : (plan.understoodBy ?? 'classifier'),
        suggestion: !rule,
      },
    });
    const context = await this.context(alert, plan.params);
    const view: IncidentView = {
      alert,
      count: incident.count,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
      ...(rule ? { rule: rule.name } : {}),
      ...context,
      label: this.deps.label,
    };
    if (!plan.playbook || !isActionable(plan) || plan.playbook.readOnly) {
      const why = !plan.playbook
        ? 'no playbook fits this alert; add an alert rule for it (docs/alerts.md)'
        : plan.clarify
          ? `${plan.clarify.query} matches several resources (` +
            `${plan.clarify.candidates.map((c) => c.name).join(', ')}); ask in chat naming one`
          : plan.missing
            ? alert.resources.length
              ? `no resource in the inventory matches ${plan.missing.query ?? describeHints(alert)}`
              : `the alert names no resource to run ${plan.playbook.id} on; send one (an InstanceId ` +
                `dimension, an instance_id/host/instance label, or the webhook field ` +
                `alerts.webhook.fields.resource maps)`
            : plan.blocked
              ? plan.risk.reasons.join('; ')
              : 'the playbook only reads';
      const card: CardPlan | undefined =
        plan.playbook && plan.blocked
          ? { requestId, playbook: plan.playbook, params: plan.params, risk: plan.risk, approval: plan.approval }
          : undefined;
      const ref = await sink.post(place, incidentCard({ ...view, ...(card ? { plan: card } : { noPlan: why }) }));
      await this.deps.incidents.attach(incident.key, undefined, ref);
      await this.deps.audit.record({ requestId, kind: 'plan', data: { playbook: plan.playbook?.id ?? null, blocked: true, reason: why } });
      return 'carded';
    }
    const autoRun = this.mayAutoRun(rule, plan);
    const loose = autoRun ? looseMatch(alert, plan) : undefined;
    const stored: StoredPlan = {
      input: plan.input,
      playbook: plan.playbook.id,
      params: plan.params,
      risk: plan.risk,
      approval: plan.approval,
      notes: [
        `From alert ${alert.name}${rule ? ` (rule ${rule.name})` : ' (suggestion: no rule matched)'}.`,
        ...(loose ? [`Not run automatically: ${loose}. Click Run if it is the right one.`] : []),
      ],
    };
    await this.deps.audit.record({
      requestId,
      kind: 'plan',
      data: {
        playbook: plan.playbook.id,
        risk: plan.risk,
        approval: plan.approval,
        blocked: plan.blocked,
        alert: alert.name,
        rule: rule?.name ?? null,
      },
    });
    const record = await this.deps.desk.open(requestId, stored, requester, place);
    const cardPlan: CardPlan = {
      requestId,
      playbook: plan.playbook,
      params: plan.params,
      risk: plan.risk,
      approval: plan.approval,
      notes: stored.notes,
    };
    const ref = await sink.post(place, incidentCard({ ...view, plan: cardPlan, record }));
    await this.deps.desk.attachMessage(requestId, ref);
    await this.deps.incidents.attach(incident.key, requestId, ref);
    // Repeats that came in while the card was being posted could not update it: show the count now.
    const now = await this.deps.incidents.get(incident.key);
    if (now && now.count !== incident.count) await this.refresh(now);
    if (autoRun && loose)
      this.deps.log?.warn({ requestId, rule: rule!.name, why: loose }, 'alert rule auto-run withheld: the resource was not named exactly');
    if (autoRun && !loose) {
      this.deps.log?.info({ requestId, rule: rule!.name }, 'alert rule auto-runs a low-risk plan');
      await this.deps.conversation.approvals.onDecision(
        { kind: 'button', id: `auto-${requestId}`, user: requester, place: ref.place, action: 'run', value: requestId, message: ref },
        sink,
      );
    }
    return 'carded';
  }

  /** Only a rule that says so, only when the policy switch is on, only a low-risk plan nobody must approve (and see looseMatch). */
  private mayAutoRun(rule: AlertRuleConfig | undefined, plan: Plan): boolean {
    return Boolean(rule?.autoRun && this.deps.config.autoRun && plan.risk.level === 'low' && !plan.approval.required && !plan.blocked);
  }

  private async context(alert: Alert, params: Plan['params']): Promise<Pick<IncidentView, 'metric' | 'facts' | 'changes'>> {
    const out: Pick<IncidentView, 'metric' | 'facts' | 'changes'> = {};
    if (alert.metric && this.deps.metrics) {
      try {
        const values = await this.deps.metrics(alert, this.deps.clock.now());
        out.metric =
          typeof values === 'string'
            ? { unavailable: values }
            : values.length
              ? { line: sparkline(values), min: Math.min(...values), max: Math.max(...values), last: values.at(-1)!, points: values.length }
              : { unavailable: 'no datapoints' };
      } catch (e) {
        out.metric = { unavailable: `could not be read (${(e as Error).message})` };
      }
    }
    const resource = Object.values(params).find(isResource);
    if (resource) {
      const facts: ChatField[] = [];
      const tags = Object.entries(resource.tags ?? {})
        .filter(([k]) => !/^name$/i.test(k))
        .slice(0, 6);
      if (tags.length) facts.push({ label: 'tags', value: tags.map(([k, v]) => `${k}=${v}`).join(', ') });
      const shown = Object.entries(resource.facts ?? {})
        .filter(([, v]) => v !== null && typeof v !== 'object')
        .slice(0, 4);
      if (shown.length) facts.push({ label: 'facts', value: shown.map(([k, v]) => `${k}: ${v}`).join(', ') });
      out.facts = facts;
      if (this.deps.history) {
        try {
          out.changes = await this.deps.history(resource, new Date(this.deps.clock.now().getTime() - 7 * 86_400_000));
        } catch (e) {
          this.deps.log?.warn({ err: (e as Error).message }, 'recent changes could not be read');
        }
      }
    }
    return out;
  }

  /** The plan ended (run, rejected, expired): the incident card again, its alert context with the outcome. */
  async showOutcome(incident: Incident): Promise<void> {
    const record = incident.requestId ? await this.deps.desk.get(incident.requestId) : undefined;
    await this.refresh(incident, record?.result ? [`Result: ${record.result}`] : [], incident.state === 'resolved');
  }

  /** A repeat: the card again, with the count and last-seen time. */
  private async refresh(incident: Incident, status: string[] = [], resolved = false): Promise<void> {
    if (!incident.message) return;
    const sink = this.deps.sinks[incident.message.place.platform];
    if (!sink) return;
    const alert = JSON.parse(incident.alert) as Alert;
    const record = incident.requestId ? await this.deps.desk.get(incident.requestId) : undefined;
    const playbook = record ? this.deps.catalog.get(record.plan.playbook) : undefined;
    const context = record ? await this.context(alert, record.plan.params) : {};
    const view: IncidentView = {
      alert,
      ...context,
      count: incident.count,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
      ...(incident.rule !== NO_RULE ? { rule: incident.rule } : {}),
      ...(record && playbook
        ? {
            plan: {
              requestId: record.id,
              playbook,
              params: record.plan.params,
              risk: record.plan.risk,
              approval: record.plan.approval,
              notes: record.plan.notes,
            },
            record,
          }
        : { noPlan: 'see the first card' }),
      status,
      resolved,
      label: this.deps.label,
    };
    try {
      await sink.update(incident.message, incidentCard(view));
    } catch (e) {
      this.deps.log?.warn({ incident: incident.key, err: (e as Error).message }, 'incident card could not be updated');
    }
  }

  private async resolve(key: string, alert: Alert, now: Date): Promise<AlertOutcome> {
    // A resolution older than the firing that opened the incident belongs to an earlier incident: a late
    // or out-of-order delivery, or a captured "resolved" sent again. It must not close the newer plan.
    const open = await this.deps.incidents.get(key);
    if (open && open.state !== 'resolved') {
      const opened = Date.parse((JSON.parse(open.alert) as Alert).time);
      if (Date.parse(alert.time) < opened) {
        this.deps.log?.warn(
          { incident: key, resolvedAt: alert.time, openedBy: new Date(opened).toISOString() },
          'a resolution older than the firing that opened the incident: ignored (late delivery or replay)',
        );
        return 'resolved-stale';
      }
    }
    const incident = await this.deps.incidents.resolve(key, now);
    if (!incident) return 'resolved-unknown';
    const status: string[] = [];
    if (incident.requestId) {
      const record = await this.deps.desk.get(incident.requestId);
      if (record?.state === 'proposed') {
        const outcome = await this.deps.desk.decide(record.id, record.requester, 'cancel');
        if (outcome.kind === 'cancelled') {
          await this.deps.audit.record({
            requestId: record.id,
            kind: 'cancellation',
            actor: userKey(record.requester),
            data: { reason: 'the alert resolved before anyone approved', alert: alert.name },
          });
          status.push('The alert resolved before anyone approved: the plan was closed without running.');
        }
      }
    }
    await this.refresh(incident, status, true);
    return 'resolved';
  }
}
