import { clickFromData, cleanText, placeOf, splitConversationId, textEvent, userOf } from '../../../../src/chat/teams/activity';

const bot = { id: '28:bot', name: 'CloudOps' };
const channel = { id: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel' };

describe('Teams activities -> chat events', () => {
  it('strips the bot mention, markup and entities from a channel message', () => {
    const a = {
      text: '<p><at>CloudOps</at>&nbsp;stop pg-main &amp; tell <at>Bob</at></p>',
      recipient: bot,
      entities: [
        { type: 'mention', text: '<at>CloudOps</at>', mentioned: bot },
        { type: 'mention', text: '<at>Bob</at>', mentioned: { id: '29:bob', name: 'Bob' } },
      ],
    };
    expect(cleanText(a)).toEqual({ text: 'stop pg-main & tell Bob', mentioned: true });
  });

  it('drops a leading /cloudops or "cloudops:" the way the slash command would', () => {
    expect(cleanText({ text: '/cloudops stop pg-main', recipient: bot }).text).toBe('stop pg-main');
    expect(cleanText({ text: 'cloudops: scan', recipient: bot }).text).toBe('scan');
    expect(cleanText({ text: 'cloudopsy', recipient: bot }).text).toBe('cloudopsy');
  });

  it('a mention of someone else is not a mention of the bot', () => {
    const a = {
      text: '<at>Bob</at> stop pg-main',
      recipient: bot,
      entities: [{ type: 'mention', text: '<at>Bob</at>', mentioned: { id: '29:bob' } }],
    };
    expect(cleanText(a).mentioned).toBe(false);
  });

  it('personal chats are always addressed; channels and group chats only with a mention', () => {
    const from = { id: '29:alice', aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000001', name: 'Alice' };
    expect(
      textEvent({ id: '1', text: 'scan', from, recipient: bot, conversation: { id: 'a:1', conversationType: 'personal' } as never }),
    ).toMatchObject({ text: 'scan', addressed: true });
    expect(
      textEvent({
        id: '2',
        text: 'scan',
        from,
        recipient: bot,
        conversation: { id: '19:g@thread.v2', conversationType: 'groupChat' } as never,
      }),
    ).toBeUndefined();
    const mentioned = textEvent({
      id: '3',
      text: '<at>CloudOps</at> find owner=alice',
      from,
      recipient: bot,
      conversation: channel as never,
      entities: [{ type: 'mention', text: '<at>CloudOps</at>', mentioned: bot } as never],
    });
    expect(mentioned).toMatchObject({
      kind: 'message',
      text: 'find owner=alice',
      place: { platform: 'teams', channel: '19:ops@thread.tacv2', thread: '1700000000001' },
    });
  });

  it('a channel thread id splits into channel and root message', () => {
    expect(splitConversationId('19:ops@thread.tacv2;messageid=1700000000001')).toEqual({
      channel: '19:ops@thread.tacv2',
      thread: '1700000000001',
    });
    expect(splitConversationId('a:1xyz')).toEqual({ channel: 'a:1xyz' });
    expect(placeOf({ conversation: { id: '19:g@thread.v2' } as never })).toEqual({ platform: 'teams', channel: '19:g@thread.v2' });
  });

  it('the user is the Entra ID object id from the activity, lower-cased; without one, an id no approver list can hold', () => {
    expect(userOf({ from: { id: '29:alice', aadObjectId: 'AAAAAAAA-0000-4000-8000-000000000001', name: 'Alice' } })).toEqual({
      platform: 'teams',
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      displayName: 'Alice',
    });
    expect(userOf({ from: { id: 'emulator-user', name: 'User' } }).id).toBe('bf:emulator-user');
    expect(userOf({ from: { id: '29:c', aadObjectId: 'c', name: 'C' } }, ['carol@contoso.com']).aliases).toEqual(['carol@contoso.com']);
  });

  it('button data carries only what was clicked; unknown actions and odd values are refused', () => {
    expect(clickFromData({ action: 'approve', value: 'req-1', user: { id: 'bob' }, approver: 'bob' }, 'approve')).toEqual({
      action: 'approve',
      value: 'req-1',
    });
    expect(clickFromData({ action: 'approve', value: 'req-1' })).toEqual({ action: 'approve', value: 'req-1' });
    expect(clickFromData({ value: 'req-1' }, 'terminate')).toBeUndefined();
    expect(clickFromData({ action: 'approve', value: 42 })).toBeUndefined();
    expect(clickFromData({ action: 'approve', value: 'x'.repeat(201) })).toBeUndefined();
    expect(clickFromData('approve')).toBeUndefined();
  });
});
