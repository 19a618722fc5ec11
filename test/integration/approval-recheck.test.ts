import { SandboxEc2 } from '../../src/cloud/sandbox/SandboxEc2';
import type { Bot } from '../../src/main';
import { FakeClock, testBot } from '../helpers/bot';
import { click, person, RecordingSink, say } from '../helpers/sink';

const alice = person('alice');
const bob = person('bob');

function find(bot: Bot, name: string) {
  return bot.inventory.all('ec2-instance').find((x) => x.name === name)!;
}

/** At approval time the bot re-reads the resources; a changed fact refreshes the card and asks again. */
describe('re-check at approval time', () => {
  let spy: jest.SpyInstance;
  beforeEach(() => (spy = jest.spyOn(SandboxEc2.prototype, 'stopInstances')));
  afterEach(() => spy.mockRestore());
  const realStops = () => spy.mock.calls.filter(([i]) => !i.DryRun).length;

  it('an instance someone stopped meanwhile: the card turns blocked, nothing runs', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    const r = find(bot, 'web-prod-1');
    await bot.provider.ec2(r).stopInstances({ InstanceIds: [r.id] }); // someone else, outside the bot
    spy.mockClear();

    await bot.conversation.handle(click(bob, card), sink);
    expect(realStops()).toBe(0);
    const refreshed = sink.latest(card.ref);
    expect(refreshed.header).toBe('Cannot run: Stop an EC2 instance');
    expect(refreshed.buttons).toEqual([]);
    expect(refreshed.text).toContain('web-prod-1 is now stopped (was running)');
    // A blocked card says why it cannot run, and shows no risk level as if it could.
    expect(refreshed.text).toContain('• web-prod-1 is stopped; ec2-stop-instance needs it running or pending, so it cannot run now');
    expect(refreshed.risk).toBeUndefined();
    expect(sink.whispersTo('bob')[0]).toMatch(/^Nothing was run: The facts changed/);
    expect(
      sink.posts.some((p) => p.ref.place.thread === card.ref.id && /The plan is blocked; nothing was run/.test(p.message.text ?? '')),
    ).toBe(true);
    const rec = (await bot.desk.get('req-0001'))!;
    expect(rec.state).toBe('proposed');
    expect(rec.revision).toBe(1);
    expect(rec.plan.risk.blocked).toBe(true);
    const revision = await bot.audit.list({ requestId: 'req-0001', kinds: ['revision'] });
    expect(revision).toHaveLength(1);
    expect(revision[0].actor).toBe('console:bob');
    bot.close();
  });

  it('a tag that raises the risk: approval is asked again, old-card clicks count for nothing, the new card runs', async () => {
    const config = { sandbox: {}, approval: { approvers: { demo: { console: ['bob', 'carol'] } }, levels: { high: { approvers: 2 } } } };
    const bot = await testBot({ config });
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-staging-1'), sink);
    const card = sink.planCard();
    expect(card.message.risk?.level).toBe('medium');
    const r = find(bot, 'web-staging-1');
    await bot.provider.ec2(r).createTags({ Resources: [r.id], Tags: [{ Key: 'environment', Value: 'production' }] });

    await bot.conversation.handle(click(bob, card), sink);
    expect(realStops()).toBe(0);
    const refreshed = sink.latest(card.ref);
    expect(refreshed.risk?.level).toBe('high');
    expect(refreshed.text).toContain('risk is now high (was medium)');
    expect(refreshed.text).toContain('Needs 2 approvers');
    expect(refreshed.buttons?.[0].value).toBe('req-0001#1');

    // A click that was already on its way from the old card is not counted for the new plan.
    await bot.conversation.handle(click(person('carol'), card), sink);
    expect(sink.whispersTo('carol')).toEqual([expect.stringContaining('The plan changed since that card was shown')]);
    expect((await bot.desk.get('req-0001'))!.approvals).toEqual([]);

    await bot.conversation.handle(click(bob, refreshed, 'approve', card.ref), sink);
    expect(realStops()).toBe(0);
    await bot.conversation.handle(click(person('carol'), refreshed, 'approve', card.ref), sink);
    expect(realStops()).toBe(1);
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');
    bot.close();
  });

  it('a change freeze that starts between the request and the approval raises the plan (time from the injected clock)', async () => {
    const clock = new FakeClock(new Date('2026-12-19T23:40:00Z'));
    const config = {
      sandbox: {},
      approval: { approvers: { demo: { console: ['bob', 'carol'] } } },
      risk: { freezes: [{ name: 'year-end', from: '2026-12-20', to: '2027-01-04' }] },
    };
    const bot = await testBot({ config, clock });
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-staging-2'), sink);
    const card = sink.planCard();
    expect(card.message.risk).toEqual({ level: 'medium', reasons: [] });
    clock.advance(30 * 60_000);
    await bot.conversation.handle(click(bob, card), sink);
    const refreshed = sink.latest(card.ref);
    expect(refreshed.risk).toEqual({ level: 'critical', reasons: ['change freeze "year-end" is in force (2026-12-20 to 2027-01-04)'] });
    expect(realStops()).toBe(0);
    bot.close();
  });

  it('nothing changed: the approval runs at once, on the freshly read resource', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-2'), sink);
    await bot.conversation.handle(click(bob, sink.planCard()), sink);
    expect(realStops()).toBe(1);
    expect(await bot.audit.list({ requestId: 'req-0001', kinds: ['revision'] })).toEqual([]);
    bot.close();
  });
});
