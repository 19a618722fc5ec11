import { MIGRATIONS, sqlMigrations } from '../../../../src/store';

describe('the migrations for both engines', () => {
  it('give every SQLite migration a Postgres text (src/store/sql/migrations.ts POSTGRES_MIGRATIONS)', () => {
    const missing = sqlMigrations()
      .filter((m) => !m.postgres.trim())
      .map((m) => m.id);
    expect(missing).toEqual([]);
  });

  it('apply the SQLite texts the bot has always applied, in the same order and under the same ids', () => {
    expect(sqlMigrations().map((m) => [m.id, m.sqlite])).toEqual(MIGRATIONS.map((m) => [m.name, m.sql]));
  });
});
