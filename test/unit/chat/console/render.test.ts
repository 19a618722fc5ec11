import { renderConsole } from '../../../../src/chat/console/render';
import { cardsOfEveryKind } from '../../../fixtures/cards';
import { expectGolden } from '../../../helpers/golden';

describe('console renderer (golden files; UPDATE_GOLDEN=1 rewrites them)', () => {
  for (const [name, message] of Object.entries(cardsOfEveryKind())) {
    it(`renders the ${name} card`, () => {
      expectGolden(`console/${name}.txt`, `${renderConsole(message)}\n`);
    });
  }

  it('numbers buttons from the given start, and cuts long lists', () => {
    const cards = cardsOfEveryKind();
    expect(renderConsole(cards.plan, 3)).toContain('[3] Approve   [4] Reject');
    expect(renderConsole(cards['long-list'])).toContain('  * and 15 more');
  });
});
