import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { converse, testBot } from '../helpers/bot';
import { tempDir } from '../helpers/cli';

/**
 * A direct answer comes from the inventory; where the last scan could not read part of the estate, the answer
 * says so: "is checkout healthy?" with ECS unreadable in production must not read as the whole truth about a
 * staging service of a similar name.
 */
describe('direct answers while part of the estate could not be scanned', () => {
  const service = (account: string, name: string, cluster: string) => [
    `          - serviceName: ${name}`,
    `            serviceArn: arn:aws:ecs:us-west-2:${account}:service/${cluster}/${name}`,
    `            clusterArn: arn:aws:ecs:us-west-2:${account}:cluster/${cluster}`,
    '            status: ACTIVE',
    '            desiredCount: 2',
    '            runningCount: 2',
  ];
  const estate = (prodDeny: string) => {
    const file = join(tempDir(), 'estate.yaml');
    writeFileSync(
      file,
      [
        'accounts:',
        '  - id: "111111111111"',
        '    alias: production',
        ...(prodDeny ? [`    deny: [${prodDeny}]`] : []),
        '    regions:',
        '      us-west-2:',
        '        ecsServices:',
        ...service('111111111111', 'checkout', 'prod-web'),
        '  - id: "222222222222"',
        '    alias: staging',
        '    regions:',
        '      us-west-2:',
        '        ecsServices:',
        ...service('222222222222', 'checkout-staging', 'staging-web'),
        '',
      ].join('\n'),
    );
    return file;
  };

  it('says which part was not scanned beside the answer', async () => {
    const bot = await testBot({ estate: estate('ecs:*') });
    try {
      const text = await converse(bot, ['is checkout healthy?']);
      expect(text).toContain('checkout-staging');
      expect(text).toMatch(/This answer may miss resources: production\/us-west-2: ecs-services could not be scanned: AWS refused/);
    } finally {
      bot.close();
    }
  });

  it('says nothing of the kind when every scan worked', async () => {
    const bot = await testBot({ estate: estate('') });
    try {
      const text = await converse(bot, ['is checkout healthy?']);
      expect(text).toMatch(/Yes: checkout \(arn:aws:ecs:us-west-2:111111111111/);
      expect(text).not.toContain('may miss resources');
    } finally {
      bot.close();
    }
  });

  it('a count or a list of kinds is unsure only for the scans of those kinds (qa-lead round 3)', async () => {
    // Before: "how many instances?" and "what's running in staging?" (EC2 and RDS) also said they "may miss resources"
    // because production's ECS could not be read, on every answer, so the warning said nothing.
    const bot = await testBot({ estate: estate('ecs:*') });
    try {
      for (const ask of ['how many instances are there?', 'what is running in staging?']) {
        expect(await converse(bot, [ask])).not.toContain('may miss resources');
      }
      expect(await converse(bot, ['how many ecs services are there?'])).toMatch(
        /This answer may miss resources: production\/us-west-2: ecs-services could not be scanned/,
      );
      // A name can be of any kind: "who owns checkout" stays unsure.
      expect(await converse(bot, ['who owns checkout-staging'])).toContain('may miss resources');
    } finally {
      bot.close();
    }
  });
});
