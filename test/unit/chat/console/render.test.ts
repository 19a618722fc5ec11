import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConsole } from '../../../../src/chat/console/render';
import { cardsOfEveryKind } from '../../../fixtures/cards';

const GOLDEN = join(__dirname, '../../../golden/console');

describe('console renderer (golden files; UPDATE_GOLDEN=1 rewrites them)', () => {
  for (const [name, message] of Object.entries(cardsOfEveryKind())) {
    it(`renders the ${name} card`, () => {
      const file = join(GOLDEN, `${name}.txt`);
      const text = `${renderConsole(message)}\n`;
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, text);
      expect(text).toBe(readFileSync(file, 'utf8'));
    });
  }

  it('numbers buttons from the given start, and cuts long lists', () => {
    const cards = cardsOfEveryKind();
    expect(renderConsole(cards.plan, 3)).toContain('[3] Approve   [4] Reject');
    expect(renderConsole(cards['long-list'])).toContain('  * and 15 more');
  });
});
