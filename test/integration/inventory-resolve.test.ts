import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { findCommand } from '../../src/cli/find-command';
import { planCommand } from '../../src/cli/plan-command';
import { scanCommand } from '../../src/cli/scan-command';
import { parseConfig } from '../../src/config';
import { converse, silentLog, testBot } from '../helpers/bot';

const fixture = (name: string) => resolve(__dirname, '../fixtures/estates', name);
const loaded = { config: parseConfig({ sandbox: {} }), file: null };

function capture() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  return { output, text: () => text };
}

async function planJson(estate: string, request: string) {
  const bot = await testBot({ estate: fixture(estate) });
  const out = capture();
  await planCommand(bot, request, { input: new PassThrough(), output: out.output, json: true });
  bot.close();
  return JSON.parse(out.text());
}

describe('cloudops plan --json resolves resources through the inventory', () => {
  it('"pg-main" on an estate with pg-instance-main1 resolves to it', async () => {
    const plan = await planJson('pg-main.yaml', 'stop rds instance pg-main');
    expect(plan.playbook).toBe('rds-stop-instance');
    expect(plan.params.db).toMatchObject({
      id: 'pg-instance-main1',
      type: 'rds-instance',
      account: '111111111111',
      region: 'us-west-2',
      state: 'available',
    });
    expect(plan.clarify).toBeUndefined();
  });

  it('on an estate with two equally close names it returns clarify with both', async () => {
    const plan = await planJson('pg-twins.yaml', 'stop rds instance pg-main');
    expect(plan.playbook).toBe('rds-stop-instance');
    expect(plan.params).toEqual({});
    expect(plan.clarify).toMatchObject({ param: 'db', query: 'pg-main' });
    expect(plan.clarify.candidates.map((c: { id: string }) => c.id)).toEqual(['pg-instance-main1', 'pg-instance-main2']);
  });

  it('a reference to nothing close says so, with the nearest names', async () => {
    const plan = await planJson('resolver-estate.yaml', 'stop rds instance billing-mysq-staging');
    expect(plan.missing).toEqual({ param: 'db', query: 'billing-mysq-staging', nearest: expect.arrayContaining(['billing-mysql-prod']) });
  });

  it('in the console, the clarify card offers the candidates as buttons, and a click plans on the chosen one', async () => {
    const bot = await testBot({ estate: fixture('pg-twins.yaml') });
    const out = await converse(bot, ['stop rds instance pg-main', '2']);
    expect(out).toContain('== Which one did you mean by "pg-main"? ==');
    expect(out).toMatch(/\[1\] pg-instance-main1 \(production\/us-west-2\)\s+\[2\] pg-instance-main2 \(production\/us-west-2\)/);
    expect(out).toContain('db: pg-instance-main2');
    bot.close();
  });

  it('the inventory-find service is wired into the bot', async () => {
    const bot = await testBot({ estate: fixture('resolver-estate.yaml') });
    const msg = await bot.services.findResources!({ query: 'web prd 2' });
    expect(msg.items?.[0]).toBe('web-prod-2 (i-0a00000000000002a): EC2 instance, production/us-west-2, running');
    bot.close();
  });
});

describe('cloudops scan and find', () => {
  it('scan --json prints counts per account/region/type and no failures', async () => {
    const out = capture();
    const code = await scanCommand(
      loaded,
      { sandbox: fixture('resolver-estate.yaml'), store: ':memory:', json: true },
      { output: out.output, log: silentLog },
    );
    const json = JSON.parse(out.text());
    expect(code).toBe(0);
    expect(json.resources).toBe(18);
    expect(json.failures).toEqual([]);
    expect(json.counts).toEqual([
      expect.objectContaining({
        account: '111111111111',
        accountAlias: 'production',
        region: 'us-west-2',
        types: { 'ebs-volume': 1, 'ec2-instance': 9, 'rds-instance': 3, 'ssm-instance': 1 },
      }),
      expect.objectContaining({ account: '111111111111', region: 'eu-west-1', types: { 'ec2-instance': 1 } }),
      expect.objectContaining({
        account: '222222222222',
        accountAlias: 'staging',
        region: 'us-west-2',
        types: { 'ec2-instance': 1, 'rds-instance': 2 },
      }),
    ]);
    expect(json.counts[0].scanners).toMatchObject({ 'ec2-instances': 9, 'ssm-instances': 3, 'tagged-resources': 13 });
  });

  it('find --json prints the resolution and ranked matches with scores', async () => {
    const out = capture();
    const code = await findCommand(
      loaded,
      'web prd 2',
      { sandbox: fixture('resolver-estate.yaml'), store: ':memory:', json: true },
      { output: out.output, log: silentLog },
    );
    const json = JSON.parse(out.text());
    expect(code).toBe(0);
    expect(json.resolution).toMatchObject({ kind: 'match', id: 'i-0a00000000000002a', name: 'web-prod-2' });
    expect(json.matches[0]).toMatchObject({ name: 'web-prod-2', tier: 'fuzzy', type: 'ec2-instance', region: 'us-west-2' });
    const scores = json.matches.map((m: { score: number }) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('find says what a plan would ask about, and exits 1 when nothing matches', async () => {
    const ambiguous = capture();
    await findCommand(
      loaded,
      'worker-a-1',
      { sandbox: fixture('resolver-estate.yaml'), store: ':memory:', json: true },
      { output: ambiguous.output, log: silentLog },
    );
    expect(JSON.parse(ambiguous.text()).resolution).toMatchObject({
      kind: 'ambiguous',
      candidates: [expect.objectContaining({ account: '111111111111' }), expect.objectContaining({ account: '222222222222' })],
    });
    const none = capture();
    const code = await findCommand(
      loaded,
      'zookeeper',
      { sandbox: fixture('resolver-estate.yaml'), store: ':memory:' },
      { output: none.output, log: silentLog },
    );
    expect(code).toBe(1);
    expect(none.text()).toBe('No confident match.\n');
  });

  it('find refuses an unknown --type with the allowed ones', async () => {
    await expect(
      findCommand(
        loaded,
        'x',
        { sandbox: fixture('pg-main.yaml'), store: ':memory:', type: 'lambda' },
        { output: new PassThrough(), log: silentLog },
      ),
    ).rejects.toThrow(/--type lambda is not a resource type; use one of ec2-instance/);
  });
});
