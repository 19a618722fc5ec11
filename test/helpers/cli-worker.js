// The `cloudops` command run in a worker thread of the test's own process (test/helpers/cli.ts): the built
// CLI (dist/, as bin/cloudops.js loads it) is loaded once per test file instead of once per command, and
// each command runs through the CLI's `main(argv, io)` with its own standard input, captured output and
// environment. The test's thread waits on `done` (Atomics) and reads the answer from `port`, so the
// helper stays synchronous, as spawnSync was.
'use strict';
const { Readable, Writable } = require('node:stream');
const { workerData } = require('node:worker_threads');

const { port, done, bin } = workerData;
const flag = new Int32Array(done);
let cli;

function capture() {
  const chunks = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  // Synchronous writes (pino, commander, the commands): keep them in order with the stream's.
  stream.write = (chunk, encoding, callback) => {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
    const cb = typeof encoding === 'function' ? encoding : callback;
    if (cb) process.nextTick(cb);
    return true;
  };
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

port.on('message', async ({ args, input, env }) => {
  // The command's environment, as the spawned binary would have it (the worker has its own process.env).
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, env);
  const stdout = capture();
  const stderr = capture();
  let code;
  try {
    cli ??= require(bin);
    code = await cli.main(['node', 'cloudops', ...args], { stdin: Readable.from([input]), stdout: stdout.stream, stderr: stderr.stream });
  } catch (e) {
    stderr.stream.write(`${e && e.stack ? e.stack : e}\n`);
    code = 1;
  }
  port.postMessage({ code, stdout: stdout.text(), stderr: stderr.text() });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
