import { SlackApiStandIn, type RecordedCall } from '../helpers/slack-api';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot';
import { buttonClick, eventCallback, postSigned, slashCommand } from '../helpers/slack-requests';

/**
 * Slack sends what a person typed HTML-escaped (`<@U123>` typed arrives as `&lt;@U123&gt;`) and real
 * mentions, group mentions and links as `<@U…>`, `<!subteam^S…|@name>`, `<https://…|label>`. Whatever
 * arrives, nothing of it may come back live on a card: the only live mentions are the people the bot
 * names itself (who asked, who approved).
 */
describe('Slack over HTTP: nothing typed comes back as a live mention or link', () => {
  let api: SlackApiStandIn;
  let slack: SlackBot;

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    slack = await startSlackBot(api);
  });

  afterEach(async () => {
    await slack.stop();
    await api.close();
  });

  /** Every piece of mrkdwn the bot sent (blocks and notification text), from every chat.* call. */
  function sentMrkdwn(calls: RecordedCall[]): string[] {
    const out: string[] = [];
    for (const c of calls) {
      if (typeof c.body.text === 'string') out.push(c.body.text);
      JSON.stringify(c.body.blocks ?? [], (_k, v) => {
        if (v && v.type === 'mrkdwn') out.push(v.text);
        return v;
      });
    }
    return out;
  }
  const chatCalls = () => api.calls.filter((c) => c.method.startsWith('chat.'));
  const LIVE = /<[@!#]|<https?:|<mailto:|@(here|channel|everyone)\b/;

  async function send(text: string, how: 'command' | 'mention') {
    const delivery =
      how === 'command'
        ? slashCommand({ user: 'UALICE', channel: 'C0OPS', text })
        : eventCallback(`Ev0${Math.random().toString(36).slice(2)}`, {
            type: 'app_mention',
            user: 'UALICE',
            text: `<@UBOT> ${text}`,
            channel: 'C0OPS',
            ts: '1700000050.000100',
            event_ts: '1700000050.000100',
          });
    expect((await postSigned(slack.url, delivery)).status).toBe(200);
    await slack.adapter.idle();
  }

  it.each([
    ['a typed <@U…> in a slash command', 'command', 'stop &lt;@U0VICTIM&gt;'],
    ['a typed <!subteam^…> and <!here> in a slash command', 'command', 'stop web &lt;!subteam^S0ONCALL&gt; &lt;!here&gt;'],
    ['a typed link in a slash command', 'command', 'stop &lt;https://evil.example/login|web-prod-1&gt;'],
    ['a real user mention in a mention', 'mention', 'stop <@U0VICTIM>'],
    ['a real group mention and @here in a mention', 'mention', 'stop <!subteam^S0ONCALL|@oncall> <!here> web'],
    ['typed @channel in a slash command', 'command', 'stop @channel'],
  ])('%s is echoed inert', async (_label, how, text) => {
    await send(text, how as 'command' | 'mention');
    const sent = sentMrkdwn(chatCalls());
    expect(sent.length).toBeGreaterThan(0);
    for (const t of sent) expect(t).not.toMatch(LIVE);
  });

  it('a typed mention in a parameter shows on the card as text', async () => {
    await send('tag web-prod-1 owner=&lt;@U0VICTIM&gt;', 'command');
    const [card] = api.named('chat.postMessage');
    const fields = sentMrkdwn([card]).join('\n');
    expect(fields).toContain('owner=&lt;@U0VICTIM&gt;');
    expect(fields).not.toMatch(LIVE);
  });

  it('@channel in a tag value is defused on the plan card, while the requester and the approver stay live mentions', async () => {
    await send('tag web-prod-1 owner=@channel team=@here', 'command');
    const [card] = api.named('chat.postMessage');
    const shown = sentMrkdwn([card]);
    expect(shown.join('\n')).toContain('owner=@\u2060channel, team=@\u2060here');
    expect(shown).toContain('asked by <@UALICE>');
    for (const t of shown) expect(t.replace('asked by <@UALICE>', '')).not.toMatch(LIVE);

    const approve = card.body.blocks.find((b: any) => b.type === 'actions').elements[0];
    await postSigned(
      slack.url,
      buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: card.reply!.ts, actionId: approve.action_id, value: approve.value }),
    );
    await slack.adapter.idle();
    const updated = sentMrkdwn(api.named('chat.update').slice(-1));
    expect(updated.join('\n')).toContain('Approved by <@UBOB>.');
    expect(updated).toContain('approved by <@UBOB>');
    for (const t of updated) expect(t.replace(/<@U(ALICE|BOB)>/g, '')).not.toMatch(LIVE);
  });
});
