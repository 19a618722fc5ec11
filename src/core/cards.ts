/**
 * The neutral messages the conversation posts. Adapters render them; nothing here knows a platform.
 */
import type { ChatButton, ChatField, ChatMessage, ChatUser } from './chat';
import { inertLine, inertText } from './inert';
import type { Playbook } from './playbook';
import { isResource, type ApprovalNeed, type FleetPlan, type ParamValue, type Plan, type RiskAssessment } from './plan';
import type { ApprovalRecord, ApprovalState, ExecutionResult } from './ports';
import { describeResource, isResourceType, resourceTypeLabel, withArticle } from './resource';

export interface CardPlan {
  requestId: string;
  playbook: Playbook;
  params: Record<string, ParamValue>;
  risk: RiskAssessment;
  approval: ApprovalNeed;
  /** Said on the card beside the status (a time asked for that the bot cannot schedule). */
  notes?: string[];
  /** A plan over a set: every member listed, the ones left out with why, and how it rolls out. */
  fleet?: FleetPlan;
}

const STATE_LINE: Record<ApprovalState, string> = {
  proposed: 'Waiting for approval',
  approved: 'Approved',
  executing: 'Running',
  succeeded: 'Done',
  failed: 'Failed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired: nobody approved in time. Ask again if it is still needed.',
  interrupted: 'Interrupted: the bot stopped while this was running. Check the resource before asking again.',
};

/** Parameter values are what someone typed or what the estate's tags say: one inert line each. */
function paramFields(params: Record<string, ParamValue>): ChatField[] {
  const fields: ChatField[] = [];
  for (const [name, v] of Object.entries(params)) {
    if (isResource(v)) {
      fields.push({ label: name, value: inertLine(`${v.name}${v.name !== v.id ? ` (${v.id})` : ''}`) });
      fields.push({ label: 'where', value: inertLine(`${v.accountAlias ? `${v.accountAlias} ` : ''}${v.account} / ${v.region}`) });
      if (v.state) fields.push({ label: 'state', value: inertLine(v.state) });
    } else {
      fields.push({
        label: name,
        value: inertLine(
          typeof v === 'object'
            ? Object.entries(v)
                .map(([k, x]) => `${k}=${x}`)
                .join(', ')
            : String(v),
        ),
      });
    }
  }
  return fields;
}

/** Who a card names on purpose: only these may become live mentions when it is rendered. */
function namedPeople(record: ApprovalRecord | undefined): ChatUser[] {
  if (!record) return [];
  const people = [record.requester, ...(record.approvals ?? []).map((a) => a.user), ...(record.closedBy ? [record.closedBy] : [])];
  return people.filter((u, i) => u && people.findIndex((x) => x && x.platform === u.platform && x.id === u.id) === i);
}

function nameOf(user: ChatUser): string {
  return inertLine(user.displayName ?? user.id);
}

/** The value an approval button carries: the request id, and the card's revision once it was refreshed. */
export function approvalButtonValue(requestId: string, revision = 0): string {
  return revision ? `${requestId}#${revision}` : requestId;
}

/** `req-1#2` -> { id: 'req-1', revision: 2 }; a bare id is revision 0 (the first card). */
export function parseApprovalButtonValue(value: string): { id: string; revision: number } {
  const m = /^(.*)#(\d+)$/.exec(value);
  return m ? { id: m[1], revision: Number(m[2]) } : { id: value, revision: 0 };
}

/** `2026-11-22T10:00:00.000Z` -> `2026-11-22 10:00 UTC`. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A plan an alert opened (src/alerts: requester id `alert:<source>`): no person asked, so no requester can click Run. */
function fromAlert(record: ApprovalRecord | undefined): boolean {
  return Boolean(record?.requester.id.startsWith('alert:'));
}

function approvalLine(a: ApprovalNeed, alert = false): string {
  if (!a.required && alert)
    return 'No approval needed at this risk level, but an alert asked: an approver confirms with Run (nobody else).';
  if (!a.required) return 'No approval needed at this risk level: the requester confirms with Run (an approver may too; nobody else).';
  const who = a.eligible.length ? a.eligible.join(', ') : 'nobody is configured as approver';
  return `Needs ${a.approvers} approver${a.approvers > 1 ? 's' : ''} from ${who}${a.requesterMayApprove ? '' : ' (not the requester)'}.`;
}

/** The plan card: what will happen, to what, why it is risky, and the buttons. */
export function planCard(p: CardPlan, options: { record?: ApprovalRecord; status?: string[]; label?: string } = {}): ChatMessage {
  const state = options.record?.state ?? 'proposed';
  const steps = p.playbook.steps.map((s, i) => `${i + 1}. ${s.name ?? s.action}`);
  const fields = paramFields(p.params);
  for (const line of p.risk.now ?? []) fields.push({ label: 'now', value: inertLine(line) });
  // A blocked plan will not run: no risk level, reversibility or downtime, as if it could; only why not.
  if (!p.risk.blocked)
    fields.push({
      label: 'reversible',
      value: p.risk.reversible ? (p.risk.rollback ? `yes: undo with ${p.risk.rollback}` : 'yes') : 'no: this cannot be undone',
    });
  if (p.risk.downtime && !p.risk.blocked) fields.push({ label: 'downtime', value: p.risk.downtime });
  for (const d of p.risk.dependents ?? []) fields.push({ label: 'depends on it', value: inertLine(d) });
  const buttons: ChatButton[] = [];
  const value = approvalButtonValue(p.requestId, options.record?.revision);
  if (state === 'proposed' && !p.risk.blocked) {
    const confirm =
      p.risk.level === 'critical'
        ? {
            title: 'Approve a critical change?',
            text: `${p.playbook.title}: this cannot be undone easily.`,
            confirm: 'Approve',
            deny: 'Back',
          }
        : undefined;
    if (p.approval.required) {
      buttons.push({ action: 'approve', label: 'Approve', value, style: 'primary', ...(confirm ? { confirm } : {}) });
      buttons.push({ action: 'reject', label: 'Reject', value, style: 'danger' });
    } else {
      buttons.push({ action: 'approve', label: 'Run', value, style: 'primary' });
      buttons.push({ action: 'cancel', label: 'Cancel', value });
    }
  }
  const approvals = options.record?.approvals ?? [];
  const context = [
    `request ${p.requestId}`,
    ...(options.record?.requester ? [`asked by ${nameOf(options.record.requester)}`] : []),
    ...(approvals.length ? [`approved by ${approvals.map((a) => nameOf(a.user)).join(', ')}`] : []),
    ...(options.label ? [options.label] : []),
  ];
  // Nobody else is asked at this level: the card waits for the requester's Run, not for an approver.
  const status = p.risk.blocked
    ? 'Blocked: this plan cannot run.'
    : state === 'proposed' && !p.approval.required
      ? `Ready: waiting for ${fromAlert(options.record) ? 'an approver' : 'the requester'} to click Run`
      : STATE_LINE[state];
  return {
    kind: 'plan',
    header: `${p.risk.blocked ? 'Cannot run' : 'Plan'}: ${p.playbook.title}`,
    text: [
      `*${status}*`,
      ...(p.risk.blocked ? ['Why:', ...p.risk.reasons.map((r) => `• ${inertLine(r)}`)] : []),
      ...(p.fleet ? fleetLines(p.fleet) : []),
      ...(options.status ?? []).map(inertLine),
      ...(state === 'proposed' ? (p.notes ?? []).map(inertLine) : []),
      ...(steps.length ? ['Steps:', ...steps] : []),
      ...(p.risk.blocked ? [] : [approvalLine(p.approval, fromAlert(options.record))]),
      ...expiryLine(state, p, options.record),
    ].join('\n'),
    fields,
    ...(p.risk.blocked ? {} : { risk: { level: p.risk.level, reasons: p.risk.reasons.map(inertLine) } }),
    buttons,
    context,
    ...(options.record ? { mentions: namedPeople(options.record) } : {}),
  };
}

/** The set a fleet plan covers, exactly: each member on its own line, the ones left out with why, the pace. */
export function fleetLines(f: FleetPlan): string[] {
  if (f.tooMany)
    return [
      `${inertLine(f.described)}: ${f.tooMany.matched} resources match, more than the ` +
        `${f.tooMany.limit} one plan may list. Narrow it and ask again.`,
    ];
  const pace =
    `${f.concurrency === 1 ? 'One at a time' : `${f.concurrency} at a time`}` +
    `${f.pauseSeconds ? `, ${describeSeconds(f.pauseSeconds)} between` : ''}; a health ` +
    `check after each, and the first failure stops the rest.`;
  return [
    `${f.members.length} resource${f.members.length === 1 ? '' : 's'} (${inertLine(f.described)}); this approval covers exactly these:`,
    ...f.members.map((m, i) => {
      const name = m.name !== m.id ? `${m.name} (${m.id})` : m.name;
      return `${i + 1}. ${inertLine(`${name} ${m.accountAlias ?? m.account}/${m.region}${m.state ? ` ${m.state}` : ''}`)}`;
    }),
    ...(f.skipped.length
      ? [`Left out (${f.skipped.length}):`, ...f.skipped.map((s) => `• ${inertLine(`${s.resource.name}: ${s.reasons.join('; ')}`)}`)]
      : []),
    ...(f.members.length ? [pace] : []),
  ];
}

/** 300 -> "5 min", 45 -> "45 s", 7200 -> "2 h". */
export function describeSeconds(s: number): string {
  if (s % 3600 === 0) return `${s / 3600} h`;
  if (s % 60 === 0) return `${s / 60} min`;
  return `${s} s`;
}

function expiryLine(state: ApprovalState, p: CardPlan, record: ApprovalRecord | undefined): string[] {
  if (!record || p.risk.blocked) return [];
  if (state === 'proposed') return [`Open until ${formatUtc(record.expiresAt)}; after that it closes and must be asked again.`];
  if (state === 'expired') return [`Expired at ${formatUtc(record.expiresAt)}.`];
  return [];
}

export function clarifyCard(plan: Plan, token: string, label?: string): ChatMessage {
  const c = plan.clarify!;
  // The words' first choice, passed over because the names fit another kind as well: still one click away.
  const other = plan.suggestions.filter((s) => s.confidence >= plan.confidence).slice(0, 1);
  return {
    kind: 'clarify',
    header: `Which one did you mean by "${inertLine(c.query)}"?`,
    text:
      `Several resources match \`${c.param}\` for ${plan.playbook?.title ?? 'this request'}` +
      `. Pick one:${other.length ? ` (or, if you meant another kind: ${other.map((s) => s.title).join(', ')})` : ''}`,
    items: c.candidates.map((r) => inertLine(describeResource(r))),
    buttons: [
      ...c.candidates.slice(0, other.length ? 4 : 5).map((r, i) => ({
        action: 'choose' as const,
        label: inertLine(`${r.name} (${r.accountAlias ?? r.account}/${r.region})`),
        value: `${token}:${i}`,
      })),
      ...other.map((s) => ({ action: 'suggest' as const, label: s.title, value: `${token}:${s.playbook}` })),
    ],
    context: label ? [label] : [],
  };
}

/** What a parameter's type is called in a sentence: "EC2 instance", "instance type". */
function kindOf(type: string | undefined): string {
  if (!type) return 'value';
  return resourceTypeLabel(type);
}

export function missingCard(plan: Plan, label?: string): ChatMessage {
  const raw = plan.missing!;
  // The query is what someone typed and the nearest names come from the estate's tags.
  const m = { ...raw, query: raw.query === undefined ? undefined : inertLine(raw.query), nearest: raw.nearest.map(inertLine) };
  const what = plan.playbook?.parameters.find((p) => p.name === m.param);
  const kind = kindOf(what?.type);
  // The resolver marks names of another kind as `name (ebs-volume)`: say what that kind is, and that it does not fit.
  const nearest = m.nearest.map((n) =>
    n.replace(/ \(([a-z0-9-]+)\)$/, (all, type: string) =>
      isResourceType(type) ? ` (${withArticle(resourceTypeLabel(type))}, not ${withArticle(kind)})` : all,
    ),
  );
  // The name is exact, only of another kind: the request cannot act on it, whatever it is called.
  const other = m.query
    ? m.nearest
        .map((n) => /^(.*) \(([a-z0-9-]+)\)$/.exec(n))
        .find((x) => x && x[1].toLowerCase() === m.query!.toLowerCase() && isResourceType(x[2]))
    : undefined;
  if (other && plan.playbook) {
    // The parts of it that are of the kind asked for (`analytics-aurora-1` of the cluster), not look-alikes.
    const near = m.nearest.filter((n) => !/ \([a-z0-9-]+\)$/.test(n) && n.toLowerCase().startsWith(other[1].toLowerCase()));
    const similar = near.length ? ` ${kind[0].toUpperCase()}${kind.slice(1)}s with a similar name: ${near.join(', ')}.` : '';
    const text =
      `"${other[1]}" is ${withArticle(resourceTypeLabel(other[2]))}, not ` +
      `${withArticle(kind)}: "${plan.playbook.title}" cannot act on it.${similar} Type ` +
      `\`help\` to see what I can do.`;
    return { kind: 'error', header: plan.playbook.title, text, context: label ? [label] : [] };
  }
  // It existed, and was terminated: say so, not "not found" (AWS still lists it for about an hour).
  if (m.gone)
    return {
      kind: 'error',
      header: plan.playbook?.title,
      text: `${m.gone} Type \`find <part of the name>\` to see what exists now.`,
      context: label ? [label] : [],
    };
  // A failed scan is not an absence: say which slices could not be scanned, and why.
  const found = m.unscanned?.length ? ` in the inventory; note that ${m.unscanned.join(' Also, ')}` : '.';
  const text = m.query
    ? `I could not find ${withArticle(kind)} called "${m.query}"${found}` +
      `${nearest.length ? ` Nearest names: ${nearest.join(', ')}.` : ''} Ask again with ` +
      `the exact name; \`find <part of the name>\` lists what exists.`
    : `Tell me which ${kind} (\`${m.param}\`): for example "${plan.playbook?.examples[0] ?? ''}".`;
  return { kind: 'error', header: plan.playbook?.title, text, context: label ? [label] : [] };
}

export function notUnderstoodCard(plan: Plan, token: string): ChatMessage {
  const note = inertText(plan.risk.reasons[0] ?? "I'm not sure what you want me to do.");
  return {
    kind: 'info',
    text: `${note}${plan.suggestions.length ? ' Did you mean one of these?' : ' Type `help` to see what I can do.'}`,
    buttons: plan.suggestions.slice(0, 3).map((s) => ({ action: 'suggest' as const, label: s.title, value: `${token}:${s.playbook}` })),
  };
}

export function refusalCard(reason: string): ChatMessage {
  return { kind: 'refusal', text: `You cannot do that: ${inertText(reason)}` };
}

export function progressCard(text: string): ChatMessage {
  return { kind: 'progress', text: inertText(text) };
}

export function resultCard(title: string, result: ExecutionResult, requestId: string): ChatMessage {
  return {
    kind: 'result',
    header: `${result.ok ? 'Done' : 'Failed'}: ${title}`,
    items: result.steps.map((s) => inertLine(`${s.ok ? 'ok' : 'FAILED'} ${s.step}: ${s.ok ? s.summary : s.error}`)),
    context: [`request ${requestId}`, ...result.steps.flatMap((s) => s.awsRequestIds).map((id) => `AWS request ${id}`)],
  };
}

/** `note`: the platform's own line under the card (the console's controls; from the platform registry). */
export function helpCard(playbooks: Playbook[], label?: string, note?: string): ChatMessage {
  return {
    kind: 'help',
    header: 'What I can do',
    text:
      'Ask in plain words; I find the resource, show a plan with its risk, and run it once ' +
      'someone approves. `cost` and `tags` post the cost and tagging digests; `scan` ' +
      'refreshes the inventory.',
    items: playbooks.filter((p) => p.id !== 'help').map((p) => `${p.title}: "${p.examples[0]}"`),
    context: [...(label ? [label] : []), ...(note ? [note] : [])],
  };
}
