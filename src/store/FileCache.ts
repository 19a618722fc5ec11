/**
 * A folder of small cache files, keyed by content hashes (the trained classifier). Safe to share between
 * processes and versions: entries are written whole (temporary file, then rename) and keyed by what they
 * were made from, so a stale entry is never read, only left behind; the oldest beyond `keep` are removed.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export class FileCache {
  constructor(
    private readonly dir: string,
    private readonly prefix: string,
    private readonly keep = 5,
  ) {}

  /**
   * The bot's cache folder: `CLOUDOPS_CACHE_DIR`, else `$XDG_CACHE_HOME/cloudops-bot`, else
   * `~/.cache/cloudops-bot`; undefined when `CLOUDOPS_CACHE_DIR=off`.
   */
  static folder(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const set = env.CLOUDOPS_CACHE_DIR?.trim();
    if (set === 'off') return undefined;
    if (set) return set;
    const home = homedir() || tmpdir();
    return join(env.XDG_CACHE_HOME?.trim() || join(home, '.cache'), 'cloudops-bot');
  }

  private file(key: string): string {
    if (!/^[a-z0-9]+$/i.test(key)) throw new Error(`cache keys are letters and digits: ${key}`);
    return join(this.dir, `${this.prefix}-${key}.json`);
  }

  get(key: string): string | undefined {
    try {
      return readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
  }

  set(key: string, value: string): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(key);
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, value, { mode: 0o600 });
    renameSync(temp, target);
    this.prune();
  }

  private prune(): void {
    const mine = readdirSync(this.dir)
      .filter((n) => n.startsWith(`${this.prefix}-`) && n.endsWith('.json'))
      .map((n) => ({ path: join(this.dir, n), at: statSync(join(this.dir, n)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of mine.slice(this.keep)) {
      try {
        unlinkSync(old.path);
      } catch {
        // Another process pruned it first.
      }
    }
  }
}
