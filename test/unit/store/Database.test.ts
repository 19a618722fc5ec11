import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../src/config';
import { openStore } from '../../../src/main';
import { AuditRepository, openReadOnlyStore, openStoreMigrated, SqliteStore, StoreError } from '../../../src/store';
import { openSnapshot } from '../../../src/store/Database';
import { tempDir } from '../../helpers/cli';

async function storeWithRecords(): Promise<string> {
  const path = join(tempDir(), 'cloudops.db');
  const db = await openStoreMigrated(path);
  const audit = new AuditRepository(db);
  await audit.record({ requestId: 'req-1', kind: 'request', data: { text: 'stop web-prod-1' } });
  await audit.record({ requestId: 'req-1', kind: 'result', data: { ok: true } });
  await db.close();
  return path;
}

describe('opening the store read-only (cloudops audit)', () => {
  it('reads the trail, refuses writes, and changes nothing in the file', async () => {
    const path = await storeWithRecords();
    const before = readFileSync(path);
    const db = await openReadOnlyStore(path);
    const audit = new AuditRepository(db);
    expect((await audit.verify()).ok).toBe(true);
    await expect(db.exec('DELETE FROM audit_log')).rejects.toThrow(/readonly/);
    await db.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('reads a WAL-mode file from its bytes alone when SQLite may not create files beside it', async () => {
    const path = await storeWithRecords();
    expect(readFileSync(path)[18]).toBe(2); // WAL mode
    const db = SqliteStore.wrap(openSnapshot(path), path);
    const audit = new AuditRepository(db);
    expect(await audit.verify()).toMatchObject({ ok: true, records: 2 });
    expect(await audit.guarded()).toBe(true);
    await db.close();
    expect(existsSync(`${path}-shm`)).toBe(false);
  });

  it('does not create a store that is not there', async () => {
    const path = join(tempDir(), 'missing.db');
    await expect(openReadOnlyStore(path)).rejects.toThrow(/unable to open database file|SQLITE_CANTOPEN|directory does not exist/);
    expect(existsSync(path)).toBe(false);
  });
});

describe('a file that is not a store, read for the audit', () => {
  it('is a StoreError naming the file and what to pass, not a bare SQLite message', async () => {
    const yaml = join(tempDir(), 'cloudops.yaml');
    writeFileSync(yaml, 'sandbox: {}\n'.repeat(20));
    await expect(openReadOnlyStore(yaml)).rejects.toThrow(
      new StoreError(
        `sqlite ${yaml}: cannot read the store (file is not a database, SQLITE_NOTADB); ` +
          `point --store (or store.path) at the bot's SQLite store file`,
        'STORE_OPEN',
      ),
    );
  });
});

describe('a store the bot cannot open', () => {
  it('names the file, why, and the settings that choose it', async () => {
    const dir = tempDir();
    const notDb = join(dir, 'notes.db');
    writeFileSync(notDb, 'these are my notes, not a database\n'.repeat(10));
    await expect(openStore(notDb)).rejects.toThrow(
      new ConfigError(
        `store ${notDb}: cannot open the SQLite store (file is not a database); set ` +
          `store.path in the config, $CLOUDOPS_STORE or --store to a file in a folder the bot ` +
          `can write`,
      ),
    );
    const underFile = join(notDb, 'x.db');
    await expect(openStore(underFile)).rejects.toThrow(
      /^store .*notes\.db\/x\.db: cannot open the SQLite store \((EEXIST|ENOTDIR).*\); set store\.path/,
    );
  });
});
