/**
 * "Dry run first": when the bot's role lacks a permission, the plan card says so before anyone
 * approves, and nothing can be approved.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { DEMO_ESTATE } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

function estateDenying(account: string, deny: string[]): string {
  const raw = parse(readFileSync(DEMO_ESTATE, 'utf8'), { maxAliasCount: 1000 });
  raw.accounts.find((a: { id: string }) => a.id === account).deny = deny;
  const file = join(mkdtempSync(join(tmpdir(), 'cloudops-estate-')), 'estate.yaml');
  writeFileSync(file, stringify(raw, { aliasDuplicateObjects: false }));
  return file;
}

describe('dry runs before approval', () => {
  it('a missing EC2 permission blocks the plan, names the permission, and nothing runs', async () => {
    const bot = await testBot({ estate: estateDenying('222222222222', ['ec2:StopInstances']) });
    const out = await converse(bot, ['stop web-staging-1', '/as bob', '1']);
    expect(out).toContain('== Cannot run: Stop an EC2 instance ==');
    expect(out).toContain("AWS dry run: the bot lacks permission ec2:StopInstances. Add it to the bot's role (see `cloudops iam-policy`)");
    expect(out).toContain('There is no button 1 on screen.');
    const r = bot.inventory.all('ec2-instance').find((x) => x.name === 'web-staging-1')!;
    expect((await bot.provider.ec2(r).describeInstances({ InstanceIds: [r.id] })).Reservations![0].Instances![0].State?.Name).toBe(
      'running',
    );
    bot.close();
  });

  it('the same request in an account that has the permission shows the passed dry run in `plan --json`', async () => {
    const bot = await testBot({ estate: estateDenying('222222222222', ['ec2:StopInstances']) });
    const plan = await bot.planner.plan('stop web-prod-2', { at: new Date(), requestId: 'req-x' });
    expect(plan.blocked).toBe(false);
    expect(plan.preflight).toEqual(['Step 1 (stop the instance): AWS dry run: the request would succeed']);
    bot.close();
  });
});
