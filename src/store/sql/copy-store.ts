import { createHash } from 'node:crypto';
import { StoreError, type SqlExecutor, type SqlStore, type SqlValue } from './SqlStore';
import { sqlMigrations } from './migrations';

export interface CopiedTable {
  table: string;
  rows: number;
}

/** Bookkeeping tables that belong to one database and are never copied. */
const OWN_TABLES = new Set(['schema_migrations', 'store_locks']);
/**
 * The audit trail's seal: one row that every store has from its migration on (an empty trail's seal
 * until the first record). It is not data to refuse in an empty target: the copy moves the source's seal
 * into it (an update: the row itself cannot be deleted).
 */
const SEAL = 'audit_seal';

/**
 * Copy every table of one store into another, empty one with the same migrations applied (SQLite file to
 * Postgres, or back), in one transaction on the target, then verify: each table holds the same rows on
 * both sides (count and a digest of every row, independent of order and collation). Identity counters
 * (the audit trail's `seq`) continue where the source's left off.
 */
export async function copyStore(from: SqlStore, to: SqlStore): Promise<CopiedTable[]> {
  await sameMigrations(from, to);
  const tables = await tablesOf(from);
  const targetTables = new Map((await tablesOf(to)).map((t) => [t.name, t.columns]));
  for (const t of tables) {
    const cols = targetTables.get(t.name);
    const missing = t.columns.filter((c) => !cols?.includes(c));
    if (!cols || missing.length)
      throw new StoreError(
        `${to.location} has no ${cols ? `column(s) ${missing.join(', ')} in table` : 'table'}` +
          ` ${t.name}; the two stores' schemas differ, nothing was copied`,
        'STORE_COPY',
      );
  }
  return to.withLock('store-copy', async () => {
    for (const t of tables) {
      const [{ n }] = await to.query<{ n: number }>(
        t.name === SEAL ? `SELECT COUNT(*) AS n FROM ${ident(SEAL)} WHERE records > 0` : `SELECT COUNT(*) AS n FROM ${ident(t.name)}`,
      );
      if (Number(n) > 0)
        throw new StoreError(
          `${to.location} already holds ${n} row(s) in ${t.name}; copy only into an empty ` +
            `store (a new database with \`cloudops store migrate\` run on it), nothing was copied`,
          'STORE_COPY',
        );
    }
    const counters = await identityCounters(from, tables);
    await to.transaction(async (tx) => {
      for (const t of tables) {
        const rows = await from.query<Record<string, SqlValue>>(`SELECT ${t.columns.map(ident).join(', ')} FROM ${ident(t.name)}`);
        if (t.name === SEAL) {
          for (const r of rows)
            await tx.run(`UPDATE ${ident(SEAL)} SET records = ?, seq = ?, hash = ? WHERE id = ?`, [r.records, r.seq, r.hash, r.id]);
          continue;
        }
        await insertAll(tx, t.name, t.columns, rows);
      }
      if (to.engine === 'postgres') await continueIdentities(tx, tables, counters);
    });
    const copied: CopiedTable[] = [];
    for (const t of tables) {
      const [a, b] = [await digest(from, t.name, t.columns), await digest(to, t.name, t.columns)];
      if (a.rows !== b.rows || a.hash !== b.hash) {
        throw new StoreError(
          `verification failed: ${t.name} has ${a.rows} row(s) in ${from.location} but ` +
            `${b.rows} in ${to.location}${a.rows === b.rows ? ' with different contents' : ''}; ` +
            `do not switch over (drop and recreate the target database before trying again)`,
          'STORE_COPY_VERIFY',
        );
      }
      copied.push({ table: t.name, rows: a.rows });
    }
    return copied;
  });
}

async function sameMigrations(from: SqlStore, to: SqlStore): Promise<void> {
  const expected = sqlMigrations().map((m) => m.id);
  for (const [store, which] of [
    [from, 'source'],
    [to, 'target'],
  ] as const) {
    let applied: string[] = [];
    try {
      applied = (await store.query<{ name: string }>('SELECT name FROM schema_migrations')).map((r) => r.name);
    } catch {
      applied = [];
    }
    const missing = expected.filter((id) => !applied.includes(id));
    if (missing.length)
      throw new StoreError(
        `the ${which} ${store.location} lacks migration(s) ${missing.join(', ')}; run ` +
          `\`cloudops store migrate --store …\` on it first, nothing was copied`,
        'STORE_COPY',
      );
  }
}

interface Table {
  name: string;
  columns: string[];
}

/** The data tables, parents before the tables whose foreign keys point at them. */
async function tablesOf(store: SqlStore): Promise<Table[]> {
  let columns: { t: string; c: string }[];
  let refs: { t: string; r: string }[];
  if (store.engine === 'sqlite') {
    columns = await store.query(
      'SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) ' +
        "p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid",
    );
    refs = await store.query(
      'SELECT m.name AS t, f."table" AS r FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f WHERE m.type = \'table\'',
    );
  } else {
    columns = await store.query(
      'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE ' +
        'table_schema = current_schema() ORDER BY table_name, ordinal_position',
    );
    refs = await store.query(
      'SELECT conrelid::regclass::text AS t, confrelid::regclass::text AS r FROM ' +
        "pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace",
    );
  }
  const byName = new Map<string, string[]>();
  for (const { t, c } of columns) if (!OWN_TABLES.has(t)) byName.set(t, [...(byName.get(t) ?? []), c]);
  const ordered: Table[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (ordered.some((t) => t.name === name) || path.has(name) || !byName.has(name)) return;
    path.add(name);
    for (const r of refs) if (r.t === name && r.r !== name) visit(r.r, path);
    ordered.push({ name, columns: byName.get(name)! });
  };
  for (const name of [...byName.keys()].sort()) visit(name, new Set());
  return ordered;
}

/** The highest id each AUTOINCREMENT table has handed out (SQLite remembers it past deleted rows). */
async function identityCounters(from: SqlStore, tables: Table[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (from.engine !== 'sqlite') return out;
  const names = new Set(tables.map((t) => t.name));
  const rows = await from.query<{ name: string; seq: number }>('SELECT name, seq FROM sqlite_sequence').catch(() => []);
  for (const r of rows) if (names.has(r.name)) out.set(r.name, Number(r.seq));
  return out;
}

async function continueIdentities(tx: SqlExecutor, tables: Table[], counters: Map<string, number>): Promise<void> {
  const identities = await tx.query<{ t: string; c: string }>(
    'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE ' +
      "table_schema = current_schema() AND is_identity = 'YES'",
  );
  for (const { t, c } of identities) {
    if (!tables.some((x) => x.name === t)) continue;
    const [{ m }] = await tx.query<{ m: number | null }>(`SELECT MAX(${ident(c)}) AS m FROM ${ident(t)}`);
    const next = Math.max(Number(m ?? 0), counters.get(t) ?? 0);
    if (next > 0) await tx.query('SELECT setval(pg_get_serial_sequence(?, ?), ?, true)', [t, c, next]);
  }
}

async function insertAll(tx: SqlExecutor, table: string, columns: string[], rows: Record<string, SqlValue>[]): Promise<void> {
  const batch = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values = chunk.flatMap((r) => columns.map((c) => r[c] ?? null));
    await tx.run(`INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES ${chunk.map(() => row).join(', ')}`, values);
  }
}

/** Row count and a digest of the rows' values, sorted by their own hashes (so order and collation do not matter). */
async function digest(store: SqlStore, table: string, columns: string[]): Promise<{ rows: number; hash: string }> {
  const rows = await store.query<Record<string, unknown>>(`SELECT ${columns.map(ident).join(', ')} FROM ${ident(table)}`);
  const hashes = rows
    .map((r) =>
      createHash('sha256')
        .update(JSON.stringify(columns.map((c) => normalize(r[c]))))
        .digest('hex'),
    )
    .sort();
  return { rows: rows.length, hash: createHash('sha256').update(hashes.join('\n')).digest('hex') };
}

function normalize(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return `base64:${v.toString('base64')}`;
  if (typeof v === 'bigint') return Number(v);
  return v ?? null;
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
