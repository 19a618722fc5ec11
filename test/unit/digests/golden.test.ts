import { renderConsole } from '../../../src/chat';
import { renderBlockKit } from '../../../src/chat/slack/render';
import { renderAdaptiveCard } from '../../../src/chat/teams/render';
import { parseConfig, SANDBOX_DEMO_CONFIG } from '../../../src/config';
import type { ChatMessage } from '../../../src/core';
import { Digests, DigestError, failureMessage } from '../../../src/digests';
import { DEMO_ESTATE } from '../../../src/main';
import { testBot, FakeClock } from '../../helpers/bot';
import { expectGolden } from '../../helpers/golden';

/** The neutral message as stored in a golden file: the chart by file name and size, not its bytes. */
function neutral(m: ChatMessage, chartFile?: string): string {
  const json = {
    ...m,
    ...(m.image ? { image: { title: m.image.title, alt: m.image.alt, png: { file: chartFile, bytes: m.image.png.length } } } : {}),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** A platform rendering as JSON, with an inline chart (Teams' data: URL) named by its size, not its bytes. */
function platform(rendered: unknown, m: ChatMessage): string {
  const png = m.image ? `data:image/png;base64,${Buffer.from(m.image.png).toString('base64')}` : undefined;
  const json = JSON.stringify(
    rendered,
    (_k, v) => (png && v === png ? `data:image/png;base64,<the chart PNG, ${m.image!.png.length} bytes>` : v),
    2,
  );
  return `${json}\n`;
}

/** The digest as Slack (Block Kit) and Teams (Adaptive Card) show it. */
function expectPlatformGoldens(name: string, m: ChatMessage): void {
  expectGolden(`digests/${name}.slack.json`, platform(renderBlockKit(m), m));
  expectGolden(`digests/${name}.teams.json`, platform(renderAdaptiveCard(m), m));
}

/**
 * Golden renderings of both digests on the bundled demo estate, as of 2026-11-22: the neutral ChatMessage
 * JSON (what the Slack and Teams renderers receive), the console text, and the chart PNG itself.
 * UPDATE_GOLDEN=1 rewrites them; review the diff (and open the PNG) before committing.
 */
describe('digest golden files (demo estate, 2026-11-22)', () => {
  async function digests(config: Record<string, unknown> = {}): Promise<Digests> {
    const bot = await testBot({
      config: { ...SANDBOX_DEMO_CONFIG, ...config },
      estate: DEMO_ESTATE,
      clock: new FakeClock(new Date('2026-11-22T08:00:00Z')),
    });
    return bot.digests;
  }

  it('cost digest per account, with anomalies', async () => {
    const m = await (await digests({ cost: { anomalies: true } })).build('cost', { today: '2026-11-22', source: 'print' });
    expectGolden('digests/cost.message.json', neutral(m, 'cost.chart.png'));
    expectGolden('digests/cost.console.txt', `${renderConsole(m)}\n`);
    expectGolden('digests/cost.chart.png', Buffer.from(m.image!.png));
    expectPlatformGoldens('cost', m);
    // Teams carries the chart inside the card; Slack uploads it beside the message (files.uploadV2).
    expect(JSON.stringify(renderAdaptiveCard(m))).toContain(`data:image/png;base64,${Buffer.from(m.image!.png).toString('base64')}`);
  });

  it('cost digest as one view over all accounts', async () => {
    const m = await (await digests({ cost: { view: 'total' } })).build('cost', { today: '2026-11-22', source: 'print' });
    expectGolden('digests/cost-total.message.json', neutral(m, 'cost-total.chart.png'));
    expectGolden('digests/cost-total.console.txt', `${renderConsole(m)}\n`);
    expectGolden('digests/cost-total.chart.png', Buffer.from(m.image!.png));
  });

  it('tagging digest', async () => {
    const m = await (await digests()).build('tags', { today: '2026-11-22', source: 'print' });
    expectGolden('digests/tags.message.json', neutral(m));
    expectGolden('digests/tags.console.txt', `${renderConsole(m)}\n`);
    expectPlatformGoldens('tags', m);
  });

  it('a digest that could not be built', async () => {
    const m = failureMessage(
      'cost',
      new DigestError({
        what: 'Cost Explorer refused GetCostAndUsage in account 111111111111 (AccessDeniedException: not authorized).',
        fix: "Allow ce:GetCostAndUsage for the bot's role in the payer account (`cloudops iam-policy` prints the whole policy).",
      }),
    );
    expectGolden('digests/cost-failed.message.json', neutral(m));
    expectGolden('digests/cost-failed.console.txt', `${renderConsole(m)}\n`);
    expectPlatformGoldens('cost-failed', m);
  });

  it('the demo config parses', () => {
    expect(parseConfig(SANDBOX_DEMO_CONFIG).tagging.required.map((r) => r.key)).toEqual(['environment', 'owner', 'cost-center']);
  });
});
