import { webApi } from '@slack/bolt';
import { SlackSink } from '../../../../src/chat/slack';
import { InFlight } from '../../../../src/chat/slack/InFlight';
import type { ChatPlace } from '../../../../src/core/chat';
import { silentLog } from '../../../helpers/bot';
import { SlackApiStandIn, shownText } from '../../../helpers/slack-api';

describe('SlackSink: posting through the Web API', () => {
  let api: SlackApiStandIn;
  let sink: SlackSink;
  let work: InFlight;
  let slept: number[];
  const channel: ChatPlace = { platform: 'slack', channel: 'C0OPS' };

  beforeEach(async () => {
    api = await SlackApiStandIn.start();
    slept = [];
    work = new InFlight((e) => {
      throw e;
    });
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
    sink = new SlackSink({ client, log: silentLog, sleep: async (ms) => void slept.push(ms), background: (w) => work.add(w) });
  });
  afterEach(async () => {
    await work.idle();
    await api.close();
  });

  it('posts, updates in place, and whispers with chat.postEphemeral', async () => {
    const ref = await sink.post(channel, { kind: 'info', text: 'hello' });
    expect(ref).toEqual({ place: channel, id: api.named('chat.postMessage')[0].reply!.ts });
    await sink.update(ref, { kind: 'info', text: 'changed' });
    expect(api.named('chat.update')[0].body).toMatchObject({ channel: 'C0OPS', ts: ref.id });
    await sink.whisper(
      { ...channel, thread: ref.id },
      { platform: 'slack', id: 'U0BOB' },
      { kind: 'refusal', text: 'You cannot do that: no.' },
    );
    expect(api.named('chat.postEphemeral')[0].body).toMatchObject({ channel: 'C0OPS', user: 'U0BOB', thread_ts: ref.id });
  });

  it('replies in a thread by its root, even when told the ts of a reply in it', async () => {
    const root = await sink.post(channel, { kind: 'plan', text: 'plan' });
    const reply = await sink.post({ ...channel, thread: root.id }, { kind: 'info', text: 'in thread' });
    await sink.post({ ...channel, thread: reply.id }, { kind: 'info', text: 'also in thread' });
    expect(api.named('chat.postMessage').map((c) => c.body.thread_ts)).toEqual([undefined, root.id, root.id]);
  });

  it('waits out a 429 for as long as Slack asks, then succeeds', async () => {
    api.on('chat.update', (body, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '3' } } : { ok: true, ts: body.ts }));
    await sink.update({ place: channel, id: '1.1' }, { kind: 'info', text: 'x' });
    expect(api.named('chat.update')).toHaveLength(2);
    expect(slept).toEqual([3000]);
  });

  it('gives up after a bounded number of 429s instead of retrying for ever', async () => {
    api.on('chat.update', () => ({ status: 429, headers: { 'retry-after': '1' } }));
    await expect(sink.update({ place: channel, id: '1.1' }, { kind: 'info', text: 'x' })).rejects.toThrow(
      /rate-limited chat.update 4 time/,
    );
    expect(api.named('chat.update')).toHaveLength(4);
  });

  it('turns a burst of progress lines into one message and a few edits', async () => {
    const place = { ...channel, thread: '1.1' };
    for (let i = 1; i <= 40; i++) await sink.post(place, { kind: 'progress', text: `step ${i}` });
    await work.idle();
    expect(api.named('chat.postMessage')).toHaveLength(1);
    expect(api.named('chat.update').length).toBeLessThan(40);
    const last = shownText(api.named('chat.update').at(-1)!.body);
    expect(last).toContain('(10 earlier lines)');
    expect(last).toContain('step 40');
  });

  it('a rate-limited progress update does not hold up an approval card', async () => {
    const place = { ...channel, thread: '1.1' };
    await sink.post(place, { kind: 'progress', text: 'step 1' });
    const progressTs = api.named('chat.postMessage')[0].reply!.ts;
    // Slack is throttling edits of the progress message for a long time...
    api.on('chat.update', (body) =>
      body.ts === progressTs ? { status: 429, headers: { 'retry-after': '60' } } : { ok: true, ts: body.ts },
    );
    await sink.post(place, { kind: 'progress', text: 'step 2' });
    // ...the card update still goes straight through: no queue-wide pause, no 60-second wait.
    await sink.update({ place: channel, id: '1.1' }, { kind: 'plan', text: 'Approved' });
    await work.idle();
    expect(api.named('chat.update').some((c) => c.body.ts === '1.1')).toBe(true);
    expect(slept).toEqual([]);
  });

  it('progress that cannot be posted never fails the work it reports on', async () => {
    api.on('chat.postMessage', () => ({ ok: false, error: 'channel_not_found' }));
    await expect(sink.post({ ...channel, thread: '1.1' }, { kind: 'progress', text: 'step 1' })).resolves.toMatchObject({ id: '' });
  });

  it('a private note that cannot be delivered is logged, not thrown', async () => {
    api.on('chat.postEphemeral', () => ({ ok: false, error: 'user_not_in_channel' }));
    await expect(sink.whisper(channel, { platform: 'slack', id: 'U0BOB' }, { kind: 'refusal', text: 'no' })).resolves.toBeUndefined();
  });

  it('sends privateTo messages as ephemeral ones', async () => {
    await sink.post(channel, { kind: 'info', text: 'just you', privateTo: { platform: 'slack', id: 'U0ALICE' } });
    expect(api.named('chat.postMessage')).toHaveLength(0);
    expect(api.named('chat.postEphemeral')[0].body.user).toBe('U0ALICE');
  });

  it('uploads a chart into the message thread', async () => {
    const ref = await sink.post(channel, {
      kind: 'digest',
      header: 'Cost',
      textChart: '▁▂▃',
      image: { png: new Uint8Array([137, 80, 78, 71]), alt: 'spend', title: 'Spend' },
    });
    expect(api.named('files.getUploadURLExternal')).toHaveLength(1);
    expect(api.named('upload')[0].body.bytes).toBeGreaterThan(0);
    expect(api.named('files.completeUploadExternal')[0].body).toMatchObject({ channel_id: 'C0OPS', thread_ts: ref.id });
  });
});
