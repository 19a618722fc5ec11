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
});
