/**
 * Lists that mix kinds, and counts, through the console adapter (issue 18 item 3): "reboot orders-db and
 * web-prod-1" names a database and an instance; no playbook takes both, so nothing is planned and the
 * answer says which is which and how to split it (no member silently dropped). "reboot 30 web servers"
 * plans only when exactly that many match.
 */
import type { Bot } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

describe('mixed-kind lists and counts in the console', () => {
  let bot: Bot;
  afterEach(() => bot.close());

  it('"reboot orders-db and web-prod-1": says which is a database and which an instance, plans neither, suggests the split', async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot orders-db and web-prod-1']);
    expect(out).toContain('These cannot go in one plan: orders-db is an RDS instance; web-prod-1 is an EC2 instance');
    expect(out).toContain('"Reboot an RDS database instance" for orders-db, then "Reboot an EC2 instance" for web-prod-1');
    expect(out).not.toContain('== Plan:');
    expect(out).not.toContain('Approve');
    expect(await bot.desk.get('req-0001')).toBeUndefined();
  });

  it('three names of two kinds: the two instances are grouped apart from the database', async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot kafka-broker-1, web-prod-1 and orders-db']);
    expect(out).toContain('kafka-broker-1, web-prod-1 are EC2 instances; orders-db is an RDS instance');
    expect(out).toContain('"Reboot an EC2 instance" for kafka-broker-1, web-prod-1');
    expect(out).not.toContain('== Plan:');
  });

  it('"restart web-prod-1 and the checkout service": the ECS service is listed beside the instance, not restarted on it', async () => {
    bot = await testBot();
    const out = await converse(bot, ['restart web-prod-1 and the checkout service']);
    expect(out).toContain('web-prod-1 is an EC2 instance; checkout is an ECS service');
    expect(out).toContain('"Restart an ECS service" for checkout');
    expect(out).not.toContain('Restart a service on an instance ==');
  });

  it('"snapshot orders-db and web-prod-1": a playbook that takes any resource (deleting a snapshot) is never the stand-in', async () => {
    bot = await testBot();
    const out = await converse(bot, ['snapshot orders-db and web-prod-1']);
    expect(out).not.toContain('Delete');
    expect(out).toContain(
      '"Take a manual snapshot of an RDS database" for orders-db, then "Snapshot the EBS volumes of an EC2 instance" for web-prod-1',
    );
  });

  it("a list whose names are all of one other kind plans that kind's playbook over all of them", async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot orders-db and pg-staging']);
    expect(out).toContain('== Plan: Reboot an RDS database instance ==');
    expect(out).toMatch(/2 resources \(orders-db, pg-staging\); this approval covers exactly these:/);
  });

  it('"reboot 30 web servers": says how many match and plans nothing; "reboot 3 kafka brokers" plans the three', async () => {
    bot = await testBot();
    const out = await converse(bot, ['reboot 30 web servers', 'reboot 3 kafka brokers']);
    const [, thirty] = out.split('alice> ');
    expect(thirty).not.toContain('Approve');
    expect(out).toMatch(/You asked for 30, but 8 match names starting web: web-prod-1, web-prod-2, .*web-staging-2\. I planned none/);
    expect(out).toMatch(
      new RegExp(
        String.raw`3 resources \(names starting kafka-broker\); this approval covers exactly these:` +
          String.raw`\n1\. kafka-broker-1 .*\n2\. kafka-broker-2 .*\n3\. kafka-broker-3 `,
      ),
    );
  });
});
