import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';

/**
 * The run's Postgres (started once by test/postgres/global-setup.js, in the background): waits until it
 * accepts connections, then creates a database of this test file's own and returns its URL.
 */
export async function testDatabase(prefix = 't'): Promise<string> {
  const admin = await clusterUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} STRATEGY FILE_COPY`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The cluster's admin URL (database `postgres`), once the server is up; fails with its start-up error. */
export async function clusterUrl(timeoutMs = 120_000): Promise<string> {
  const file = process.env.CLOUDOPS_TEST_PG_STATUS;
  if (!file)
    throw new Error(
      'CLOUDOPS_TEST_PG_STATUS is not set: run the tests with jest.config.js, whose ' +
        'globalSetup (test/postgres/global-setup.js) starts Postgres',
    );
  const deadline = Date.now() + timeoutMs;
  // Polls a file the global setup writes when the server is ready (it starts while the first tests run).
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the test Postgres did not start within ${timeoutMs / 1000} s (no ${file})`);
    await delay(50);
  }
  const status = JSON.parse(readFileSync(file, 'utf8')) as { url?: string; error?: string };
  if (!status.url) throw new Error(`the test Postgres could not start: ${status.error}`);
  return status.url;
}
