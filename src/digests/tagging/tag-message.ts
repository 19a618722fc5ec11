import type { ChatButton, ChatMessage } from '../../core';
import type { TaggingSnapshot } from '../../store';
import { longDay, shortDay, type Day } from '../dates';
import { percent } from '../format';
import type { ComplianceGroup, ComplianceReport, Offender } from './compliance';
import { problemText, type TagPolicy } from './policy';
import { typeNameOne } from './taggable';

export const FIX_PREFIX = 'digest:fix:';
export const SHOW_ALL = 'digest:tags-all';

export interface TagMessageInput {
  report: ComplianceReport;
  policy: TagPolicy;
  top: number;
  day: Day;
  now: Date;
  previous?: TaggingSnapshot;
  notes: string[];
  context: string[];
  /** Header override (the one-key report). */
  header?: string;
}

/** "sandbox-box (i-0abc…, EC2 instance, staging/us-east-1): missing owner, cost-center" */
export function offenderLine(o: Offender): string {
  const r = o.resource;
  const where = `${r.accountAlias ?? r.account}/${r.region}`;
  const what = r.name === r.id ? `${r.id} (${typeNameOne(r.type)}, ${where})` : `${r.name} (${r.id}, ${typeNameOne(r.type)}, ${where})`;
  const missing = o.problems.filter((p) => p.kind === 'missing').map((p) => p.key);
  const invalid = o.problems.filter((p) => p.kind === 'invalid').map(problemText);
  return `${what}: ${[...(missing.length ? [`missing ${missing.join(', ')}`] : []), ...invalid].join('; ')}`;
}

function groups(list: ComplianceGroup[], max: number): string {
  const shown = list.slice(0, max).map((g) => `${g.name} ${percent(g.compliant, g.total)} (${g.compliant}/${g.total})`);
  return `${shown.join(' · ')}${list.length > max ? ` · and ${list.length - max} more` : ''}`;
}

function trendLine(r: ComplianceReport, previous: TaggingSnapshot | undefined, now: Date): string {
  if (!previous) return 'This is the first tagging digest here; the next one shows the trend.';
  const pct = r.total ? (r.compliant / r.total) * 100 : 100;
  const before = previous.total ? (previous.compliant / previous.total) * 100 : 100;
  const points = Math.round((pct - before) * 10) / 10;
  const taken = new Date(previous.takenAt);
  const when =
    taken.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)
      ? `earlier today (${taken.toISOString().slice(11, 16)} UTC)`
      : `on ${shortDay(taken.toISOString().slice(0, 10))}`;
  const direction = points > 0 ? `Up ${points} points` : points < 0 ? `Down ${-points} points` : 'Unchanged';
  const was = percent(previous.compliant, previous.total);
  const current = new Set(r.offenders.map((o) => o.resource.key));
  const fixed = previous.offenders.filter((k) => !current.has(k)).length;
  const prev = new Set(previous.offenders);
  const added = r.offenders.filter((o) => !prev.has(o.resource.key)).length;
  return `${direction} from ${was} ${when}: ${fixed} no longer offending, ${added} new.`;
}

/** The tagging digest as a neutral message: compliance, breakdowns, worst offenders with Fix buttons. */
export function tagMessage(input: TagMessageInput): ChatMessage {
  const r = input.report;
  const lines = [
    `*${percent(r.compliant, r.total)} of ${r.total} resources follow the tagging ` +
      `policy* (${r.compliant} do, ${r.total - r.compliant} do not` +
      `${r.exempt ? `; ${r.exempt} exempt` : ''}).`,
    trendLine(r, input.previous, input.now),
    `Policy: ${input.policy.describe()}.`,
    '',
    `*By type:* ${groups(r.byType, 8)}`,
    `*By account:* ${groups(r.byAccount, 8)}`,
    `*By team (${input.policy.ownerTag}):* ${groups(r.byTeam, 8)}`,
  ];
  const worst = r.offenders.slice(0, input.top);
  if (worst.length)
    lines.push('', `*Worst offenders${r.offenders.length > worst.length ? ` (${worst.length} of ${r.offenders.length})` : ''}*`);
  else lines.push('', 'Every resource follows the policy. Nothing to fix.');
  for (const note of input.notes) lines.push(`Note: ${note}`);
  const buttons: ChatButton[] = worst.map((o) => ({
    action: 'suggest',
    label: `Fix tags: ${o.resource.name}`,
    value: `${FIX_PREFIX}${o.resource.key}`,
  }));
  if (r.offenders.length > worst.length) buttons.push({ action: 'suggest', label: `Show all ${r.offenders.length}`, value: SHOW_ALL });
  return {
    kind: 'digest',
    header: input.header ?? `Tagging digest for ${longDay(input.day)}`,
    text: lines.join('\n'),
    items: worst.map(offenderLine),
    buttons,
    context: input.context,
  };
}

/** "Show all": the offenders after the first `from`, in messages of at most `per` lines. */
export function restMessages(r: ComplianceReport, from: number, per = 25, maxMessages = 4): ChatMessage[] {
  const rest = r.offenders.slice(from);
  if (!rest.length) return [{ kind: 'info', text: 'No more offenders: the digest listed all of them.' }];
  const out: ChatMessage[] = [];
  for (let i = 0; i < rest.length && out.length < maxMessages; i += per) {
    const chunk = rest.slice(i, i + per);
    out.push({
      kind: 'digest',
      ...(i === 0 ? { header: `All offenders, ${from + 1}-${from + rest.length} of ${r.offenders.length}` } : {}),
      items: chunk.map(offenderLine),
    });
  }
  const shown = Math.min(rest.length, per * maxMessages);
  if (shown < rest.length)
    out.push({ kind: 'info', text: `and ${rest.length - shown} more: \`cloudops digest tags --print --all\` lists every one.` });
  return out;
}
