import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { converse, FakeClock, testBot } from '../helpers/bot';

/** QA of issue 18 round 8 (qa 18f), through the console. */
describe('the week so far on a Monday is today (qa 18f)', () => {
  // Monday 7 December 2026: "this week" is 7-7 Dec. It was refused as "has not happened yet"; Cost Explorer
  // answers for today (End exclusive, tomorrow), the figures estimated.
  const monday = () => new FakeClock(new Date('2026-12-07T09:41:00Z'));

  it('a cost report for a period that starts today reports today so far', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: monday() });
    try {
      const m = await bot.digests.costReport({ period: '2026-12-07..2026-12-07' });
      expect(m.text ?? '').not.toContain('has not happened yet');
      expect(m.header).toMatch(/today so far/);
      expect((await bot.digests.costReport({ period: '2026-12-08..2026-12-08' })).text).toContain('has not happened yet');
    } finally {
      bot.close();
    }
  });

  it('"what did we spend this week" on a Monday is answered', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: monday() });
    try {
      const out = await converse(bot, ['what did we spend this week']);
      expect(out).not.toContain('has not happened yet');
      expect(out).toMatch(/Total: \$[\d,.]+/);
    } finally {
      bot.close();
    }
  });
});
