/**
 * Every catalog playbook's example utterances, through `cloudops plan --json` (its implementation,
 * in-process) on the bundled sandbox, must pick that playbook.
 */
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { planCommand } from '../../src/cli/plan-command';
import { builtinActions } from '../../src/execution';
import { loadPlaybooks } from '../../src/playbooks';
import type { Bot } from '../../src/main';
import { testBot } from '../helpers/bot';

/** The table of issue 3: ids and parameter names are the public catalog. */
const CATALOG: Record<string, string[]> = {
  'lambda-throttle-function': ['function'],
  'lambda-unthrottle-function': ['function'],
  'lambda-set-concurrency': ['function', 'concurrency'],
  's3-block-public-access': ['bucket'],
  'ecs-restart-service': ['service'],
  'ecs-scale-service': ['service', 'count'],
  'asg-set-capacity': ['group', 'capacity'],
  'eks-scale-nodegroup': ['nodegroup', 'desired', 'min', 'max'],
  'eks-upgrade-cluster': ['cluster'],
  'ec2-stop-instance': ['instance'],
  'ec2-start-instance': ['instance'],
  'ec2-reboot-instance': ['instance'],
  'ec2-terminate-instance': ['instance'],
  'ec2-resize-instance': ['instance', 'instance_type'],
  'ec2-create-snapshot': ['instance'],
  'rds-stop-instance': ['db'],
  'rds-start-instance': ['db'],
  'rds-reboot-instance': ['db'],
  'rds-create-snapshot': ['db'],
  'ssm-restart-service': ['instance', 'service'],
  'ssm-disk-cleanup': ['instance'],
  'tag-resources': ['resource', 'tags'],
  'inventory-find': ['query'],
  'cost-report': ['period', 'group_by'],
  'tag-compliance-report': ['tag'],
  help: [],
  // Issue 17: the findings digest's fixes.
  'ebs-delete-volume': ['volume', 'skip_snapshot'],
  'ebs-change-to-gp3': ['volume'],
  'ebs-delete-snapshot': ['snapshot'],
};

let bot: Bot;
const answers = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  bot = await testBot();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const examples = bot.catalog.list().flatMap((p) => p.examples);
  input.end(`${examples.join('\n')}\n`);
  await planCommand(bot, undefined, { input, output, json: true });
  for (const line of text.trim().split('\n')) {
    const json = JSON.parse(line) as Record<string, unknown>;
    answers.set(json.input as string, json);
  }
});

afterAll(() => bot.close());

describe('the catalog', () => {
  it('has exactly the playbooks of the table, with their parameter names, each with 8+ varied examples', () => {
    expect(bot.problems).toEqual([]);
    const ids = bot.catalog
      .list()
      .map((p) => p.id)
      .sort();
    expect(ids).toEqual(Object.keys(CATALOG).sort());
    for (const p of bot.catalog.list()) {
      for (const name of CATALOG[p.id]) expect(p.parameters.map((x) => x.name)).toContain(name);
      expect(p.examples.length).toBeGreaterThanOrEqual(8);
      expect(new Set(p.examples.map((e) => e.toLowerCase())).size).toBe(p.examples.length);
      // Varied: not all examples start with the same word.
      expect(new Set(p.examples.map((e) => e.split(' ')[0].toLowerCase())).size).toBeGreaterThan(2);
    }
  });

  it('marks the read-only playbooks read-only (no approval, run at once)', () => {
    const readOnly = bot.catalog
      .list()
      .filter((p) => p.readOnly)
      .map((p) => p.id)
      .sort();
    expect(readOnly).toEqual(['cost-report', 'help', 'inventory-find', 'tag-compliance-report']);
  });
});

// Read at module load so that each example is its own test.
const cases = loadPlaybooks(resolve(__dirname, '../../playbooks'), builtinActions()).playbooks.flatMap((p) =>
  p.examples.map((example) => ({ id: p.id, example })),
);

describe('examples classify back to their playbook through `cloudops plan --json`', () => {
  for (const { id, example } of cases) {
    it(`${id}: "${example}"`, () => {
      expect(answers.get(example)?.playbook).toBe(id);
    });
  }
});
