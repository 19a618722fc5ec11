import type { ChatPlace, ChatUser, MessageRef, Platform } from '../core';
import type { ApprovalRecord, ApprovalState, StoredPlan } from '../core';
import type { SqlExecutor, SqlStore } from './sql';

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
 * Approval requests and their votes, on either engine. Every state change is a conditional update
 * (`WHERE state = from`): of any number of callers, in any number of processes, exactly one sees it happen.
 * `atomically` runs several statements as one transaction; on Postgres `get(id, { lock: true })` inside
 * it locks the request's row (SELECT … FOR UPDATE), so two replicas deciding the same request take turns.
 */
export class ApprovalRepository {
  private readonly x: SqlExecutor;

  constructor(
    private readonly store: SqlStore,
    tx?: SqlExecutor,
  ) {
    this.x = tx ?? store;
  }

  async insert(r: {
    id: string;
    plan: StoredPlan;
    requester: ChatUser;
    place: ChatPlace;
    createdAt: string;
    expiresAt: string;
  }): Promise<void> {
    await this.x.run(
      'INSERT INTO approval_requests (id, state, plan, requester, place, created_at, ' +
        'expires_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      [
        r.id,
        'proposed',
        JSON.stringify(r.plan),
        JSON.stringify(r.requester),
        JSON.stringify(r.place),
        r.createdAt,
        r.expiresAt,
        r.createdAt,
      ],
    );
  }

  /** The request; with `lock` inside `atomically`, its row stays locked (Postgres) until the transaction ends. */
  async get(id: string, options: { lock?: boolean } = {}): Promise<ApprovalRecord | undefined> {
    const lock = options.lock && this.store.engine === 'postgres' ? ' FOR UPDATE' : '';
    const [row] = await this.x.query<Row>(`SELECT * FROM approval_requests WHERE id = ?${lock}`, [id]);
    return row ? this.toRecord(row) : undefined;
  }

  private async toRecord(row: Row): Promise<ApprovalRecord> {
    const votes = await this.x.query<{ user: string; at: string }>(
      'SELECT "user", at FROM approval_votes WHERE request_id = ? ORDER BY at, user_key',
      [row.id],
    );
    return {
      id: row.id,
      state: row.state,
      revision: Number(row.revision),
      plan: JSON.parse(row.plan),
      requester: JSON.parse(row.requester),
      place: JSON.parse(row.place),
      message: row.message ? (JSON.parse(row.message) as MessageRef) : undefined,
      approvals: votes.map((v) => ({ user: JSON.parse(v.user), at: v.at })),
      origins: await this.origins(row.id),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      closedBy: row.closed_by ? JSON.parse(row.closed_by) : undefined,
      result: row.result ?? undefined,
    };
  }

  private async records(rows: Row[]): Promise<ApprovalRecord[]> {
    const out: ApprovalRecord[] = [];
    for (const r of rows) out.push(await this.toRecord(r));
    return out;
  }

  async setMessage(id: string, ref: MessageRef): Promise<void> {
    await this.x.run('UPDATE approval_requests SET message = ? WHERE id = ?', [JSON.stringify(ref), id]);
  }

  /** Remember a message that shows this request's card (`card`: the one posted first; `copy`: one shown again). */
  async addOrigin(id: string, ref: MessageRef, kind: 'card' | 'copy', at: string): Promise<void> {
    if (!ref.id) return; // never posted (a private note has no id): nothing can be clicked there
    await this.x.run(
      'INSERT INTO card_origins (request_id, platform, channel, message_id, thread, kind, ' +
        'posted_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id, platform, channel, ' +
        'message_id) DO NOTHING',
      [id, ref.place.platform, ref.place.channel, ref.id, ref.place.thread ?? null, kind, at],
    );
  }

  /** Every message showing this request's card, oldest first. */
  async origins(id: string): Promise<MessageRef[]> {
    const rows = await this.x.query<{ platform: Platform; channel: string; message_id: string; thread: string | null }>(
      'SELECT platform, channel, message_id, thread FROM card_origins WHERE request_id = ? ' +
        "ORDER BY posted_at, CASE kind WHEN 'card' THEN 0 ELSE 1 END, message_id",
      [id],
    );
    return rows.map((r) => ({
      place: { platform: r.platform, channel: r.channel, ...(r.thread ? { thread: r.thread } : {}) },
      id: r.message_id,
    }));
  }

  /** Move from one state to another only if the request is still in `from`. True when this call did it. */
  async transition(
    id: string,
    from: ApprovalState | ApprovalState[],
    to: ApprovalState,
    at: string,
    extra: { closedBy?: ChatUser; result?: string } = {},
  ): Promise<boolean> {
    const froms = Array.isArray(from) ? from : [from];
    const res = await this.x.run(
      `UPDATE approval_requests SET state = ?, updated_at = ?, closed_by = COALESCE(?, closed_by), result = COALESCE(?, result)
         WHERE id = ? AND state IN (${froms.map(() => '?').join(',')})`,
      [to, at, extra.closedBy ? JSON.stringify(extra.closedBy) : null, extra.result ?? null, id, ...froms],
    );
    return res.changes === 1;
  }

  /** Replace the plan of a proposed request still at `revision`; its votes are dropped. True when this call did it. */
  async revise(id: string, revision: number, plan: StoredPlan, expiresAt: string, at: string): Promise<boolean> {
    const res = await this.x.run(
      'UPDATE approval_requests SET plan = ?, revision = revision + 1, expires_at = ?, ' +
        "updated_at = ? WHERE id = ? AND state = 'proposed' AND revision = ?",
      [JSON.stringify(plan), expiresAt, at, id, revision],
    );
    if (res.changes !== 1) return false;
    await this.x.run('DELETE FROM approval_votes WHERE request_id = ?', [id]);
    return true;
  }

  /** Record a vote; the same person twice counts once. Returns the number of distinct votes. */
  async addVote(id: string, userKey: string, user: ChatUser, at: string): Promise<number> {
    await this.x.run(
      'INSERT INTO approval_votes (request_id, user_key, "user", at) VALUES (?, ?, ?, ?) ON CONFLICT (request_id, user_key) DO NOTHING',
      [id, userKey, JSON.stringify(user), at],
    );
    const [row] = await this.x.query<{ n: number }>('SELECT COUNT(*) AS n FROM approval_votes WHERE request_id = ?', [id]);
    return Number(row.n);
  }

  async inState(state: ApprovalState): Promise<ApprovalRecord[]> {
    return this.records(await this.x.query<Row>('SELECT * FROM approval_requests WHERE state = ? ORDER BY created_at, id', [state]));
  }

  /** Requests still waiting for a decision on `platform` and open at `now`, oldest first. */
  async waiting(platform: Platform, now: string): Promise<ApprovalRecord[]> {
    const rows = await this.x.query<Row>(
      "SELECT * FROM approval_requests WHERE state = 'proposed' AND expires_at > ? ORDER BY created_at, id",
      [now],
    );
    return this.records(rows.filter((r) => placePlatform(r) === platform));
  }

  /** Proposed requests whose time to live ended at or before `now`. */
  async due(now: string): Promise<ApprovalRecord[]> {
    return this.records(
      await this.x.query<Row>("SELECT * FROM approval_requests WHERE state = 'proposed' AND expires_at <= ? ORDER BY expires_at, id", [
        now,
      ]),
    );
  }

  /** Interrupted executions on a platform that were not yet reported in their thread. */
  async unannounced(platform: Platform): Promise<ApprovalRecord[]> {
    const rows = await this.x.query<Row>(
      "SELECT * FROM approval_requests WHERE state = 'interrupted' AND announced_at IS NULL ORDER BY created_at, id",
    );
    return this.records(rows.filter((r) => placePlatform(r) === platform));
  }

  /** Mark an interrupted run as reported. True for the one caller (of any replica) that did it. */
  async markAnnounced(id: string, at: string): Promise<boolean> {
    return (
      (await this.x.run('UPDATE approval_requests SET announced_at = ? WHERE id = ? AND announced_at IS NULL', [at, id])).changes === 1
    );
  }

  async unmarkAnnounced(id: string): Promise<void> {
    await this.x.run('UPDATE approval_requests SET announced_at = NULL WHERE id = ?', [id]);
  }

  /**
   * approved -> executing, and the run's lease for `owner` until `until`, as one step. True when this
   * call started it.
   */
  async beginRun(id: string, owner: string, at: string, until: string): Promise<boolean> {
    return this.atomically(async (r) => {
      if (!(await r.transition(id, 'approved', 'executing', at))) return false;
      await r.x.run(
        'INSERT INTO run_leases (request_id, owner, heartbeat_at, expires_at) VALUES (?, ?, ' +
          '?, ?) ON CONFLICT (request_id) DO UPDATE SET owner = excluded.owner, heartbeat_at = ' +
          'excluded.heartbeat_at, expires_at = excluded.expires_at',
        [id, owner, at, until],
      );
      return true;
    });
  }

  /** The heartbeat: extend `owner`'s lease on a run still executing. False when the lease is not theirs any more. */
  async renewLease(id: string, owner: string, at: string, until: string): Promise<boolean> {
    const res = await this.x.run(
      'UPDATE run_leases SET heartbeat_at = ?, expires_at = ? WHERE request_id = ? AND ' +
        'owner = ? AND EXISTS (SELECT 1 FROM approval_requests WHERE id = ? AND state = ' +
        "'executing')",
      [at, until, id, owner, id],
    );
    return res.changes === 1;
  }

  async releaseLease(id: string): Promise<void> {
    await this.x.run('DELETE FROM run_leases WHERE request_id = ?', [id]);
  }

  async lease(id: string): Promise<{ owner: string; heartbeatAt: string; expiresAt: string } | undefined> {
    const [row] = await this.x.query<{ owner: string; heartbeat_at: string; expires_at: string }>(
      'SELECT owner, heartbeat_at, expires_at FROM run_leases WHERE request_id = ?',
      [id],
    );
    return row ? { owner: row.owner, heartbeatAt: row.heartbeat_at, expiresAt: row.expires_at } : undefined;
  }

  /** Executions nobody runs any more: executing, and the lease expired at or before `now` (or there never was one). */
  async abandonedRuns(now: string): Promise<ApprovalRecord[]> {
    return this.records(
      await this.x.query<Row>(
        'SELECT a.* FROM approval_requests a LEFT JOIN run_leases l ON l.request_id = a.id ' +
          "WHERE a.state = 'executing' AND (l.expires_at IS NULL OR l.expires_at <= ?) ORDER " +
          'BY a.created_at, a.id',
        [now],
      ),
    );
  }

  /** Approved at or before `before` and never started (a process approved it and died before the run began). */
  async approvedBefore(before: string): Promise<ApprovalRecord[]> {
    return this.records(
      await this.x.query<Row>("SELECT * FROM approval_requests WHERE state = 'approved' AND updated_at <= ? ORDER BY created_at, id", [
        before,
      ]),
    );
  }

  /**
   * Run several statements as one transaction, through the repository handed to `fn` (SQLite: BEGIN
   * IMMEDIATE takes the write lock first; Postgres: lock rows with `get(id, { lock: true })`). Inside a
   * transaction already, `fn` simply joins it. `fn` must touch nothing but the database: Postgres may run
   * it again after a serialization failure.
   */
  atomically<T>(fn: (repo: ApprovalRepository) => Promise<T>): Promise<T> {
    if (this.x !== this.store) return fn(this);
    return this.store.transaction((tx) => fn(new ApprovalRepository(this.store, tx)));
  }
}

function placePlatform(r: Row): string | undefined {
  try {
    return (JSON.parse(r.place) as ChatPlace).platform;
  } catch {
    return undefined;
  }
}
