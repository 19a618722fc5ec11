import { createHash } from 'node:crypto';
import type { AuditEntry, AuditTrail } from '../core/ports';
import type { Db } from './Database';

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function hashOf(prev: string, r: { at: string; requestId: string; kind: string; actor?: string; data: string }): string {
  return createHash('sha256').update(JSON.stringify([prev, r.at, r.requestId, r.kind, r.actor ?? null, r.data])).digest('hex');
}

/** Append-only audit trail; each record carries the hash of the one before it. */
export class AuditRepository implements AuditTrail {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  async record(entry: AuditEntry): Promise<void> {
    this.append(entry);
  }

  append(entry: AuditEntry): AuditRecord {
    return this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined;
        const prevHash = last?.hash ?? GENESIS;
        const at = this.now().toISOString();
        const data = JSON.stringify(entry.data);
        const hash = hashOf(prevHash, { at, requestId: entry.requestId, kind: entry.kind, actor: entry.actor, data });
        const res = this.db
          .prepare('INSERT INTO audit_log (at, request_id, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(at, entry.requestId, entry.kind, entry.actor ?? null, data, prevHash, hash);
        return { ...entry, seq: Number(res.lastInsertRowid), at, prevHash, hash };
      })
      .immediate();
  }

  list(filter: { requestId?: string; since?: Date } = {}): AuditRecord[] {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.requestId) (where.push('request_id = ?'), args.push(filter.requestId));
    if (filter.since) (where.push('at >= ?'), args.push(filter.since.toISOString()));
    const rows = this.db.prepare(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`).all(...args) as {
      seq: number;
      at: string;
      request_id: string;
      kind: AuditEntry['kind'];
      actor: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    }[];
    return rows.map((r) => ({ seq: r.seq, at: r.at, requestId: r.request_id, kind: r.kind, actor: r.actor ?? undefined, data: JSON.parse(r.data), prevHash: r.prev_hash, hash: r.hash }));
  }

  /** Walk the chain; report the first record that was edited, or a gap where one was deleted. */
  verify(): { ok: true; records: number } | { ok: false; seq: number; problem: string } {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { seq: number; at: string; request_id: string; kind: string; actor: string | null; data: string; prev_hash: string; hash: string }[];
    let prev = GENESIS;
    for (const r of rows) {
      if (r.prev_hash !== prev) return { ok: false, seq: r.seq, problem: `record ${r.seq} does not follow the record before it (one was deleted or edited)` };
      const expect = hashOf(prev, { at: r.at, requestId: r.request_id, kind: r.kind, actor: r.actor ?? undefined, data: r.data });
      if (expect !== r.hash) return { ok: false, seq: r.seq, problem: `record ${r.seq} was changed after it was written` };
      prev = r.hash;
    }
    return { ok: true, records: rows.length };
  }
}
