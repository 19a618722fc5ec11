import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditRepository, openDatabase, type Db } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';

/** What someone with write access to the SQLite file could do: remove the guard, then edit or delete. */
function tamper(db: Db, sql: string, ...args: unknown[]): void {
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
  db.prepare(sql).run(...args);
}

describe('AuditRepository: an append-only, hash-chained trail', () => {
  let db: Db;
  let audit: AuditRepository;
  beforeEach(() => {
    db = openDatabase(':memory:');
    const clock = new FakeClock();
    audit = new AuditRepository(db, () => {
      clock.advance(1000);
      return clock.now();
    });
    audit.append({ requestId: 'req-1', kind: 'request', actor: 'console:alice', data: { text: 'stop web-prod-1' } });
    audit.append({ requestId: 'req-1', kind: 'approval', actor: 'console:bob', data: { final: true } });
    audit.append({ requestId: 'req-1', kind: 'aws-call', data: { action: 'ec2.stopInstance', awsRequestIds: ['r-1'] } });
    audit.append({ requestId: 'req-1', kind: 'result', data: { ok: true } });
  });
  afterEach(() => db.close());

  it('chains each record to the one before it and verifies', () => {
    const list = audit.list();
    expect(list.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(list[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < list.length; i++) expect(list[i].prevHash).toBe(list[i - 1].hash);
    expect(audit.verify()).toEqual({ ok: true, records: 4 });
    expect(audit.head()).toEqual({ seq: 4, hash: list[3].hash });
    expect(audit.guarded()).toBe(true);
  });

  it('refuses UPDATE and DELETE through SQL while the guard is in place', () => {
    expect(() => db.prepare("UPDATE audit_log SET actor = 'console:mallory' WHERE seq = 2").run()).toThrow('the audit trail is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow('the audit trail is append-only');
    expect(audit.verify().ok).toBe(true);
  });

  it('finds an edited record (who approved was changed)', () => {
    tamper(db, "UPDATE audit_log SET actor = 'console:mallory' WHERE seq = 2");
    const v = audit.verify();
    expect(v).toMatchObject({ ok: false, seq: 2, problem: 'record 2 (approval, request req-1) was changed after it was written' });
    expect(audit.guarded()).toBe(false);
  });

  it('finds an edited record even when the editor recomputed its own hash (the next one no longer follows)', () => {
    const rows = audit.list();
    tamper(db, "UPDATE audit_log SET data = '{\"ok\":false}', hash = ? WHERE seq = 3", 'f'.repeat(64));
    const v = audit.verify();
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.seq)).toEqual([3, 4, 0]); // 0: the guard was dropped to edit it
    expect(rows).toHaveLength(4);
  });

  it('finds a deleted record in the middle', () => {
    tamper(db, 'DELETE FROM audit_log WHERE seq = 2');
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, problem: 'record 3 does not follow the record before it: one was deleted or edited (record 2 missing)' });
  });

  it('finds records cut off the end', () => {
    tamper(db, 'DELETE FROM audit_log WHERE seq >= 3');
    expect(audit.verify()).toMatchObject({ ok: false, seq: 3, problem: 'the trail ends at record 2, but records up to 4 were written: the last 2 were deleted' });
  });

  it('lists by request, by time and by kind', () => {
    audit.append({ requestId: 'req-2', kind: 'request', actor: 'console:carol', data: { text: 'reboot x' } });
    expect(audit.list({ requestId: 'req-2' }).map((r) => r.kind)).toEqual(['request']);
    expect(audit.list({ kinds: ['approval', 'result'] }).map((r) => r.seq)).toEqual([2, 4]);
    expect(audit.list({ since: new Date('2026-11-22T09:00:04Z') }).map((r) => r.seq)).toEqual([4, 5]);
  });

  it('the seal moves with every append, and a trail without its seal fails', () => {
    const head = audit.head();
    expect(audit.seal()).toEqual({ records: 4, seq: 4, hash: head.hash });
    db.exec('DROP TABLE audit_seal;');
    expect(audit.verify()).toMatchObject({ ok: false, seq: 0, problem: expect.stringContaining('the audit seal (table audit_seal) is missing') });
  });

  it('a store written before the seal existed gets one from its trail when the bot opens it, and verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-seal-'));
    try {
      const path = join(dir, 'old.db');
      const old = openDatabase(path);
      const trail = new AuditRepository(old);
      trail.append({ requestId: 'req-1', kind: 'request', data: { text: 'stop web-prod-1' } });
      trail.append({ requestId: 'req-1', kind: 'result', data: { ok: true } });
      // As an older version left it: no seal table, the migration not applied.
      old.exec("DROP TABLE audit_seal; DELETE FROM schema_migrations WHERE name = '140-audit-seal';");
      old.close();
      const reopened = openDatabase(path);
      const again = new AuditRepository(reopened);
      expect(again.seal()).toEqual({ records: 2, seq: 2, hash: again.head().hash });
      expect(again.verify()).toEqual({ ok: true, records: 2 });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
