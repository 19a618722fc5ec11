import type { SqlStore } from './sql';

/** One tagging digest's result, kept so the next digest can say what changed. */
export interface TaggingSnapshot {
  takenAt: string;
  /** scheduled | chat */
  source: string;
  total: number;
  compliant: number;
  byType: Record<string, { total: number; compliant: number }>;
  /** Keys (ARNs) of the resources that did not comply. */
  offenders: string[];
}

/** The tagging trend: one snapshot per digest, newest last. */
export class TaggingTrendRepository {
  constructor(private readonly db: SqlStore) {}

  async record(s: TaggingSnapshot): Promise<void> {
    await this.db.run('INSERT INTO tagging_snapshots (taken_at, source, total, compliant, by_type, offenders) VALUES (?, ?, ?, ?, ?, ?)', [
      s.takenAt,
      s.source,
      s.total,
      s.compliant,
      JSON.stringify(s.byType),
      JSON.stringify(s.offenders),
    ]);
  }

  /** The latest snapshot taken before `before` (all of them when left out). */
  async latest(before?: Date): Promise<TaggingSnapshot | undefined> {
    const [row] = await this.db.query<{
      taken_at: string;
      source: string;
      total: number;
      compliant: number;
      by_type: string;
      offenders: string;
    }>(
      'SELECT * FROM tagging_snapshots WHERE taken_at < ? ORDER BY taken_at DESC, seq DESC LIMIT 1',
      // Without `before`: every snapshot (the greatest date as text; new Date(8.64e15) prints as "+275760-…", which sorts first).
      [before ? before.toISOString() : '9999-12-31T23:59:59.999Z'],
    );
    if (!row) return undefined;
    return {
      takenAt: row.taken_at,
      source: row.source,
      total: row.total,
      compliant: row.compliant,
      byType: JSON.parse(row.by_type),
      offenders: JSON.parse(row.offenders),
    };
  }
}
