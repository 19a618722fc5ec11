import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config';
import { openStore } from '../../../src/main';
import { AuditRepository, openDatabase } from '../../../src/store';
import { openSnapshot } from '../../../src/store/Database';
import { tempDir } from '../../helpers/cli';

async function storeWithRecords(): Promise<string> {
  const path = join(tempDir(), 'cloudops.db');
  const db = openDatabase(path);
  const audit = new AuditRepository(db);
  await audit.record({ requestId: 'req-1', kind: 'request', data: { text: 'stop web-prod-1' } });
  await audit.record({ requestId: 'req-1', kind: 'result', data: { ok: true } });
  db.close();
  return path;
}

describe('opening the store read-only (cloudops audit)', () => {
  it('reads the trail, refuses writes, and changes nothing in the file', async () => {
    const path = await storeWithRecords();
    const before = readFileSync(path);
    const db = openStore(path, { readonly: true });
    const audit = new AuditRepository(db);
    expect(audit.verify().ok).toBe(true);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/readonly/);
    db.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reads a WAL-mode file from its bytes alone when SQLite may not create files beside it', async () => {
    const path = await storeWithRecords();
    expect(readFileSync(path)[18]).toBe(2); // WAL mode
    const db = openSnapshot(path);
    const audit = new AuditRepository(db);
    expect(audit.verify()).toMatchObject({ ok: true, records: 2 });
    expect(audit.guarded()).toBe(true);
    db.close();
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('does not create a store that is not there', () => {
    const path = join(tempDir(), 'missing.db');
    expect(() => openStore(path, { readonly: true })).toThrow(ConfigError);
    expect(existsSync(path)).toBe(false);
  });
});

describe('a store the bot cannot open', () => {
  it('names the file, why, and the settings that choose it', () => {
    const dir = tempDir();
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(10));
    expect(() => openStore(notDb)).toThrow(new ConfigError(`store ${notDb}: cannot open the SQLite store (file is not a database); set store.path in the config, $CLOUDOPS_STORE or --store to a file in a folder the bot can write`));
    const underFile = join(notDb, 'x.db');
    expect(() => openStore(underFile)).toThrow(/^store .*notes\.db\/x\.db: cannot open the SQLite store \((EEXIST|ENOTDIR).*\); set store\.path/);
  });
});
