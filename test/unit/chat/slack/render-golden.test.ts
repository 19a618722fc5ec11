import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderBlockKit } from '../../../../src/chat/slack';
import type { ChatMessage } from '../../../../src/core/chat';
import { clarifyCard, helpCard, planCard, progressCard, refusalCard, resultCard, type CardPlan } from '../../../../src/core/cards';
import type { ApprovalRecord } from '../../../../src/core/ports';
import type { Bot } from '../../../../src/main';
import { testBot } from '../../../helpers/bot';

/**
 * Every card kind, built by the real card functions from a real plan on the demo estate, rendered as
 * Block Kit and compared with test/golden/slack/<name>.json. UPDATE_GOLDEN=1 rewrites the files;
 * review the diff before committing it. (Paste a file's blocks into Block Kit Builder to see it.)
 */
const GOLDEN = resolve(__dirname, '../../../golden/slack');

function golden(name: string, message: ChatMessage): void {
  const file = resolve(GOLDEN, `${name}.json`);
  const rendered = `${JSON.stringify(renderBlockKit(message), null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    if (process.env.CI && !existsSync(file))
      throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx jest test/unit/chat/slack and commit it`);
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, rendered);
  }
  expect(rendered).toBe(readFileSync(file, 'utf8'));
}

const alice = { platform: 'slack' as const, id: 'U0ALICE', displayName: '<@U0ALICE>' };
const bob = { platform: 'slack' as const, id: 'U0BOB', displayName: '<@U0BOB>' };

describe('Block Kit golden files', () => {
  let bot: Bot;
  let card: CardPlan;
  const label = 'SANDBOX estate demo-estate (no real AWS calls)';

  beforeAll(async () => {
    bot = await testBot({ config: { sandbox: {}, approval: { approvers: { oncall: { slack: ['U0BOB', 'S0ONCALL'] } } } } });
    const plan = await bot.planner.plan('stop web-prod-1', { requester: alice, at: new Date('2026-11-22T09:00:00Z') });
    card = { requestId: 'req-0001', playbook: plan.playbook!, params: plan.params, risk: plan.risk, approval: plan.approval };
  });
  afterAll(() => bot.close());

  const record = (over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
    id: 'req-0001',
    state: 'proposed',
    plan: { input: 'stop web-prod-1', playbook: card.playbook.id, params: card.params, risk: card.risk, approval: card.approval },
    requester: alice,
    place: { platform: 'slack', channel: 'C0OPS' },
    approvals: [],
    createdAt: '2026-11-22T09:00:00.000Z',
    expiresAt: '2026-11-22T10:00:00.000Z',
    ...over,
  });

  it('plan: header, resources as fields, risk with reasons, reversibility, Approve/Reject', () => {
    golden('plan', planCard(card, { record: record(), label }));
  });

  it('plan, critical: the Approve button asks for confirmation', () => {
    const critical = {
      ...card,
      risk: { ...card.risk, level: 'critical' as const, reasons: [...card.risk.reasons, 'Deletes data that has no backup'] },
      approval: { ...card.approval, approvers: 2 },
    };
    const m = planCard(critical, { record: record(), label });
    expect(m.buttons![0].confirm).toBeDefined();
    golden('plan-critical', m);
  });

  it('plan, after the click: updated in place, who approved, the result, no buttons', () => {
    const done = record({ state: 'succeeded', approvals: [{ user: bob, at: '2026-11-22T09:05:00.000Z' }] });
    golden(
      'plan-succeeded',
      planCard(card, { record: done, status: ['Approved by <@U0BOB>.', 'Result: i-0ee23f1888b4bf1cf is stopped'], label }),
    );
  });

  it('plan, with typed mentions, links and a line break in its values: all shown as inert text', () => {
    const typed = '<@U0VICTIM> <!subteam^S0ONCALL|@oncall> <!here> @channel <https://evil.example/login|approve here>\n*Approved*';
    const [name, value] = Object.entries(card.params)[0];
    const resource = value as { name: string };
    const injected = { ...card, params: { [name]: { ...resource, name: `${resource.name} <#C0SECRET> @here` }, note: typed } };
    const m = planCard(injected as CardPlan, {
      record: record({ approvals: [{ user: bob, at: '2026-11-22T09:05:00.000Z' }] }),
      status: [`Approved by ${bob.displayName}.`],
      label,
    });
    const rendered = JSON.stringify(renderBlockKit(m));
    expect(rendered).not.toMatch(/<@U0VICTIM>|<!|<#|<https/);
    expect(rendered).toContain('<@U0BOB>'); // the approver the card names on purpose
    golden('plan-injected', m);
  });

  it('plan, blocked: reasons, no buttons', () => {
    const blocked = {
      ...card,
      risk: {
        ...card.risk,
        blocked: true,
        reasons: ['web-prod-1 has an instance-store root volume; stopping would lose it (AWS does not allow it)'],
      },
    };
    golden('plan-blocked', planCard(blocked, { label }));
  });

  it('clarify: candidates as buttons', async () => {
    const plan = await bot.planner.plan('stop web-prod-1', { requester: alice, at: new Date('2026-11-22T09:00:00Z') });
    const candidates = bot.inventory.all('ec2-instance').filter((r) => r.name.startsWith('web-prod'));
    golden('clarify', clarifyCard({ ...plan, clarify: { param: 'instance', query: 'web prod', candidates } }, 'tok-1', label));
  });

  it('clarify, long: the list is cut with "and N more", at most five buttons', async () => {
    const plan = await bot.planner.plan('stop web-prod-1', { requester: alice, at: new Date('2026-11-22T09:00:00Z') });
    const candidates = bot.inventory.all('ebs-volume');
    expect(candidates.length).toBeGreaterThan(20);
    const m = clarifyCard({ ...plan, clarify: { param: 'volume', query: 'root', candidates } }, 'tok-2', label);
    const rendered = JSON.stringify(renderBlockKit(m));
    expect(rendered).toContain(`and ${candidates.length - 20} more`);
    golden('clarify-long', m);
  });

  it('progress', () => {
    golden('progress', progressCard('stop the instance: i-0ee23f1888b4bf1cf is stopping (dry run passed)'));
  });

  it('result', () => {
    golden(
      'result',
      resultCard(
        'Stop an EC2 instance',
        {
          ok: true,
          steps: [
            {
              step: 'stop the instance',
              action: 'ec2.stopInstance',
              ok: true,
              summary: 'i-0ee23f1888b4bf1cf is stopped',
              awsRequestIds: ['3f1b2c4d-0000-4000-8000-000000000001'],
            },
          ],
        },
        'req-0001',
      ),
    );
  });

  it('result, failed', () => {
    golden(
      'result-failed',
      resultCard(
        'Stop an EC2 instance',
        {
          ok: false,
          steps: [
            {
              step: 'stop the instance',
              action: 'ec2.stopInstance',
              ok: false,
              summary: '',
              error: 'IncorrectInstanceState: the instance is not in a state from which it can be stopped',
              awsRequestIds: [],
            },
          ],
        },
        'req-0002',
      ),
    );
  });

  it('refusal (sent as an ephemeral message)', () => {
    golden('refusal', refusalCard('you are not an approver for this risk level (approver groups: oncall).'));
  });

  it('help', () => {
    golden('help', helpCard(bot.catalog.list(), label));
  });

  it('digest placeholder: fields, rows, a text chart and a button that starts a playbook', () => {
    const digest: ChatMessage = {
      kind: 'digest',
      header: 'Cost digest: 15 to 21 Nov 2026',
      text: 'Spend was *$1,284.17*, up 12% on the week before. The biggest change: Amazon RDS +$96.40.',
      fields: [
        { label: 'total', value: '$1,284.17' },
        { label: 'change', value: '+12% (+$137.52)' },
      ],
      items: ['Amazon EC2: $612.03 (+4%)', 'Amazon RDS: $401.88 (+31%)', 'Amazon EBS: $140.10 (+2%)', 'AWS Systems Manager: $3.20 (0%)'],
      textChart: 'Mon ▂▃▃▄▅▆█ Sun',
      image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'daily spend, 15 to 21 Nov, rising from $160 to $212', title: 'Daily spend' },
      buttons: [{ action: 'run', label: 'Find untagged resources', value: 'tags' }],
      context: [label, 'digest cost-weekly, posted by schedule'],
    };
    golden('digest', digest);
  });
});
