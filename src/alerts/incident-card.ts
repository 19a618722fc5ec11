import { formatUtc, inertLine, planCard, type ApprovalRecord, type CardPlan, type ChatField, type ChatMessage } from '../core';
import { describeHints, type Alert } from './alert';

export interface IncidentView {
  alert: Alert;
  count: number;
  firstSeen: string;
  lastSeen: string;
  resolved?: boolean;
  /** The rule that chose the playbook; absent: the classifier suggested it from the alert's text. */
  rule?: string;
  plan?: CardPlan;
  record?: ApprovalRecord;
  /** The metric over the last hour: a sparkline and its range. */
  metric?: { line: string; min: number; max: number; last: number; points: number } | { unavailable: string };
  /** Facts about the resource (state, type, tags). */
  facts?: ChatField[];
  /** Recent changes to the resource, from the audit trail. */
  changes?: string[];
  /** Why no plan could be made (no resource, no playbook fits), said instead of a plan. */
  noPlan?: string;
  status?: string[];
  label?: string;
}

function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 0 : 2);
}

/**
 * The incident card: what fired and why, the metric over the last hour, the resource's facts and recent
 * changes, then the proposed plan with its risk and the usual buttons (the plan card underneath).
 */
export function incidentCard(v: IncidentView): ChatMessage {
  const a = v.alert;
  const base: ChatMessage | undefined = v.plan ? planCard(v.plan, { record: v.record, status: v.status, label: v.label }) : undefined;
  const lines: string[] = [];
  lines.push(
    v.resolved
      ? `*Resolved* at ${formatUtc(v.lastSeen)}` +
          `${v.record && v.record.state === 'cancelled' ? ': the proposed plan was closed without running.' : '.'}`
      : `*Fired* (${inertLine(a.severity)}): ${inertLine(a.reason || 'no reason given')}`,
  );
  lines.push(`Seen ${v.count} time${v.count === 1 ? '' : 's'}; first ${formatUtc(v.firstSeen)}, last ${formatUtc(v.lastSeen)}.`);
  if (v.metric && 'line' in v.metric)
    lines.push(
      `${inertLine(a.metric?.name ?? 'metric')}, last hour: ${v.metric.line} (min ` +
        `${num(v.metric.min)}, max ${num(v.metric.max)}, now ${num(v.metric.last)}` +
        `${a.metric?.threshold !== undefined ? `, threshold ${num(a.metric.threshold)}` : ''}` +
        `)`,
    );
  else if (v.metric) lines.push(`${inertLine(a.metric?.name ?? 'metric')}, last hour: ${inertLine(v.metric.unavailable)}`);
  if (v.changes?.length) lines.push('Recent changes:', ...v.changes.slice(0, 5).map((c) => `• ${inertLine(c)}`));
  else if (v.changes) lines.push('Recent changes: none recorded by the bot in the last 7 days.');
  if (!v.rule && v.plan)
    lines.push('*Suggestion*: no alert rule matches; the bot proposes this playbook from the alert text. Check it before approving.');
  if (v.noPlan) lines.push(`No plan: ${inertLine(v.noPlan)}`);
  if (v.status && !base) lines.push(...v.status.map(inertLine));
  const fields: ChatField[] = [
    { label: 'alert', value: inertLine(`${a.name} (${a.source})`) },
    ...(a.resources.length ? [{ label: 'resource hint', value: inertLine(describeHints(a)) }] : []),
    ...(a.account || a.region ? [{ label: 'alert from', value: inertLine([a.account, a.region].filter(Boolean).join(' / ')) }] : []),
    ...(v.facts ?? []),
    ...(base?.fields ?? []),
  ];
  const context = [
    ...(v.rule ? [`alert rule ${v.rule}`] : ['suggestion (no alert rule)']),
    ...(base?.context ?? (v.label ? [v.label] : [])),
  ];
  return {
    kind: base ? 'plan' : 'info',
    header: `${v.resolved ? 'Resolved' : 'Alert'}: ${inertLine(a.name)}${v.plan ? ` → ${v.plan.playbook.title}` : ''}`,
    text: [...lines, ...(base?.text ? ['', base.text] : [])].join('\n'),
    fields,
    ...(base?.risk ? { risk: base.risk } : {}),
    buttons: v.resolved ? [] : (base?.buttons ?? []),
    context,
    ...(base?.mentions ? { mentions: base.mentions } : {}),
    ...(v.metric && 'line' in v.metric ? { textChart: v.metric.line } : {}),
  };
}
