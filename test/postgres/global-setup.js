// jest globalSetup: starts ONE Postgres for the whole run, in the background, so test files that do not
// use it do not wait for it. Its state goes to the file named by CLOUDOPS_TEST_PG_STATUS: {"url": ...}
// when it accepts connections, {"error": ...} when it could not start. test/helpers/postgres.ts waits on it.
'use strict';
const { randomBytes } = require('node:crypto');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { startCluster, writeStatus } = require('./cluster');

module.exports = async function globalSetup() {
  const status = join(tmpdir(), `cloudops-pg-status-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  process.env.CLOUDOPS_TEST_PG_STATUS = status;
  const started = startCluster().then(
    (cluster) => {
      writeStatus(status, { url: cluster.url, seconds: cluster.seconds });
      return cluster;
    },
    (e) => {
      writeStatus(status, { error: e.message });
      return undefined;
    },
  );
  globalThis.__CLOUDOPS_PG__ = { started, status };
};
