import { numberPlaceholders, redactUrl, scrub } from '../../../../src/store';

describe('numbering ? placeholders for Postgres', () => {
  it.each([
    ['SELECT * FROM t WHERE a = ? AND b = ?', 'SELECT * FROM t WHERE a = $1 AND b = $2', 2],
    ["SELECT 'is it ?' AS q, ? AS v", "SELECT 'is it ?' AS q, $1 AS v", 1],
    ["SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1],
    ['SELECT "odd?name" FROM t WHERE x = ?', 'SELECT "odd?name" FROM t WHERE x = $1', 1],
    ['SELECT ? -- why?\n, ?', 'SELECT $1 -- why?\n, $2', 2],
    ['SELECT /* ? */ ?', 'SELECT /* ? */ $1', 1],
    [
      'DO $$ BEGIN PERFORM 1 WHERE 1 = 1 OR ? IS NULL; END $$; SELECT ?',
      'DO $$ BEGIN PERFORM 1 WHERE 1 = 1 OR ? IS NULL; END $$; SELECT $1',
      1,
    ],
    ['SELECT $tag$ ? $tag$, ?', 'SELECT $tag$ ? $tag$, $1', 1],
    ['SELECT 1', 'SELECT 1', 0],
  ])('%s', (sql, text, count) => {
    expect(numberPlaceholders(sql)).toEqual({ text, count });
  });
});

describe('printing a store URL', () => {
  it('hides the password, in the user part and in the query string', () => {
    expect(redactUrl('postgres://bot:s3cr%40t@db.internal:5432/cloudops?sslmode=require')).toBe(
      'postgres://bot:***@db.internal:5432/cloudops?sslmode=require',
    );
    expect(redactUrl('postgresql://db/cloudops?user=bot&password=s3cret')).toBe('postgresql://db/cloudops?user=bot&password=***');
    expect(redactUrl('postgres://bot@db/cloudops')).toBe('postgres://bot@db/cloudops');
    expect(redactUrl('not a url://bot:s3cret@x')).not.toContain('s3cret');
  });

  it('scrubs the password, raw or URL-encoded, from any text', () => {
    const url = 'postgres://bot:p%40ss-w0rd@db/cloudops';
    expect(scrub('auth failed for p@ss-w0rd and p%40ss-w0rd', url)).toBe('auth failed for *** and ***');
    expect(scrub('nothing to hide', 'postgres://bot@db/x')).toBe('nothing to hide');
  });
});
