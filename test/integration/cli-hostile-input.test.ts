/**
 * Hostile or careless input through the `cloudops` binary: a config made of a cyclic alias or an alias
 * bomb is one line and exit 2 (not a stack overflow); a config with an out-of-range value too; a
 * playbook folder with a bad file still validates the rest.
 */
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudops, ROOT, tempDir } from '../helpers/cli';

function configFile(yaml: string): string {
  const file = join(tempDir(), 'cloudops.yaml');
  writeFileSync(file, yaml);
  return file;
}

const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
  'sandbox: {}',
  '',
].join('\n');

describe('cloudops with a config it cannot use', () => {
  it.each([
    [
      'a cyclic alias',
      'sandbox: &s\n  estate: *s\n',
      /^cloudops: .*cloudops\.yaml:2: alias \*s is inside the node &s it repeats \(a cycle\); write the value out instead\n$/,
    ],
    [
      'an alias bomb',
      BOMB,
      /^cloudops: .*cloudops\.yaml:8: aliases expand too much \(\*g stands for \d+ nodes\): at most 100 alias expansions are read/,
    ],
    [
      'approval.ttl 0s',
      'sandbox: {}\napproval:\n  ttl: 0s\n',
      /^cloudops: .*cloudops\.yaml:3: `approval\.ttl`: must be between 1m and 30d/,
    ],
    ['teams.port 0', 'sandbox: {}\nteams:\n  port: 0\n', /^cloudops: .*cloudops\.yaml:3: `teams\.port`: a port from 1 to 65535/],
  ])('%s: one line, exit 2', (_what, yaml, message) => {
    const res = cloudops(['validate', '-c', configFile(yaml)]);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.code).toBe(2);
  });
});

describe('cloudops validate with one bad file among good ones', () => {
  it('reports the bad files and counts every good playbook as valid', () => {
    const dir = tempDir();
    for (const n of ['ec2-stop-instance.yaml', 'ec2-start-instance.yaml'])
      writeFileSync(join(dir, n), readFileSync(join(ROOT, 'playbooks', n), 'utf8'));
    writeFileSync(join(dir, 'bomb.yaml'), BOMB.replace('sandbox: {}', 'id: bomb'));
    symlinkSync(join(dir, 'gone.yaml'), join(dir, 'dangling.yaml'));
    const res = cloudops(['validate', dir]);
    expect(res.stderr).toContain(
      `${join(dir, 'dangling.yaml')}:1: a link to ${join(dir, 'gone.yaml')}, which does not exist (ENOENT); fix or remove the link`,
    );
    expect(res.stderr).toMatch(new RegExp(`${join(dir, 'bomb.yaml')}:8: YAML: aliases expand too much`));
    expect(res.stdout).toBe('2 of 4 playbook file(s) valid, 2 problem(s).\n');
    expect(res.code).toBe(1);
  });
});
