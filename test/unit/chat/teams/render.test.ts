/**
 * Golden files for the Adaptive Cards the Teams adapter posts. UPDATE_GOLDEN=1 rewrites them;
 * review the diff like code.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ChatMessage } from '../../../../src/core/chat';
import { refusalCard } from '../../../../src/core/cards';
import {
  cardBytes,
  CARD_BUDGET_BYTES,
  renderAdaptiveCard,
  renderNoticeOver,
  renderPrivateNotePlaceholder,
  type AdaptiveCard,
} from '../../../../src/chat/teams/render';
import { cardText } from '../../../helpers/teams';
import { GOLDEN_MESSAGES } from './card-fixtures';

const GOLDEN_DIR = resolve(__dirname, '../../../golden/teams');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function golden(name: string, card: AdaptiveCard): void {
  const file = join(GOLDEN_DIR, `${name}.json`);
  const text = `${JSON.stringify(card, null, 2)}\n`;
  if (UPDATE) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file))
    throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npx jest test/unit/chat/teams/render.test.ts and review it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** The parts of Adaptive Cards 1.5 these cards use, and the rules Teams enforces on them. */
const ELEMENTS = new Set(['TextBlock', 'FactSet', 'Container', 'Image', 'ActionSet', 'Input.ChoiceSet']);
const ACTIONS = new Set(['Action.Execute', 'Action.Submit', 'Action.ShowCard']);

function checkCard(card: AdaptiveCard): void {
  expect(card.type).toBe('AdaptiveCard');
  expect(card.version).toBe('1.5');
  expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
  expect((card.actions ?? []).length).toBeLessThanOrEqual(5);
  let chosen = false; // inside a ShowCard whose list (id `value`) supplies the value
  const walkElement = (e: Record<string, unknown>): void => {
    expect(ELEMENTS.has(String(e.type))).toBe(true);
    if (e.type === 'ActionSet') (e.actions as Record<string, unknown>[]).forEach(walkAction);
    if (e.type === 'Input.ChoiceSet') expect(e.id).toBe('value');
    if (e.type === 'TextBlock') expect(typeof e.text).toBe('string');
    if (e.type === 'FactSet') expect((e.facts as unknown[]).length).toBeGreaterThan(0);
    if (e.type === 'Container') (e.items as Record<string, unknown>[]).forEach(walkElement);
  };
  function walkAction(a: Record<string, unknown>): void {
    expect(ACTIONS.has(String(a.type))).toBe(true);
    expect(typeof a.title).toBe('string');
    if (a.type === 'Action.Execute') {
      expect(typeof a.verb).toBe('string');
      // Only what was clicked travels in the data; the clicker is read from the activity.
      expect(Object.keys(a.data as object).sort()).toEqual(chosen ? ['action'] : ['action', 'value']);
      expect((a.fallback as Record<string, unknown>).type).toBe('Action.Submit');
    }
    if (a.type === 'Action.ShowCard') {
      const inner = a.card as AdaptiveCard;
      inner.body.forEach(walkElement);
      chosen = inner.body.some((e) => e.type === 'Input.ChoiceSet');
      (inner.actions ?? []).forEach(walkAction);
      chosen = false;
    }
  }
  card.body.forEach(walkElement);
  (card.actions ?? []).forEach(walkAction);
}

describe('Adaptive Card renderer: golden files', () => {
  for (const [name, message] of Object.entries(GOLDEN_MESSAGES)) {
    it(`${name}`, () => {
      const card = renderAdaptiveCard(message);
      checkCard(card);
      golden(name, card);
    });
  }

  it('refusal shown on top of the card that was clicked', () => {
    const card = renderNoticeOver(
      refusalCard('you asked for this change, and a change at this risk level needs someone else to approve it.'),
      GOLDEN_MESSAGES.plan,
    );
    checkCard(card);
    golden('refusal-over-plan', card);
  });

  it('private note placeholder refreshes for its one reader', () => {
    const card = renderPrivateNotePlaceholder('Mallory', '29:mallory', 'note-token');
    checkCard(card);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Show', verb: 'cloudops.note', data: { note: 'note-token' } },
      userIds: ['29:mallory'],
    });
    golden('private-note', card);
  });
});

describe('Adaptive Card renderer: content', () => {
  it('the plan card carries resources as facts, risk with colour and reasons, reversibility, downtime, Approve/Reject', () => {
    const card = renderAdaptiveCard(GOLDEN_MESSAGES.plan);
    const text = cardText(card);
    expect(text).toContain('instance: web-prod-1 (i-0ee23f1888b4bf1cf)');
    expect(text).toContain('where: production 111111111111 / us-west-2');
    expect(text).toContain('reversible: yes: undo with ec2-start-instance');
    expect(text).toContain('downtime: until it is started again');
    expect(text).toContain('• web-prod-1 is tagged as production');
    const risk = card.body.find((e) => e.type === 'Container') as { style: string; items: { text: string; color: string }[] };
    expect(risk.style).toBe('attention');
    expect(risk.items[0]).toMatchObject({ text: 'HIGH RISK', color: 'Attention' });
    expect(card.actions!.map((a) => [a.type, a.title, a.verb, a.style])).toEqual([
      ['Action.Execute', 'Approve', 'approve', 'positive'],
      ['Action.Execute', 'Reject', 'reject', 'destructive'],
    ]);
  });

  it('a critical plan asks for confirmation before the Approve click is sent', () => {
    const card = renderAdaptiveCard(GOLDEN_MESSAGES['plan-critical']);
    const approve = card.actions![0] as { type: string; card: AdaptiveCard };
    expect(approve.type).toBe('Action.ShowCard');
    expect(cardText(approve.card)).toContain('Approve a critical change?');
    expect(approve.card.actions![0]).toMatchObject({
      type: 'Action.Execute',
      verb: 'approve',
      data: { action: 'approve', value: 'req-0002' },
    });
  });

  it('bold markup becomes Adaptive Card markdown and code ticks are dropped', () => {
    const card = renderAdaptiveCard({ kind: 'info', text: '*Waiting for approval*\nSeveral resources match `instance`' });
    expect(cardText(card)).toBe('**Waiting for approval**\nSeveral resources match instance');
  });

  it('long lists are cut with "and N more" and the card stays well under Teams\' size limit', () => {
    const items = Array.from(
      { length: 1000 },
      (_, i) => `i-${String(i).padStart(17, '0')} (production/us-west-2) has no owner tag and no cost-center tag`,
    );
    const fields = Array.from({ length: 100 }, (_, i) => ({ label: `tag${i}`, value: 'x'.repeat(200) }));
    const message: ChatMessage = {
      kind: 'digest',
      header: 'Tagging compliance',
      text: 'line\n'.repeat(200),
      items,
      fields,
      context: ['digest'],
    };
    const card = renderAdaptiveCard(message);
    const text = cardText(card);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(text).toMatch(/and 98\d more/);
    expect(text).toMatch(/and \d+ more/);
    expect(text).toContain('Tagging compliance');
  });

  it('a small chart is inlined as an image, a large one falls back to its text', () => {
    const small = renderAdaptiveCard({ kind: 'digest', image: { png: new Uint8Array(100), alt: 'cost per day', title: 'Cost' } });
    expect(small.body.find((e) => e.type === 'Image')).toMatchObject({ altText: 'cost per day' });
    const large = renderAdaptiveCard({
      kind: 'digest',
      image: { png: new Uint8Array(50_000), alt: 'cost per day', title: 'Cost' },
      textChart: '▁▂▃▅▇',
    });
    expect(large.body.find((e) => e.type === 'Image')).toBeUndefined();
    expect(cardText(large)).toContain('▁▂▃▅▇');
  });
});
