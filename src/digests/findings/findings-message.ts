import type { ChatButton, ChatMessage } from '../../core';
import { resourceTypeLabel, lookupTable } from '../../core';
import { resourceKey, SEVERITIES, totalSaving, usd, type Finding, type FindingsReport } from '../../findings';
import { FIX_PREFIX } from '../tagging/tag-message';

/** A "Fix" button on a finding: the rule and where the resource is. */
export const FINDING_FIX_PREFIX = 'findings:fix:';
export const FINDINGS_SHOW_ALL = 'findings:all';

const SEVERITY_WORD: Readonly<Record<string, string>> = lookupTable({ critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' });
const SERVICE_NAMES: Readonly<Record<string, string>> = lookupTable({ cloudwatch: 'CloudWatch', ec2: 'EC2', rds: 'RDS', s3: 'S3' });

function typeLabel(f: Finding): string {
  const r = f.resource;
  if (r.type === 'taggable' && r.facts.service === 'ec2:snapshot') return 'EBS snapshot';
  return resourceTypeLabel(r.type);
}

/** `legacy-pg (RDS instance, production/us-west-2): … saves ~$12.00/month`. */
export function findingLine(f: Finding): string {
  const r = f.resource;
  const where = `${r.accountAlias ?? r.account}/${r.region}`;
  const what = r.name === r.id ? `${r.id} (${typeLabel(f)}, ${where})` : `${r.name} (${r.id}, ${typeLabel(f)}, ${where})`;
  const saving = f.monthlySaving !== null ? ` *Saves ~${usd(f.monthlySaving)}/month.*` : '';
  return `[${f.severity}] ${what}: ${f.detail}${saving}`;
}

/** The button that opens the fix's plan card; the tagging fix is the tagging digest's own button. */
export function fixButton(f: Finding): ChatButton | undefined {
  if (!f.fix) return undefined;
  const r = f.resource;
  if (f.rule === 'tags-missing')
    return { action: 'suggest', label: `Fix tags: ${r.name}`, value: `${FIX_PREFIX}${r.arn ?? resourceKey(r)}` };
  return { action: 'suggest', label: `Fix: ${r.name}`, value: `${FINDING_FIX_PREFIX}${f.rule}:${resourceKey(r)}` };
}

/** A rule that could not run; a rule that could not read some places (one line per rule and error, the places listed). */
function failureNotes(failures: FindingsReport['failures']): string[] {
  const partial = new Map<string, { rule: string; error: string; where: string[] }>();
  const out: string[] = [];
  for (const f of failures) {
    if (!f.where) {
      out.push(`Note: rule ${f.rule} could not run (${f.error}); the other rules still report.`);
      continue;
    }
    const key = `${f.rule}\n${f.error}`;
    const entry = partial.get(key) ?? { rule: f.rule, error: f.error, where: [] };
    entry.where.push(f.where);
    partial.set(key, entry);
  }
  for (const p of partial.values())
    out.push(
      `Note: rule ${p.rule} could not read ${p.where.join(', ')} (${p.error}); its findings there are missing, the rest still report.`,
    );
  return out;
}

export function requestsLine(requests: Record<string, number>): string {
  const parts = Object.entries(requests).map(([s, n]) => `${SERVICE_NAMES[s] ?? s} ${n}`);
  return `Requests beyond the inventory: ${parts.length ? parts.join(', ') : 'none'}`;
}

/** The digest: counts by severity and rule, the top findings (worst, then biggest saving), a Fix button each. */
export function findingsMessage(report: FindingsReport, options: { top: number; now: Date; label?: string }): ChatMessage {
  const fs = report.findings;
  const total = totalSaving(fs);
  const counts = SEVERITIES.map((s) => [s, fs.filter((f) => f.severity === s).length] as const).filter(([, n]) => n > 0);
  const byRule = new Map<string, Finding[]>();
  for (const f of fs) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const lines = [
    fs.length
      ? `*${fs.length} finding${fs.length === 1 ? '' : 's'}*: ` +
        `${counts.map(([s, n]) => `${n} ${s}`).join(', ')}. Estimated savings *${usd(total)}` +
        `/month* (on-demand price table of ${report.priceTableDate}).`
      : 'No findings: nothing stopped for long, unattached, outdated or idle. Nothing to fix.',
    ...(fs.length
      ? [
          `*By rule:* ${[...byRule]
            .map(([rule, list]) => `${rule} ${list.length}${totalSaving(list) ? ` (${usd(totalSaving(list))}/month)` : ''}`)
            .join(', ')}`,
        ]
      : []),
    ...failureNotes(report.failures),
  ];
  const top = fs.slice(0, options.top);
  // Grouped by severity: the list is sorted worst first, so a heading goes where the severity changes.
  const items: string[] = [];
  let current = '';
  for (const f of top) {
    if (f.severity !== current) {
      current = f.severity;
      items.push(`*${SEVERITY_WORD[current]}*`);
    }
    items.push(findingLine(f));
  }
  const buttons = top.map(fixButton).filter((b): b is ChatButton => !!b);
  // The button says where the digest's list stopped (its `top`), so "Show all" goes on from there.
  if (fs.length > top.length)
    buttons.push({ action: 'suggest', label: `Show all ${fs.length}`, value: `${FINDINGS_SHOW_ALL}:${top.length}` });
  return {
    kind: 'digest',
    header: fs.length ? `Findings: ${fs.length} to act on, ~${usd(total)}/month to save` : 'Findings: nothing to act on',
    text: lines.join('\n'),
    ...(items.length ? { items } : {}),
    ...(buttons.length ? { buttons } : {}),
    context: [
      ...(options.label ? [options.label] : []),
      `Savings are estimates from on-demand list prices (price table of ${report.priceTableDate}), not your bill`,
      requestsLine(report.requests),
      `${report.resources} resources checked` +
        `${report.snoozed ? `, ${report.snoozed} finding${report.snoozed === 1 ? '' : 's'} snoozed` : ''}`,
    ],
  };
}

/** "Show all": every finding after the first `from`, in messages of at most `per` lines. */
export function restFindings(report: FindingsReport, from: number, per = 25, maxMessages = 4): ChatMessage[] {
  const rest = report.findings.slice(from);
  if (!rest.length) return [{ kind: 'info', text: 'No more findings: the digest listed all of them.' }];
  const out: ChatMessage[] = [];
  for (let i = 0; i < rest.length && out.length < maxMessages; i += per) {
    const chunk = rest.slice(i, i + per);
    out.push({
      kind: 'digest',
      ...(i === 0 ? { header: `All findings, ${from + 1}-${from + rest.length} of ${report.findings.length}` } : {}),
      items: chunk.map(findingLine),
      buttons: chunk.map(fixButton).filter((b): b is ChatButton => !!b),
    });
  }
  const shown = Math.min(rest.length, per * maxMessages);
  if (shown < rest.length)
    out.push({ kind: 'info', text: `and ${rest.length - shown} more: \`cloudops digest findings --print --json\` lists every one.` });
  return out;
}
