import type { SqlStore } from './sql';

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
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Insert or replace the reference for one channel. */
  async save(
    platform: string,
    channel: string,
    reference: Record<string, unknown>,
    meta: { name?: string; kind?: string } = {},
  ): Promise<void> {
    await this.db.run(
      `INSERT INTO conversation_references (platform, channel, reference, name, kind, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (platform, channel) DO UPDATE SET reference = excluded.reference, name = COALESCE(excluded.name,
           conversation_references.name),
           kind = COALESCE(excluded.kind, conversation_references.kind), updated_at = excluded.updated_at`,
      [platform, channel, JSON.stringify(reference), meta.name ?? null, meta.kind ?? null, this.now().toISOString()],
    );
  }

  async get(platform: string, channel: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await this.db.query<{ reference: string }>(
      'SELECT reference FROM conversation_references WHERE platform = ? AND channel = ?',
      [platform, channel],
    );
    return row ? (JSON.parse(row.reference) as Record<string, unknown>) : undefined;
  }

  async list(platform?: string): Promise<StoredConversation[]> {
    const rows = platform
      ? await this.db.query<Row>('SELECT * FROM conversation_references WHERE platform = ? ORDER BY updated_at DESC', [platform])
      : await this.db.query<Row>('SELECT * FROM conversation_references ORDER BY platform, updated_at DESC');
    return rows.map((r) => ({
      platform: r.platform,
      channel: r.channel,
      reference: JSON.parse(r.reference) as Record<string, unknown>,
      ...(r.name ? { name: r.name } : {}),
      ...(r.kind ? { kind: r.kind } : {}),
      updatedAt: r.updated_at,
    }));
  }

  async remove(platform: string, channel: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM conversation_references WHERE platform = ? AND channel = ?', [platform, channel])).changes === 1;
  }
}
