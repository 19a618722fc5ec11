// A separate process on a shared store (SQLite file or Postgres URL): `count` increments a counter
// under store.withLock with a gap between read and write, `migrate` runs the migration runner.
// Plain JS with a tiny TypeScript hook (@swc/core), so it runs from source like the tests do.
'use strict';
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};
const { openSqlStore, migrate } = require('../../src/store/sql/index.ts');

const [target, mode, times, startAt] = process.argv.slice(2);

async function main() {
  const store = await openSqlStore(target);
  // Start together with the other processes.
  await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  let out;
  if (mode === 'migrate') {
    out = await migrate(store);
  } else {
    for (let i = 0; i < Number(times); i++) {
      await store.withLock('counter', async () => {
        const [row] = await store.query('SELECT n FROM counter WHERE id = 1');
        await new Promise((r) => setTimeout(r, 1));
        await store.run('UPDATE counter SET n = ? WHERE id = 1', [Number(row.n) + 1]);
      });
    }
    out = { done: Number(times) };
  }
  await store.close();
  process.stdout.write(JSON.stringify(out));
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
