/**
 * Two resources of the kind a one-resource plan takes, named in the same words, with one action: the plan
 * used to take the first name ("web-prod-1 is fine; reboot web-prod-2" planned a reboot of web-prod-1). qa18c.
 */
import { PassThrough } from 'node:stream';
import { planCommand } from '../../src/cli/plan-command';
import { converse, testBot } from '../helpers/bot';

describe('two names of one kind, one action', () => {
  it('plans nothing and says which names when the words do not say which one is meant', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['is web-prod-1 running? terminate web-prod-2', 'web-prod-1 looks odd, reboot web-prod-2']);
    expect(out).not.toContain('== Plan');
    expect(out.match(/You named web-prod-\d and web-prod-\d, both EC2 instances, and I cannot tell which one/g)).toHaveLength(2);
    expect(await bot.audit.list({ kinds: ['plan'] })).toHaveLength(0);
    bot.close();
  });

  it.each([
    'web-prod-1 is fine; reboot web-prod-2',
    'leave web-prod-1 alone and reboot web-prod-2',
    'reboot web-prod-2, web-prod-1 is fine',
    'reboot web-prod-2 and leave web-prod-1 alone',
  ])('a name the words say is fine or to leave alone is left out: "%s" plans web-prod-2 only (round 3)', async (text) => {
    const bot = await testBot();
    const out = await converse(bot, [text]);
    expect(out).toMatch(/== Plan: Reboot an EC2 instance ==[\s\S]*?instance: web-prod-2 /);
    expect(out).not.toMatch(/instance: web-prod-1 |You named/);
    const plans = await bot.audit.list({ kinds: ['plan'] });
    expect(plans).toHaveLength(1);
    expect((plans[0].data as { params: { instance: { name: string } } }).params.instance.name).toBe('web-prod-2');
    bot.close();
  });

  it('the other name-like words are looked up, not searched: the planned resource is the only one resolved (issue 19 item 4)', async () => {
    const bot = await testBot();
    const resolve = jest.spyOn(bot.resolver, 'resolve');
    const exactly = jest.spyOn(bot.resolver, 'exactly');
    const plan = await bot.planner.plan('resize web-prod-1 to t3.large in us-west-2, change cr-1234', { at: new Date() });
    expect(plan.playbook?.id).toBe('ec2-resize-instance');
    expect((plan.params.instance as { name: string }).name).toBe('web-prod-1');
    // One search, for web-prod-1; t3.large, us-west-2 and cr-1234 are exact lookups (a fuzzy search each
    // cost 100+ ms p99 and 130 MB at 100k resources in bench:plan).
    expect(resolve.mock.calls.map((c) => c[0])).toEqual(['web-prod-1']);
    expect(exactly.mock.calls.map((c) => c[0]).sort()).toEqual(['cr-1234', 't3.large', 'us-west-2']);
    bot.close();
  });

  it('a correction still picks the corrected name, and one name still plans', async () => {
    const bot = await testBot();
    const out = await converse(bot, [
      'stop web-prod-1 i mean web-prod-2',
      'not web-prod-1, reboot web-prod-3',
      'resize web-prod-1 to t3.large',
    ]);
    expect(out).toMatch(/== Plan: Stop an EC2 instance ==[\s\S]*?instance: web-prod-2 /);
    expect(out).toMatch(/== Plan: Reboot an EC2 instance ==[\s\S]*?instance: web-prod-3 /);
    expect(out).toMatch(/== Plan: Change an EC2 instance type ==[\s\S]*?instance: web-prod-1 /);
    bot.close();
  });

  it('`plan --json` of such words (and of a list with a name left out) carries no parameters: nothing is planned', async () => {
    const bot = await testBot();
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d.toString()));
    input.end('is web-prod-1 running? terminate web-prod-2\nrestart checkout and search-api ecs services\n');
    await planCommand(bot, undefined, { input, output, json: true });
    const plans = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { playbook: unknown; params: object });
    expect(plans.map((p) => [p.playbook, p.params])).toEqual([
      [null, {}],
      [null, {}],
    ]);
    bot.close();
  });
});
