/**
 * `cloudops audit`: list the audit trail (text, or one JSON object per line for a SIEM), and
 * `cloudops audit verify`: walk the hash chain and report edited or deleted records.
 */
import { existsSync } from 'node:fs';
import { durationSeconds } from '../config';
import type { AuditKind } from '../core';
import type { AuditRecord, AuditRepository } from '../store';

export interface AuditListOptions {
  /** `24h`, `7d`, `30m`, or a date/instant (`2026-11-20`, `2026-11-20T08:00:00Z`). */
  since?: string;
  request?: string;
  kind?: string[];
  json?: boolean;
}

const KINDS: AuditKind[] = [
  'request',
  'understood',
  'plan',
  'approval',
  'refusal',
  'rejection',
  'cancellation',
  'expiry',
  'revision',
  'execution-start',
  'aws-call',
  'result',
  'interrupted',
  'fleet-member',
  'snooze',
];

export class AuditCommandError extends Error {}

/** `24h` -> now minus 24 hours; a date or instant -> that time. Anything else says what to write. */
export function parseSince(text: string, now: Date): Date {
  if (/^\d+(s|m|h|d)$/.test(text)) return new Date(now.getTime() - durationSeconds(text) * 1000);
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) {
    const t = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
    if (!Number.isNaN(t)) return new Date(t);
  }
  throw new AuditCommandError(
    `--since "${text}": give a duration like 30m, 24h or 7d, or a date like 2026-11-20 (UTC) or 2026-11-20T08:00:00Z`,
  );
}

/** The store file must already exist: reading the trail never creates an empty one by mistake. */
export function checkStoreExists(path: string): void {
  if (path !== ':memory:' && !existsSync(path)) {
    throw new AuditCommandError(
      `no store at ${path}: the bot has not run with this config here. Pass --store PATH or --config FILE (store.path) to point at it.`,
    );
  }
}

export async function listAudit(
  audit: AuditRepository,
  opts: AuditListOptions,
  out: NodeJS.WritableStream,
  now: Date = new Date(),
): Promise<number> {
  const kinds = opts.kind?.flatMap((k) => k.split(',')).filter(Boolean);
  const unknown = kinds?.filter((k) => !KINDS.includes(k as AuditKind)) ?? [];
  if (unknown.length) throw new AuditCommandError(`--kind ${unknown.join(', ')}: not a record kind (kinds: ${KINDS.join(', ')})`);
  const records = await audit.list({
    since: opts.since ? parseSince(opts.since, now) : undefined,
    requestId: opts.request,
    kinds: kinds as AuditKind[] | undefined,
  });
  for (const r of records) out.write(`${opts.json ? JSON.stringify(jsonRecord(r)) : textRecord(r)}\n`);
  if (!opts.json && !records.length)
    out.write(`no audit records${opts.since ? ` since ${opts.since}` : ''}${opts.request ? ` for ${opts.request}` : ''}\n`);
  return records.length;
}

/** The SIEM shape: stable keys, one object per line. */
export function jsonRecord(r: AuditRecord): Record<string, unknown> {
  return {
    seq: r.seq,
    at: r.at,
    requestId: r.requestId,
    kind: r.kind,
    actor: r.actor ?? null,
    data: r.data,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

function textRecord(r: AuditRecord): string {
  return `${r.at}  #${r.seq}  ${r.requestId}  ${r.kind.padEnd(15)} ${(r.actor ?? '-').padEnd(16)} ${summary(r)}`;
}

function summary(r: AuditRecord): string {
  const d = r.data as Record<string, any>;
  switch (r.kind) {
    case 'request':
      return JSON.stringify(d.text ?? '');
    case 'understood':
      return d.playbook ? `${d.playbook} (confidence ${Math.round((d.confidence ?? 0) * 100) / 100})` : 'not understood';
    case 'plan':
      return (
        `${d.playbook}: risk ${d.risk?.level}${d.blocked ? ', BLOCKED' : ''}` +
        `${d.risk?.reasons?.length ? ` (${d.risk.reasons.join('; ')})` : ''}`
      );
    case 'approval':
      return d.final ? 'approved (final)' : `approved (${d.have} of ${d.need})`;
    case 'refusal':
      return `${d.decision} refused: ${d.reason}`;
    case 'revision':
      return `card refreshed (revision ${d.revision}): ${(d.changes ?? []).join('; ')}`;
    case 'aws-call':
      return d.error
        ? `${d.action} failed: ${d.error}`
        : `${d.action} ${d.account}/${d.region} ${(d.awsRequestIds ?? []).join(',')}: ${d.summary ?? ''}`;
    case 'result':
      return d.ok ? 'succeeded' : `failed${d.reason ? `: ${d.reason}` : ''}`;
    default:
      return Object.keys(d).length ? JSON.stringify(d) : '';
  }
}

/** `N:HASH` as `cloudops audit head` printed it; anything else says what to write. */
export function parseHead(text: string): { seq: number; hash: string } {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  if (!m || Number(m[1]) < 1)
    throw new AuditCommandError(
      `--head "${text}": give the head as \`cloudops audit head\` prints it, N:HASH (a record number from 1 and a 64-character hex hash)`,
    );
  return { seq: Number(m[1]), hash: m[2].toLowerCase() };
}

/** `cloudops audit head`: `N:HASH`, the anchor to note outside the store (a ticket, the SIEM). */
export async function printHead(audit: AuditRepository, out: NodeJS.WritableStream): Promise<number> {
  const head = await audit.head();
  out.write(`${head.seq}:${head.hash}\n`);
  return 0;
}

/** Prints the verdict; returns the exit code (0 intact, 1 tampered). `anchor`: a head noted earlier. */
export async function verifyAudit(
  audit: AuditRepository,
  out: NodeJS.WritableStream,
  json = false,
  anchor?: { seq: number; hash: string },
): Promise<number> {
  const verdict = await audit.verify(anchor);
  const head = await audit.head();
  const guarded = await audit.guarded();
  if (json) {
    out.write(`${JSON.stringify({ ...verdict, head, appendOnlyGuard: guarded, ...(anchor ? { anchor } : {}) })}\n`);
    return verdict.ok ? 0 : 1;
  }
  if (verdict.ok) {
    out.write(
      `audit trail intact: ${verdict.records} record(s), chain verified` +
        `${anchor ? `; record #${anchor.seq} is the one you noted, nothing up to it was rewritten` : ''}` +
        `; head #${head.seq} ${head.hash}\n`,
    );
  } else {
    out.write(`audit trail NOT intact: ${verdict.problems.length} problem(s)\n`);
    for (const p of verdict.problems) out.write(`  ${p.seq ? `#${p.seq}` : 'store'}: ${p.problem}\n`);
    out.write(
      'Keep this store file as evidence, compare it with your SIEM copy (cloudops audit ' +
        '--json), and find out who had write access to it.\n',
    );
  }
  return verdict.ok ? 0 : 1;
}
