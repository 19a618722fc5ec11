/**
 * Issue 18, round 9: names as typed on a phone and described, over the console adapter on the demo estate: a place said
 * as a country, an environment said before a service, a possessive, a name then what it is doing.
 */
import { converse, testBot } from '../helpers/bot';

describe('console: names as typed on a phone (round 9)', () => {
  it.each([
    ['reboot the irish bastion pls', 'Reboot an EC2 instance', /instance: bastion-eu \(i-/],
    ['restart the staging checkout service', 'Restart an ECS service', /service: checkout-staging\b/],
    ["snapshot the eu bastion's volumes before patching", 'Snapshot', /instance: bastion-eu \(i-/],
    ['checkout serving stale config,can u restart the ecs service', 'Restart an ECS service', /service: checkout\b(?!-)/],
  ])('"%s" plans on the resource meant', async (text, title, resource) => {
    const bot = await testBot();
    const out = await converse(bot, [text]);
    expect(out).toContain(`== Plan: ${title}`);
    expect(out).toMatch(resource);
    bot.close();
  });

  it('a place with nothing there plans on no other resource ("reboot the bastion in us east")', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['reboot the bastion in us east']);
    expect(out).not.toMatch(/instance: bastion-(?:eu|prod) \(i-/);
    bot.close();
  });
});
