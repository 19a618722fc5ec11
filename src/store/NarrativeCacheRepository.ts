import type { SqlStore } from './sql';

/** "What stands out" paragraphs by digest content hash (an empty text: the model said nothing usable). */
export class NarrativeCacheRepository {
  constructor(
    private readonly db: SqlStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return (await this.db.query<{ text: string }>('SELECT text FROM digest_narratives WHERE hash = ?', [hash]))[0]?.text;
  }

  async put(hash: string, text: string): Promise<void> {
    await this.db.run(
      'INSERT INTO digest_narratives (hash, text, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO UPDATE SET text = excluded.text',
      [hash, text, this.now().toISOString()],
    );
  }
}
