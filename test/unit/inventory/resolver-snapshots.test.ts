/**
 * Issue 18, round 8: a snapshot described by what it is a snapshot of ("yesterday's snapshot of build-cache-2") is a
 * snapshot or a question, never the volume or machine named. The estate and the sentences are this test's own.
 */
import type { CloudProvider } from '../../../src/cloud';
import type { Resource } from '../../../src/core';
import { Inventory, InventoryResolver } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryPlanner, NOW } from '../../helpers/understanding';

const snapshot = (id: string, volumeId: string, startTime: string, tags: Record<string, string> = {}) =>
  resource('taggable', id, {
    arn: `arn:aws:ec2:us-west-2:111111111111:snapshot/${id}`,
    tags: { owner: 'build', ...tags },
    facts: { service: 'ec2:snapshot', volumeId, startTime, description: null },
  });

const inventory = new Inventory([
  resource('ebs-volume', 'vol-0aaa1111bbbb2222c', { name: 'build-cache-2', tags: { Name: 'build-cache-2' }, state: 'available' }),
  resource('ebs-volume', 'vol-0ddd3333eeee4444f', { name: 'build-cache-3', tags: { Name: 'build-cache-3' }, state: 'available' }),
  resource('ebs-volume', 'vol-0fff5555aaaa6666b', { name: 'build-cache-4', tags: { Name: 'build-cache-4' }, state: 'available' }),
  snapshot('snap-0a1b2c3d4e5f60718', 'vol-0aaa1111bbbb2222c', '2026-11-21T02:00:00.000Z'),
  snapshot('snap-0b2c3d4e5f6071829', 'vol-0aaa1111bbbb2222c', '2026-11-14T02:00:00.000Z'),
  snapshot('snap-0c3d4e5f607182930', 'vol-0ddd3333eeee4444f', '2026-11-20T02:00:00.000Z'),
]);
const resolver = new InventoryResolver(inventory, {} as CloudProvider);
const service = 'ec2:snapshot';
const planner = inventoryPlanner(inventory);

describe('a snapshot named by what it is a snapshot of (round 8)', () => {
  it('a volume with several snapshots asks which, newest first', () => {
    const d = resolver.decide('build-cache-2', 'taggable', { service });
    expect(d.kind).toBe('ambiguous');
    expect(d.kind === 'ambiguous' && d.candidates.map((c) => c.id)).toEqual(['snap-0a1b2c3d4e5f60718', 'snap-0b2c3d4e5f6071829']);
  });

  it('a volume with one snapshot is that snapshot', () => {
    const d = resolver.decide('build-cache-3', 'taggable', { service });
    expect(d.kind === 'match' && d.resource.id).toBe('snap-0c3d4e5f607182930');
  });

  it('a volume with no snapshot is not found, never the volume itself', () => {
    expect(resolver.decide('build-cache-4', 'taggable', { service }).kind).toBe('none');
    // Without the service the volume is what the words name (a tagging playbook takes any resource).
    const any = resolver.decide('build-cache-4', 'taggable');
    expect(any.kind === 'match' && any.resource.type).toBe('ebs-volume');
  });

  it('"delete the snapshot of build-cache-4 from yesterday": no snapshot to delete, and the volume is not offered as one', async () => {
    const p = await planner.plan('delete the snapshot of build-cache-4 from yesterday', { at: NOW });
    expect(p.playbook?.id).toBe('ebs-delete-snapshot');
    expect((p.params.snapshot as Resource | undefined)?.type).not.toBe('ebs-volume');
    expect(p.missing?.param).toBe('snapshot');
  });

  it('"delete the snapshot of build-cache-2 from last week" asks among its snapshots', async () => {
    const p = await planner.plan('delete the snapshot of build-cache-2 from last week', { at: NOW });
    expect(p.playbook?.id).toBe('ebs-delete-snapshot');
    expect(p.clarify?.candidates.map((c) => c.id).sort()).toEqual(['snap-0a1b2c3d4e5f60718', 'snap-0b2c3d4e5f6071829']);
  });
});

describe('snapshots of a volume follow the inventory (the by-volume map is per inventory version)', () => {
  it('a snapshot taken after a first answer is offered, and one deleted since is not', () => {
    const own = new Inventory([
      resource('ebs-volume', 'vol-0ddd3333eeee4444f', { name: 'build-cache-3', tags: { Name: 'build-cache-3' }, state: 'available' }),
      snapshot('snap-0c3d4e5f607182930', 'vol-0ddd3333eeee4444f', '2026-11-20T02:00:00.000Z'),
    ]);
    const r = new InventoryResolver(own, {} as CloudProvider);
    const first = r.decide('build-cache-3', 'taggable', { service });
    expect(first.kind === 'match' && first.resource.id).toBe('snap-0c3d4e5f607182930');
    const taken = snapshot('snap-0d4e5f60718293041', 'vol-0ddd3333eeee4444f', '2026-11-27T02:00:00.000Z');
    own.replace(taken);
    const both = r.decide('build-cache-3', 'taggable', { service });
    expect(both.kind === 'ambiguous' && both.candidates.map((c) => c.id)).toEqual(['snap-0d4e5f60718293041', 'snap-0c3d4e5f607182930']);
    own.remove(taken);
    const left = r.decide('build-cache-3', 'taggable', { service });
    expect(left.kind === 'match' && left.resource.id).toBe('snap-0c3d4e5f607182930');
  });
});
