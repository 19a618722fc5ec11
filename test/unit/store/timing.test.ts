import { SqliteStore, statementKind, timeSqlStore } from '../../../src/store';

/** Store latency is measured at one seam: the SqlStore every repository shares. */
describe('store timing', () => {
  it('names a statement by its first keyword', () => {
    expect(
      [
        'SELECT 1',
        '  insert into t values (1)',
        'INSERT OR REPLACE INTO t VALUES (1)',
        'update t set a = 1',
        'DELETE FROM t',
        'WITH x AS (SELECT 1) SELECT * FROM x',
        'REPLACE INTO t VALUES (1)',
        'CREATE TABLE t (a)',
        '-- note\nSELECT 1',
      ].map(statementKind),
    ).toEqual(['select', 'insert', 'insert', 'update', 'delete', 'select', 'insert', 'other', 'select']);
  });

  it('times queries, runs and transactions of an SqlStore, and passes their results and errors through', async () => {
    const seen: string[] = [];
    const store = timeSqlStore(SqliteStore.open(':memory:'), (engine, op) => seen.push(`${engine}:${op}`));
    try {
      await store.exec('CREATE TABLE t (a INTEGER)');
      expect(await store.run('INSERT INTO t (a) VALUES (?)', [1])).toEqual({ changes: 1 });
      await store.transaction(async (tx) => {
        await tx.run('UPDATE t SET a = ?', [2]);
      });
      expect(await store.query<{ a: number }>('SELECT a FROM t')).toEqual([{ a: 2 }]);
      await expect(store.query('SELECT nope FROM t')).rejects.toThrow();
      expect(seen).toEqual(['sqlite:insert', 'sqlite:transaction', 'sqlite:select', 'sqlite:select']);
      expect(store.engine).toBe('sqlite');
    } finally {
      await store.close();
    }
  });
});
