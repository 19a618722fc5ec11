/**
 * Fleet plans and rolling runs through the console adapter on the sandbox demo estate (issue 18 items 1, 2).
 */
import type { SandboxProvider } from '../../src/cloud';
import type { SandboxInstance } from '../../src/cloud/sandbox/SandboxEc2';
import type { Bot } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

const sandbox = (b: Bot) => (b.provider as SandboxProvider).state;

function instance(bot: Bot, name: string): SandboxInstance {
  for (const account of sandbox(bot).estate.accounts) {
    for (const region of Object.keys(account.regions)) {
      const found = (sandbox(bot).region(account.id, region).ec2Instances as SandboxInstance[]).find((i) =>
        i.Tags?.some((t) => t.Key === 'Name' && t.Value === name),
      );
      if (found) return found;
    }
  }
  throw new Error(`no instance ${name}`);
}

describe('fleet plans in the console', () => {
  let bot: Bot;
  afterEach(() => bot.close());

  it(
    '"reboot the kafka brokers one at a time": one card lists every broker, one approval ' + 'reboots each in turn behind a health check',
    async () => {
      bot = await testBot();
      const out = await converse(bot, ['reboot the kafka brokers one at a time', '/as bob', '1']);
      expect(out).toContain('== Plan: Reboot an EC2 instance ==');
      expect(out).toContain('3 resources (names starting kafka-broker); this approval covers exactly these:');
      expect(out).toMatch(/1\. kafka-broker-1 \(i-[0-9a-f]+\) production\/us-west-2 running\n2\. kafka-broker-2 .*\n3\. kafka-broker-3 /);
      expect(out).toContain('One at a time; a health check after each, and the first failure stops the rest.');
      expect(out).toContain('[HIGH RISK]');
      // One approval, then progress per member in the thread, in order.
      const progress = out.split('\n').filter((l) => /\[\d\/3\] kafka-broker-\d: done; health check passed/.test(l));
      expect(progress.map((l) => /\[(\d)\/3\] (kafka-broker-\d)/.exec(l)!.slice(1).join(' '))).toEqual([
        '1 kafka-broker-1',
        '2 kafka-broker-2',
        '3 kafka-broker-3',
      ]);
      expect(out).toContain('running, status checks ok');
      expect(out).toContain('Result: done (3): kafka-broker-1, kafka-broker-2, kafka-broker-3');
      const members = await bot.audit.list({ requestId: 'req-0001', kinds: ['fleet-member'] });
      expect(members.map((r) => [r.data.member, r.data.status])).toEqual([
        ['kafka-broker-1', 'done'],
        ['kafka-broker-2', 'done'],
        ['kafka-broker-3', 'done'],
      ]);
      expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['aws-call'] })).toHaveLength(3);
      expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    },
  );

  it('a member whose status checks fail stops the run: done, failed and not started are said, the rest is untouched', async () => {
    bot = await testBot();
    instance(bot, 'kafka-broker-2').SandboxStatusCheck = 'impaired';
    const out = await converse(bot, ['reboot all the kafka brokers', '/as bob', '1']);
    expect(out).toContain('[1/3] kafka-broker-1: done; health check passed');
    expect(out).toMatch(/\[2\/3\] kafka-broker-2: FAILED: health check failed: status checks impaired/);
    expect(out).toContain('Stopped after the first failure: 1 not started (kafka-broker-3).');
    expect(out).toMatch(
      new RegExp(
        String.raw`Stopped at the first failure: done \(1\): kafka-broker-1; failed \(1\): ` +
          String.raw`kafka-broker-2 \(health check failed: status checks impaired[^)]*\)\); not started ` +
          String.raw`\(1\): kafka-broker-3`,
      ),
    );
    expect(out).not.toContain('[3/3]');
    const calls = (await bot.audit.list({ requestId: 'req-0001', kinds: ['aws-call'] })).map(
      (r) => r.data.input as { InstanceIds?: string[] },
    );
    expect(calls).toHaveLength(2);
    expect(calls.flatMap((c) => c.InstanceIds ?? [])).not.toContain(instance(bot, 'kafka-broker-3').InstanceId);
    expect((await bot.audit.list({ requestId: 'req-0001', kinds: ['fleet-member'] })).map((r) => r.data.status)).toEqual([
      'done',
      'failed',
    ]);
    expect((await bot.desk.get('req-0001'))!.state).toBe('failed');
  });

  it('two names without "and" are one plan over both; "two at a time, wait 5 minutes between" sets the pace', async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot web-prod-1 web-prod-2 web-prod-3 two at a time, wait 5 minutes between', '/as bob', '1']);
    expect(out).toContain('3 resources (web-prod-1, web-prod-2, web-prod-3); this approval covers exactly these:');
    expect(out).toContain('2 at a time, 5 min between; a health check after each');
    expect(out).toContain('Waiting 5 min before the next 2.');
    expect(out).toContain('Result: done (3): web-prod-1, web-prod-2, web-prod-3');
  });

  it('members the rules or their state rule out are shown and left out; the approval covers the rest', async () => {
    bot = await testBot();
    const out = await converse(bot, ['stop all the dev-scratch boxes']);
    expect(out).toContain('1 resource (names starting dev-scratch); this approval covers exactly these:');
    expect(out).toContain('Left out (1):');
    expect(out).toMatch(/• dev-scratch-2: dev-scratch-2 is stopped; ec2-stop-instance needs it running/);
  });

  it('if the set changes before the run, the plan is revised and nothing runs', async () => {
    bot = await testBot();
    // Planned over three running brokers; kafka-broker-3 is stopped before bob approves.
    const planned = await converse(bot, ['reboot the kafka brokers one at a time']);
    expect(planned).toContain('3 resources (names starting kafka-broker)');
    const b3 = instance(bot, 'kafka-broker-3');
    b3.State = { Name: 'stopped', Code: 80 };
    const out = await converse(bot, ['/as bob', 'approve req-0001']);
    expect(out).toMatch(/The facts changed since this was proposed: the set no longer covers kafka-broker-3 \(kafka-broker-3 is stopped/);
    expect(out).toContain('2 resources (names starting kafka-broker)');
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['aws-call'] })).toHaveLength(0);
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['revision'] })).toHaveLength(1);
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
  });

  it('beyond the configured limit the card says how many matched and asks to narrow; nothing can be approved', async () => {
    bot = await testBot({ config: { sandbox: {}, fleet: { limit: 3 }, approval: { approvers: { demo: { console: ['bob', 'carol'] } } } } });
    const out = await converse(bot, ['restart nginx on all web-prod servers']);
    expect(out).toContain('Cannot run: Restart a service');
    expect(out).toMatch(/names starting web-prod matches 6 resources, more than the 3 one plan may cover\. Narrow it/);
    expect(out).not.toContain('[1] Approve');
  });

  it('"every instance" with nothing that says which is refused, and "everything in staging" still is', async () => {
    bot = await testBot();
    const out = await converse(bot, ['terminate every instance', 'stop everything in staging']);
    expect(out).not.toContain('== Plan');
    expect(out).toContain('would act on everything in an account or environment');
  });
});
