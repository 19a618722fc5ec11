import type { ChatButtonEvent } from '../../../src/core';
import { testBot } from '../../helpers/bot';
import { person, RecordingSink, say } from '../../helpers/sink';

/**
 * QA 18f: a "which one did you mean?" card is answered once, by a click or by a typed reply, whichever comes first.
 * In a Slack DM the click answers in the card's thread; a reply typed later at the top level planned the card's other
 * choice as a second plan, and a click after a typed reply planned again.
 */
describe('a which-one question is answered once (qa 18f)', () => {
  const dm = { platform: 'slack' as const, channel: 'D0ALICE' };
  const alice = person('U0ALICE', { platform: 'slack' });

  const choose = (sink: RecordingSink, index: number): ChatButtonEvent => {
    const card = sink.posts.find((p) => p.message.kind === 'clarify' || /Which one/.test(p.message.header ?? ''))!;
    const button = card.message.buttons!.filter((b) => b.action === 'choose')[index];
    return {
      kind: 'button',
      id: `click-${index}`,
      user: alice,
      place: { ...dm, thread: card.ref.id },
      action: 'choose',
      value: button.value,
      message: card.ref,
    };
  };
  const plans = (sink: RecordingSink) => sink.posts.filter((p) => p.message.kind === 'plan');

  it('a click, then a typed reply at the top level: one plan', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'reboot worker-a-1', dm), sink);
    await bot.conversation.handle(choose(sink, 0), sink);
    expect(plans(sink)).toHaveLength(1);
    await bot.conversation.handle(say(alice, 'the second one', dm), sink);
    expect(plans(sink)).toHaveLength(1);
    bot.close();
  });

  it('a typed reply in the thread, then a click: one plan, and the click is told the question was answered', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'reboot worker-a-1', dm), sink);
    const card = sink.posts[0];
    await bot.conversation.handle({ ...say(alice, 'the second one', { ...dm, thread: card.ref.id }), addressed: false }, sink);
    expect(plans(sink)).toHaveLength(1);
    await bot.conversation.handle(choose(sink, 0), sink);
    expect(plans(sink)).toHaveLength(1);
    expect(sink.whispersTo('U0ALICE').join(' ')).toMatch(/expired|answered/);
    bot.close();
  });
});
