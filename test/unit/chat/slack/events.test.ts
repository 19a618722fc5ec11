import {
  buttonAction,
  buttonEvent,
  commandEvent,
  isBotAuthored,
  mentionEvent,
  messageEvent,
  messageKind,
  slackUser,
} from '../../../../src/chat/slack/events';
import { textFromSlack } from '../../../../src/chat/slack/mrkdwn';

const alice = slackUser('U0ALICE');

describe('Slack payloads to chat events', () => {
  it('takes the text after /cloudops as an addressed message; an empty command asks for help', () => {
    const e = commandEvent({ user_id: 'U0ALICE', channel_id: 'C0OPS', text: 'stop pg-main', trigger_id: 't1' }, alice);
    expect(e).toMatchObject({
      kind: 'message',
      id: 'command:t1',
      text: 'stop pg-main',
      addressed: true,
      place: { platform: 'slack', channel: 'C0OPS' },
    });
    expect(commandEvent({ user_id: 'U0ALICE', channel_id: 'C0OPS', text: '  ', trigger_id: 't2' }, alice).text).toBe('help');
  });

  it('strips the bot mention and answers a mention in its thread', () => {
    const e = mentionEvent(
      { type: 'app_mention', user: 'U0ALICE', text: '<@UBOT> stop  web-prod-1', channel: 'C0OPS', ts: '1.1' },
      'Ev1',
      alice,
      'UBOT',
    );
    expect(e).toMatchObject({ id: 'event:Ev1', text: 'stop web-prod-1', place: { channel: 'C0OPS', thread: '1.1' } });
    const inThread = mentionEvent(
      { type: 'app_mention', user: 'U0ALICE', text: '<@UBOT> help', channel: 'C0OPS', ts: '1.5', thread_ts: '1.1' },
      'Ev2',
      alice,
      'UBOT',
    );
    expect(inThread.place.thread).toBe('1.1');
  });

  it('decodes what Slack escaped and reduces links and channels to their text', () => {
    expect(textFromSlack('tag &lt;web&gt; &amp; <#C123|ops> <https://example.com|docs> <mailto:a@b.c|a@b.c> <@U0BOB>', 'UBOT')).toBe(
      'tag <web> & ops docs a@b.c U0BOB',
    );
  });

  it('hears direct messages and replies in its own threads, and nothing else', () => {
    const botThread = (c: string, ts: string) => c === 'C0OPS' && ts === '1.1';
    const base = { type: 'message', user: 'U0ALICE', text: 'hi', channel: 'C0OPS', ts: '2.2' };
    expect(messageKind({ ...base, channel: 'D0A', channel_type: 'im' }, 'UBOT', botThread)).toBe('direct');
    expect(messageKind({ ...base, channel_type: 'channel', thread_ts: '1.1' }, 'UBOT', botThread)).toBe('follow-up');
    expect(messageKind({ ...base, channel_type: 'channel', thread_ts: '9.9' }, 'UBOT', botThread)).toBeUndefined();
    expect(messageKind({ ...base, channel_type: 'channel' }, 'UBOT', botThread)).toBeUndefined();
    // A mention is answered through app_mention, once.
    expect(messageKind({ ...base, channel_type: 'channel', thread_ts: '1.1', text: '<@UBOT> help' }, 'UBOT', botThread)).toBeUndefined();
    // Edits, joins, other bots (and the bot itself) are not requests.
    expect(messageKind({ ...base, channel_type: 'im', subtype: 'message_changed' }, 'UBOT', botThread)).toBeUndefined();
    expect(messageKind({ ...base, channel_type: 'im', bot_id: 'B1' }, 'UBOT', botThread)).toBeUndefined();
    const follow = messageEvent({ ...base, channel_type: 'channel', thread_ts: '1.1' }, 'Ev3', alice, 'follow-up', 'UBOT');
    expect(follow).toMatchObject({ addressed: false, place: { channel: 'C0OPS', thread: '1.1' } });
  });

  it('maps action ids back to neutral buttons and ignores foreign ones', () => {
    expect(buttonAction('cloudops:approve:0')).toBe('approve');
    expect(buttonAction('cloudops:choose:3')).toBe('choose');
    expect(buttonAction('cloudops:launch:0')).toBeUndefined();
    expect(buttonAction('other-app:approve')).toBeUndefined();
  });

  it('turns a click into a button event carrying the message it was on', () => {
    const body = {
      user: { id: 'U0BOB' },
      channel: { id: 'C0OPS' },
      container: { channel_id: 'C0OPS', message_ts: '3.3' },
      message: { ts: '3.3', thread_ts: '1.1' },
    };
    const e = buttonEvent(body, { action_id: 'cloudops:approve:0', value: 'req-1', action_ts: '4.4' }, slackUser('U0BOB'))!;
    expect(e).toMatchObject({
      kind: 'button',
      action: 'approve',
      value: 'req-1',
      place: { channel: 'C0OPS', thread: '1.1' },
      message: { id: '3.3', place: { channel: 'C0OPS', thread: '1.1' } },
    });
    // The same payload has the same delivery id; another click does not.
    expect(buttonEvent(body, { action_id: 'cloudops:approve:0', value: 'req-1', action_ts: '4.4' }, slackUser('U0BOB'))!.id).toBe(e.id);
    expect(buttonEvent(body, { action_id: 'cloudops:approve:0', value: 'req-1', action_ts: '4.5' }, slackUser('U0BOB'))!.id).not.toBe(e.id);
  });

  it('a click on an ephemeral message has no message to update', () => {
    const body = { user: { id: 'U0BOB' }, container: { channel_id: 'C0OPS', message_ts: '3.3', is_ephemeral: true } };
    const e = buttonEvent(body, { action_id: 'cloudops:choose:0', value: 't:0' }, slackUser('U0BOB'))!;
    expect(e.message).toBeUndefined();
    expect(e.place).toEqual({ platform: 'slack', channel: 'C0OPS', thread: '3.3' });
  });

  it('knows a bot-authored event by bot_id, bot_profile, subtype bot_message, or its own user id', () => {
    const base = { type: 'app_mention', channel: 'C0OPS', ts: '1.1', text: '<@UBOT> stop web-prod-1' };
    expect(isBotAuthored({ ...base, user: 'U0ALICE' }, 'UBOT')).toBe(false);
    expect(isBotAuthored({ ...base, user: 'U0DEPLOY', bot_id: 'B0DEPLOY' }, 'UBOT')).toBe(true);
    expect(isBotAuthored({ ...base, user: 'U0DEPLOY', bot_profile: { id: 'B0DEPLOY' } }, 'UBOT')).toBe(true);
    expect(isBotAuthored({ ...base, subtype: 'bot_message' }, 'UBOT')).toBe(true);
    expect(isBotAuthored({ ...base, user: 'UBOT' }, 'UBOT')).toBe(true);
    expect(isBotAuthored({ ...base, user: 'USLACKBOT' }, 'UBOT')).toBe(true);
    // A bot's direct message or thread reply is never heard either.
    expect(
      messageKind(
        { ...base, type: 'message', channel_type: 'im', user: 'U0DEPLOY', bot_profile: { id: 'B0DEPLOY' }, text: 'stop web-prod-1' },
        'UBOT',
        () => true,
      ),
    ).toBeUndefined();
  });

  it('keeps a typed mention as the characters typed; a real one is reduced to its id or label', () => {
    expect(textFromSlack('stop &lt;@U0VICTIM&gt; &lt;!here&gt;', 'UBOT')).toBe('stop <@U0VICTIM> <!here>');
    expect(textFromSlack('stop <@U0VICTIM> <!subteam^S0ONCALL|@oncall> <!here>', 'UBOT')).toBe('stop U0VICTIM @oncall !here');
  });

  it('shows people as Slack mentions and carries their groups', () => {
    expect(slackUser('U0BOB', ['S0ONCALL'])).toEqual({ platform: 'slack', id: 'U0BOB', displayName: '<@U0BOB>', groups: ['S0ONCALL'] });
  });
});
