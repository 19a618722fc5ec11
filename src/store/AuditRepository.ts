import { createHash } from 'node:crypto';
import type { AuditEntry, AuditKind, AuditTrail } from '../core';
import type { SqlStore } from './sql';

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export interface AuditProblem {
  seq: number;
  problem: string;
}

export type AuditVerdict = { ok: true; records: number } | { ok: false; seq: number; problem: string; problems: AuditProblem[] };

interface Row {
  seq: number;
  at: string;
  request_id: string;
  kind: AuditKind;
  actor: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

function hashOf(prev: string, r: { at: string; requestId: string; kind: string; actor?: string; data: string }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, r.at, r.requestId, r.kind, r.actor ?? null, r.data]))
    .digest('hex');
}

/**
 * Append-only audit trail, on either engine. Each record carries the hash of the one before it, so an
 * edited record, a deleted one, or a cut-off tail shows up in `verify()`. Triggers refuse UPDATE and
 * DELETE (and TRUNCATE on Postgres), so changing it takes deliberate tampering with the database.
 *
 * Appends are serialized in the database, so several processes (replicas) write one chain: each append
 * is one transaction that first locks the seal row (SQLite: BEGIN IMMEDIATE holds the file's write lock;
 * Postgres: `SELECT … FOR UPDATE` on `audit_seal`), then reads the head, inserts, and moves the seal.
 */
export class AuditRepository implements AuditTrail {
  constructor(
    private readonly store: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.append(entry);
  }

  append(entry: AuditEntry): Promise<AuditRecord> {
    const pg = this.store.engine === 'postgres';
    return this.store.transaction(
      async (tx) => {
        // The locked head row: concurrent appends from other connections wait here until this one commits.
        if (pg) await tx.query('SELECT seq FROM audit_seal WHERE id = 1 FOR UPDATE');
        const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
        const prevHash = last?.hash ?? GENESIS;
        const at = this.now().toISOString();
        const data = JSON.stringify(entry.data);
        const hash = hashOf(prevHash, { at, requestId: entry.requestId, kind: entry.kind, actor: entry.actor, data });
        // SQLite numbers records itself (AUTOINCREMENT remembers the highest ever issued, which verify
        // checks). On Postgres the number is the head's plus one, taken under the lock: a sequence would
        // leave a hole after a rolled-back append and make the trail look cut.
        const [row] = pg
          ? await tx.query<{ seq: number }>(
              'INSERT INTO audit_log (seq, at, request_id, kind, actor, data, prev_hash, hash) ' +
                'VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq',
              [Number(last?.seq ?? 0) + 1, at, entry.requestId, entry.kind, entry.actor ?? null, data, prevHash, hash],
            )
          : await tx.query<{ seq: number }>(
              'INSERT INTO audit_log (at, request_id, kind, actor, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq',
              [at, entry.requestId, entry.kind, entry.actor ?? null, data, prevHash, hash],
            );
        const seq = Number(row.seq);
        // The seal moves with the trail, in the same transaction: a trail cut short no longer matches it.
        await tx.run('UPDATE audit_seal SET records = records + 1, seq = ?, hash = ? WHERE id = 1', [seq, hash]);
        return { ...entry, seq, at, prevHash, hash };
      },
      { retries: 5 },
    );
  }

  async list(filter: { requestId?: string; since?: Date; kinds?: AuditKind[] } = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.requestId) where.push('request_id = ?'), args.push(filter.requestId);
    if (filter.since) where.push('at >= ?'), args.push(filter.since.toISOString());
    if (filter.kinds?.length) where.push(`kind IN (${filter.kinds.map(() => '?').join(',')})`), args.push(...filter.kinds);
    const rows = await this.store.query<Row>(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
      args,
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      requestId: r.request_id,
      kind: r.kind,
      actor: r.actor ?? undefined,
      data: JSON.parse(r.data),
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /** The newest record's sequence number and hash: note it somewhere else to anchor the chain. */
  async head(): Promise<{ seq: number; hash: string }> {
    const [last] = await this.store.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS };
  }

  /** Is the append-only guard (the triggers) still in place? */
  async guarded(): Promise<boolean> {
    const [row] =
      this.store.engine === 'postgres'
        ? await this.store.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM pg_trigger WHERE tgrelid = to_regclass('audit_log') AND " +
              "tgname IN ('audit_log_no_update', 'audit_log_no_delete') AND tgenabled <> 'D'",
          )
        : await this.store.query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')",
          );
    return Number(row.n) === 2;
  }

  /** What the seal says the trail holds; undefined when the seal table is gone. */
  async seal(): Promise<{ records: number; seq: number; hash: string } | undefined> {
    const [exists] =
      this.store.engine === 'postgres'
        ? await this.store.query<{ t: string | null }>("SELECT to_regclass('audit_seal')::text AS t")
        : await this.store.query<{ t: string }>("SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = 'audit_seal'");
    if (!exists?.t) return undefined;
    const [row] = await this.store.query<{ records: number; seq: number; hash: string }>(
      'SELECT records, seq, hash FROM audit_seal WHERE id = 1',
    );
    return row ? { records: Number(row.records), seq: Number(row.seq), hash: row.hash } : { records: -1, seq: -1, hash: '' };
  }

  /** The highest record number ever handed out (SQLite's AUTOINCREMENT counter); undefined on Postgres, where the seal alone says it. */
  private async issued(): Promise<number | undefined> {
    if (this.store.engine === 'postgres') return undefined;
    const [row] = await this.store.query<{ seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'");
    return row ? Number(row.seq) : 0;
  }

  /**
   * Walk the chain: every record edited after it was written, every gap where one was deleted (numbers
   * run 1, 2, 3, … without a hole, even when the rest was re-chained), a cut-off tail, a trail that no
   * longer matches its seal, a missing append-only guard. With `anchor` (a head noted earlier, outside
   * this database), also prove that nothing up to that record was rewritten.
   */
  async verify(anchor?: { seq: number; hash: string }): Promise<AuditVerdict> {
    const rows = (await this.store.query<Row>('SELECT * FROM audit_log ORDER BY seq')).map((r) => ({ ...r, seq: Number(r.seq) }));
    const problems: AuditProblem[] = [];
    let prev = GENESIS;
    let prevSeq = 0;
    for (const r of rows) {
      const gap =
        r.seq !== prevSeq + 1 ? ` (record${r.seq - prevSeq > 2 ? `s ${prevSeq + 1}-${r.seq - 1}` : ` ${prevSeq + 1}`} missing)` : '';
      if (r.prev_hash !== prev) {
        problems.push({ seq: r.seq, problem: `record ${r.seq} does not follow the record before it: one was deleted or edited${gap}` });
      } else if (gap) {
        problems.push({
          seq: r.seq,
          problem: `the numbering jumps from record ${prevSeq} to ${r.seq}${gap}: records were deleted and the rest re-chained`,
        });
      }
      const expect = hashOf(r.prev_hash, { at: r.at, requestId: r.request_id, kind: r.kind, actor: r.actor ?? undefined, data: r.data });
      if (expect !== r.hash)
        problems.push({ seq: r.seq, problem: `record ${r.seq} (${r.kind}, request ${r.request_id}) was changed after it was written` });
      prev = r.hash;
      prevSeq = r.seq;
    }
    // AUTOINCREMENT remembers the highest number ever handed out: records cut off the end leave it behind.
    const issued = (await this.issued()) ?? 0;
    if (issued > prevSeq)
      problems.push({
        seq: prevSeq + 1,
        problem: `the trail ends at record ${prevSeq}, but records up to ${issued} were written: the last ${issued - prevSeq} were deleted`,
      });
    // The seal is written with every append: a tail cut off (sequence counter "fixed" too), or the table
    // dropped and re-created with fewer records, no longer matches it.
    const seal = await this.seal();
    if (!seal) {
      problems.push({
        seq: 0,
        problem:
          'the audit seal (table audit_seal) is missing: someone removed it, or this store was ' +
          'last opened by a version without it (start the bot on it once to add it)',
      });
    } else if (seal.records !== rows.length || seal.seq !== prevSeq || seal.hash !== prev) {
      problems.push({
        seq: prevSeq + 1,
        problem:
          `the trail does not match its seal: the seal says ${seal.records} record(s) ending ` +
          `at #${seal.seq}, the trail has ${rows.length} ending at #${prevSeq}; records were ` +
          `removed, added or rewritten outside the bot`,
      });
    }
    if (!(await this.guarded())) {
      const what =
        this.store.engine === 'postgres'
          ? 'Postgres triggers audit_log_no_update/no_delete on audit_log'
          : 'SQLite triggers audit_log_no_update/no_delete';
      problems.push({
        seq: 0,
        problem: `the append-only guard (${what}) is missing: someone removed it, or dropped and re-created the table`,
      });
    }
    if (anchor) {
      const at = rows.find((r) => r.seq === anchor.seq);
      if (!at)
        problems.push({
          seq: anchor.seq,
          problem: `record ${anchor.seq}, the head you noted, is not in the trail: it was cut off or deleted`,
        });
      else if (at.hash !== anchor.hash)
        problems.push({
          seq: anchor.seq,
          problem:
            `record ${anchor.seq} is not the one you noted (its hash is ${at.hash}, you noted ` +
            `${anchor.hash}): the trail up to it was rewritten`,
        });
    }
    if (!problems.length) return { ok: true, records: rows.length };
    return { ok: false, seq: problems[0].seq, problem: problems[0].problem, problems };
  }
}
