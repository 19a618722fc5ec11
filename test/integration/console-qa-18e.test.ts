import { converse, testBot } from '../helpers/bot';

/**
 * QA of issue 18, round 5 (fresh eyes): which resource "it" is, told in a story, on the demo estate. Sentences of the
 * tester's own.
 */
describe('what "it" is, through the console (qa 18e)', () => {
  it('a story naming two resources of kinds the action takes asks which, not the first one told', async () => {
    const bot = await testBot();
    try {
      for (const text of [
        // It planned an RDS reboot of pg-staging: the one that broke is web-staging-1.
        'after we patched pg-staging the app on web-staging-1 broke, restart it',
        'since pg-staging was patched web-staging-1 is flaky, reboot it',
      ]) {
        const out = await converse(bot, [text]);
        expect(out).not.toContain('== Plan:');
        expect(out).toContain('I cannot tell which one "it" is');
      }
    } finally {
      bot.close();
    }
  });

  it('one left out in words, or one the action cannot take, still plans the other', async () => {
    const bot = await testBot();
    try {
      const fine = await converse(bot, ['web-prod-1 is fine but web-prod-2 is slow, reboot it']);
      expect(fine).toContain('== Plan: Reboot an EC2 instance ==');
      expect(fine).toContain('web-prod-2');
      // The kind said with the pronoun leaves one: "the instance" of an EC2 instance and an RDS database.
      const instance = await converse(bot, ['web-prod-1 timed out talking to orders-db, reboot the instance']);
      expect(instance).toContain('== Plan: Reboot an EC2 instance ==');
      expect(instance).toContain('web-prod-1 (i-');
      const lambda = await converse(bot, ['image-resizer is hammering orders-db, throttle it']);
      expect(lambda).toContain('== Plan:');
      expect(lambda).toContain('image-resizer');
    } finally {
      bot.close();
    }
  });

  it('a ticket id is no resource: "it" is the one the ticket tells of', async () => {
    const bot = await testBot();
    try {
      const out = await converse(bot, ['ticket INC-4411 says jenkins-ci is wedged, reboot it please']);
      expect(out).toMatch(/== (?:Plan|Cannot run): Reboot an EC2 instance ==/);
      expect(out).toContain('jenkins-ci (i-');
      expect(out).not.toContain('inc-4411');
    } finally {
      bot.close();
    }
  });

  it('"the build" is a CI build, not build-runner-7; "the build runner" is the machine', async () => {
    const bot = await testBot();
    try {
      const red = await converse(bot, ['the build is red since lunch, could someone restart it']);
      expect(red).not.toMatch(/== (?:Plan|Cannot run):/);
      expect(red).not.toContain('build-runner-7');
      const runner = await converse(bot, ['the build runner is stuck, reboot it']);
      expect(runner).toMatch(/== (?:Plan|Cannot run): Reboot an EC2 instance ==/);
      expect(runner).toContain('build-runner-7');
    } finally {
      bot.close();
    }
  });
});
