import { testBot } from '../../helpers/bot';
import { person, RecordingSink, say } from '../../helpers/sink';

const slackThread = { platform: 'slack' as const, channel: 'C0OPS', thread: '1700000000.000100' };
const alice = person('U0ALICE', { platform: 'slack' });

describe('messages that do not address the bot (thread replies without a mention)', () => {
  it('chatter is left alone: nothing posted, nothing audited', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    for (const text of ['looks good to me', 'thanks!', 'lunch?'])
      await bot.conversation.handle({ ...say(alice, text, slackThread), addressed: false }, sink);
    expect(sink.posts).toEqual([]);
    expect(await bot.audit.list()).toEqual([]);
    bot.close();
  });

  it('a request the bot understands is answered and audited as usual', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle({ ...say(alice, 'stop web-prod-2', slackThread), addressed: false }, sink);
    expect(sink.planCard().message.header).toBe('Plan: Stop an EC2 instance');
    expect((await bot.audit.list()).map((r) => r.kind)).toEqual(['request', 'understood', 'plan']);
    bot.close();
  });

  it(
    '"cancel" in the thread of one\'s own waiting request cancels it; from someone else ' +
      'it is refused; with nothing waiting it is chatter',
    async () => {
      const bot = await testBot();
      const sink = new RecordingSink();
      const bob = person('U0BOB', { platform: 'slack' });
      await bot.conversation.handle({ ...say(alice, 'nevermind', slackThread), addressed: false }, sink);
      expect(sink.posts).toEqual([]);
      await bot.conversation.handle(say(alice, 'stop web-prod-2', slackThread), sink);
      await bot.conversation.handle({ ...say(bob, 'cancel', slackThread), addressed: false }, sink);
      expect(sink.whispersTo('U0BOB')).toEqual([
        'You cannot do that: only the person who asked can cancel a request; approvers can reject it.',
      ]);
      expect((await bot.desk.get('req-0002'))?.state).toBe('proposed');
      await bot.conversation.handle({ ...say(alice, 'cancel', slackThread), addressed: false }, sink);
      expect((await bot.desk.get('req-0002'))?.state).toBe('cancelled');
      expect(sink.latest(sink.planCard().ref).text).toContain('Cancelled by');
      await bot.conversation.handle(say(alice, 'cancel', slackThread), sink);
      expect(sink.posts[sink.posts.length - 1].message.text).toBe('Request req-0002 has already been cancelled; nothing to cancel.');
      bot.close();
    },
  );

  it('addressed nonsense still gets an answer, so people know they were heard', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'lunch?', slackThread), sink);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0].message.kind).toBe('info');
    bot.close();
  });

  it('help shows the console controls only in the console', async () => {
    const bot = await testBot();
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'help', slackThread), sink);
    await bot.conversation.handle(say(person('alice'), 'help'), sink);
    expect(sink.posts[0].message.context?.join(' ')).not.toContain('/as <user>');
    expect(sink.posts[1].message.context?.join(' ')).toContain('/as <user>');
    bot.close();
  });
});
