import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { findResourcesService, Inventory, scanEstate } from '../../../src/inventory';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('findResources (the inventory-find read service)', () => {
  it('lists every match of a fleet name, with type, account/region and state', async () => {
    const inventory = await Inventory.scan(SandboxProvider.fromFile(ESTATE));
    const msg = await findResourcesService(inventory)({ query: 'kafka brokers' });
    expect(msg.kind).toBe('result');
    expect(msg.header).toBe('2 resources match "kafka brokers"');
    expect(msg.items).toEqual([
      'kafka-broker-1 (i-0b00000000000001b): EC2 instance, production/us-west-2, running',
      'kafka-broker-2 (i-0b00000000000002b): EC2 instance, production/us-west-2, running',
    ]);
    expect(msg.context?.[0]).toMatch(/^Inventory as of \d{4}-\d\d-\d\d \d\d:\d\d UTC, 18 resources\.$/);
  });

  it('finds by state and account words, and by a key=value tag', async () => {
    const inventory = await Inventory.scan(SandboxProvider.fromFile(ESTATE));
    const find = findResourcesService(inventory);
    expect((await find({ query: 'stopped in staging' })).items).toEqual(['mysql-staging: RDS instance, staging/us-west-2, stopped']);
    expect((await find({ query: 'owner=data' })).items?.map((l) => l.split(' ')[0])).toEqual(['kafka-broker-1', 'kafka-broker-2']);
    expect((await find({ query: 'postgres', type: 'rds-instance' })).items?.map((l) => l.split(':')[0])).toEqual([
      'pg-staging',
      'pg-instance-main1',
      'pg-instance-main1-replica',
    ]);
  });

  it('says when nothing matches, and when an empty query was sent', async () => {
    const inventory = await Inventory.scan(SandboxProvider.fromFile(ESTATE));
    const find = findResourcesService(inventory);
    expect(await find({ query: 'zookeeper' })).toMatchObject({ kind: 'info', text: 'Nothing in the inventory matches "zookeeper".' });
    expect(await find({ query: '  ' })).toMatchObject({ kind: 'error', text: expect.stringContaining('Tell me what to look for') });
  });

  it('warns that results may be stale where a scan is failing', async () => {
    const provider = new FlakyProvider(SandboxProvider.fromFile(ESTATE));
    const inventory = await Inventory.scan(provider);
    provider.fails = (service, _m, t) =>
      service === 'rds' && t.account === '222222222222' ? accessDenied('rds:DescribeDBInstances') : undefined;
    inventory.apply(await scanEstate(provider), provider.accounts());
    const msg = await findResourcesService(inventory)({ query: 'pg-staging' });
    expect(msg.items).toEqual(['pg-staging: RDS instance, staging/us-west-2, available']);
    // Both RDS scanners failed for the one reason: one sentence, saying what to do and that the old resources are kept.
    expect(msg.context).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            String.raw`^Scan failing: staging\/us-west-2: rds-instances and rds-clusters could not be ` +
              String.raw`scanned: AWS refused: the bot's role lacks permission rds:DescribeDBInstances\. .* ` +
              String.raw`\(last succeeded: 20\d\d-.*; the resources found then are kept\)\.$`,
          ),
        ),
      ]),
    );
  });
});
