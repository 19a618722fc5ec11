import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

export const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'bin/cloudops.js');
const TIMEOUT_MS = 60_000;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Run the built binary in a process of its own (what `npm test` did for every command before). Only
   * where the process is the point: exit codes as the shell sees them, signals, `start`.
   */
  spawn?: boolean;
}

/**
 * Run the built `cloudops` command (npm test builds it first) as a user would: its arguments, standard
 * input, environment and working folder; its output, errors and exit code. It runs in-process by default
 * (a worker thread that loads the built CLI once per test file and calls its `main(argv, io)`), which
 * saves a Node start and the module loading per command; `start` and `{ spawn: true }` run the binary
 * (bin/cloudops.js) in a child process.
 */
export function cloudops(args: string[], options: CliOptions = {}): CliResult {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'cloudops-cwd-'));
  const env = { ...process.env, CLOUDOPS_CONFIG: '', ...options.env };
  if (options.spawn || args[0] === 'start') return spawned(args, options.input ?? '', cwd, env);
  return inProcess(args, options.input ?? '', cwd, env);
}

function spawned(args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): CliResult {
  const res = spawnSync(process.execPath, [BIN, ...args], { input, cwd, env, encoding: 'utf8', timeout: TIMEOUT_MS });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

let runner: { worker: Worker; port: MessagePort; done: Int32Array } | undefined;

function start() {
  const done = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(join(__dirname, 'cli-worker.js'), {
    workerData: { port: port2, done: done.buffer, bin: join(ROOT, 'dist/cli/index.js') },
    transferList: [port2],
    // The command's output is captured; what else the worker writes goes to the test's own streams.
    stdout: false,
    stderr: false,
  });
  // Never keeps the test process alive.
  worker.unref();
  port1.unref();
  return { worker, port: port1, done };
}

function inProcess(args: string[], input: string, cwd: string, env: NodeJS.ProcessEnv): CliResult {
  runner ??= start();
  const { port, done, worker } = runner;
  const before = process.cwd();
  // The worker shares the process's working folder; this thread waits (below) while the command runs.
  process.chdir(cwd);
  try {
    Atomics.store(done, 0, 0);
    port.postMessage({ args, input, env });
    if (Atomics.wait(done, 0, 0, TIMEOUT_MS) === 'timed-out') {
      // As spawnSync's timeout: no exit code; the stuck worker goes, the next command gets a new one.
      void worker.terminate();
      runner = undefined;
      return { code: null, stdout: '', stderr: `cloudops ${args.join(' ')}: no answer in ${TIMEOUT_MS / 1000} s` };
    }
    return receiveMessageOnPort(port)!.message as CliResult;
  } finally {
    process.chdir(before);
  }
}

export function tempDir(prefix = 'cloudops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
