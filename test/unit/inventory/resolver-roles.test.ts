/**
 * Issue 18, round 5: a database described by its role ("the primary mysql", "the mysql replica", "the one with the
 * read replica") resolves to the one that has that role; a role none of the candidates has changes nothing, and a
 * description that fits several equally is still a question. Resources and phrasings are this test's own.
 */
import type { CloudProvider } from '../../../src/cloud';
import type { Resource } from '../../../src/core';
import { Inventory, InventoryResolver } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryPlanner, NOW } from '../../helpers/understanding';

const rds = (name: string, facts: Record<string, unknown> = {}) =>
  resource('rds-instance', name, { name, state: 'available', facts: { engine: 'mysql', readReplicas: [], replicaSource: null, ...facts } });

const inventory = new Inventory([
  rds('ledger-store', { readReplicas: ['ledger-store-ro'] }),
  rds('ledger-store-ro', { replicaSource: 'ledger-store' }),
  rds('audit-store'),
  rds('crm-store'),
]);
const resolver = new InventoryResolver(inventory, {} as CloudProvider);
const name = (r: Awaited<ReturnType<InventoryResolver['resolve']>>) => (r.kind === 'match' ? r.resource.name : r.kind);

describe('a database described by its role (round 5)', () => {
  it('"the primary mysql" is the one its replicas read from; "the master", "the writer" say the same', async () => {
    expect(name(await resolver.resolve('primary mysql', 'rds-instance'))).toBe('ledger-store');
    expect(name(await resolver.resolve('mysql master', 'rds-instance'))).toBe('ledger-store');
    expect(name(await resolver.resolve('the writer mysql', 'rds-instance'))).toBe('ledger-store');
  });

  it('"the mysql replica" is the replica', async () => {
    expect(name(await resolver.resolve('mysql replica', 'rds-instance'))).toBe('ledger-store-ro');
  });

  it('without a role, the same words are a question among all that fit', async () => {
    const r = await resolver.resolve('mysql', 'rds-instance');
    expect(r.kind).toBe('ambiguous');
  });

  it('a name typed whole is that resource whatever role is said around it', async () => {
    expect(name(await resolver.resolve('audit-store', 'rds-instance'))).toBe('audit-store');
  });

  it('planned from chat: "reboot the mysql that has the read replica", "snapshot the mysql replica"', async () => {
    const p = await inventoryPlanner(inventory).plan('reboot the mysql that has the read replica', { at: NOW });
    expect(p.playbook?.id).toBe('rds-reboot-instance');
    expect((p.params.db as Resource).name).toBe('ledger-store');
    const q = await inventoryPlanner(inventory).plan('snapshot the mysql replica', { at: NOW });
    expect(q.playbook?.id).toBe('rds-create-snapshot');
    expect((q.params.db as Resource).name).toBe('ledger-store-ro');
  });
});
