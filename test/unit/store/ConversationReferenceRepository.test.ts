import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationReferenceRepository, openDatabase } from '../../../src/store';

describe('ConversationReferenceRepository', () => {
  it('keeps one reference per channel, survives reopening the file, and forgets on request', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'refs-')), 'bot.db');
    let db = openDatabase(file);
    let repo = new ConversationReferenceRepository(db, () => new Date('2026-11-22T09:00:00Z'));
    repo.save('teams', '19:ops@thread.tacv2', { serviceUrl: 'https://smba.example/', conversation: { id: '19:ops@thread.tacv2' } }, { kind: 'channel', name: 'Ops / General' });
    repo.save('teams', '19:ops@thread.tacv2', { serviceUrl: 'https://smba2.example/', conversation: { id: '19:ops@thread.tacv2' } }, { kind: 'channel' });
    repo.save('teams', 'a:1', { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' } }, { kind: 'personal' });
    db.close();

    db = openDatabase(file);
    repo = new ConversationReferenceRepository(db);
    expect(repo.get('teams', '19:ops@thread.tacv2')).toEqual({ serviceUrl: 'https://smba2.example/', conversation: { id: '19:ops@thread.tacv2' } });
    expect(repo.list('teams').map((c) => [c.channel, c.kind, c.name])).toEqual(
      expect.arrayContaining([
        ['19:ops@thread.tacv2', 'channel', 'Ops / General'],
        ['a:1', 'personal', undefined],
      ]),
    );
    expect(repo.get('slack', '19:ops@thread.tacv2')).toBeUndefined();
    expect(repo.remove('teams', 'a:1')).toBe(true);
    expect(repo.get('teams', 'a:1')).toBeUndefined();
    db.close();
  });
});
