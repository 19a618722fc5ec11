// A separate bot process (a replica) executing one approved request in a shared store (SQLite file or Postgres URL): it takes
// the run's lease, says "running", then on a line from its stdin either finishes the run ("finish")
// or dies without a word ("die", as a crash would). Plain JS with a tiny TypeScript hook (@swc/core).
'use strict';
const fs = require('node:fs');
const readline = require('node:readline');
const swc = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { filename, jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } });
  module._compile(code, filename);
};
const { ApprovalDesk } = require('../../src/approvals/ApprovalDesk.ts');
const { ApprovalRepository } = require('../../src/store/ApprovalRepository.ts');
const { openStoreMigrated } = require('../../src/store/Database.ts');

const [store, requestId, heartbeatMs] = process.argv.slice(2);
const policy = { ttl: '1h', approvers: { demo: { console: ['bob', 'carol'] } }, levels: {} };
(async () => {
  const db = await openStoreMigrated(store);
  const desk = new ApprovalDesk(new ApprovalRepository(db), policy, { now: () => new Date() }, { owner: `worker:${process.pid}`, heartbeatMs: Number(heartbeatMs) });
  const decided = await desk.decide(requestId, { platform: 'console', id: 'bob', displayName: 'bob' }, 'approve');
  const started = await desk.beginExecution(requestId);
  process.stdout.write(`${JSON.stringify({ running: started, decided: decided.kind })}\n`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === 'die') process.exit(0);
    if (line === 'beat') process.stdout.write(`${JSON.stringify({ beat: await desk.heartbeat(requestId) })}\n`);
    if (line === 'finish') {
      const outcome = await desk.finish(requestId, 'succeeded', 'web-prod-1 stopped');
      process.stdout.write(`${JSON.stringify({ finished: outcome })}\n`);
      await db.close();
      process.exit(0);
    }
  }
})();
