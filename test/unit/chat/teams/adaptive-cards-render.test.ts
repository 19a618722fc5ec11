/**
 * Every card the bot sends to Teams, rendered by Microsoft's Adaptive Cards renderer: no parse or
 * validation warning, at most five actions per set, and titles a person can read at a message's width.
 */
import { renderAdaptiveCard, renderNoticeOver, renderPrivateNotePlaceholder } from '../../../../src/chat/teams/render';
import { UNAUTHENTICATED_NOTICE } from '../../../../src/chat/teams/TeamsAdapter';
import { SANDBOX_DEMO_CONFIG } from '../../../../src/config';
import { planCard, refusalCard } from '../../../../src/core/cards';
import type { ChatMessage } from '../../../../src/core/chat';
import { failureMessage, DigestError } from '../../../../src/digests';
import { DEMO_ESTATE } from '../../../../src/main';
import {
  clickInShowCard,
  closeRenderer,
  renderWithAdaptiveCards,
  TEAMS_MAX_ACTIONS,
  unreadableTitles,
} from '../../../helpers/adaptive-cards';
import { FakeClock, testBot } from '../../../helpers/bot';
import { cardText } from '../../../helpers/teams';
import { renderBlockKit } from '../../../../src/chat/slack/render';
import { renderConsole } from '../../../../src/chat';
import { GOLDEN_MESSAGES, highPlan } from './card-fixtures';

async function digestMessages(): Promise<Record<string, ChatMessage>> {
  const bot = await testBot({
    config: { ...SANDBOX_DEMO_CONFIG, cost: { anomalies: true } },
    estate: DEMO_ESTATE,
    clock: new FakeClock(new Date('2026-11-22T08:00:00Z')),
  });
  try {
    return {
      'cost digest': await bot.digests.build('cost', { today: '2026-11-22', source: 'print' }),
      'tagging digest': await bot.digests.build('tags', { today: '2026-11-22', source: 'print' }),
      'failed digest': failureMessage(
        'cost',
        new DigestError({ what: 'Cost Explorer refused GetCostAndUsage.', fix: 'Allow ce:GetCostAndUsage.' }),
      ),
    };
  } finally {
    bot.close();
  }
}

describe('Teams cards through the Adaptive Cards renderer', () => {
  let cards: [string, unknown][];
  let messages: Record<string, ChatMessage>;

  afterAll(() => closeRenderer());

  beforeAll(async () => {
    messages = {
      ...GOLDEN_MESSAGES,
      ...(await digestMessages()),
      blocked: planCard({ ...highPlan, risk: { ...highPlan.risk, blocked: true, reasons: ['web-prod-1 has termination protection'] } }, {}),
    };
    cards = [
      ...Object.entries(messages).map(([name, m]): [string, unknown] => [name, renderAdaptiveCard(m)]),
      ...Object.entries(messages).map(([name, m]): [string, unknown] => [
        `${name} (unauthenticated)`,
        renderAdaptiveCard(m, { notice: UNAUTHENTICATED_NOTICE }),
      ]),
      ['refusal over a plan', renderNoticeOver(refusalCard('you are not an approver.'), GOLDEN_MESSAGES.plan)],
      ['private note placeholder', renderPrivateNotePlaceholder('Alice', '29:alice', 'tok')],
    ];
  });

  it('renders every card without a parse or validation warning', () => {
    const problems = cards.map(([name, json]) => [name, renderWithAdaptiveCards(json).warnings]).filter(([, w]) => (w as string[]).length);
    expect(problems).toEqual([]);
  });

  it(`keeps every action set within ${TEAMS_MAX_ACTIONS} actions, with titles readable at a message's width`, () => {
    const problems: string[] = [];
    for (const [name, json] of cards) {
      for (const titles of renderWithAdaptiveCards(json).actionSets) {
        if (titles.length > TEAMS_MAX_ACTIONS) problems.push(`${name}: ${titles.length} actions (${titles.join(' | ')})`);
        const cut = unreadableTitles(titles);
        if (cut.length) problems.push(`${name}: cut titles ${cut.join(' | ')}`);
        if (new Set(titles).size !== titles.length) problems.push(`${name}: two actions with one title (${titles.join(' | ')})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the tagging digest keeps every fix and "Show all": one list of full resource names, one button', () => {
    const json = renderAdaptiveCard(messages['tagging digest']);
    const titles = renderWithAdaptiveCards(json).actionSets[0];
    expect(titles).toEqual(['Fix tags…', 'Show all 26', 'Download CSV']);
    const fixes = (messages['tagging digest'].buttons ?? []).filter((b) => b.label.startsWith('Fix tags: '));
    expect(fixes).toHaveLength(10);
    expect(JSON.stringify(json)).toContain('"title":"sandbox-box-root"');
    // Picking the third name and pressing the button sends exactly what that resource's own button would.
    expect(clickInShowCard(json, 'Fix tags…', 2)).toEqual({ verb: 'suggest', data: { action: 'suggest', value: fixes[2].value } });
  });

  it('the cost digest shows the chart image, and no sparkline beside it', () => {
    const m = messages['cost digest'];
    expect(m.textChart).toBeTruthy();
    const json = JSON.stringify(renderAdaptiveCard(m));
    expect(json).toContain('"type":"Image"');
    expect(cardText(renderAdaptiveCard(m))).not.toContain(m.textChart!.split('\n')[0].slice(0, 20));
  });

  it('a blocked card shows why it cannot run, with no risk level or reversible/downtime facts, on every platform', () => {
    const m = messages.blocked;
    const renderings = { teams: cardText(renderAdaptiveCard(m)), slack: JSON.stringify(renderBlockKit(m)), console: renderConsole(m) };
    for (const [platform, text] of Object.entries(renderings)) {
      expect([platform, /HIGH RISK|High risk|reversible|downtime/i.test(text)]).toEqual([platform, false]);
      expect(text).toContain('web-prod-1 has termination protection');
      expect(text).toContain('cannot run');
    }
  });
});
