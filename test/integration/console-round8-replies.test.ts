/**
 * Issue 18, round 8: a reply to "which one did you mean?" typed instead of clicked, over the console adapter. The reply
 * names one of the card's choices: by its place on the card, its environment, or its name.
 */
import { converse, testBot } from '../helpers/bot';

const PROD = /instance: worker-a-1 \(i-09f1772c625ac00bd\)/;
const STAGING = /instance: worker-a-1 \(i-0be6f9a7e1318faf8\)/;

describe('console: a typed reply answers the which-one question', () => {
  it.each([
    ['the second one', STAGING],
    ['2nd one pls', STAGING],
    ['the last one', STAGING],
    ['first', PROD],
    ['staging', STAGING],
    ['the production one', PROD],
    ['ok the one in the staging account', STAGING],
  ])('"reboot worker-a-1", then "%s"', async (reply, chosen) => {
    const bot = await testBot();
    const out = await converse(bot, ['reboot worker-a-1', reply]);
    expect(out).toContain('== Which one did you mean by "worker-a-1"? ==');
    const after = out.split(`alice> ${reply}`)[1];
    expect(after).toContain('== Plan: Reboot an EC2 instance ==');
    expect(after).toMatch(chosen);
    bot.close();
  });

  it('a name typed as the reply ("web-staging-2 then") is that choice', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['reboot the web staging box', 'web-staging-2 then']);
    expect(out).toContain('== Which one did you mean by "web staging"? ==');
    expect(out.split('alice> web-staging-2 then')[1]).toMatch(/instance: web-staging-2 \(i-/);
    bot.close();
  });

  it('a reply naming none of the choices is no choice: "the third one" of two, "us-east-1", a new request', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['reboot worker-a-1', 'the third one', 'us-east-1', 'stop web-prod-2 instead']);
    const [, , third, east, stop] = out.split(/alice> /);
    expect(third).not.toContain('== Plan:');
    expect(east).not.toMatch(/instance: worker-a-1/);
    expect(stop).toContain('== Plan: Stop an EC2 instance ==');
    expect(stop).toMatch(/instance: web-prod-2 \(/);
    bot.close();
  });
});
