import { converse, testBot } from '../helpers/bot';

/**
 * A question about doing something is not a request to do it (qa18d found six of fifteen becoming cards that
 * waited for approval): no card, a note saying so, the action offered as a button. Polite requests stay requests.
 */
describe('questions about an action plan nothing', () => {
  const questions = [
    'can the search prod nodes be restarted safely?',
    'is it safe to terminate dev-scratch-2?',
    'does api-staging-1 need a reboot?',
    'how do i restart nginx on web-prod-1?',
    'what happens if you stop pg-staging',
    'would resizing grafana-prod help with the swapping?',
    'should we reboot web-prod-2?',
  ];

  it.each(questions)('"%s" gets no plan card, and says why', async (q) => {
    const bot = await testBot();
    try {
      const out = await converse(bot, [q]);
      expect(out).not.toContain('== Plan:');
      expect(out).toContain('That reads as a question about doing it, so I planned nothing.');
    } finally {
      bot.close();
    }
  });

  it.each(['can you reboot web-prod-2?', 'could we get api-staging-1 rebooted please', 'is it safe to reboot web-prod-2? if so go ahead'])(
    '"%s" is still a request: a plan card',
    async (q) => {
      const bot = await testBot();
      try {
        expect(await converse(bot, [q])).toContain('== Plan: Reboot an EC2 instance ==');
      } finally {
        bot.close();
      }
    },
  );
});
