/**
 * A list where one name is a word the classifier learnt ("checkout", an ECS service in the demo estate) and
 * the other a name it reads ("search-api"): the plan must not act on one and leave the other out without a
 * word (issue 18: "a request naming two resources ... drops one"). Nothing is planned; the answer names both.
 */
import type { Bot } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

describe('a listed name the words did not read is never silently left out', () => {
  let bot: Bot;
  afterEach(() => bot.close());

  it.each([
    ['restart checkout and search-api ecs services', 'search-api', 'Restart an ECS service'],
    ['restart the checkout and search-api services', 'search-api', 'Restart an ECS service'],
    ['stop ml-train-1 and the checkout service', 'ml-train-1', 'Stop an EC2 instance'],
  ])('"%s": names checkout beside %s and plans nothing', async (text, planned, title) => {
    bot = await testBot();
    const out = await converse(bot, [text]);
    expect(out).toContain(
      `You listed checkout (an ECS service) beside ${planned}, but I could read only ${planned} as what "${title}" acts on, ` +
        'so I planned nothing rather than leave checkout out. Ask for each on its own.',
    );
    expect(out).not.toContain('== Plan:');
    expect(await bot.desk.get('req-0001')).toBeUndefined();
  });

  it('a list it reads whole still plans one approval over both, and a sentence with "and" that lists nothing plans as before', async () => {
    bot = await testBot();
    const out = await converse(bot, ['stop web-prod-1 and web-prod-2', 'reboot web-prod-1 and tell me when it is back']);
    expect(out).toContain('== Plan: Stop an EC2 instance ==');
    expect(out).toMatch(/web-prod-1[\s\S]*web-prod-2/);
    expect(out).toContain('== Plan: Reboot an EC2 instance ==');
    expect(out).not.toContain('You listed');
  });
});
