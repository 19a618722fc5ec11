/**
 * Issue 18 round 9, end to end in the console: a state question said casually ("is X even running rn?") is answered
 * from the inventory, and a phone-typed reboot with no space after its comma ("…again,rebut it") becomes a plan card.
 */
import { FakeClock, converse, testBot } from '../helpers/bot';

describe('round 9 words in the console', () => {
  it('"is dev-scratch-2 even up rn?" is answered from the inventory, and plans nothing', async () => {
    const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
    const bot = await testBot({ clock });
    const out = await converse(bot, ['is dev-scratch-2 even up rn?', 'is web-prod-1 really running atm']);
    expect(out).toMatch(/No: dev-scratch-2 \(i-[0-9a-f]+, staging\/us-west-2\) is stopped\./);
    expect(out).toMatch(/Yes: web-prod-1 \(i-[0-9a-f]+, production\/us-west-2\) is running\./);
    expect(out).not.toContain('== Plan');
    expect(await bot.audit.list({ kinds: ['plan'] })).toHaveLength(0);
    bot.close();
  });

  it('"web-staging-1 is 502ing again,rebut it pls" plans the reboot of web-staging-1', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['web-staging-1 is 502ing again,rebut it pls']);
    expect(out).toContain('== Plan');
    expect(out).toMatch(/ec2-reboot-instance|Reboot an EC2 instance/);
    expect(out).toContain('web-staging-1');
    bot.close();
  });
});
