import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, SeenRequestRepository } from '../../../src/store';

describe('SeenRequestRepository', () => {
  it('records a key once; a second process on the same file sees it too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-seen-'));
    try {
      const at = new Date('2026-11-22T09:00:00Z');
      const first = openDatabase(join(dir, 'store.db'));
      const second = openDatabase(join(dir, 'store.db'));
      const a = new SeenRequestRepository(first, () => at);
      const b = new SeenRequestRepository(second, () => at);
      expect(a.firstSeen('slack:command:trigger-1')).toBe(true);
      expect(a.firstSeen('slack:command:trigger-1')).toBe(false);
      expect(b.firstSeen('slack:command:trigger-1')).toBe(false);
      expect(b.firstSeen('slack:command:trigger-2')).toBe(true);
      first.close();
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forgets keys after the retention and keeps the table small', () => {
    let now = new Date('2026-11-22T09:00:00Z').getTime();
    const repo = new SeenRequestRepository(openDatabase(':memory:'), () => new Date(now), 10 * 60_000);
    repo.firstSeen('old');
    now += 5 * 60_000;
    repo.firstSeen('newer');
    expect(repo.firstSeen('old')).toBe(false); // five minutes: still remembered
    now += 5 * 60_000;
    expect(repo.count()).toBe(2);
    expect(repo.firstSeen('old')).toBe(true); // ten minutes: forgotten, so new again
    expect(repo.count()).toBe(2); // 'old' again and 'newer'
  });
});
