import type { Resolution, Resource } from '../../../src/core';
import { Inventory } from '../../../src/inventory';
import { resolveSet } from '../../../src/inventory/resolve-set';

const r = (name: string, tags: Record<string, string> = {}, type: Resource['type'] = 'ec2-instance', state = 'running'): Resource => ({
  type,
  id: `i-${name}`,
  name,
  account: '111111111111',
  accountAlias: 'production',
  region: 'us-west-2',
  state,
  tags,
  facts: {},
});

describe('resolveSet', () => {
  const inventory = new Inventory([
    r('kafka-broker-1', { environment: 'production', owner: 'data' }),
    r('kafka-broker-2', { environment: 'production', owner: 'data' }),
    r('kafka-staging-1', { environment: 'staging', owner: 'data' }),
    r('web-prod-1', { environment: 'production' }),
    r('web-prod-10', { environment: 'production' }),
    r('web-production-db', { environment: 'production' }),
    r('kafka-broker-1-data', {}, 'ebs-volume'),
    r('cache-node-01', { environment: 'production' }),
    r('cache-node-10', { environment: 'production' }),
    r('cache-staging-1', { environment: 'staging' }),
    r('web-staging-1', { environment: 'staging' }),
  ]);
  const none = async (): Promise<Resolution> => ({ kind: 'none', nearest: [] });
  const names = async (selector: Parameters<typeof resolveSet>[2]) =>
    (await resolveSet(inventory, none, selector, 'ec2-instance')).members.map((m) => m.name);

  it('a shared prefix, plural and kind nouns dropped, of the kind asked for only', async () => {
    expect(await names({ prefix: 'kafka brokers' })).toEqual(['kafka-broker-1', 'kafka-broker-2']);
    expect(await names({ prefix: 'web-prod servers' })).toEqual(['web-prod-1', 'web-prod-10']);
    // A name ending in a number is not the prefix of a longer number.
    expect(await names({ prefix: 'web-prod-1' })).toEqual(['web-prod-1']);
  });

  it(
    'a kind word the names carry narrows ("the cache nodes" took cache-staging-1 too); ' + 'an environment said first is where they are',
    async () => {
      expect(await names({ prefix: 'cache nodes' })).toEqual(['cache-node-01', 'cache-node-10']);
      expect(await names({ prefix: 'cache' })).toEqual(['cache-node-01', 'cache-node-10', 'cache-staging-1']);
      expect(await names({ prefix: 'kafka servers' })).toEqual(['kafka-broker-1', 'kafka-broker-2', 'kafka-staging-1']);
      // "every staging web server" found no name starting staging-web.
      expect(await names({ prefix: 'staging web' })).toEqual(['web-staging-1']);
      expect(await names({ prefix: 'staging kafka' })).toEqual(['kafka-staging-1']);
    },
  );

  it('tags and environment narrow; nothing that narrows is no set', async () => {
    expect(await names({ tags: { owner: 'data' }, scope: { environment: 'staging' } })).toEqual(['kafka-staging-1']);
    expect(await names({})).toEqual([]);
  });
});

describe('resolveSet: a set named by a fact its members share (issue 18 round 5)', () => {
  const vol = (name: string, volumeType: string, environment = 'production'): Resource => ({
    type: 'ebs-volume',
    id: `vol-${name}`,
    name,
    account: '111111111111',
    region: 'us-west-2',
    state: 'in-use',
    tags: { environment },
    facts: { volumeType },
  });
  const inventory = new Inventory([vol('logs-a', 'gp2'), vol('logs-b', 'gp3'), vol('scratch-c', 'gp2', 'staging'), vol('db-d', 'io2')]);
  const none = async (): Promise<Resolution> => ({ kind: 'none', nearest: [] });

  it('"every gp2 volume" is the volumes of that type, and only those; where they are narrows it', async () => {
    const all = await resolveSet(inventory, none, { facts: { volumeType: 'gp2' } }, 'ebs-volume');
    expect(all.members.map((m) => m.name)).toEqual(['logs-a', 'scratch-c']);
    expect(all.described).toContain('volumeType gp2');
    const staging = await resolveSet(inventory, none, { facts: { volumeType: 'gp2' }, scope: { environment: 'staging' } }, 'ebs-volume');
    expect(staging.members.map((m) => m.name)).toEqual(['scratch-c']);
  });
});
