import { PassThrough } from 'node:stream';
import { AuditCommandError, listAudit, parseSince, verifyAudit } from '../../../src/cli/audit-command';
import { AuditRepository, openStoreMigrated, type SqlStore } from '../../../src/store';

function capture(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d.toString()));
  return { out, text: () => text };
}

describe('cloudops audit', () => {
  let db: SqlStore;
  let audit: AuditRepository;
  const now = new Date('2026-11-22T12:00:00Z');
  beforeEach(async () => {
    db = await openStoreMigrated(':memory:');
    let t = new Date('2026-11-20T12:00:00Z').getTime();
    audit = new AuditRepository(db, () => new Date((t += 12 * 3600_000)));
    await audit.append({ requestId: 'req-1', kind: 'request', actor: 'console:alice', data: { text: 'stop web-prod-1' } }); // 21st 00:00
    await audit.append({
      requestId: 'req-1',
      kind: 'refusal',
      actor: 'console:alice',
      data: { decision: 'approve', reason: 'you asked for this change' },
    }); // 21st 12:00
    await audit.append({
      requestId: 'req-1',
      kind: 'aws-call',
      data: { action: 'ec2.stopInstance', account: '111111111111', region: 'us-west-2', awsRequestIds: ['abc-123'], summary: 'stopping' },
    }); // 22nd 00:00
  });
  afterEach(() => db.close());

  it('--json prints one JSON object per line, with the chain fields, for a SIEM', async () => {
    const { out, text } = capture();
    expect(await listAudit(audit, { json: true }, out, now)).toBe(3);
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(3);
    const parsed = lines.map((l) => JSON.parse(l));
    expect(parsed[1]).toEqual({
      seq: 2,
      at: '2026-11-21T12:00:00.000Z',
      requestId: 'req-1',
      kind: 'refusal',
      actor: 'console:alice',
      data: { decision: 'approve', reason: 'you asked for this change' },
      prevHash: parsed[0].hash,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('--since 24h (or a date) keeps the newer records; text lines say what happened', async () => {
    const { out, text } = capture();
    await listAudit(audit, { since: '24h' }, out, now);
    expect(text().trim().split('\n')).toEqual([
      '2026-11-21T12:00:00.000Z  #2  req-1  refusal         console:alice    approve refused: you asked for this change',
      '2026-11-22T00:00:00.000Z  #3  req-1  aws-call        -                ec2.stopInstance 111111111111/us-west-2 abc-123: stopping',
    ]);
    expect(parseSince('2026-11-22', now).toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(parseSince('30m', now).toISOString()).toBe('2026-11-22T11:30:00.000Z');
  });

  it('bad input is refused with what to write instead', async () => {
    expect(() => parseSince('yesterday', now)).toThrow(AuditCommandError);
    await expect(listAudit(audit, { kind: ['approvals'] }, capture().out, now)).rejects.toThrow('--kind approvals: not a record kind');
  });

  it('audit verify: exit 0 when intact, 1 with the record when one was edited or deleted', async () => {
    const ok = capture();
    expect(await verifyAudit(audit, ok.out)).toBe(0);
    expect(ok.text()).toMatch(/^audit trail intact: 3 record\(s\), chain verified; head #3 [0-9a-f]{64}\n$/);

    await db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    await db.run("UPDATE audit_log SET data = json_set(data, '$.reason', 'approved') WHERE seq = 2");
    const edited = capture();
    expect(await verifyAudit(audit, edited.out)).toBe(1);
    expect(edited.text()).toContain('#2: record 2 (refusal, request req-1) was changed after it was written');
    expect(edited.text()).toContain('store: the append-only guard (SQLite triggers audit_log_no_update/no_delete) is missing');

    await db.run('DELETE FROM audit_log WHERE seq = 1');
    const json = capture();
    expect(await verifyAudit(audit, json.out, true)).toBe(1);
    const verdict = JSON.parse(json.text());
    expect(verdict.problems.map((p: { seq: number }) => p.seq)).toEqual([2, 2, 4, 0]);
    expect(verdict.appendOnlyGuard).toBe(false);
  });
});
