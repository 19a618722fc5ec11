import type { MessageRef } from '../core';
import type { SqlStore } from './sql';

export interface DigestRunClaim {
  /** kind + channel + scheduled time: the unique key of one scheduled post. */
  key: string;
  kind: string;
  platform: string;
  channel: string;
  scheduledFor: Date;
  /** Which process claimed it (host:pid), for the operator. */
  claimedBy: string;
}

export type DigestRunState = 'claimed' | 'posted' | 'failed';

export interface DigestRun {
  key: string;
  kind: string;
  platform: string;
  channel: string;
  scheduledFor: string;
  claimedAt: string;
  claimedBy: string;
  state: DigestRunState;
  message?: MessageRef;
  detail?: string;
  finishedAt?: string;
}

interface Row {
  run_key: string;
  kind: string;
  platform: string;
  channel: string;
  scheduled_for: string;
  claimed_at: string;
  claimed_by: string;
  state: DigestRunState;
  message: string | null;
  detail: string | null;
  finished_at: string | null;
}

/**
 * Scheduled digest runs. A run is claimed (inserted under its unique key) before anything is posted, so a
 * restart, a double-fired tick or a second replica sharing the store never posts the same digest twice.
 */
export class DigestRunRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** True when this call claimed the run; false when someone already did. */
  async claim(c: DigestRunClaim): Promise<boolean> {
    const res = await this.db.run(
      'INSERT INTO digest_runs (run_key, kind, platform, channel, scheduled_for, ' +
        'claimed_at, claimed_by, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_key)' +
        ' DO NOTHING',
      [c.key, c.kind, c.platform, c.channel, c.scheduledFor.toISOString(), this.now().toISOString(), c.claimedBy, 'claimed'],
    );
    return res.changes === 1;
  }

  async finish(key: string, state: 'posted' | 'failed', outcome: { message?: MessageRef; detail?: string } = {}): Promise<void> {
    await this.db.run('UPDATE digest_runs SET state = ?, message = ?, detail = ?, finished_at = ? WHERE run_key = ?', [
      state,
      outcome.message ? JSON.stringify(outcome.message) : null,
      outcome.detail ?? null,
      this.now().toISOString(),
      key,
    ]);
  }

  async get(key: string): Promise<DigestRun | undefined> {
    const [row] = await this.db.query<Row>('SELECT * FROM digest_runs WHERE run_key = ?', [key]);
    return row ? toRun(row) : undefined;
  }

  /** Most recent first. */
  async list(limit = 50): Promise<DigestRun[]> {
    return (await this.db.query<Row>('SELECT * FROM digest_runs ORDER BY scheduled_for DESC, claimed_at DESC LIMIT ?', [limit])).map(toRun);
  }
}

function toRun(r: Row): DigestRun {
  return {
    key: r.run_key,
    kind: r.kind,
    platform: r.platform,
    channel: r.channel,
    scheduledFor: r.scheduled_for,
    claimedAt: r.claimed_at,
    claimedBy: r.claimed_by,
    state: r.state,
    ...(r.message ? { message: JSON.parse(r.message) as MessageRef } : {}),
    ...(r.detail ? { detail: r.detail } : {}),
    ...(r.finished_at ? { finishedAt: r.finished_at } : {}),
  };
}
