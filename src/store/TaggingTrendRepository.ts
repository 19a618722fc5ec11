import type { Db } from './Database';

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
  constructor(private readonly db: Db) {}

  record(s: TaggingSnapshot): void {
    this.db
      .prepare('INSERT INTO tagging_snapshots (taken_at, source, total, compliant, by_type, offenders) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.takenAt, s.source, s.total, s.compliant, JSON.stringify(s.byType), JSON.stringify(s.offenders));
  }

  /** The latest snapshot taken before `before` (all of them when left out). */
  latest(before?: Date): TaggingSnapshot | undefined {
    const row = this.db
      .prepare('SELECT * FROM tagging_snapshots WHERE taken_at < ? ORDER BY taken_at DESC, seq DESC LIMIT 1')
      .get((before ?? new Date(8.64e15)).toISOString()) as { taken_at: string; source: string; total: number; compliant: number; by_type: string; offenders: string } | undefined;
    if (!row) return undefined;
    return { takenAt: row.taken_at, source: row.source, total: row.total, compliant: row.compliant, byType: JSON.parse(row.by_type), offenders: JSON.parse(row.offenders) };
  }
}
