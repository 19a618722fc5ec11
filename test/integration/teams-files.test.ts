/**
 * "Download CSV" in Teams, end to end through the messaging endpoint and a Bot Connector stand-in: in a
 * personal chat the file consent flow (consent card -> fileConsent/invoke -> PUT to the upload URL ->
 * file info card); in a channel, where Teams takes no file from a bot, the digest says so.
 */
import { join } from 'node:path';
import { chatPlatforms, startChat, type Bot, type RunningChat } from '../../src/main';
import { tempDir } from '../helpers/cli';
import { FakeClock, silentLog, testBot } from '../helpers/bot';
import {
  BOT,
  cardActions,
  cardActionActivity,
  cardIn,
  cardText,
  deliver,
  FakeConnector,
  messageActivity,
  TENANT,
  type ConnectorCall,
  type TeamsUser,
  type Where,
} from '../helpers/teams';

const ALICE: TeamsUser = { id: '29:alice', aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Alice' };
const config = { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } };
const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
const INFO = 'application/vnd.microsoft.teams.card.file.info';

let seq = 0;
function consentAnswer(where: Where, replyToId: string, value: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'fileConsent/invoke',
    id: `consent-${++seq}`,
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    from: ALICE,
    recipient: BOT,
    conversation: where.conversation,
    channelData: { tenant: { id: TENANT } },
    replyToId,
    value: { type: 'fileUpload', ...value },
  };
}

const attachment = (c: ConnectorCall) =>
  (c.body.attachments as { contentType: string; name?: string; contentUrl?: string; content: any }[])[0];

describe('Teams: Download CSV as a file', () => {
  let connector: FakeConnector;
  let bot: Bot;
  let chat: RunningChat;

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    bot = await testBot({ config, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    chat = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
  });

  afterEach(async () => {
    await chat.stop();
    bot.close();
    await connector.close();
  });

  /** Ask for the findings digest and click its Download CSV button; the posts that followed the click. */
  async function download(where: Where): Promise<ConnectorCall[]> {
    await deliver(chat.httpPort!, messageActivity(where, ALICE, 'findings'));
    await chat.teams!.idle();
    const digest = connector.posts().find((p) => cardText(cardIn(p.body)).includes('[Download CSV]'))!;
    expect(digest).toBeDefined();
    const button = cardActions(cardIn(digest.body)).find((a) => a.title === 'Download CSV')!;
    expect(button).toMatchObject({ type: 'Action.Execute', data: { value: 'digest:csv:findings' } });
    const before = connector.posts().length;
    const clicked = await deliver(
      chat.httpPort!,
      cardActionActivity(where, ALICE, digest.id!, String(button.verb), button.data as Record<string, unknown>),
    );
    expect(clicked.status).toBe(200);
    await chat.teams!.idle();
    return connector.posts().slice(before);
  }

  it('in a personal chat: a consent card, then on Allow the CSV goes to the upload URL and a file info card shows it', async () => {
    const where: Where = {
      serviceUrl: connector.url,
      conversation: { id: 'a:1-personal-alice', conversationType: 'personal', tenantId: TENANT },
    };
    const posted = await download(where);
    const rows = Number(/Findings digest as CSV: (\d+) rows in findings-2026-11-22\.csv\./.exec(cardText(cardIn(posted[0].body)))![1]);
    expect(rows).toBeGreaterThan(10);
    const consent = attachment(posted[1]);
    expect(consent).toMatchObject({ contentType: CONSENT, name: 'findings-2026-11-22.csv' });
    expect(consent.content.sizeInBytes).toBeGreaterThan(1000);
    expect(connector.uploads).toEqual([]);

    const uploadInfo = {
      name: 'findings-2026-11-22.csv',
      uploadUrl: `${connector.url}uploads/findings-2026-11-22.csv`,
      contentUrl: 'https://contoso-my.sharepoint.com/personal/alice/Documents/Applications/findings-2026-11-22.csv',
      uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C9D',
      fileType: 'csv',
    };
    const answered = await deliver(
      chat.httpPort!,
      consentAnswer(where, posted[1].id!, { action: 'accept', context: consent.content.acceptContext, uploadInfo }),
    );
    expect(answered.status).toBe(200);
    expect(connector.uploads).toHaveLength(1);
    const csv = connector.uploads[0].body.toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'rule,severity,resource_id,resource_name,resource_type,account_id,account_name,region,monthly_saving_usd,playbook,deadline,detail',
    );
    // Header plus one line per finding, as the message said.
    expect(csv.trimEnd().split('\r\n')).toHaveLength(rows + 1);
    expect(connector.uploads[0].body.length).toBe(consent.content.sizeInBytes);
    expect(connector.uploads[0].contentRange).toBe(`bytes 0-${consent.content.sizeInBytes - 1}/${consent.content.sizeInBytes}`);
    const info = attachment(connector.posts().at(-1)!);
    expect(info).toEqual({
      contentType: INFO,
      contentUrl: uploadInfo.contentUrl,
      name: 'findings-2026-11-22.csv',
      content: { uniqueId: uploadInfo.uniqueId, fileType: 'csv' },
    });

    // The same card answered again: the offer is spent, nothing is uploaded twice.
    await deliver(
      chat.httpPort!,
      consentAnswer(where, posted[1].id!, { action: 'accept', context: consent.content.acceptContext, uploadInfo }),
    );
    expect(connector.uploads).toHaveLength(1);
    expect(cardText(cardIn(connector.posts().at(-1)!.body))).toContain('This file offer has expired');
  });

  it('the consent answer reaching another replica (or this one after a restart) still gets the file, once', async () => {
    // Two replicas sharing one store file: the offer is made by the first, the answer lands on the second.
    const file = join(tempDir(), 'store.db');
    const replicas: { bot: Bot; chat: RunningChat }[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const b = await testBot({ config, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')), storePath: file });
        replicas.push({ bot: b, chat: (await startChat(b, chatPlatforms(b.config, {}), { log: silentLog, env: {} }))! });
      }
      const [a, b] = replicas;
      const where: Where = {
        serviceUrl: connector.url,
        conversation: { id: 'a:1-personal-alice-2', conversationType: 'personal', tenantId: TENANT },
      };
      await deliver(a.chat.httpPort!, messageActivity(where, ALICE, 'findings'));
      await a.chat.teams!.idle();
      const digest = connector.posts().find((p) => cardText(cardIn(p.body)).includes('[Download CSV]'))!;
      const button = cardActions(cardIn(digest.body)).find((x) => x.title === 'Download CSV')!;
      await deliver(
        a.chat.httpPort!,
        cardActionActivity(where, ALICE, digest.id!, String(button.verb), button.data as Record<string, unknown>),
      );
      await a.chat.teams!.idle();
      const offered = connector.posts().find((p) => attachment(p).contentType === CONSENT)!;
      const consent = attachment(offered);
      const uploadInfo = {
        name: consent.name,
        uploadUrl: `${connector.url}uploads/x.csv`,
        contentUrl: 'https://x',
        uniqueId: 'u',
        fileType: 'csv',
      };
      const answer = consentAnswer(where, offered.id!, { action: 'accept', context: consent.content.acceptContext, uploadInfo });
      expect((await deliver(b.chat.httpPort!, answer)).status).toBe(200);
      expect(connector.uploads).toHaveLength(1);
      expect(connector.uploads[0].body.length).toBe(consent.content.sizeInBytes);
      expect(attachment(connector.posts().at(-1)!).contentType).toBe(INFO);
      // The same answer on the first replica: spent, nothing uploaded twice.
      await deliver(a.chat.httpPort!, { ...answer, id: 'consent-again' });
      expect(connector.uploads).toHaveLength(1);
      expect(cardText(cardIn(connector.posts().at(-1)!.body))).toContain('This file offer has expired');
    } finally {
      for (const r of replicas) {
        await r.chat.stop();
        r.bot.close();
      }
    }
  });

  it('Decline sends nothing; an upload URL that is neither HTTPS nor this machine is refused; a failed upload says so', async () => {
    const where: Where = {
      serviceUrl: connector.url,
      conversation: { id: 'a:1-personal-alice', conversationType: 'personal', tenantId: TENANT },
    };
    const declined = await download(where);
    const offer = attachment(declined[1]).content.declineContext;
    await deliver(chat.httpPort!, consentAnswer(where, declined[1].id!, { action: 'decline', context: offer }));
    expect(cardText(cardIn(connector.posts().at(-1)!.body))).toContain('findings-2026-11-22.csv was not sent.');

    const elsewhere = await download(where);
    await deliver(
      chat.httpPort!,
      consentAnswer(where, elsewhere[1].id!, {
        action: 'accept',
        context: attachment(elsewhere[1]).content.acceptContext,
        uploadInfo: {
          name: 'f.csv',
          uploadUrl: 'http://uploads.example.com/f.csv',
          contentUrl: 'https://x',
          uniqueId: 'u',
          fileType: 'csv',
        },
      }),
    );
    expect(cardText(cardIn(connector.posts().at(-1)!.body))).toContain('Teams did not give a usable place to save findings-2026-11-22.csv');

    connector.uploadStatus = 403;
    const failing = await download(where);
    await deliver(
      chat.httpPort!,
      consentAnswer(where, failing[1].id!, {
        action: 'accept',
        context: attachment(failing[1]).content.acceptContext,
        uploadInfo: { name: 'f.csv', uploadUrl: `${connector.url}uploads/f.csv`, contentUrl: 'https://x', uniqueId: 'u', fileType: 'csv' },
      }),
    );
    expect(cardText(cardIn(connector.posts().at(-1)!.body))).toContain(
      'Could not save findings-2026-11-22.csv to your OneDrive (the upload URL answered HTTP 403)',
    );
    expect(connector.uploads).toEqual([]);
    expect(connector.posts().some((p) => attachment(p).contentType === INFO)).toBe(false);
  });

  it('in a channel: no consent card (Teams takes no file from a bot there); the reply says where to get it', async () => {
    const where: Where = {
      serviceUrl: connector.url,
      conversation: { id: '19:ops@thread.tacv2;messageid=1700000000001', conversationType: 'channel', tenantId: TENANT },
    };
    const posted = await download(where);
    expect(posted).toHaveLength(1);
    const said = cardText(cardIn(posted[0].body));
    expect(said).toContain('Teams lets a bot send a file only in a personal chat: ask me there and click Download CSV');
    expect(said).toMatch(/findings-2026-11-22\.csv is \d+ bytes, too big to show here/);
    expect(connector.posts().some((p) => attachment(p).contentType === CONSENT)).toBe(false);
  });

  it('in a channel, a small CSV comes inline in a text box, exactly as written (no markdown, no formula run)', async () => {
    const where: Where = {
      serviceUrl: connector.url,
      conversation: { id: '19:ops@thread.tacv2', conversationType: 'channel', tenantId: TENANT },
    };
    await deliver(chat.httpPort!, messageActivity(where, ALICE, 'help'));
    await chat.teams!.idle();
    const csv = 'resource,problem\r\nweb-*1*,"owner is missing"\r\n\'=HYPERLINK(""x""),[a](b)\r\n';
    const before = connector.posts().length;
    await chat.teams!.sink.post(
      { platform: 'teams', channel: '19:ops@thread.tacv2' },
      {
        kind: 'info',
        text: 'Tagging digest as CSV: 2 rows in tags-2026-11-22.csv.',
        file: { name: 'tags-2026-11-22.csv', mime: 'text/csv', content: new TextEncoder().encode(csv), title: 'Tagging digest (CSV)' },
      },
    );
    const posted = connector.posts().slice(before);
    expect(posted).toHaveLength(2);
    expect(cardText(cardIn(posted[0].body))).toContain('It is small, so here it is to copy.');
    const box = (cardIn(posted[1].body).body as Record<string, unknown>[]).find((e) => e.type === 'Input.Text')!;
    expect(box).toMatchObject({ isMultiline: true, label: 'tags-2026-11-22.csv (select all and copy)', value: csv });
  });
});
