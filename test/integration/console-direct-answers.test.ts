/**
 * Direct questions are answered from the inventory, with its age, not offered as buttons (issue 18 item 3).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock, converse, testBot } from '../helpers/bot';
import { ROOT, tempDir } from '../helpers/cli';

describe('direct answers in the console', () => {
  it(
    '"is web-prod-1 running?", "what\'s running in staging?", "who owns …?" are answered ' +
      "in words with the inventory's age, and plan nothing",
    async () => {
      const clock = new FakeClock(new Date('2026-11-22T09:00:00Z'));
      const bot = await testBot({ clock });
      clock.advance(5 * 60_000);
      const out = await converse(bot, [
        'is web-prod-1 running?',
        'is dev-scratch-2 up?',
        "what's running in staging?",
        'who owns kafka-broker-1?',
        'who owns grafana?',
      ]);
      expect(out).toMatch(
        new RegExp(
          String.raw`alice> is web-prod-1 running\?\nYes: web-prod-1 \(i-[0-9a-f]+, ` +
            String.raw`production\/us-west-2\) is running\.\n {2}-- Inventory as of 2026-11-22 09:00 UTC ` +
            String.raw`\(5 min ago\)\.`,
        ),
      );
      expect(out).toMatch(/No: dev-scratch-2 \(i-[0-9a-f]+, staging\/us-west-2\) is stopped\./);
      expect(out).toMatch(/\d+ running in staging:\nEC2 instances \(\d+\): api-staging-1 us-west-2, /);
      expect(out).toContain(
        'RDS instances (4): billing-db-staging us-east-1, mssql-staging us-west-2, mysql-staging us-west-2, pg-staging us-west-2',
      );
      expect(out).not.toMatch(/running in staging:[^\n]*\n[^\n]*web-prod-1/);
      expect(out).toMatch(/kafka-broker-1 \(i-[0-9a-f]+, production\/us-west-2\) is owned by data \(tag owner=data\)\./);
      expect(out).toMatch(
        /grafana-prod \(i-[0-9a-f]+, production\/us-west-2\) has no owner tag \(its tags: Name=grafana-prod, environment=production\)\./,
      );
      // Answers, not plans or buttons.
      expect(out).not.toContain('== Plan');
      expect(out).not.toMatch(/\[1\]/);
      expect(await bot.audit.list({ kinds: ['plan'] })).toHaveLength(0);
      expect((await bot.audit.list({ kinds: ['understood'] })).map((r) => r.data.command)).toContain('is web-prod-1 running?');
      bot.close();
    },
  );

  it('"when was orders-db last snapshotted?" reads its snapshots from AWS: none at first, the one the bot made after', async () => {
    const bot = await testBot({ config: { sandbox: {}, approval: { approvers: { demo: { console: ['carol'] } } } } });
    const before = await converse(bot, ['when was orders-db last snapshotted?']);
    expect(before).toContain('No snapshot of orders-db (production/us-west-2) was found (read from AWS just now).');
    const made = await converse(bot, [
      'snapshot orders-db',
      '/as carol',
      '1',
      '/as alice',
      'when was orders-db last snapshotted?',
      "what's the last backup of orders-db?",
    ]);
    expect(made).toMatch(/== Done: Take a manual snapshot/);
    const answers = made.match(
      new RegExp(
        String.raw`orders-db \(production\/us-west-2\) was last snapshotted \d{4}-\d\d-\d\d \d\d:\d\d ` +
          String.raw`UTC \([^)]+\): [\w-]+, (available|creating)\. Read from AWS just now\.`,
        'g',
      ),
    );
    expect(answers).toHaveLength(2);
    bot.close();
  });

  it('"whats running in prod east", "is the checkout service healthy", "how many instances in eu-west-1" are answered too', async () => {
    const bot = await testBot();
    const out = await converse(bot, [
      'whats running in prod east',
      'is the checkout service healthy',
      'is search-api healthy?',
      'how many instances in eu-west-1',
      'how many servers are running in prod',
      'how many dbs do we have in staging?',
    ]);
    // Production and us-east-1 both: nothing from staging, nothing from us-west-2.
    expect(out).toMatch(/\d+ running in prod east \(us-east-1\):\n/);
    expect(out).toMatch(/EC2 instances \(\d+\): [^\n]*web-prod-east-1 us-east-1/);
    expect(out).not.toMatch(/running in prod east[^\n]*\n[^\n]*(?:search-staging-1|web-prod-1 )/);
    // An ECS service is healthy when every task it wants runs, not because its state is "active".
    expect(out).toMatch(/Yes: checkout \(arn:aws:ecs:[^)]+\) is active, (\d+) of \1 tasks running\./);
    // search-api is "active" too, but one of its three tasks is not running.
    expect(out).toMatch(/No: search-api \(arn:aws:ecs:[^)]+\) is active, 2 of 3 tasks running\./);
    expect(out).toMatch(/\b4 EC2 instances in eu-west-1: 4 running\./);
    expect(out).toMatch(/\d+ EC2 instances running in prod\./);
    expect(out).toMatch(/5 RDS instances in staging: 4 available, 1 stopped\./);
    expect(out).not.toContain('== Plan');
    expect(await bot.audit.list({ kinds: ['plan'] })).toHaveLength(0);
    bot.close();
  });

  it('counts with a state ("any dbs down in staging?") count only kinds that run, and follow no earlier request (qa18c)', async () => {
    const bot = await testBot();
    const out = await converse(bot, [
      'reboot web-prod-2',
      'any dbs down in staging?',
      'how many resources are stopped in staging',
      'how many stopped instances are there',
      'anything up in us east?',
    ]);
    // Not a follow-up of the reboot ("i-… in staging"): a count of the one stopped staging database.
    expect(out).toContain('alice> any dbs down in staging?\n1 RDS instance stopped in staging.');
    // A bucket ("private") or an Auto Scaling group ("active") is never counted as stopped.
    expect(out).toMatch(/4 resources not up in staging:\nEC2 instances: 3 \(3 stopped\)\nRDS instances: 1 \(1 stopped\)\n/);
    expect(out).toContain('4 EC2 instances stopped.');
    expect(out).toMatch(/\d+ running in us-east \(us-east-1\):\n/);
    expect((await bot.audit.list({ kinds: ['plan'] })).map((r) => r.data.playbook ?? r.data)).toHaveLength(1);
    bot.close();
  });

  it('a place that is no account is said so, and a long name is not echoed back whole (qa18c)', async () => {
    const bot = await testBot();
    const long = `web${'-prod'.repeat(2000)}`;
    const out = await converse(bot, [
      'how many instances in narnia',
      'whats running in narnia?',
      `who owns x${'y'.repeat(5000)}`,
      `is ${long} up?`,
      'is acme-prod-logs up?',
    ]);
    // A bucket is neither up nor down: no "No: … is public".
    expect(out).toMatch(/\nacme-prod-logs \([^)]*\) is public \(a bucket is not running or stopped; this is who can read it\)\./);
    expect(out).not.toContain('No instances in account narnia');
    expect(out).not.toContain('Nothing is running in account narnia');
    expect(out).toMatch(
      /I know no account, environment or region called "narnia"\. [^\n]*production \(111111111111\), staging \(222222222222\)/,
    );
    const answers = out.split('\n').filter((l) => !l.startsWith('alice>'));
    expect(Math.max(...answers.map((l) => l.length))).toBeLessThan(400);
    expect(await bot.audit.list({ kinds: ['plan'] })).toHaveLength(0);
    bot.close();
  });

  it('a question that also asks for an action is a request, and a name it does not know is said so', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['is web-prod-1 running? stop it', 'who owns zzz-nothing-here?']);
    expect(out).toContain('== Plan: Stop an EC2 instance ==');
    expect(out).toContain('I found nothing called "zzz-nothing-here" in the inventory.');
    bot.close();
  });
});

describe('snapshots of an instance whose volumes could not be scanned', () => {
  it('"when was web-prod-1 last snapshotted?" reads the volumes the instance lists, not only the scanned ones', async () => {
    // Production's role may not describe volumes: the inventory holds none of its volumes, the instances still list theirs.
    const estate = join(tempDir(), 'estate.yaml');
    writeFileSync(
      estate,
      readFileSync(join(ROOT, 'sandbox', 'demo-estate.yaml'), 'utf8').replace(
        '  - id: "111111111111"\n',
        '  - id: "111111111111"\n    deny: [ec2:DescribeVolumes]\n',
      ),
    );
    const bot = await testBot({ estate });
    try {
      expect(bot.inventory.all('ebs-volume').filter((v) => v.account === '111111111111')).toEqual([]);
      const out = await converse(bot, ['when was web-prod-1 last snapshotted?']);
      expect(out).toMatch(/web-prod-1 \(i-[0-9a-f]+, production\/us-west-2\) was last snapshotted .*: snap-0e5f1a2b3c4d5e6f7, completed/);
    } finally {
      bot.close();
    }
  });

  it('snapshots the role may not read: the missing permission and what to do, not the role ARN AWS names', async () => {
    const estate = join(tempDir(), 'estate.yaml');
    writeFileSync(
      estate,
      readFileSync(join(ROOT, 'sandbox', 'demo-estate.yaml'), 'utf8').replace(
        '  - id: "111111111111"\n',
        '  - id: "111111111111"\n    deny: [ec2:DescribeSnapshots, rds:DescribeDBSnapshots]\n',
      ),
    );
    const bot = await testBot({ estate });
    try {
      for (const [ask, permission] of [
        ['when was web-prod-1 last snapshotted?', 'ec2:DescribeSnapshots'],
        ['when was pg-instance-main1 last snapshotted?', 'rds:DescribeDBSnapshots'],
      ]) {
        const out = await converse(bot, [ask]);
        expect(out).toContain(`I could not read the snapshots of`);
        expect(out).toContain(`lacks permission ${permission}`);
        expect(out).toContain('cloudops iam-policy');
        expect(out).not.toMatch(/arn:aws:sts|assumed-role|not authorized to perform/);
      }
    } finally {
      bot.close();
    }
  });

  it('an instance listing no volumes (no BlockDeviceMappings) still finds the snapshots of the volumes attached to it', async () => {
    const estate = join(tempDir(), 'estate.yaml');
    writeFileSync(
      estate,
      [
        'accounts:',
        '  - id: "111111111111"',
        '    alias: production',
        '    regions:',
        '      us-west-2:',
        '        ec2Instances:',
        '          - InstanceId: i-0aaaaaaaaaaaaaaa1',
        '            State: { Name: running }',
        '            Tags: [{ Key: Name, Value: lonely-box }]',
        '        ebsVolumes:',
        '          - VolumeId: vol-0aaaaaaaaaaaaaaa1',
        '            State: in-use',
        '            Attachments: [{ InstanceId: i-0aaaaaaaaaaaaaaa1, VolumeId: vol-0aaaaaaaaaaaaaaa1 }]',
        '        ebsSnapshots:',
        '          - SnapshotId: snap-0aaaaaaaaaaaaaaa1',
        '            VolumeId: vol-0aaaaaaaaaaaaaaa1',
        '            State: completed',
        '            StartTime: "2026-11-20T03:00:00.000Z"',
        '            OwnerId: "111111111111"',
        '',
      ].join('\n'),
    );
    const bot = await testBot({ estate, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    try {
      const out = await converse(bot, ['when was lonely-box last snapshotted?']);
      expect(out).toMatch(/lonely-box \(i-0aaaaaaaaaaaaaaa1, production\/us-west-2\) was last snapshotted .*snap-0aaaaaaaaaaaaaaa1/);
    } finally {
      bot.close();
    }
  });
});
