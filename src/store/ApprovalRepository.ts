import type { ChatPlace, ChatUser, MessageRef, Platform } from '../core/chat';
import type { ApprovalRecord, ApprovalState, StoredPlan } from '../core/ports';
import type { Db } from './Database';

interface Row {
  id: string;
  state: ApprovalState;
  revision: number;
  plan: string;
  requester: string;
  place: string;
  message: string | null;
  created_at: string;
  expires_at: string;
  closed_by: string | null;
  result: string | null;
}

/**
 * Approval requests and their votes. Every state change is a conditional update (`WHERE state = from`):
 * of any number of callers, exactly one sees it happen. Narrow on purpose, so a Postgres version is a
 * small job (the same statements, `SELECT ... FOR UPDATE` inside `atomically`).
 */
export class ApprovalRepository {
  constructor(private readonly db: Db) {}

  insert(r: { id: string; plan: StoredPlan; requester: ChatUser; place: ChatPlace; createdAt: string; expiresAt: string }): void {
    this.db
      .prepare('INSERT INTO approval_requests (id, state, plan, requester, place, created_at, expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(r.id, 'proposed', JSON.stringify(r.plan), JSON.stringify(r.requester), JSON.stringify(r.place), r.createdAt, r.expiresAt, r.createdAt);
  }

  get(id: string): ApprovalRecord | undefined {
    const row = this.db.prepare('SELECT * FROM approval_requests WHERE id = ?').get(id) as Row | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  private toRecord(row: Row): ApprovalRecord {
    const votes = this.db.prepare('SELECT user, at FROM approval_votes WHERE request_id = ? ORDER BY at, rowid').all(row.id) as { user: string; at: string }[];
    return {
      id: row.id,
      state: row.state,
      revision: row.revision,
      plan: JSON.parse(row.plan),
      requester: JSON.parse(row.requester),
      place: JSON.parse(row.place),
      message: row.message ? (JSON.parse(row.message) as MessageRef) : undefined,
      approvals: votes.map((v) => ({ user: JSON.parse(v.user), at: v.at })),
      origins: this.origins(row.id),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      closedBy: row.closed_by ? JSON.parse(row.closed_by) : undefined,
      result: row.result ?? undefined,
    };
  }

  setMessage(id: string, ref: MessageRef): void {
    this.db.prepare('UPDATE approval_requests SET message = ? WHERE id = ?').run(JSON.stringify(ref), id);
  }

  /** Remember a message that shows this request's card (`card`: the one posted first; `copy`: one shown again). */
  addOrigin(id: string, ref: MessageRef, kind: 'card' | 'copy', at: string): void {
    if (!ref.id) return; // never posted (a private note has no id): nothing can be clicked there
    this.db
      .prepare('INSERT OR IGNORE INTO card_origins (request_id, platform, channel, message_id, thread, kind, posted_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, ref.place.platform, ref.place.channel, ref.id, ref.place.thread ?? null, kind, at);
  }

  /** Every message showing this request's card, oldest first. */
  origins(id: string): MessageRef[] {
    const rows = this.db.prepare('SELECT platform, channel, message_id, thread FROM card_origins WHERE request_id = ? ORDER BY posted_at, rowid').all(id) as { platform: Platform; channel: string; message_id: string; thread: string | null }[];
    return rows.map((r) => ({ place: { platform: r.platform, channel: r.channel, ...(r.thread ? { thread: r.thread } : {}) }, id: r.message_id }));
  }

  /** Move from one state to another only if the request is still in `from`. True when this call did it. */
  transition(id: string, from: ApprovalState | ApprovalState[], to: ApprovalState, at: string, extra: { closedBy?: ChatUser; result?: string } = {}): boolean {
    const froms = Array.isArray(from) ? from : [from];
    const res = this.db
      .prepare(
        `UPDATE approval_requests SET state = ?, updated_at = ?, closed_by = COALESCE(?, closed_by), result = COALESCE(?, result)
         WHERE id = ? AND state IN (${froms.map(() => '?').join(',')})`,
      )
      .run(to, at, extra.closedBy ? JSON.stringify(extra.closedBy) : null, extra.result ?? null, id, ...froms);
    return res.changes === 1;
  }

  /** Replace the plan of a proposed request still at `revision`; its votes are dropped. True when this call did it. */
  revise(id: string, revision: number, plan: StoredPlan, expiresAt: string, at: string): boolean {
    const res = this.db
      .prepare("UPDATE approval_requests SET plan = ?, revision = revision + 1, expires_at = ?, updated_at = ? WHERE id = ? AND state = 'proposed' AND revision = ?")
      .run(JSON.stringify(plan), expiresAt, at, id, revision);
    if (res.changes !== 1) return false;
    this.db.prepare('DELETE FROM approval_votes WHERE request_id = ?').run(id);
    return true;
  }

  /** Record a vote; the same person twice counts once. Returns the number of distinct votes. */
  addVote(id: string, userKey: string, user: ChatUser, at: string): number {
    this.db.prepare('INSERT OR IGNORE INTO approval_votes (request_id, user_key, user, at) VALUES (?, ?, ?, ?)').run(id, userKey, JSON.stringify(user), at);
    return (this.db.prepare('SELECT COUNT(*) AS n FROM approval_votes WHERE request_id = ?').get(id) as { n: number }).n;
  }

  inState(state: ApprovalState): ApprovalRecord[] {
    const rows = this.db.prepare('SELECT * FROM approval_requests WHERE state = ? ORDER BY created_at, id').all(state) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  /** Requests still waiting for a decision on `platform` and open at `now`, oldest first. */
  waiting(platform: Platform, now: string): ApprovalRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM approval_requests WHERE state = 'proposed' AND expires_at > ? AND json_extract(place, '$.platform') = ? ORDER BY created_at, id")
      .all(now, platform) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  /** Proposed requests whose time to live ended at or before `now`. */
  due(now: string): ApprovalRecord[] {
    const rows = this.db.prepare("SELECT * FROM approval_requests WHERE state = 'proposed' AND expires_at <= ? ORDER BY expires_at, id").all(now) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  /** Interrupted executions on a platform that were not yet reported in their thread. */
  unannounced(platform: Platform): ApprovalRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM approval_requests WHERE state = 'interrupted' AND announced_at IS NULL AND json_extract(place, '$.platform') = ? ORDER BY created_at, id")
      .all(platform) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  markAnnounced(id: string, at: string): void {
    this.db.prepare('UPDATE approval_requests SET announced_at = ? WHERE id = ? AND announced_at IS NULL').run(at, id);
  }

  /**
   * approved -> executing, and the run's lease for `owner` until `until`, as one step. True when this
   * call started it.
   */
  beginRun(id: string, owner: string, at: string, until: string): boolean {
    return this.atomically(() => {
      if (!this.transition(id, 'approved', 'executing', at)) return false;
      this.db.prepare('INSERT OR REPLACE INTO run_leases (request_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)').run(id, owner, at, until);
      return true;
    });
  }

  /** The heartbeat: extend `owner`'s lease on a run still executing. False when the lease is not theirs any more. */
  renewLease(id: string, owner: string, at: string, until: string): boolean {
    const res = this.db
      .prepare("UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE request_id = ? AND owner = ? AND EXISTS (SELECT 1 FROM approval_requests WHERE id = ? AND state = 'executing')")
      .run(at, until, id, owner, id);
    return res.changes === 1;
  }

  releaseLease(id: string): void {
    this.db.prepare('DELETE FROM run_leases WHERE request_id = ?').run(id);
  }

  lease(id: string): { owner: string; heartbeatAt: string; expiresAt: string } | undefined {
    const row = this.db.prepare('SELECT owner, heartbeat_at, expires_at FROM run_leases WHERE request_id = ?').get(id) as { owner: string; heartbeat_at: string; expires_at: string } | undefined;
    return row ? { owner: row.owner, heartbeatAt: row.heartbeat_at, expiresAt: row.expires_at } : undefined;
  }

  /** Executions nobody runs any more: executing, and the lease expired at or before `now` (or there never was one). */
  abandonedRuns(now: string): ApprovalRecord[] {
    const rows = this.db
      .prepare("SELECT a.* FROM approval_requests a LEFT JOIN run_leases l ON l.request_id = a.id WHERE a.state = 'executing' AND (l.expires_at IS NULL OR l.expires_at <= ?) ORDER BY a.created_at, a.id")
      .all(now) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  /** Approved at or before `before` and never started (a process approved it and died before the run began). */
  approvedBefore(before: string): ApprovalRecord[] {
    const rows = this.db.prepare("SELECT * FROM approval_requests WHERE state = 'approved' AND updated_at <= ? ORDER BY created_at, id").all(before) as Row[];
    return rows.map((r) => this.toRecord(r));
  }

  /** Run several statements as one atomic unit: BEGIN IMMEDIATE takes the write lock first, so two processes on one file serialize. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }
}
