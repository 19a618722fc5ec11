import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/cloudops.js');

/** Run the built `cloudops` binary (npm test builds it first) as a user would. */
export function cloudops(args: string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const res = spawnSync(process.execPath, [BIN, ...args], {
    input: options.input ?? '',
    cwd: options.cwd ?? mkdtempSync(join(tmpdir(), 'cloudops-cwd-')),
    env: { ...process.env, CLOUDOPS_CONFIG: '', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

export function tempDir(prefix = 'cloudops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
