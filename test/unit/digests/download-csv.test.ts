import { webApi } from '@slack/bolt';
import { SlackSink } from '../../../src/chat/slack';
import { renderBlockKit } from '../../../src/chat/slack/render';
import { SANDBOX_DEMO_CONFIG } from '../../../src/config';
import type { ChatMessage, ChatPlace, ChatSink } from '../../../src/core/chat';
import { FindingsCommands } from '../../../src/digests';
import { FakeClock, silentLog, testBot } from '../../helpers/bot';
import { SlackApiStandIn } from '../../helpers/slack-api';

describe('"Download CSV" under a digest', () => {
  it('every digest offers it; the click posts the rows as a CSV file in the thread', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    const digest = await bot.digests.message('findings', { source: 'chat' });
    expect(digest.download).toEqual({ action: 'suggest', label: 'Download CSV', value: 'digest:csv:findings' });
    const posted: ChatMessage[] = [];
    const sink: ChatSink = {
      post: async (place, m) => (posted.push(m), { place, id: '1' }),
      update: async () => {},
      whisper: async () => {},
    };
    const commands = new FindingsCommands({
      findings: bot.digests.findings,
      snoozes: bot.findingSnoozes,
      catalog: bot.catalog,
      inventory: bot.inventory,
      csv: (k) => bot.digests.csv(k),
    });
    const place: ChatPlace = { platform: 'slack', channel: 'C0OPS' };
    const handled = await commands.onButton(
      {
        kind: 'button',
        id: 'e1',
        user: { platform: 'slack', id: 'U0ALICE' },
        place,
        action: 'suggest',
        value: 'digest:csv:findings',
        message: { place, id: '1700000000.000001' },
      },
      sink,
    );
    expect(handled).toBe(true);
    expect(posted).toHaveLength(1);
    expect(posted[0].text).toMatch(/^Findings digest as CSV: 49 rows in findings-2026-11-22\.csv\.$/);
    const csv = new TextDecoder().decode(posted[0].file!.content);
    expect(posted[0].file).toMatchObject({ name: 'findings-2026-11-22.csv', mime: 'text/csv' });
    expect(csv.split('\r\n')[0]).toBe(
      'rule,severity,resource_id,resource_name,resource_type,account_id,account_name,region,monthly_saving_usd,playbook,deadline,detail',
    );
    bot.close();
  });

  it('Slack shows it as a button, and uploads the file into the thread with files.uploadV2', async () => {
    const blocks = renderBlockKit({
      kind: 'digest',
      header: 'Findings',
      text: 'x',
      download: { action: 'suggest', label: 'Download CSV', value: 'digest:csv:findings' },
    });
    expect(JSON.stringify(blocks)).toContain('Download CSV');
    const api = await SlackApiStandIn.start();
    try {
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
      const sink = new SlackSink({ client, log: silentLog, sleep: async () => {}, background: (w) => void w });
      const ref = await sink.post(
        { platform: 'slack', channel: 'C0OPS', thread: '1700000000.000001' },
        {
          kind: 'info',
          text: 'CSV',
          file: { name: 'findings.csv', mime: 'text/csv', content: new TextEncoder().encode('a,b\r\n1,2\r\n'), title: 'Findings (CSV)' },
        },
      );
      expect(api.named('files.getUploadURLExternal')[0].body).toMatchObject({ filename: 'findings.csv', length: '10' });
      expect(api.named('upload')[0].body.bytes).toBeGreaterThan(10);
      expect(api.named('files.completeUploadExternal')[0].body).toMatchObject({ channel_id: 'C0OPS', thread_ts: ref.place.thread });
    } finally {
      await api.close();
    }
  });
});

describe('"Download CSV" when Slack refuses the upload (qa17b)', () => {
  it('says in the thread that the file did not come and how to fix it (files:write), instead of only logging', async () => {
    const api = await SlackApiStandIn.start();
    api.on('files.getUploadURLExternal', () => ({ ok: false, error: 'missing_scope', needed: 'files:write', provided: 'chat:write' }));
    try {
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: api.url, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } });
      const sink = new SlackSink({ client, log: silentLog, sleep: async () => {}, background: (w) => void w });
      await sink.post(
        { platform: 'slack', channel: 'C0OPS', thread: '1700000000.000001' },
        {
          kind: 'info',
          text: 'Findings digest as CSV: 1 row in findings.csv.',
          file: { name: 'findings.csv', mime: 'text/csv', content: new TextEncoder().encode('a,b\r\n1,2\r\n'), title: 'Findings (CSV)' },
        },
      );
      expect(api.named('files.completeUploadExternal')).toHaveLength(0);
      const posts = api.named('chat.postMessage');
      expect(posts).toHaveLength(2);
      expect(posts[1].body.thread_ts).toBe('1700000000.000001');
      const said = String(posts[1].body.text);
      expect(said).toContain('findings.csv was not uploaded');
      expect(said).toContain('files:write');
      expect(said).toContain('--csv FILE');
      expect(said).not.toContain('xoxb-');
    } finally {
      await api.close();
    }
  });
});
