import type { SqlExecutor, SqlStore } from './sql';

/** A posted message (the core's MessageRef, repeated here so the store imports nothing of the flow). */
interface MessageRef {
  place: { platform: 'console' | 'slack' | 'teams'; channel: string; thread?: string };
  id: string;
}

interface IncidentRow {
  key: string;
  rule: string;
  state: 'open' | 'resolved' | 'suppressed';
  count: number;
  firstSeen: string;
  lastSeen: string;
  requestId?: string;
  message?: MessageRef;
  alert: string;
}

interface Row {
  incident_key: string;
  rule: string;
  state: IncidentRow['state'];
  repeats: number;
  first_seen: string;
  last_seen: string;
  request_id: string | null;
  message: string | null;
  alert: string;
}

const COLUMNS = 'incident_key, rule, state, repeats, first_seen, last_seen, request_id, message, alert';

function toIncident(r: Row): IncidentRow {
  return {
    key: r.incident_key,
    rule: r.rule,
    state: r.state,
    count: Number(r.repeats),
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    ...(r.request_id ? { requestId: r.request_id } : {}),
    ...(r.message ? { message: JSON.parse(r.message) as MessageRef } : {}),
    alert: r.alert,
  };
}

/**
 * Alert incidents on the async SqlStore (SQLite file or Postgres): migration 220-alert-incidents. Every
 * change is one statement or one transaction, so replicas receiving the same alert storm open one incident.
 */
export class AlertIncidentRepository {
  constructor(private readonly store: SqlStore) {}

  async fire(
    key: string,
    rule: string,
    alert: string,
    at: Date,
    limit: { cards: number; since: Date },
  ): Promise<{ incident: IncidentRow; first: boolean }> {
    const now = at.toISOString();
    return this.store.transaction(
      async (tx) => {
        const repeat = await tx.run(
          `UPDATE alert_incidents SET repeats = repeats + 1, last_seen = ? WHERE incident_key = ? AND state IN ('open', 'suppressed')`,
          [now, key],
        );
        if (repeat.changes) return { incident: (await this.read(tx, key))!, first: false };
        const [{ n }] = await tx.query<{ n: number }>(
          'SELECT COUNT(*) AS n FROM alert_incidents WHERE rule = ? AND carded = 1 AND opened_at >= ?',
          [rule, limit.since.toISOString()],
        );
        const state = Number(n) >= limit.cards ? 'suppressed' : 'open';
        await tx.run(
          `INSERT INTO alert_incidents (incident_key, rule, state, repeats, first_seen, last_seen, opened_at, carded, request_id,
            message, alert, card_updated_at, resolved_at)
           VALUES (?, ?, ?, 1, ?, ?, ?, ?, NULL, NULL, ?, NULL, NULL)
           ON CONFLICT (incident_key) DO UPDATE SET rule = excluded.rule, state = excluded.state, repeats = 1,
             first_seen = excluded.first_seen,
             last_seen = excluded.last_seen, opened_at = excluded.opened_at, carded = excluded.carded, request_id = NULL, message = NULL,
             alert = excluded.alert, card_updated_at = NULL, resolved_at = NULL`,
          [key, rule, state, now, now, now, state === 'open' ? 1 : 0, alert],
        );
        return { incident: (await this.read(tx, key))!, first: state === 'open' };
      },
      { isolation: 'serializable', retries: 10 },
    );
  }

  async attach(key: string, requestId: string | undefined, message: MessageRef): Promise<void> {
    await this.store.run('UPDATE alert_incidents SET request_id = ?, message = ? WHERE incident_key = ?', [
      requestId ?? null,
      JSON.stringify(message),
      key,
    ]);
  }

  async claimCardUpdate(key: string, at: Date, minIntervalMs: number): Promise<boolean> {
    const before = new Date(at.getTime() - minIntervalMs).toISOString();
    const r = await this.store.run(
      `UPDATE alert_incidents SET card_updated_at = ? WHERE incident_key = ? AND message ` +
        `IS NOT NULL AND (card_updated_at IS NULL OR card_updated_at <= ?)`,
      [at.toISOString(), key, before],
    );
    return r.changes === 1;
  }

  async resolve(key: string, at: Date): Promise<IncidentRow | undefined> {
    return this.store.transaction(async (tx) => {
      const r = await tx.run(
        `UPDATE alert_incidents SET state = 'resolved', resolved_at = ?, last_seen = ? WHERE ` +
          `incident_key = ? AND state IN ('open', 'suppressed')`,
        [at.toISOString(), at.toISOString(), key],
      );
      return r.changes ? this.read(tx, key) : undefined;
    });
  }

  async get(key: string): Promise<IncidentRow | undefined> {
    return this.read(this.store, key);
  }

  async byRequest(requestId: string): Promise<IncidentRow | undefined> {
    const [row] = await this.store.query<Row>(`SELECT ${COLUMNS} FROM alert_incidents WHERE request_id = ?`, [requestId]);
    return row ? toIncident(row) : undefined;
  }

  /** Incidents whose plan's outcome has not been handled yet (of these rules; all when left out). */
  async unnotified(rules?: string[]): Promise<IncidentRow[]> {
    if (rules && !rules.length) return [];
    const only = rules ? ` AND rule IN (${rules.map(() => '?').join(', ')})` : '';
    const rows = await this.store.query<Row>(
      `SELECT ${COLUMNS} FROM alert_incidents WHERE notified IS NULL AND request_id IS NOT NULL${only} ORDER BY last_seen LIMIT 100`,
      rules ?? [],
    );
    return rows.map(toIncident);
  }

  /** Claim the sending of this incident's outcome: true for exactly one caller. */
  async claimNotification(key: string, outcome: string): Promise<boolean> {
    return (
      (await this.store.run('UPDATE alert_incidents SET notified = ? WHERE incident_key = ? AND notified IS NULL', [outcome, key]))
        .changes === 1
    );
  }

  private async read(on: SqlExecutor, key: string): Promise<IncidentRow | undefined> {
    const [row] = await on.query<Row>(`SELECT ${COLUMNS} FROM alert_incidents WHERE incident_key = ?`, [key]);
    return row ? toIncident(row) : undefined;
  }
}
