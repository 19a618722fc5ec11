import { converse, testBot } from '../helpers/bot';

/**
 * Issue 18, round 5: a request told inside a story plans what it asks for, on the resource the story names; the
 * story's words (a thing no playbook acts on, a past event) do not veto it. A second request, for something the bot
 * does not do, is still refused; a question about doing it after a story gets no card.
 */
describe('the request clause, through the console', () => {
  it('a request inside a story gets its plan card, on the resource the story names', async () => {
    const bot = await testBot();
    try {
      const out = await converse(bot, [
        'web-prod-2 fell over again right after the release, the dashboard is all red; could someone reboot it?',
      ]);
      expect(out).toContain('== Plan: Reboot an EC2 instance ==');
      expect(out).toContain('web-prod-2');
      expect(out).not.toContain('Nothing in my catalog can do');
    } finally {
      bot.close();
    }
  });

  it('a second request for something the bot does not do is refused, not dropped', async () => {
    const bot = await testBot();
    try {
      const out = await converse(bot, ['web-prod-2 is acting up, reboot it, and the old release bucket can go too']);
      expect(out).not.toContain('== Plan:');
      expect(out).toContain('Nothing in my catalog can do');
    } finally {
      bot.close();
    }
  });

  it('a question about doing it, after the story, gets no card', async () => {
    const bot = await testBot();
    try {
      const out = await converse(bot, ['web-prod-2 has been flaky since the release went out, does it need a reboot?']);
      expect(out).not.toContain('== Plan:');
      expect(out).toContain('That reads as a question about doing it, so I planned nothing.');
    } finally {
      bot.close();
    }
  });
});
