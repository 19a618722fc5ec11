import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { converse, testBot } from '../helpers/bot';
import { tempDir } from '../helpers/cli';

/** `scan` in chat (`/cloudops scan`, the Teams command list): the Slack and Teams manifests offer it. */
describe('scan typed in chat', () => {
  it('rescans the estate and answers with the count, with no plan and no approval', async () => {
    const bot = await testBot();
    try {
      const text = await converse(bot, ['scan', '/cloudops scan']);
      const answers = text.split('== Inventory scanned ==').slice(1);
      expect(answers).toHaveLength(2);
      for (const a of answers)
        expect(a).toMatch(/^\n146 resources across 2 account\(s\), scanned in \d+\.\ds\.\n {2}-- SANDBOX estate demo-estate/);
      expect(text).not.toContain('Approve');
      const kinds = (await bot.audit.list({})).map((r) => r.kind);
      expect(kinds).toEqual(['request', 'understood', 'request', 'understood']);
    } finally {
      bot.close();
    }
  });

  it('names each failing scan and when it last worked; the rest still counts', async () => {
    const estate = join(tempDir(), 'estate.yaml');
    writeFileSync(
      estate,
      [
        'accounts:',
        '  - id: "333333333333"',
        '    alias: lab',
        '    deny: [rds:DescribeDBInstances]',
        '    regions:',
        '      eu-central-1:',
        '        ec2Instances:',
        '          - { InstanceId: i-0aaaaaaaaaaaaaaaa, State: { Name: running }, Tags: [{ Key: Name, Value: lab-box-1 }] }',
        '',
      ].join('\n'),
    );
    const bot = await testBot({ estate });
    try {
      const text = await converse(bot, ['scan']);
      expect(text).toContain('== Inventory scanned, with failures ==');
      expect(text).toMatch(
        /1 resources across 1 account\(s\), scanned in \d+\.\ds\. 1 scan\(s\) failed; their last known resources are kept:/,
      );
      expect(text).toMatch(
        new RegExp(
          String.raw`lab\/eu-central-1: rds-instances could not be scanned: AWS refused: the bot's role ` +
            String.raw`lacks permission rds:DescribeDBInstances\. .* \(last succeeded: never\)\.`,
        ),
      );
    } finally {
      bot.close();
    }
  });

  it('words around scan make it a request, not the command', async () => {
    const bot = await testBot();
    try {
      expect(await converse(bot, ['scan web-prod-1'])).not.toContain('Inventory scanned');
    } finally {
      bot.close();
    }
  });
});
