import type { SqlStore } from './sql';

/** A finding put aside: one rule (or `*`: every rule) on one resource (account/region/id), until a time. */
export interface FindingSnooze {
  rule: string;
  resourceKey: string;
  reason: string;
  by: string;
  /** ISO time the snooze ends. */
  until: string;
  createdAt?: string;
}

interface Row {
  rule: string;
  resource_key: string;
  reason: string;
  snoozed_by: string;
  until: string;
  created_at: string;
}

const fromRow = (r: Row): FindingSnooze => ({
  rule: r.rule,
  resourceKey: r.resource_key,
  reason: r.reason,
  by: r.snoozed_by,
  until: r.until,
  createdAt: r.created_at,
});

/** Snoozed findings; a second snooze of the same rule and resource replaces the first. */
export class FindingSnoozeRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async snooze(s: FindingSnooze): Promise<void> {
    await this.db.run(
      'INSERT INTO finding_snoozes (rule, resource_key, reason, snoozed_by, until, ' +
        'created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (rule, resource_key) DO UPDATE ' +
        'SET reason = excluded.reason, snoozed_by = excluded.snoozed_by, until = ' +
        'excluded.until, created_at = excluded.created_at',
      [s.rule, s.resourceKey, s.reason, s.by, s.until, this.now().toISOString()],
    );
  }

  /** Snoozes still in force at `at`. */
  async active(at: Date = this.now()): Promise<FindingSnooze[]> {
    return (await this.db.query<Row>('SELECT * FROM finding_snoozes WHERE until > ? ORDER BY until', [at.toISOString()])).map(fromRow);
  }

  /** Ends a snooze early; false when there was none. */
  async remove(rule: string, resourceKey: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM finding_snoozes WHERE rule = ? AND resource_key = ?', [rule, resourceKey])).changes > 0;
  }
}
