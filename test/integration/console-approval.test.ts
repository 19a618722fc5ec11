import { converse, testBot } from '../helpers/bot';

describe('console conversation: stop an instance with approval', () => {
  it('plans, refuses the requester, runs on a second approver, and audits every step', async () => {
    const bot = await testBot();
    const before = bot.inventory.all('ec2-instance').find((r) => r.name === 'web-prod-1')!;
    expect(before.state).toBe('running');

    const out = await converse(bot, ['stop web-prod-1', '1', '/as bob', '1']);

    // The plan card: risk, resource, buttons.
    expect(out).toContain('== Plan: Stop an EC2 instance ==');
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain(`instance: web-prod-1 (${before.id})`);
    expect(out).toContain('[1] Approve   [2] Reject');
    // The requester's own click is refused, privately.
    expect(out).toMatch(/\(only alice sees this\)\nYou cannot do that: you asked for this change/);
    // Bob's click runs it; the card is updated with who approved and the result.
    expect(out).toContain('Approved by bob.');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is stopped/);

    const ec2 = bot.provider.ec2({ account: before.account, region: before.region });
    const now = await ec2.describeInstances({ InstanceIds: [before.id] });
    expect(now.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('stopped');

    const trail = await bot.audit.list({ requestId: 'req-0001' });
    const kinds = trail.map((r) => r.kind);
    expect(kinds).toEqual(['request', 'understood', 'plan', 'refusal', 'approval', 'execution-start', 'aws-call', 'result']);
    expect(trail.find((r) => r.kind === 'request')!.actor).toBe('console:alice');
    expect(trail.find((r) => r.kind === 'refusal')!.actor).toBe('console:alice');
    expect(trail.find((r) => r.kind === 'approval')!.actor).toBe('console:bob');
    expect(trail.find((r) => r.kind === 'result')!.data).toMatchObject({ ok: true });
    expect(await bot.audit.verify()).toEqual({ ok: true, records: trail.length });
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    bot.close();
  });

  it('a critical change approved by two people names both on the card, not only the last click', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['terminate web-prod-3', '/as bob', '1', '/as carol', '1']);
    expect(out).toContain('Needs 2 approvers from demo (not the requester).');
    expect(out).toContain('Approved by bob and carol. Running…');
    expect(out).toMatch(/Done\nApproved by bob and carol\.\nResult: i-[0-9a-f]+ is terminated/);
    expect(out).not.toContain('Approved by carol.');
    bot.close();
  });

  it("a low-risk card's Run: someone who is neither the requester nor an approver is refused; the requester runs it", async () => {
    const bot = await testBot({ config: { sandbox: {}, approval: { approvers: { demo: { console: ['carol'] } } } } });
    const out = await converse(bot, ['snapshot kafka-staging-1', '/as bob', '1', '/as alice', '1']);
    expect(out).toContain('[1] Run   [2] Cancel');
    expect(out).toContain('No approval needed at this risk level: the requester confirms with Run (an approver may too; nobody else).');
    expect(out).toMatch(/bob> 1\n\(only bob sees this\)\nYou cannot do that: you are not an approver/);
    expect((await bot.audit.list({ requestId: 'req-0001', kinds: ['refusal'] })).map((r) => r.actor)).toEqual(['console:bob']);
    expect((await bot.audit.list({ requestId: 'req-0001', kinds: ['execution-start'] })).map((r) => r.actor)).toEqual(['console:alice']);
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    bot.close();
  });

  it('a click from someone who is not an approver is refused and nothing runs', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-prod-2', '/as mallory', '1']);
    expect(out).toContain('(only mallory sees this)');
    expect(out).toContain('you are not an approver');
    const r = bot.inventory.all('ec2-instance').find((x) => x.name === 'web-prod-2')!;
    const now = await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] });
    expect(now.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
    expect((await bot.desk.get('req-0001'))!.state).toBe('proposed');
    bot.close();
  });
});
