import { resolve } from 'node:path';
import { converse, testBot } from '../helpers/bot';

const fixture = (name: string) => resolve(__dirname, '../fixtures/estates', name);

/** Requests naming something that is not quite there: the bot says so; it never plans on a look-alike. */
describe('console conversation: names that do not quite exist', () => {
  it('"delete old-kafka-data-2" (a volume) never becomes a plan to terminate the production broker kafka-broker-2', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['delete old-kafka-data-2', 'upgrade orders-db to db.r6g.2xlarge']);
    // Round 10: the name decides the kind: the volume's own deletion (snapshot first), never an instance's termination.
    expect(out).toContain('== Plan: Delete an unattached EBS volume (snapshot first) ==');
    expect(out).not.toContain('kafka-broker-2');
    expect(out).not.toContain('Terminate an EC2 instance');
    // An RDS instance class is no EC2 instance type: no EC2 resize card at all, and the answer says what was asked.
    expect(out).toContain('Nothing in my catalog changes an RDS instance class (db.r6g.2xlarge)');
    expect(out).not.toContain('Change an EC2 instance type');
    expect((await bot.desk.get('req-0001'))?.state).toBe('proposed');
    expect(await bot.desk.get('req-0002')).toBeUndefined();
    bot.close();
  });

  it(
    '"stop billing" (one EC2 look-alike, two equally close databases) asks among the ' + 'databases and keeps the EC2 plan one click away',
    async () => {
      const bot = await testBot();
      const out = await converse(bot, ['stop billing']);
      expect(out).not.toContain('== Plan');
      expect(out).toContain('== Which one did you mean by "billing"? ==');
      expect(out).toContain('(or, if you meant another kind: Stop an EC2 instance)');
      expect(out).toMatch(
        /\[1\] billing-db-prod \(production\/us-west-2\)\s+\[2\] billing-db-staging \(staging\/us-east-1\)\s+\[3\] Stop an EC2 instance/,
      );
      expect(await bot.desk.get('req-0001')).toBeUndefined();
      const picked = await converse(bot, ['stop billing', '3']);
      expect(picked).toContain('== Plan: Stop an EC2 instance ==');
      expect(picked).toContain('instance: billing-worker-staging');
      bot.close();
    },
  );

  it('"stop web-prod-east-3" is not web-prod-3 in another region; a name matched by its words says so on the card', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['stop web-prod-east-3', 'stop billing-mysql-prod', 'reboot analytics-aurora']);
    expect(out).toContain(
      'I could not find an EC2 instance called "web-prod-east-3". Nearest names: web-prod-3, web-prod-east-1, web-prod-east-2.',
    );
    expect(out).toMatch(
      new RegExp(
        String.raw`== Plan: Stop an RDS database instance ==\n.*\nWaiting for ` +
          String.raw`approval\n"billing-mysql-prod" is not an exact name; it matched billing-db-prod\. ` +
          String.raw`Check that it is the one you mean\.`,
      ),
    );
    expect(out).toContain(
      '"analytics-aurora" is an RDS cluster, not an RDS instance: "Reboot an RDS database ' +
        'instance" cannot act on it. RDS instances with a similar name: analytics-aurora-1, ' +
        'analytics-aurora-2.',
    );
    bot.close();
  });

  it('another number is another machine: "start ml-train-2" is not ml-train-1, "stop web-prod-9" is none of web-prod-1..3', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['start ml-train-2', 'stop web-prod-9']);
    expect(out).not.toContain('== Plan');
    expect(out).not.toContain('Which one did you mean');
    expect(out).toContain('I could not find an EC2 instance called "ml-train-2". Nearest names: ml-train-1.');
    expect(out).toContain('I could not find an EC2 instance called "web-prod-9". Nearest names: web-prod-1, web-prod-2, web-prod-3.');
    expect(out).toContain('`find <part of the name>` lists what exists');
    bot.close();
  });

  it('the shared prefix of two running instances asks which one; a database that merely shares a word is never planned on', async () => {
    const bot = await testBot({ estate: fixture('shared-prefix.yaml') });
    const out = await converse(bot, ['stop batch-stg', 'reboot the batch stg', 'stop pg-batch-stg']);
    expect(out).toContain('== Which one did you mean by "batch-stg"? ==');
    expect(out).toContain('== Which one did you mean by "batch stg"? ==');
    expect(out).toMatch(/\[1\] batch-stg-1 \(staging\/us-west-2\)\s+\[2\] batch-stg-2 \(staging\/us-west-2\)/);
    // Only the database's exact name plans on the database.
    expect(out.match(/== Plan: [^=]+ ==/g)).toEqual(['== Plan: Stop an RDS database instance ==']);
    expect(out).toContain('db: pg-batch-stg');
    bot.close();
  });

  it('on the demo estate, "dev-scratch" (two EC2 instances, one RDS database pg-dev-scratch) never becomes an RDS plan', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['terminate dev-scratch', 'stop dev-scratch', 'reboot dev-scratch', 'start dev-scratch']);
    expect(out).not.toContain('RDS database');
    expect(out).not.toContain('pg-dev-scratch');
    expect(out).toContain('== Which one did you mean by "dev-scratch"? ==');
    // Where only one of the two is in a state the action needs, that one is planned, and the card says it was not an exact name.
    expect(out.match(/"dev-scratch" is not an exact name; it matched dev-scratch-1\./g)).toHaveLength(2);
    expect(out).toContain('"dev-scratch" is not an exact name; it matched dev-scratch-2.');
    bot.close();
  });
});
