/**
 * Words that are also the inventory's names (issue 18): "checkout" is an ECS service and a word the
 * classifier learnt from the ECS playbooks' examples; "search" starts search-prod-1 and search-prod-2 and is
 * also the find verb. Where such a word stands like a name, the set is the resources it names, not
 * "everything in prod".
 */
import type { Bot } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

describe('a learnt word that is the inventory name is read as the name', () => {
  let bot: Bot;
  afterEach(() => bot.close());

  it('"reboot all the search prod nodes" plans the two search-prod instances, not everything in prod', async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot all the search prod nodes']);
    expect(out).toContain('== Plan: Reboot an EC2 instance ==');
    expect(out).toContain('2 resources (names starting search-prod); this approval covers exactly these:');
    expect(out).toMatch(/1\. search-prod-1 \(i-[0-9a-f]+\)[\s\S]*2\. search-prod-2 \(i-/);
    expect(out).not.toContain('everything in prod');
  });

  it('the verb keeps its meaning where no name follows it: "search for kafka" still finds', async () => {
    bot = await testBot();
    const out = await converse(bot, ['search for kafka']);
    expect(out).toMatch(/kafka-broker-1/);
    expect(out).not.toContain('== Plan:');
  });

  it('a task count is not many services: "scale the search-api service to 5 tasks" plans one service', async () => {
    bot = await testBot();
    const out = await converse(bot, ['scale the search-api service to 5 tasks']);
    expect(out).toContain('== Plan: Scale an ECS service ==');
    expect(out).not.toContain('resources (');
  });

  it('a spaced name may open the request though its first word is a verb: "search prod 1 is out of room"', async () => {
    bot = await testBot();
    const out = await converse(bot, ['search prod 1 is out of room']);
    expect(out).toContain('== Plan: Free disk space on an instance ==');
    expect(out).toContain('search-prod-1');
  });
});
