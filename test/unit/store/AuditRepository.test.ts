import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditRepository, openStoreMigrated, type SqlStore, type SqlValue } from '../../../src/store';
import { FakeClock } from '../../helpers/bot';
import { testDatabase } from '../../helpers/postgres';
import { ENGINES, freshStore } from '../../helpers/stores';

/** What someone with write access to the database could do: remove the guard, then edit or delete. */
async function tamper(db: SqlStore, sql: string, ...args: SqlValue[]): Promise<void> {
  await db.exec(
    db.engine === 'postgres'
      ? 'DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log; DROP TRIGGER IF EXISTS audit_log_no_delete ON audit_log;'
      : 'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;',
  );
  await db.run(sql, args);
}

describe.each(ENGINES)('AuditRepository: an append-only, hash-chained trail (%s)', (engine) => {
  let db: SqlStore;
  let audit: AuditRepository;
  beforeEach(async () => {
    db = await freshStore(engine, 'audit');
    const clock = new FakeClock();
    audit = new AuditRepository(db, () => {
      clock.advance(1000);
      return clock.now();
    });
    await audit.append({ requestId: 'req-1', kind: 'request', actor: 'console:alice', data: { text: 'stop web-prod-1' } });
    await audit.append({ requestId: 'req-1', kind: 'approval', actor: 'console:bob', data: { final: true } });
    await audit.append({ requestId: 'req-1', kind: 'aws-call', data: { action: 'ec2.stopInstance', awsRequestIds: ['r-1'] } });
    await audit.append({ requestId: 'req-1', kind: 'result', data: { ok: true } });
  });
  afterEach(() => db.close());

  it('chains each record to the one before it and verifies', async () => {
    const list = await audit.list();
    expect(list.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(list[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < list.length; i++) expect(list[i].prevHash).toBe(list[i - 1].hash);
    expect(await audit.verify()).toEqual({ ok: true, records: 4 });
    expect(await audit.head()).toEqual({ seq: 4, hash: list[3].hash });
    expect(await audit.guarded()).toBe(true);
  });

  it('refuses UPDATE and DELETE through SQL while the guard is in place', async () => {
    await expect(db.run("UPDATE audit_log SET actor = 'console:mallory' WHERE seq = 2")).rejects.toThrow('the audit trail is append-only');
    await expect(db.run('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow('the audit trail is append-only');
    expect((await audit.verify()).ok).toBe(true);
  });

  it('finds an edited record (who approved was changed)', async () => {
    await tamper(db, "UPDATE audit_log SET actor = 'console:mallory' WHERE seq = 2");
    const v = await audit.verify();
    expect(v).toMatchObject({ ok: false, seq: 2, problem: 'record 2 (approval, request req-1) was changed after it was written' });
    expect(await audit.guarded()).toBe(false);
  });

  it('finds an edited record even when the editor recomputed its own hash (the next one no longer follows)', async () => {
    const rows = await audit.list();
    await tamper(db, 'UPDATE audit_log SET data = \'{"ok":false}\', hash = ? WHERE seq = 3', 'f'.repeat(64));
    const v = await audit.verify();
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.problems.map((p) => p.seq)).toEqual([3, 4, 0]); // 0: the guard was dropped to edit it
    expect(rows).toHaveLength(4);
  });

  it('finds a deleted record in the middle', async () => {
    await tamper(db, 'DELETE FROM audit_log WHERE seq = 2');
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: 3,
      problem: 'record 3 does not follow the record before it: one was deleted or edited (record 2 missing)',
    });
  });

  it('finds records cut off the end', async () => {
    await tamper(db, 'DELETE FROM audit_log WHERE seq >= 3');
    const problem =
      engine === 'sqlite'
        ? 'the trail ends at record 2, but records up to 4 were written: the last 2 were deleted'
        : 'the trail does not match its seal: the seal says 4 record(s) ending at #4, the ' +
          'trail has 2 ending at #2; records were removed, added or rewritten outside the bot';
    expect(await audit.verify()).toMatchObject({ ok: false, seq: 3, problem });
  });

  it('lists by request, by time and by kind', async () => {
    await audit.append({ requestId: 'req-2', kind: 'request', actor: 'console:carol', data: { text: 'reboot x' } });
    expect((await audit.list({ requestId: 'req-2' })).map((r) => r.kind)).toEqual(['request']);
    expect((await audit.list({ kinds: ['approval', 'result'] })).map((r) => r.seq)).toEqual([2, 4]);
    expect((await audit.list({ since: new Date('2026-11-22T09:00:04Z') })).map((r) => r.seq)).toEqual([4, 5]);
  });

  it('the seal moves with every append, and a trail without its seal fails', async () => {
    const head = await audit.head();
    expect(await audit.seal()).toEqual({ records: 4, seq: 4, hash: head.hash });
    await db.exec('DROP TABLE audit_seal;');
    expect(await audit.verify()).toMatchObject({
      ok: false,
      seq: 0,
      problem: expect.stringContaining('the audit seal (table audit_seal) is missing'),
    });
  });

  it('stays one chain under concurrent appends from two connections (two replicas)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-audit-'));
    const where = engine === 'sqlite' ? join(dir, 'shared.db') : await testDatabase('audit2');
    const a = await openStoreMigrated(where);
    const b = await openStoreMigrated(where);
    try {
      const [ta, tb] = [new AuditRepository(a), new AuditRepository(b)];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? ta : tb).append({ requestId: `req-${i}`, kind: 'request', data: { i } })),
      );
      const verdict = await ta.verify();
      expect(verdict).toEqual({ ok: true, records: 40 });
      expect((await tb.list()).map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    } finally {
      await a.close();
      await b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('AuditRepository on an older SQLite file', () => {
  it('a store written before the seal existed gets one from its trail when the bot opens it, and verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-seal-'));
    try {
      const path = join(dir, 'old.db');
      const old = await openStoreMigrated(path);
      const trail = new AuditRepository(old);
      await trail.append({ requestId: 'req-1', kind: 'request', data: { text: 'stop web-prod-1' } });
      await trail.append({ requestId: 'req-1', kind: 'result', data: { ok: true } });
      // As an older version left it: no seal table, the migration not applied.
      await old.exec("DROP TABLE audit_seal; DELETE FROM schema_migrations WHERE name = '140-audit-seal';");
      await old.close();
      const reopened = await openStoreMigrated(path);
      const again = new AuditRepository(reopened);
      expect(await again.seal()).toEqual({ records: 2, seq: 2, hash: (await again.head()).hash });
      expect(await again.verify()).toEqual({ ok: true, records: 2 });
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
