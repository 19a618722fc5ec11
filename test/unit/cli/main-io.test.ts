import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../../../src/cli';

/** `main(argv, io)`: the CLI run in-process (how the test helper runs it) touches none of the process's streams. */
function io(input = '') {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { io: { stdin: Readable.from([input]), stdout, stderr }, out: () => out.join(''), err: () => err.join('') };
}

describe('cloudops main(argv, io)', () => {
  const before = process.exitCode;
  afterEach(() => {
    process.exitCode = before;
  });

  it('answers with the exit code, writes to the given streams and leaves process.exitCode alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-main-io-'));
    writeFileSync(join(dir, 'broken.yaml'), 'id: broken\ntitle: Broken\nsteps:\n  - action: nope.nothing\n');
    const run = io();
    const write = jest.spyOn(process.stderr, 'write');
    expect(await main(['node', 'cloudops', 'validate', dir], run.io)).toBe(1);
    expect(run.err()).toContain('broken.yaml');
    expect(run.out()).toMatch(/0 of 1 playbook file\(s\) valid/);
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(process.exitCode).toBe(before);
  });

  it('runs again with fresh options (commander keeps parsed options on its objects) and usage errors exit 2', async () => {
    const first = io();
    expect(await main(['node', 'cloudops', 'find', '--type', 'lambda', 'x'], first.io)).toBe(2);
    expect(first.err()).toMatch(/--type lambda is not a resource type/);
    const second = io();
    expect(await main(['node', 'cloudops', '--version'], second.io)).toBe(0);
    expect(second.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(second.err()).toBe('');
  });

  it('reads requests from the given standard input', async () => {
    const run = io('stop web-prod-1\n');
    expect(await main(['node', 'cloudops', 'plan', '--json'], run.io)).toBe(0);
    expect(JSON.parse(run.out().trim().split('\n')[0])).toMatchObject({ playbook: expect.anything() });
  });
});
