import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackAdapter } from '../../src/chat/slack';
import type { Bot } from '../../src/main';
import { SlackApiStandIn } from '../helpers/slack-api';
import { startSlackBot, type SlackBot } from '../helpers/slack-bot';
import { buttonClick, eventCallback, postSigned, sign, SIGNING_SECRET, slashCommand } from '../helpers/slack-requests';

/**
 * What an attacker, a second bot or a misconfigured app can send to the Slack endpoint, over real HTTP
 * with real signatures: stale, future-dated and replayed requests, bot-authored events, and payloads
 * the bot has no listener for. None of them may act; every signed one is answered within Slack's 3 s.
 */
describe('Slack over HTTP: freshness, replay, bots, acknowledgement', () => {
  let dir: string;
  let api: SlackApiStandIn;
  let slack: SlackBot;
  let bot: Bot;
  let adapter: SlackAdapter;
  let url: string;
  let ids = 0;

  /** A bot on `store` (a file, so a restart finds what the last process wrote). */
  async function start(store: string): Promise<void> {
    slack = await startSlackBot(api, { store, firstId: ids });
    ({ bot, adapter, url } = slack);
    ids += 100; // a restarted bot numbers its requests on from where the last one could have got to
  }

  const halt = () => slack.stop();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-slack-trust-'));
    api = await SlackApiStandIn.start();
    await start(join(dir, 'cloudops.db'));
  });

  afterEach(async () => {
    await halt();
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const now = () => Math.floor(Date.now() / 1000);
  const requests = async () => (await bot.audit.list({})).filter((r) => r.kind === 'request');
  const stop = (trigger: string) => slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1', trigger });

  describe('freshness: |now - timestamp| over five minutes is refused, both ways', () => {
    it.each([
      ['one hour in the future', 60 * 60],
      ['one year in the future', 365 * 24 * 60 * 60],
      ['six minutes in the future', 6 * 60],
      ['six minutes old', -6 * 60],
    ])('a correctly signed command dated %s gets 401 and does nothing', async (_label, offset) => {
      const res = await postSigned(url, stop(`trigger-${offset}`), { timestamp: now() + offset });
      expect(res.status).toBe(401);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(0);
      expect(await requests()).toHaveLength(0);
    });

    it('a timestamp that is not a number gets 401', async () => {
      const d = stop('trigger-nan');
      const res = await postSigned(url, d, {
        headers: { 'x-slack-request-timestamp': 'soon' },
        signature: sign(SIGNING_SECRET, now(), d.body),
      });
      expect(res.status).toBe(401);
      await adapter.idle();
      expect(await requests()).toHaveLength(0);
    });

    it('a command signed four minutes either side of now is still answered', async () => {
      expect((await postSigned(url, stop('trigger-early'), { timestamp: now() - 4 * 60 })).status).toBe(200);
      expect((await postSigned(url, stop('trigger-late'), { timestamp: now() + 4 * 60 })).status).toBe(200);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(2);
    });

    it('a forged signature is still refused with 401', async () => {
      const res = await postSigned(url, stop('trigger-forged'), { secret: 'ffffffffffffffffffffffffffffffff' });
      expect(res.status).toBe(401);
      await adapter.idle();
      expect(await requests()).toHaveLength(0);
    });
  });

  describe('replay: a captured signed request acts once, also across a restart', () => {
    it('the same signed command sent again after a restart (new adapter, same store file) plans nothing', async () => {
      const captured = { delivery: stop('trigger-captured'), timestamp: now() };
      expect((await postSigned(url, captured.delivery, { timestamp: captured.timestamp })).status).toBe(200);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(1);
      expect(await requests()).toHaveLength(1);

      await halt();
      await start(join(dir, 'cloudops.db'));
      const replay = await postSigned(url, captured.delivery, { timestamp: captured.timestamp });
      expect(replay.status).toBe(200); // acknowledged, so Slack (were it Slack) would not retry; nothing happens
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(1);
      expect(await requests()).toHaveLength(1);
    });

    it('a replayed approval click after a restart does not decide again', async () => {
      await postSigned(url, stop('trigger-approve'));
      await adapter.idle();
      const card = api.named('chat.postMessage')[0];
      const approve = card.body.blocks.find((b: any) => b.type === 'actions').elements[0];
      const click = buttonClick({
        user: 'UBOB',
        channel: 'C0OPS',
        messageTs: card.reply!.ts,
        actionId: approve.action_id,
        value: approve.value,
        actionTs: '1700000200.000001',
      });
      const at = now();
      await postSigned(url, click, { timestamp: at });
      await adapter.idle();
      const runs = async () =>
        (await bot.audit.list({ requestId: approve.value })).filter(
          (r) => r.kind === 'execution-start' || r.kind === 'refusal' || r.kind === 'approval',
        );
      const before = (await runs()).length;
      expect(before).toBeGreaterThan(0);
      const calls = api.calls.length;

      await halt();
      await start(join(dir, 'cloudops.db'));
      expect((await postSigned(url, click, { timestamp: at })).status).toBe(200);
      await adapter.idle();
      expect(await runs()).toHaveLength(before);
      // Not even a private "already decided" note: the delivery itself is recognised and dropped.
      expect(api.calls.slice(calls).filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
    });

    it('a retried event delivery after a restart is handled once', async () => {
      const mention = eventCallback('Ev0REPLAY', {
        type: 'app_mention',
        user: 'UALICE',
        text: '<@UBOT> help',
        channel: 'C0OPS',
        ts: '1700000050.000100',
        event_ts: '1700000050.000100',
      });
      await postSigned(url, mention);
      await adapter.idle();
      await halt();
      await start(join(dir, 'cloudops.db'));
      expect(
        (await postSigned(url, mention, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status,
      ).toBe(200);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(1);
    });
  });

  describe('bots are never heard', () => {
    const base = { channel: 'C0OPS', ts: '1700000300.000100', event_ts: '1700000300.000100' };
    it.each([
      [
        'an app_mention from another bot (bot_id)',
        { type: 'app_mention', user: 'UOTHERBOT', bot_id: 'B0OTHER', text: '<@UBOT> stop web-prod-1', ...base },
      ],
      [
        'an app_mention with a bot_profile',
        {
          type: 'app_mention',
          user: 'UOTHERBOT',
          bot_profile: { id: 'B0OTHER', name: 'deploy-bot' },
          text: '<@UBOT> stop web-prod-1',
          ...base,
        },
      ],
      [
        'an app_mention posted as bot_message',
        { type: 'app_mention', subtype: 'bot_message', bot_id: 'B0OTHER', text: '<@UBOT> stop web-prod-1', ...base },
      ],
      [
        'a direct message from a bot',
        {
          type: 'message',
          channel_type: 'im',
          user: 'UOTHERBOT',
          bot_id: 'B0OTHER',
          text: 'stop web-prod-1',
          channel: 'D0BOT',
          ts: '1700000300.000100',
        },
      ],
      [
        'a direct message with subtype bot_message',
        {
          type: 'message',
          subtype: 'bot_message',
          channel_type: 'im',
          bot_id: 'B0OTHER',
          text: 'stop web-prod-1',
          channel: 'D0BOT',
          ts: '1700000300.000100',
        },
      ],
      // `/remind #ops "@cloudops stop web-prod-1" at 3am`: Slackbot posts it, with no bot_id, as USLACKBOT.
      [
        'a Slackbot reminder mentioning the bot',
        { type: 'app_mention', user: 'USLACKBOT', text: 'Reminder: <@UBOT> stop web-prod-1.', ...base },
      ],
      [
        'a direct message from Slackbot',
        { type: 'message', channel_type: 'im', user: 'USLACKBOT', text: 'stop web-prod-1', channel: 'D0BOT', ts: '1700000300.000100' },
      ],
    ])('%s is acknowledged and ignored', async (_label, event) => {
      const res = await postSigned(url, eventCallback(`Ev0BOT${Math.random().toString(36).slice(2)}`, event));
      expect(res.status).toBe(200);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(0);
      expect(await requests()).toHaveLength(0);
    });

    it('a bot replying in a thread the bot speaks in is ignored; a person there is heard', async () => {
      const mention = eventCallback('Ev0THREAD', { type: 'app_mention', user: 'UALICE', text: '<@UBOT> help', ...base });
      await postSigned(url, mention);
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(1);
      const reply = { type: 'message', channel_type: 'channel', channel: 'C0OPS', thread_ts: base.ts, text: 'stop web-prod-1' };
      await postSigned(url, eventCallback('Ev0BOTREPLY', { ...reply, user: 'UOTHERBOT', bot_id: 'B0OTHER', ts: '1700000310.000100' }));
      await postSigned(
        url,
        eventCallback('Ev0BOTREPLY2', { ...reply, subtype: 'bot_message', bot_id: 'B0OTHER', ts: '1700000311.000100' }),
      );
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(1);
      await postSigned(url, eventCallback('Ev0PERSON', { ...reply, user: 'UALICE', text: 'help', ts: '1700000312.000100' }));
      await adapter.idle();
      expect(api.named('chat.postMessage')).toHaveLength(2);
    });
  });

  describe('every signed request is acknowledged at once', () => {
    it('an unknown slash command gets an ephemeral answer naming the command the bot answers', async () => {
      const res = await postSigned(url, slashCommand({ user: 'UALICE', channel: 'C0OPS', text: 'stop web-prod-1', command: '/deploy' }));
      expect(res.status).toBe(200);
      const body = JSON.parse(res.text);
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain('I only answer /cloudops');
      expect(body.text).toContain('/cloudops help');
      await adapter.idle();
      expect(await requests()).toHaveLength(0);
    });

    it('an unknown action id gets an empty 200 and does nothing', async () => {
      const res = await postSigned(
        url,
        buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: '1700000000.000100', actionId: 'other-app:approve', value: 'req-0001' }),
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
      await adapter.idle();
      expect(api.calls.filter((c) => c.method.startsWith('chat.'))).toHaveLength(0);
    });

    it('one of our action ids for a button that does not exist gets an empty 200', async () => {
      const res = await postSigned(
        url,
        buttonClick({ user: 'UBOB', channel: 'C0OPS', messageTs: '1700000000.000100', actionId: 'cloudops:launch-missiles:0', value: 'x' }),
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    });

    it('a global shortcut and a modal submission get an empty 200', async () => {
      const shortcut = {
        type: 'shortcut',
        callback_id: 'open-thing',
        trigger_id: 't1',
        team: { id: 'T0ACME' },
        user: { id: 'UALICE', team_id: 'T0ACME' },
        token: 'legacy',
        api_app_id: 'A0CLOUDOPS',
      };
      const view = {
        type: 'view_submission',
        team: { id: 'T0ACME' },
        user: { id: 'UALICE', team_id: 'T0ACME' },
        token: 'legacy',
        api_app_id: 'A0CLOUDOPS',
        trigger_id: 't2',
        view: { id: 'V1', callback_id: 'form', type: 'modal', state: { values: {} }, team_id: 'T0ACME' },
      };
      for (const payload of [shortcut, view]) {
        const res = await postSigned(url, {
          body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
          contentType: 'application/x-www-form-urlencoded',
        });
        expect(res.status).toBe(200);
        expect(res.text).toBe('');
      }
    });

    it('an event type the bot does not listen to gets an empty 200', async () => {
      const res = await postSigned(
        url,
        eventCallback('Ev0REACTION', {
          type: 'reaction_added',
          user: 'UALICE',
          reaction: 'eyes',
          item: { type: 'message', channel: 'C0OPS', ts: '1.1' },
          event_ts: '1700000400.000100',
        }),
      );
      expect(res.status).toBe(200);
      expect(res.text).toBe('');
    });
  });
});
