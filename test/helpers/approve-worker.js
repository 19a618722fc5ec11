// A separate bot process (a replica) clicking approve on one request in a shared store (SQLite file or Postgres URL).
// Plain JS with a tiny TypeScript hook (@swc/core), so it runs from source like the tests do.
'use strict';
const fs = require('node:fs');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};
const { ApprovalDesk } = require('../../src/approvals/ApprovalDesk.ts');
const { ApprovalRepository } = require('../../src/store/ApprovalRepository.ts');
const { openStoreMigrated } = require('../../src/store/Database.ts');

const [store, requestId, worker, clicks, startAt] = process.argv.slice(2);
// Start together with the other processes.
setTimeout(async () => {
  const db = await openStoreMigrated(store);
  const desk = new ApprovalDesk(new ApprovalRepository(db), { ttl: '1h', approvers: { sre: { console: ['bob', 'carol'] } }, levels: {} }, { now: () => new Date() });
  const out = { worker, approved: 0, executed: 0, outcomes: {} };
  for (let i = 0; i < Number(clicks); i++) {
    const user = { platform: 'console', id: i % 2 ? 'bob' : 'carol' };
    const o = await desk.decide(requestId, user, 'approve');
    out.outcomes[o.kind] = (out.outcomes[o.kind] ?? 0) + 1;
    if (o.kind === 'approved') out.approved += 1;
    // Every replica also tries to start the run, as a retried delivery would.
    if (await desk.beginExecution(requestId)) out.executed += 1;
  }
  await db.close();
  process.stdout.write(JSON.stringify(out));
}, Math.max(0, Number(startAt) - Date.now()));
