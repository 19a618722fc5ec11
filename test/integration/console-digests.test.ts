import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { DEMO_ESTATE } from '../../src/main';
import { converse, FakeClock, testBot } from '../helpers/bot';
import { registryWithDigestActions } from '../helpers/digest-actions';

const FIXTURE_PLAYBOOKS = resolve(__dirname, '../fixtures/digest-playbooks');
const CATALOG = resolve(__dirname, '../../playbooks');
const clock = () => new FakeClock(new Date('2026-11-22T09:00:00Z'));

describe('digests on demand in the console', () => {
  it('`cost` and `/cloudops tags` answer with the digests, and the audit trail says who asked', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, ['cost', '/cloudops tags']);
    expect(out).toContain('== Cost digest for Saturday 21 November 2026 ==');
    expect(out).toContain('Yesterday (Sat 21 Nov): $3,354, down $660.17 (-16.4%) from Sat 14 Nov');
    expect(out).toMatch(/Daily cost, 23 Oct-21 Nov: [▁▂▃▄▅▆▇█]{30}/);
    expect(out).toContain('== Tagging digest for Sunday 22 November 2026 ==');
    expect(out).toContain('[11] Show all 26');
    const trail = await bot.audit.list();
    expect(trail.map((r) => [r.kind, r.actor ?? null, r.data.text ?? r.data.command])).toEqual([
      ['request', 'console:alice', 'cost'],
      ['understood', null, 'cost'],
      ['request', 'console:alice', 'tags'],
      ['understood', null, 'tags'],
    ]);
    bot.close();
  });

  it('asking for a digest in words ("show me the cost digest please") posts it, not an inventory search', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, ['show me the cost digest please', 'post the tagging digest']);
    expect(out).toContain('== Cost digest for Saturday 21 November 2026 ==');
    expect(out).toContain('== Tagging digest for Sunday 22 November 2026 ==');
    expect(out).not.toContain('Inventory');
    bot.close();
  });

  it('"Show all" lists the rest of the offenders in the thread', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, ['tags', '11']);
    expect(out).toContain('  | == All offenders, 11-26 of 26 ==');
    expect(out).toContain(
      '  |   * payments-svc-2 (i-0bb1682bfb3ef8683, EC2 instance, production/us-west-2): owner="payment" not allowed (payments?)',
    );
    bot.close();
  });

  it('"Fix tags" with nothing to suggest asks for the values; a reply with only the values plans them on that resource', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    // [2] is sandbox-box: only a Name tag, nothing to go on.
    const out = await converse(bot, ['tags', '2', 'environment=staging owner=ml cost-center=CC-1234']);
    expect(out).toContain('I cannot tell which values it should have. Reply with them');
    expect(out).toMatch(
      new RegExp(
        String.raw`== Plan: Add or change tags on a resource ==[\s\S]*resource: sandbox-box ` +
          String.raw`\(i-07b19b7d2e3fb96cc\)[\s\S]*tags: environment=staging, owner=ml, ` +
          String.raw`cost-center=CC-1234`,
      ),
    );
    // Low risk in staging: no approver is asked, and the card does not say it waits for one.
    expect(out).toMatch(/\[low risk\]\nReady: waiting for the requester to click Run\n/);
    expect(out).not.toContain('Waiting for approval');
    bot.close();
  });

  it('"Fix tags" says so when the tag-resources playbook is not loaded, and changes nothing', async () => {
    // A catalog without tag-resources (an operator removed it).
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
    for (const f of readdirSync(CATALOG).filter((n) => n.endsWith('.yaml') && n !== 'tag-resources.yaml'))
      copyFileSync(join(CATALOG, f), join(dir, f));
    const bot = await testBot({ config: { ...SANDBOX_DEMO_CONFIG, playbooks: { dir } }, clock: clock() });
    const out = await converse(bot, ['tags', '3']);
    expect(out).toContain('The tag-resources playbook is not loaded, so I cannot open it for pg-dev-scratch.');
    expect(out).not.toContain('== Plan');
    bot.close();
  });

  it('"Fix tags" opens tag-resources prefilled; it runs only after someone else approves', async () => {
    const bot = await testBot({
      config: { ...SANDBOX_DEMO_CONFIG, playbooks: { dir: FIXTURE_PLAYBOOKS } },
      estate: DEMO_ESTATE,
      clock: clock(),
      registry: registryWithDigestActions(),
    });
    // [3] is pg-dev-scratch: its name says environment=dev; owner and cost-center need a person.
    const out = await converse(bot, ['tags', '3', '12', '/as bob', '12', '/as alice', 'tags']);
    expect(out).toContain(
      'I can fill in environment for pg-dev-scratch; owner, cost-center need a person. ' +
        'After this, reply with `tag pg-dev-scratch environment=dev owner=<web|platform|' +
        'payments|data|search|ml> cost-center=<value matching CC-\\d{4}>` to set the rest.',
    );
    expect(out).toContain('== Plan: Add or change tags ==');
    expect(out).toContain('  resource: pg-dev-scratch');
    expect(out).toContain('  tags: environment=dev');
    expect(out).toContain('[12] Approve   [13] Reject');
    expect(out).toMatch(/\(only alice sees this\)\nYou cannot do that: you asked for this change/);
    expect(out).toContain('Approved by bob.');
    expect(out).toContain('ok set the tags: tagged arn:aws:rds:us-west-2:222222222222:db:pg-dev-scratch: environment=dev');

    const db = await bot.provider
      .rds({ account: '222222222222', region: 'us-west-2' })
      .describeDBInstances({ DBInstanceIdentifier: 'pg-dev-scratch' });
    expect(db.DBInstances![0].TagList).toEqual([{ Key: 'environment', Value: 'dev' }]);
    // The plan went through the normal request -> plan -> approval -> execution trail.
    const clicked = (await bot.audit.list()).find((r) => r.kind === 'request' && r.data.button)!;
    const fix = await bot.audit.list({ requestId: clicked.requestId });
    expect(fix.map((r) => r.kind)).toEqual([
      'request',
      'understood',
      'plan',
      'refusal',
      'approval',
      'execution-start',
      'aws-call',
      'result',
    ]);
    expect(fix[0].data).toMatchObject({
      text: 'fix tags on pg-dev-scratch: environment=dev (environment=dev: its name pg-dev-scratch says so)',
      button: 'digest:fix:arn:aws:rds:us-west-2:222222222222:db:pg-dev-scratch',
    });
    bot.close();
  });

  it('the cost-report and tag-compliance-report playbooks answer through the digest services', async () => {
    // The real catalog and actions: the classifier turns "last week" into 9-15 Nov (the clock is 22 Nov).
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, ['how much did we spend last week', 'which resources are missing tags']);
    expect(out).toContain('== Cost for 9-15 Nov ==');
    expect(out).toContain('Total: $27,893 over 7 days');
    expect(out).toContain('== Tagging digest for Sunday 22 November 2026 ==');
    bot.close();
  });
});

describe('cost report for one account, by region, by tag (the FinOps questions)', () => {
  it('"what did staging cost last week" is the staging account\'s cost, not everyone\'s, and says so', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, [
      'how much did we spend in staging last week',
      'how much did the production account cost last week',
      'how much did we spend last week',
      'cost in the qa account last week',
    ]);
    // Summed from the estate's costs for 9-15 Nov: staging 6,366.87, production 21,525.67.
    expect(out).toMatch(/== Cost for 9-15 Nov in staging \(222222222222\) ==\nTotal: \$6,367 over 7 days/);
    expect(out).toMatch(/== Cost for 9-15 Nov in production \(111111111111\) ==\nTotal: \$21,526 over 7 days/);
    // A fresh request in the same place is not narrowed to the account asked about before; it says whose cost it is.
    expect(out).toMatch(/== Cost for 9-15 Nov ==\nTotal: \$27,893 over 7 days, \$3,985 a day, all 2 accounts together\. By service:/);
    expect(out).toContain('No account here is called "qa". The accounts are production (111111111111), staging (222222222222)');
    bot.close();
  });

  it('by region asks Cost Explorer for regions (the sandbox cannot, and says what to do); by tag says it is by service', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const region = await bot.digests.costReport({ period: 'last week', group_by: 'region' });
    expect(region.header).toBe('Cost report could not be built');
    expect(region.text).toContain('not REGION');
    expect(region.text).toContain('Ask for the cost by service or by account');
    const tag = await bot.digests.costReport({ period: 'last week', group_by: 'tag' });
    expect(tag.text).toMatch(/^Cost by tag is not available in chat yet, so this is by service\. \*Total/);
    bot.close();
  });

  it('a period reaching before the first day Cost Explorer has averages over the days it has, and says so', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    // The estate's costs start on 2026-09-08: September has 23 days of data, not 30.
    const m = await bot.digests.costReport({ period: '2026-09-01..2026-09-30' });
    expect(m.text).toMatch(
      /^\*Total: \$79,734\* over 23 days with data \(of 30 asked; Cost Explorer has nothing before 8 Sep\), \$3,467 a day/,
    );
    bot.close();
  });

  it('"this week" says the days it shows: Cost Explorer stops at yesterday', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const m = await bot.digests.costReport({ period: '2026-11-16..2026-11-22' });
    expect(m.header).toBe('Cost for 16-21 Nov');
    bot.close();
  });
});

describe('cost report service (the cost-report playbook)', () => {
  it("answers a period inside the digest window from the digest's own cached request", async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    await bot.digests.build('cost', { source: 'chat' });
    const m = await bot.digests.costReport({ period: 'last week', group_by: 'account' });
    expect(m.header).toBe('Cost for last week (9-15 Nov)');
    // Summed from the estate's costs for 9-15 Nov: 21,525.67 and 6,366.87.
    expect(m.items).toEqual(['production (111111111111): $21,526 (77%)', 'staging (222222222222): $6,367 (23%)']);
    expect(m.context).toContain('Cost Explorer: 0 requests, 1 answer from cache');
    bot.close();
  });

  it('asks Cost Explorer for a period outside the window, and explains a period it cannot read', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const m = await bot.digests.costReport({ period: '2026-09-08..2026-09-14' });
    expect(m.header).toBe('Cost for 8-14 Sep');
    expect(m.items![0]).toMatch(/^EC2-Instances: \$[\d,]+ \(\d+%\)$/);
    expect(m.context).toContain('Cost Explorer: 1 request');
    expect((await bot.digests.costReport({ period: '2026-12-01..2026-12-31' })).text).toBe(
      '1-31 Dec has not happened yet; Cost Explorer only knows costs up to yesterday.',
    );
    expect((await bot.digests.costReport({ period: 'the other day' })).text).toBe(
      'I cannot read the period "the other day". Try yesterday, this week, last week, this ' +
        'month, last month, the last 30 days, october, or 2026-10-01..2026-10-31.',
    );
    bot.close();
  });
});
