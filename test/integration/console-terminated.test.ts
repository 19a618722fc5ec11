import { converse, FakeClock, testBot } from '../helpers/bot';
import { collectTaggable } from '../../src/digests/tagging/taggable';

/** After a terminate runs, the instance is gone for the bot at once: not a match, not a candidate, not counted. */
describe('console conversation: a terminated instance', () => {
  it('never resolves again, is said to be terminated (and when), is no candidate, and leaves the tagging digest', async () => {
    const bot = await testBot({ clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    const target = bot.inventory.all('ec2-instance').find((r) => r.name === 'web-staging-2')!;
    const out = await converse(bot, ['terminate web-staging-2', '/as bob', '1', '/as carol', '1']);
    expect(out).toContain('== Plan: Terminate an EC2 instance ==');
    expect(out).toMatch(/Result: .*terminated/);
    expect((await bot.desk.get('req-0001'))!.state).toBe('succeeded');

    // AWS (and the sandbox) keep listing it, terminated, for a while.
    const listed = await bot.provider.ec2(target).describeInstances({ InstanceIds: [target.id] });
    expect(listed.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('terminated');

    const after = await converse(bot, ['stop web-staging-2', 'reboot web-staging', `start ${target.id}`]);
    expect(after).toContain(
      `The EC2 instance "web-staging-2" (${target.id}, staging/us-west-2) was terminated ` +
        `at 2026-11-22 09:00 UTC; there is nothing left to act on.`,
    );
    expect(after.match(/was terminated at 2026-11-22 09:00 UTC/g)).toHaveLength(2); // by name and by id
    expect(after).not.toContain('Which one did you mean');
    expect(after).toMatch(/instance: web-staging-1 \(/);
    expect(after).not.toMatch(/instance: web-staging-2/);
    expect(bot.inventory.all().some((r) => r.id === target.id)).toBe(false);

    const taggable = await collectTaggable(bot.provider, bot.inventory);
    expect(taggable.resources.some((r) => r.id === target.id || r.key.endsWith(target.id))).toBe(false);
    bot.close();
  });
});
