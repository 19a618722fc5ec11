import { ConverseStub } from '../helpers/converse-stub';
import { converse, FakeClock, testBot } from '../helpers/bot';

describe('console conversation: understanding', () => {
  it('follow-ups refer to the plan above: "the one in staging", "and web-prod-2 too"', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['reboot worker-a-1', 'the one in staging', 'stop web-prod-1', 'and web-prod-2 too']);
    expect(out).toContain('== Which one did you mean by "worker-a-1"? ==');
    expect(out).toMatch(
      /== Plan: Reboot an EC2 instance ==[\s\S]*instance: worker-a-1 \(i-[0-9a-f]+\)\n\s+where: staging 222222222222 \/ us-west-2/,
    );
    const stops = out.split('== Plan: Stop an EC2 instance ==');
    expect(stops).toHaveLength(3);
    expect(stops[1]).toContain('instance: web-prod-1 (');
    expect(stops[2]).toContain('instance: web-prod-2 (');
    bot.close();
  });

  it('"stop web-prod-1 and web-prod-2": neither is dropped; one plan lists both and one approval stops both', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-prod-1 and web-prod-2', '/as bob', '1']);
    expect(out).toContain('2 resources (web-prod-1, web-prod-2); this approval covers exactly these:');
    expect(out).toContain('Result: done (2): web-prod-1, web-prod-2');
    expect((await bot.desk.get('req-0001'))?.state).toBe('succeeded');
    expect(await bot.desk.get('req-0002')).toBeUndefined();
    bot.close();
  });

  it('"stop web-prod-1 web-prod-2" (no "and"): neither is dropped; one plan over both', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-prod-1 web-prod-2']);
    expect(out.split('== Plan: Stop an EC2 instance ==')).toHaveLength(2);
    expect(out).toMatch(/1\. web-prod-1 \(i-[0-9a-f]+\) production\/us-west-2 running\n2\. web-prod-2 /);
    bot.close();
  });

  it('a restart on a host that names no valid service asks for the service; it never becomes a reboot', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['restart it on web-prod-1', 'restart service on web-prod-1', 'restart --help on web-prod-1']);
    expect(out).not.toContain('Reboot');
    expect(out.match(/Tell me which service name \(`service`\): for example "restart nginx on web-prod-1"/g)).toHaveLength(2);
    expect(out).toContain('`service` value "--help" is not allowed');
    expect(await bot.desk.get('req-0001')).toBeUndefined();
    expect(await bot.desk.get('req-0003')).toBeUndefined();
    bot.close();
  });

  it('a service keeps its case on the card and in the command: NetworkManager is not networkmanager', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['restart NetworkManager on web-prod-1']);
    expect(out).toContain('== Plan: Restart a service on an instance ==');
    expect(out).toContain('service: NetworkManager');
    expect(out).not.toContain('networkmanager');
    expect((await bot.desk.get('req-0001'))?.plan.params.service).toBe('NetworkManager');
    bot.close();
  });

  it('a tag key is never cut at a non-ASCII letter: one alphabet is kept whole, a look-alike mix is refused with the reason', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['tag web-prod-1 k\u0435y=v', 'tag web-prod-1 владелец=alice']);
    expect(out).toContain(
      'Tag key "k\u0435y" mixes Latin and Cyrillic letters, so it only looks like a key ' +
        'you know and would be a different one. Type the key in one alphabet.',
    );
    expect(out).toContain('tags: k\u0435y=v');
    expect(out).not.toMatch(/tags: y=v/);
    expect((await bot.desk.get('req-0002'))?.plan.params.tags).toEqual({ владелец: 'alice' });
    bot.close();
  });

  it('requests for many resources at once get a clear answer and never a one-resource plan from the words left over', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['terminate every instance', 'stop all of production', 'reboot all instances']);
    expect(out).not.toContain('== Plan');
    expect(out).not.toContain('Which one did you mean');
    expect(out).not.toContain('I could not find');
    expect(out).not.toMatch(/\[1\]/);
    expect(out).toContain('"terminate every instance" is about many resources at once, but does not say which. Name the set');
    expect(out).toContain('"reboot all instances" is about many resources at once, but does not say which.');
    expect(out).toContain('"stop all of production" would act on everything in an account or environment, and I will not do that.');
    for (const id of ['req-0001', 'req-0002', 'req-0003']) expect(await bot.desk.get(id)).toBeUndefined();
    bot.close();
  });

  it('"stop web-staging-1 tonight at 10pm": the card says it runs on approval, since nothing schedules it', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-staging-1 tonight at 10pm', 'what did we spend on friday']);
    expect(out).toMatch(
      new RegExp(
        String.raw`== Plan: Stop an EC2 instance ==\n.*\nWaiting for approval\nYou said "tonight at ` +
          String.raw`10pm", but I cannot schedule changes: this runs as soon as it is approved\.`,
      ),
    );
    // A report about a past day is not a change: no such note.
    expect(out.match(/cannot schedule/g)).toHaveLength(1);
    bot.close();
  });

  it(
    '"actually make it m5.xlarge" cancels the plan it corrects, so nobody approves the ' + 'one taken back; "and ... too" keeps both',
    async () => {
      const bot = await testBot();
      const out = await converse(bot, [
        'resize web-staging-1 to m5.large',
        'actually make it m5.xlarge',
        'stop web-prod-1',
        'and web-prod-2 too',
      ]);
      expect((await bot.desk.get('req-0001'))?.state).toBe('cancelled');
      expect((await bot.desk.get('req-0002'))?.state).toBe('proposed');
      expect(out).toContain('Replaced by request req-0002, which alice asked for instead.');
      expect((await bot.desk.get('req-0003'))?.state).toBe('proposed');
      expect((await bot.desk.get('req-0004'))?.state).toBe('proposed');
      // The corrected card lost its buttons: nothing left to approve there.
      expect(out).toMatch(/Cancelled\nReplaced by request req-0002[^[]*instance_type: m5\.large[^[]*-- request req-0001 \|/);
      bot.close();
    },
  );

  it('"stop pg-main" is about the RDS database pg-instance-main1, though "stop" fits EC2 too', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop pg-main']);
    expect(out).toContain('Stop an RDS database instance');
    expect(out).toContain('pg-instance-main1');
    expect(out).not.toContain('EC2');
    bot.close();
  });

  it('out-of-scope text gets a short help answer; an impossible request is never turned into an action', async () => {
    const bot = await testBot();
    const out = await converse(bot, ["what's the weather like in Seattle?", 'delete the production database']);
    expect(out).toContain("That doesn't look like something I can do here. Type `help` to see what I can do.");
    expect(out).toContain('Nothing in my catalog can do "delete the production database", so I won\'t run something else in its place.');
    expect(out).not.toContain('== Plan');
    expect(await bot.desk.get('req-0002')).toBeUndefined();
    bot.close();
  });

  it('below the threshold it offers the nearest playbooks as buttons, and a click plans that one', async () => {
    const bot = await testBot({
      config: { sandbox: {}, intents: { threshold: 0.99 }, approval: { approvers: { demo: { console: ['bob'] } } } },
    });
    const out = await converse(bot, ['bounce web-prod-3', '1']);
    expect(out).toMatch(/I'm not sure what you want me to do\. Did you mean one of these\?\n\[1\] Reboot an EC2 instance/);
    expect(out).toMatch(/== Plan: Reboot an EC2 instance ==[\s\S]*instance: web-prod-3/);
    bot.close();
  });
});

describe('console conversation: Bedrock as the primary classifier (local HTTP stand-in)', () => {
  const saved = { ...process.env };
  let stub: ConverseStub;

  beforeEach(async () => {
    stub = new ConverseStub();
    process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = await stub.start();
    process.env.AWS_ACCESS_KEY_ID = 'AKIDEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'not-a-real-secret';
    process.env.AWS_REGION = 'us-east-1';
  });
  afterEach(async () => {
    process.env = { ...saved };
    await stub.stop();
  });

  const config = {
    sandbox: {},
    intents: { bedrock: { mode: 'primary', timeout: '2s', retries: 1 } },
    approval: { approvers: { demo: { console: ['bob'] } } },
  };

  it("uses the model's choice, then the same plan card and approval as ever", async () => {
    stub.reply({ tool: 'ec2-reboot-instance', input: { instance: 'kafka-broker-2' } });
    const bot = await testBot({ config, clock: new FakeClock() });
    const out = await converse(bot, ['the second kafka broker is wedged, can you give it a kick']);
    expect(out).toContain('== Plan: Reboot an EC2 instance ==');
    expect(out).toContain('instance: kafka-broker-2 (');
    expect(out).toContain('[1] Approve   [2] Reject');
    expect(stub.calls[0].body.system![0].text).not.toContain('kafka-broker-2');
    const understood = (await bot.audit.list({ requestId: 'req-0001' })).find((r) => r.kind === 'understood')!;
    expect(understood.data).toMatchObject({ playbook: 'ec2-reboot-instance', by: 'bedrock' });
    bot.close();
  });

  it('falls back to the local classifier when the model is throttled', async () => {
    stub.reply({ error: 'ThrottlingException', status: 429 });
    const bot = await testBot({ config });
    const out = await converse(bot, ['reboot kafka-broker-2']);
    expect(stub.calls).toHaveLength(2);
    expect(out).toContain('== Plan: Reboot an EC2 instance ==');
    expect((await bot.audit.list({ requestId: 'req-0001' })).find((r) => r.kind === 'understood')!.data).toMatchObject({ by: 'local' });
    bot.close();
  });
});
