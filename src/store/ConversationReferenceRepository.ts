import type { Db } from './Database';

/** One place the bot may post into without an incoming message, as the chat platform described it. */
export interface StoredConversation {
  platform: string;
  /** The channel id the neutral chat model uses (ChatPlace.channel). */
  channel: string;
  /** The platform's own reference (for Teams: a Bot Framework ConversationReference), plain JSON. */
  reference: Record<string, unknown>;
  /** Human name when the platform told us one (team/channel name), for listings. */
  name?: string;
  /** personal, groupChat, channel, ... */
  kind?: string;
  updatedAt: string;
}

interface Row {
  platform: string;
  channel: string;
  reference: string;
  name: string | null;
  kind: string | null;
  updated_at: string;
}

/**
 * Conversation references, so proactive posts (digests, progress) work after a restart. Holds no
 * secrets: a reference is an address (service URL, conversation id, tenant id, bot id).
 */
export class ConversationReferenceRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Insert or replace the reference for one channel. */
  save(platform: string, channel: string, reference: Record<string, unknown>, meta: { name?: string; kind?: string } = {}): void {
    this.db
      .prepare(
        `INSERT INTO conversation_references (platform, channel, reference, name, kind, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel) DO UPDATE SET reference = excluded.reference, name = COALESCE(excluded.name, name),
           kind = COALESCE(excluded.kind, kind), updated_at = excluded.updated_at`,
      )
      .run(platform, channel, JSON.stringify(reference), meta.name ?? null, meta.kind ?? null, this.now().toISOString());
  }

  get(platform: string, channel: string): Record<string, unknown> | undefined {
    const row = this.db.prepare('SELECT reference FROM conversation_references WHERE platform = ? AND channel = ?').get(platform, channel) as { reference: string } | undefined;
    return row ? (JSON.parse(row.reference) as Record<string, unknown>) : undefined;
  }

  list(platform?: string): StoredConversation[] {
    const rows = (
      platform
        ? this.db.prepare('SELECT * FROM conversation_references WHERE platform = ? ORDER BY updated_at DESC').all(platform)
        : this.db.prepare('SELECT * FROM conversation_references ORDER BY platform, updated_at DESC').all()
    ) as Row[];
    return rows.map((r) => ({
      platform: r.platform,
      channel: r.channel,
      reference: JSON.parse(r.reference) as Record<string, unknown>,
      ...(r.name ? { name: r.name } : {}),
      ...(r.kind ? { kind: r.kind } : {}),
      updatedAt: r.updated_at,
    }));
  }

  remove(platform: string, channel: string): boolean {
    return this.db.prepare('DELETE FROM conversation_references WHERE platform = ? AND channel = ?').run(platform, channel).changes === 1;
  }
}
