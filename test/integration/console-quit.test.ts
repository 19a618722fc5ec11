import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli';

/** Start `cloudops console` with its input left open (a terminal, or a pipe nobody closes), send `lines`. */
function consoleWithOpenInput(lines: string[]): Promise<{ code: number | null; ended: boolean; stdout: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/cloudops.js'), 'console', '--store', ':memory:'], {
      cwd: tempDir(),
      env: { ...process.env, CLOUDOPS_CONFIG: '' },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stdin.write(`${lines.join('\n')}\n`); // and never end it
    // Generous: start-up on a loaded machine. Without the fix the process waits for input forever.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ code: null, ended: false, stdout });
    }, 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, ended: true, stdout });
    });
  });
}

describe('cloudops console: /quit ends it even while the input stays open', () => {
  it.each(['/quit', '/exit'])(
    '%s after a request: the bot answers, then exits 0 without waiting for end of input',
    async (quit) => {
      const r = await consoleWithOpenInput(['find web-prod', quit]);
      expect(r.ended).toBe(true);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/web-prod-1/);
    },
    30_000,
  );
});
