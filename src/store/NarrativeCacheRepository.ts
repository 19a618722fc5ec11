import type { Db } from './Database';

/** "What stands out" paragraphs by digest content hash (an empty text: the model said nothing usable). */
export class NarrativeCacheRepository {
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  get(hash: string): string | undefined {
    return (this.db.prepare('SELECT text FROM digest_narratives WHERE hash = ?').get(hash) as { text: string } | undefined)?.text;
  }

  put(hash: string, text: string): void {
    this.db.prepare('INSERT INTO digest_narratives (hash, text, created_at) VALUES (?, ?, ?) ON CONFLICT (hash) DO UPDATE SET text = excluded.text').run(hash, text, this.now().toISOString());
  }
}
