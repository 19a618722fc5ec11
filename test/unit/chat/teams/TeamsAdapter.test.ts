import { HttpServer } from '../../../../src/chat/HttpServer';
import { teamsCredentialsFromEnv } from '../../../../src/chat/teams/credentials';
import { NoConversationReferenceError, type ConversationReferenceStore } from '../../../../src/chat/teams/TeamsOutbox';
import { TeamsAdapter, UNAUTHENTICATED_NOTICE } from '../../../../src/chat/teams/TeamsAdapter';
import type { ChatEvent, ChatSink } from '../../../../src/core/chat';
import { silentLog } from '../../../helpers/bot';
import {
  BOT,
  cardActionActivity,
  cardIn,
  cardText,
  deliver,
  FakeConnector,
  messageActivity,
  TENANT,
  type TeamsUser,
  type Where,
} from '../../../helpers/teams';

const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const BOB: TeamsUser = { id: '29:bob', aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Bob' };

class MemoryReferences implements ConversationReferenceStore {
  readonly map = new Map<string, Record<string, unknown>>();
  writes = 0;
  save(platform: string, channel: string, reference: Record<string, unknown>): void {
    this.writes++;
    this.map.set(`${platform}:${channel}`, reference);
  }
  get(platform: string, channel: string) {
    return this.map.get(`${platform}:${channel}`);
  }
  remove(platform: string, channel: string): boolean {
    return this.map.delete(`${platform}:${channel}`);
  }
}

type Handler = (event: ChatEvent, sink: ChatSink) => Promise<void>;

describe('TeamsAdapter', () => {
  let connector: FakeConnector;
  let http: HttpServer;
  let port: number;
  let refs: MemoryReferences;
  let adapter: TeamsAdapter;
  const events: ChatEvent[] = [];
  let handler: Handler;
  const channel: () => Where = () => ({
    serviceUrl: connector.url,
    conversation: { id: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel', tenantId: 't' },
  });

  async function boot(options: Partial<ConstructorParameters<typeof TeamsAdapter>[0]> = {}): Promise<void> {
    refs = new MemoryReferences();
    http = new HttpServer();
    adapter = new TeamsAdapter({ credentials: teamsCredentialsFromEnv({}), references: refs, http, log: silentLog, ...options });
    await adapter.start((event, sink) => {
      events.push(event);
      return handler(event, sink);
    });
    port = await http.listen(0, '127.0.0.1');
  }

  beforeEach(async () => {
    events.length = 0;
    handler = async () => {};
    connector = await new FakeConnector().start();
  });

  afterEach(async () => {
    await http.close();
    await adapter.stop();
    await connector.close();
  });

  it('stores the conversation reference once per channel, without the user, and drops redelivered messages', async () => {
    await boot();
    const a = messageActivity(channel(), ALICE, 'scan', { id: 'same' });
    await deliver(port, a);
    await deliver(port, a);
    await deliver(port, messageActivity(channel(), BOB, 'cost'));
    await adapter.idle();
    expect(events.map((e) => (e.kind === 'message' ? e.text : ''))).toEqual(['scan', 'cost']);
    expect(refs.writes).toBe(1);
    const stored = refs.get('teams', '19:ops@thread.tacv2')!;
    expect(stored).toMatchObject({
      serviceUrl: connector.url,
      conversation: { id: '19:ops@thread.tacv2', conversationType: 'channel' },
      agent: BOT,
    });
    expect(stored.user).toBeUndefined();
  });

  it('a whisper in a channel is a placeholder only its reader can open (Universal Actions refresh with userIds)', async () => {
    await boot();
    handler = async (event, sink) => {
      await sink.whisper(event.place, event.user, { kind: 'info', text: 'Only for you: that request expired.' });
    };
    await deliver(port, messageActivity(channel(), ALICE, 'stop web-prod-1'));
    await adapter.idle();
    const [post] = connector.posts();
    const card = cardIn(post.body);
    expect(cardText(card.body)).toBe(`A note for Alice; only they can see it.\n${UNAUTHENTICATED_NOTICE}`);
    expect(JSON.stringify(card)).not.toContain('expired');
    expect(card.refresh).toMatchObject({ userIds: [ALICE.id], action: { type: 'Action.Execute', verb: 'cloudops.note' } });
    const data = (card.refresh!.action as { data: Record<string, unknown> }).data;

    const mine = await deliver(port, cardActionActivity(channel(), ALICE, post.id!, 'cloudops.note', data));
    expect(cardText(mine.body.value)).toBe(`Only for you: that request expired.\n${UNAUTHENTICATED_NOTICE}`);
    const theirs = await deliver(port, cardActionActivity(channel(), BOB, post.id!, 'cloudops.note', data));
    expect(theirs.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'This note is for someone else.',
    });
    expect(events).toHaveLength(1); // refreshes never reach the conversation
  });

  it('in a personal chat a whisper is an ordinary message', async () => {
    await boot();
    handler = async (event, sink) => sink.whisper(event.place, event.user, { kind: 'info', text: 'just you and me' });
    const personal: Where = { serviceUrl: connector.url, conversation: { id: 'a:alice', conversationType: 'personal' } };
    await deliver(port, messageActivity(personal, ALICE, 'hi'));
    await adapter.idle();
    expect(cardText(cardIn(connector.posts()[0].body))).toBe(`just you and me\n${UNAUTHENTICATED_NOTICE}`);
  });

  it('a click still being worked on when the deadline passes is answered "working on it"; the card updates later', async () => {
    await boot({ invokeDeadlineMs: 5 });
    let release!: () => void;
    const gate = new Promise<void>((ok) => (release = ok));
    handler = async (event, sink) => {
      if (event.kind === 'message') {
        await sink.post(event.place, { kind: 'plan', header: 'Plan', buttons: [{ action: 'approve', label: 'Approve', value: 'r1' }] });
        return;
      }
      await gate;
      await sink.update(event.message!, { kind: 'plan', header: 'Plan', text: 'Approved by Bob.' });
    };
    await deliver(port, messageActivity(channel(), ALICE, 'stop it'));
    await adapter.idle();
    const planId = connector.posts()[0].id!;
    const res = await deliver(port, cardActionActivity(channel(), BOB, planId, 'approve', { action: 'approve', value: 'r1' }));
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Working on it; the card will update when it is done.',
    });
    release();
    await adapter.idle();
    expect(cardText(connector.cardOf(planId))).toContain('Approved by Bob.');
  });

  it('a click that changes no card is answered with the card as it was', async () => {
    await boot();
    handler = async (event, sink) => {
      if (event.kind === 'message')
        await sink.post(event.place, {
          kind: 'clarify',
          header: 'Which one?',
          buttons: [{ action: 'choose', label: 'web-1', value: 't:0' }],
        });
    };
    await deliver(port, messageActivity(channel(), ALICE, 'stop web'));
    await adapter.idle();
    const res = await deliver(
      port,
      cardActionActivity(channel(), ALICE, connector.posts()[0].id!, 'choose', { action: 'choose', value: 't:0' }),
    );
    expect(cardText(res.body.value)).toContain('Which one?');
  });

  it("posts into a thread go to the thread root, also when addressed by a reply's id", async () => {
    await boot();
    handler = async (event, sink) => {
      const ref = await sink.post(event.place, { kind: 'plan', header: 'Plan' });
      await sink.post({ ...event.place, thread: ref.id }, { kind: 'progress', text: 'step 1' });
    };
    await deliver(port, messageActivity(channel(), ALICE, 'stop it'));
    await adapter.idle();
    expect(connector.posts().map((p) => p.conversation)).toEqual([
      '19:ops@thread.tacv2;messageid=1700000000001',
      '19:ops@thread.tacv2;messageid=1700000000001',
    ]);
  });

  it('posting where the bot has never been says how to fix it', async () => {
    await boot();
    await expect(
      adapter.sink.post({ platform: 'teams', channel: '19:elsewhere@thread.tacv2' }, { kind: 'info', text: 'x' }),
    ).rejects.toThrow(NoConversationReferenceError);
    await expect(
      adapter.sink.post({ platform: 'teams', channel: '19:elsewhere@thread.tacv2' }, { kind: 'info', text: 'x' }),
    ).rejects.toThrow(/add the bot to that team, chat or channel/);
  });

  it('a post Teams refuses fails loudly instead of looking sent', async () => {
    await boot();
    await deliver(port, messageActivity(channel(), ALICE, 'hello'));
    await adapter.idle();
    connector.failWith = 403;
    await expect(
      adapter.sink.post({ platform: 'teams', channel: '19:ops@thread.tacv2' }, { kind: 'info', text: 'digest' }),
    ).rejects.toThrow(/roster/);
  });

  it('installing the bot in a personal chat posts the welcome; removing it forgets the conversation', async () => {
    await boot({ welcome: { kind: 'help', header: 'What I can do' } });
    const personal: Where = { serviceUrl: connector.url, conversation: { id: 'a:alice', conversationType: 'personal' } };
    const base = { channelId: 'msteams', serviceUrl: connector.url, from: ALICE, recipient: BOT, conversation: personal.conversation };
    await deliver(port, { ...base, type: 'conversationUpdate', id: 'cu-1', membersAdded: [{ id: BOT.id }] });
    await adapter.idle();
    expect(cardText(cardIn(connector.posts()[0].body))).toBe(`What I can do\n${UNAUTHENTICATED_NOTICE}`);
    expect(refs.get('teams', 'a:alice')).toBeDefined();
    await deliver(port, { ...base, type: 'installationUpdate', id: 'iu-1', action: 'remove' });
    expect(refs.get('teams', 'a:alice')).toBeUndefined();
  });

  it(
    'activities of the wrong shape are answered 400 with a fixed body, not 500, and ' + 'nothing is handled or logged as an error',
    async () => {
      const errors: unknown[] = [];
      await boot({ log: { ...silentLog, error: (o: object) => errors.push(o) } });
      const base = messageActivity(channel(), ALICE, 'stop web-prod-1');
      const shapes = [
        { ...base, entities: 'x' },
        { ...base, entities: [1, null] },
        { ...base, text: 5 },
        { ...base, from: { id: 5 } },
        { ...base, conversation: { id: '19:ops@thread.tacv2', conversationType: 5 } },
        { ...base, attachments: 'x' },
        { ...base, id: 5 },
        { ...base, replyToId: {} },
        { ...base, channelId: 5 },
        { ...base, recipient: { id: 5 } },
        { ...base, type: 'event', name: 5 },
        { ...base, type: 'conversationUpdate', membersAdded: 'x' },
        { ...base, from: 'alice' },
        { ...base, serviceUrl: 5 },
        { ...base, serviceUrl: undefined },
      ];
      for (const shape of shapes) {
        const res = await deliver(port, shape);
        expect([JSON.stringify(shape).slice(-80), res.status, res.body]).toEqual([
          JSON.stringify(shape).slice(-80),
          400,
          { error: 'bad request' },
        ]);
      }
      await adapter.idle();
      expect(events).toHaveLength(0);
      expect(errors).toEqual([]);
      expect(refs.writes).toBe(0);
    },
  );

  it('the endpoint accepts only POSTed JSON', async () => {
    await boot();
    const get = await fetch(`http://127.0.0.1:${port}/api/messages`);
    expect(get.status).toBe(405);
    const bad = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'not json',
    });
    expect(bad.status).toBe(400);
    // fetch sends a string body as text/plain: what a web page could send without a CORS preflight.
    const plain = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', body: '{}' });
    expect(plain.status).toBe(415);
  });

  it('with credentials, an activity without a Bot Framework token is refused with 401 and nothing is handled', async () => {
    await boot({
      credentials: teamsCredentialsFromEnv({
        MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555',
        MICROSOFT_APP_TENANT_ID: TENANT,
        MICROSOFT_APP_PASSWORD: 'not-used',
      }),
      tenants: [TENANT],
    });
    const origError = console.error;
    console.error = () => {}; // CloudAdapter prints the authentication error itself
    try {
      const res = await deliver(port, messageActivity(channel(), ALICE, 'stop web-prod-1'));
      expect(res.status).toBe(401);
    } finally {
      console.error = origError;
    }
    await adapter.idle();
    expect(events).toHaveLength(0);
    expect(adapter.banner().join(' ')).toContain('password credentials');
  });
});
