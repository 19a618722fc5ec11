import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { collectTaggable } from '../../../src/digests/tagging/taggable';
import { Inventory, InventoryResolver } from '../../../src/inventory';

const ESTATE = resolve(__dirname, '../../fixtures/estates/shared-prefix.yaml');

/** AWS lists terminated instances for about an hour; the bot keeps them apart, never acting on them. */
describe('terminated instances a scan returns', () => {
  async function scanned() {
    const provider = SandboxProvider.fromFile(ESTATE);
    const inventory = await Inventory.scan(provider);
    return { provider, inventory, resolver: new InventoryResolver(inventory, provider) };
  }

  it('are not in the inventory, and their exact name says when they were terminated', async () => {
    const { inventory, resolver } = await scanned();
    expect(inventory.all().map((r) => r.name)).not.toEqual(expect.arrayContaining(['old-batch-3']));
    expect(inventory.all().some((r) => r.name === 'old-batch-3' || r.name === 'old-batch-4')).toBe(false);
    expect(resolver.decide('old-batch-3', 'ec2-instance')).toEqual({
      kind: 'none',
      nearest: [],
      gone:
        'The EC2 instance "old-batch-3" (i-0b00000000000003a, staging/us-west-2) was ' +
        'terminated at 2026-11-22 08:15 UTC; there is nothing left to act on.',
    });
    expect(resolver.decide('i-0b00000000000003a', 'ssm-instance')).toMatchObject({
      kind: 'none',
      gone: expect.stringContaining('was terminated'),
    });
    // Not the exact name of another kind: an RDS parameter is not told about an EC2 instance.
    expect(resolver.decide('old-batch-3', 'rds-instance')).not.toHaveProperty('gone');
  });

  it('are never candidates: the one live instance of the fleet is the match', async () => {
    const { resolver } = await scanned();
    expect(resolver.decide('old-batch', 'ec2-instance')).toMatchObject({ kind: 'match', resource: { name: 'old-batch-5' } });
    expect(resolver.rank('old batch', 'any').map((x) => x.resource.name)).not.toEqual(expect.arrayContaining(['old-batch-3']));
    expect(resolver.rank('old batch', 'any').map((x) => x.resource.name)).not.toContain('old-batch-4');
  });

  it('are not counted by the tagging digest, though the Tagging API still lists them', async () => {
    const { provider, inventory } = await scanned();
    const listed = await provider.tagging({ account: '222222222222', region: 'us-west-2' }).getResources({});
    expect(listed.ResourceTagMappingList?.some((m) => m.ResourceARN?.endsWith('i-0b00000000000003a'))).toBe(true);
    const { resources } = await collectTaggable(provider, inventory);
    expect(resources.map((r) => r.name).sort()).toEqual(['batch-stg-1', 'batch-stg-2', 'old-batch-5', 'pg-batch-stg']);
  });

  it('a re-read that finds it terminated (or shutting down) makes it gone at once, with the time EC2 gives', async () => {
    const { provider, inventory, resolver } = await scanned();
    const live = inventory.all('ec2-instance').find((r) => r.name === 'old-batch-5')!;
    await provider.ec2(live).terminateInstances({ InstanceIds: [live.id] });
    expect(await resolver.reread(live)).toBeUndefined();
    expect(inventory.get(live)).toBeUndefined();
    expect(resolver.decide('old-batch-5', 'ec2-instance')).toMatchObject({
      kind: 'none',
      gone: expect.stringMatching(
        /^The EC2 instance "old-batch-5" \(i-0b00000000000005a, staging\/us-west-2\) was terminated at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
      ),
    });
    expect(resolver.decide('old-batch', 'ec2-instance').kind).toBe('none');
    inventory.replace({ ...live, state: 'shutting-down', facts: { ...live.facts, terminatedAt: '2026-11-22T08:59:00.000Z' } });
    expect(resolver.decide('old-batch-5', 'ec2-instance')).toMatchObject({
      gone:
        'The EC2 instance "old-batch-5" (i-0b00000000000005a, staging/us-west-2) is being ' +
        'terminated (since 2026-11-22 08:59 UTC); there is nothing left to act on.',
    });
    // Started again under the same name (a new instance): the live one wins.
    inventory.replace({ ...live, id: 'i-0b00000000000009a', state: 'running' });
    expect(resolver.decide('old-batch-5', 'ec2-instance')).toMatchObject({ kind: 'match', resource: { id: 'i-0b00000000000009a' } });
  });
});
