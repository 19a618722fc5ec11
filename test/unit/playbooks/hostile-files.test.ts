/**
 * One bad playbook file never takes the catalog down: an alias bomb, a cyclic alias, a dangling
 * symlink, an oversized file and a pattern that backtracks badly each become a `file:line` problem of
 * that file, and every other playbook still loads (at validate time and at start-up).
 */
import { copyFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinActions } from '../../../src/execution';
import { formatProblem, loadPlaybooks, parsePlaybook } from '../../../src/playbooks';
import { testBot } from '../../helpers/bot';
import { ROOT, tempDir } from '../../helpers/cli';

const BUNDLED = join(ROOT, 'playbooks');
const GOOD = (id: string, extra = '') => `id: ${id}
title: Restart something
examples: [restart it on the box]
parameters:
  instance: { type: ssm-instance }
  service: { type: service-name, pattern: "${extra || '[a-z]+'}" }
risk: { base: medium, reversible: true }
steps:
  - action: ssm.runShellScript
    with: { InstanceId: "{{instance.id}}", commands: ["systemctl restart {{service}}"] }
`;

/** 9^7 (4.7 million) strings from 60 lines of aliases. */
const BOMB = [
  'id: bomb',
  'title: Billion laughs',
  'x0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...Array.from({ length: 7 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`),
  'examples: [*a7]',
  '',
].join('\n');
const CYCLE = 'id: cycle\ntitle: Cyclic\nexamples: &e [hello, *e]\n';

/** The bundled catalog plus hostile files, in a folder of its own. */
function hostileCatalog(): { dir: string; bundled: number } {
  const dir = tempDir('cloudops-hostile-');
  const names = readdirSync(BUNDLED).filter((n) => n.endsWith('.yaml'));
  for (const n of names) copyFileSync(join(BUNDLED, n), join(dir, n));
  writeFileSync(join(dir, 'zz-bomb.yaml'), BOMB);
  writeFileSync(join(dir, 'zz-cycle.yaml'), CYCLE);
  symlinkSync(join(dir, 'deleted-long-ago.yaml'), join(dir, 'zz-dangling.yaml'));
  writeFileSync(join(dir, 'zz-huge.yaml'), `id: huge\ntitle: Huge\nexamples: [x]\ndescription: "${'x'.repeat(300 * 1024)}"\n`);
  writeFileSync(join(dir, 'zz-redos.yaml'), GOOD('redos', '(a|aa)+'));
  return { dir, bundled: names.length };
}

describe('hostile playbook files', () => {
  it('each becomes a file:line problem; no other playbook is lost (validate)', () => {
    const { dir, bundled } = hostileCatalog();
    const result = loadPlaybooks(dir, builtinActions());
    const lost = bundled - result.playbooks.length;
    expect(lost).toBe(0);
    const problems = result.problems.map(formatProblem);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${join(dir, 'zz-bomb.yaml')}:\\d+: YAML: aliases expand too much \\(\\*a\\d stands ` +
            `for \\d+ nodes\\): at most 100 alias expansions are read`,
        ),
      ),
      `${join(dir, 'zz-cycle.yaml')}:3: YAML: alias *e is inside the node &e it repeats (a cycle); write the value out instead`,
      `${join(dir, 'zz-dangling.yaml')}:1: a link to ${join(dir, 'deleted-long-ago.yaml')},` +
        ` which does not exist (ENOENT); fix or remove the link`,
      `${join(dir, 'zz-huge.yaml')}:1: is 301 KiB; a playbook file may be at most 256 KiB`,
      expect.stringMatching(
        new RegExp(
          `^${join(dir, 'zz-redos.yaml')}:6: pattern refused: \`\\(a\\|aa\\)\\+\` repeats ` +
            `alternatives that can start with the same character`,
        ),
      ),
    ]);
  });

  it('start-up loads the rest and names what was skipped', async () => {
    const { dir, bundled } = hostileCatalog();
    const bot = await testBot({ config: { sandbox: {}, playbooks: { dir } } });
    try {
      expect(bot.catalog.list()).toHaveLength(bundled);
      expect(bot.banner.filter((l) => l.startsWith('playbook skipped: '))).toHaveLength(5);
    } finally {
      bot.close();
    }
  });
});

describe('a playbook nested thousands deep', () => {
  it('is a problem that says what to do, not "Maximum call stack size exceeded"', () => {
    const { problems } = parsePlaybook(`id: deep\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n`, 'deep.yaml', builtinActions());
    expect(problems.map(formatProblem)).toEqual([
      'deep.yaml:2: YAML syntax: nested too deeply (brackets or blocks inside one another thousands of times); write it flatter',
    ]);
  });
});

describe('parameter patterns that could freeze the bot', () => {
  const check = (pattern: string) =>
    parsePlaybook(GOOD('p', pattern.replace(/\\/g, '\\\\')), 'p.yaml', builtinActions()).problems.map((p) => `${p.line}: ${p.message}`);

  it.each([
    ['(a|aa)+', 'repeats alternatives that can start with the same character'],
    ['(a+)+b', 'repeats a part that has a quantifier of its own'],
    ['(\\w+\\s?)*', 'repeats a part that has a quantifier of its own'],
    ['.*.*.*x', 'follow one another and can take the same characters'],
    // What can match nothing does not separate quantifiers: each of these is cubic or worse on a long run.
    ['[a-z]+-?[a-z]+-?[a-z]+', 'follow one another and can take the same characters'],
    ['\\d+a?\\d+a?\\d+', 'follow one another and can take the same characters'],
    ['\\w+\\s?\\w+\\s?\\w+\\s?\\w+', 'follow one another and can take the same characters'],
    ['\\d+(?:x|)\\d+\\b\\d+', 'follow one another and can take the same characters'],
    ['(?:\\d+\\d+)?\\d+', 'follow one another and can take the same characters'],
    ['(a)\\1', 'backreferences'],
    ['(?=a)a+', 'lookahead and lookbehind'],
  ])('%s is refused at validate time, at its line', (pattern, why) => {
    expect(check(pattern)).toEqual([expect.stringContaining(`6: pattern refused: `)]);
    expect(check(pattern)[0]).toContain(why);
  });

  it.each([
    '[a-zA-Z0-9][a-zA-Z0-9@._-]{0,63}',
    '[a-z][a-z0-9-]{0,15}\\.(nano|micro|[0-9]{0,3}xlarge)(-[0-9]{1,3}xl)?',
    '[a-z]+(\\.[a-z]+)?',
    '(foo|bar)+',
    'CC-\\d{4}',
    '[a-z]+-[a-z]+-[a-z]+',
    '\\w+\\s?\\w+',
    '(?:\\d+)?\\d+x',
    'v?\\d+\\.\\d+\\.\\d+',
  ])('%s is fine', (pattern) => {
    expect(check(pattern)).toEqual([]);
  });

  it('every bundled playbook pattern passes', () => {
    expect(loadPlaybooks(BUNDLED, builtinActions()).problems).toEqual([]);
  });
});
