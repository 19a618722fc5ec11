/**
 * Teams file offers kept in the store (qa-lead round 3): on both engines, two replicas on one database,
 * the consent answer from another conversation, a replay, a day later, and a big CSV.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_OFFER_TTL_MS, FileOffers } from '../../../../src/chat/teams/FileOffers';
import { ConversationStateRepository, openStoreMigrated, type SqlStore } from '../../../../src/store';
import { ENGINES, storeLocation } from '../../../helpers/stores';

const csv = (bytes: number) => new TextEncoder().encode('id,name\n'.padEnd(bytes, 'x'));
const tokenOf = (activity: Partial<{ attachments: { content: { acceptContext: { offer: string } } }[] }>) =>
  activity.attachments![0].content.acceptContext.offer;

describe.each(ENGINES)('Teams file offers in the store (%s)', (engine) => {
  let dir: string;
  let a: SqlStore;
  let b: SqlStore;
  let now: Date;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-offers-'));
    const where = await storeLocation(engine, join(dir, 'store.db'), 'offers');
    a = await openStoreMigrated(where);
    b = await openStoreMigrated(where);
    now = new Date('2026-11-22T09:00:00Z');
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const replica = (store: SqlStore) => new FileOffers(new ConversationStateRepository(store, () => now));

  it('another conversation gets nothing and spends nothing; the right one gets the bytes once; a replay gets nothing', async () => {
    const file = { name: 'findings.csv', title: 'Findings', mime: 'text/csv', content: csv(5000) };
    const token = tokenOf((await replica(a).offer('a:alice', file)) as never);
    expect(await replica(b).take(token, 'a:mallory')).toBeUndefined();
    const got = await replica(b).take(token, 'a:alice');
    expect(got?.name).toBe('findings.csv');
    expect(Buffer.from(got!.content).equals(Buffer.from(file.content))).toBe(true);
    expect(await replica(a).take(token, 'a:alice')).toBeUndefined();
    expect(await replica(b).take(undefined, 'a:alice')).toBeUndefined();
    expect(await replica(b).take('not-a-token', 'a:alice')).toBeUndefined();
  });

  it('two replicas answering the same consent at once: exactly one gets the file', async () => {
    const token = tokenOf((await replica(a).offer('a:alice', { name: 'f.csv', title: 'F', mime: 'text/csv', content: csv(100) })) as never);
    const got = await Promise.all([replica(a).take(token, 'a:alice'), replica(b).take(token, 'a:alice')]);
    expect(got.filter(Boolean)).toHaveLength(1);
  });

  it('a day later the offer has expired, on either replica', async () => {
    const token = tokenOf((await replica(a).offer('a:alice', { name: 'f.csv', title: 'F', mime: 'text/csv', content: csv(100) })) as never);
    now = new Date(now.getTime() + FILE_OFFER_TTL_MS);
    expect(await replica(b).take(token, 'a:alice')).toBeUndefined();
    expect(await replica(a).take(token, 'a:alice')).toBeUndefined();
  });

  it('a big CSV (8 MB) goes through the store byte for byte', async () => {
    const content = csv(8 * 1024 * 1024);
    content[content.length - 1] = 0xff; // not text: base64 keeps every byte
    const token = tokenOf((await replica(a).offer('a:alice', { name: 'big.csv', title: 'Big', mime: 'text/csv', content })) as never);
    const got = await replica(b).take(token, 'a:alice');
    expect(got?.content.length).toBe(content.length);
    expect(Buffer.from(got!.content).equals(Buffer.from(content))).toBe(true);
  });
});
