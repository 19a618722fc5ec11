'use strict';
const { rmSync } = require('node:fs');

module.exports = async function globalTeardown() {
  const state = globalThis.__CLOUDOPS_PG__;
  if (!state) return;
  const cluster = await state.started;
  if (cluster) await cluster.stop();
  rmSync(state.status, { force: true });
};
