/**
 * Issue 18, round 4 (names as people type them): a clock time in the story is no name; a resource's name typed with
 * spaces is that name whatever its words are on their own (a verb, a kind noun, an engine); a database described by
 * what it serves ("the mysql behind ledger"); a word of the resolved name said again is that resource. Sentences
 * and resources are this test's own.
 */
import { Inventory } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, localClassifier } from '../../helpers/understanding';

const inventory = new Inventory([
  resource('ec2-instance', 'i-0bb00000000000001', { name: 'api-edge-3' }),
  resource('ec2-instance', 'i-0bb00000000000002', { name: 'find-prod-4' }),
  resource('ec2-instance', 'i-0bb00000000000003', { name: 'render-node-12' }),
  resource('ec2-instance', 'i-0bb00000000000004', { name: 'gpu-train-2' }),
  resource('rds-instance', 'ledger-store', { facts: { engine: 'mysql' }, tags: { owner: 'ledger', environment: 'production' } }),
  resource('rds-instance', 'ledger-store-staging', { facts: { engine: 'mysql' }, tags: { owner: 'ledger', environment: 'staging' } }),
  resource('rds-instance', 'pg-instance-core7-replica', { facts: { engine: 'postgres' } }),
  resource('rds-instance', 'pg-instance-core7', { facts: { engine: 'postgres' } }),
]);
const withInventory = inventoryClassifier(inventory);

describe('names as people type them (round 4)', () => {
  it.each([
    ['api edge 3 has been timing out since 14:05, reboot it please', 'ec2-reboot-instance', { instance: 'api edge 3' }],
    ['api edge 3 went down at 23:40:12 utc, restart the box', 'ec2-reboot-instance', { instance: 'api edge 3' }],
  ])('a clock time in the story is not the name: "%s"', (text, playbook, params) => {
    const guess = withInventory.understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it.each([
    ['resize find prod 4 to m6i.xlarge, it is swapping', 'ec2-resize-instance', { instance: 'find prod 4', instance_type: 'm6i.xlarge' }],
    ['please get gpu train 2 started back up, the batch waits on it', 'ec2-start-instance', { instance: 'gpu train 2' }],
  ])('a name spelled with spaces, whose words are also verbs, is the name: "%s"', (text, playbook, params) => {
    const guess = withInventory.understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('a spelled name with "instance" and "replica" in it is the database, and "that replica" later is it too', () => {
    const guess = withInventory.understand('replica is way behind on pg instance core7 replica, reboot that replica');
    expect(guess.playbook).toBe('rds-reboot-instance');
    expect(guess.params.db).toBe('pg instance core7 replica');
  });

  it('a database described by what it serves names both ("the mysql behind ledger")', () => {
    const guess = withInventory.understand('the mysql behind ledger has run out of connections, reboot that db');
    expect(guess.playbook).toBe('rds-reboot-instance');
    expect(guess.params.db).toMatch(/^ledger/);
  });

  it.each([
    ['the ledger database in staging needs a reboot, it stopped answering', 'ledger database in staging'],
    ['the ledger db in staging keeps timing out, reboot it', 'ledger db in staging'],
  ])('a name, its kind noun and the place, then what is wrong with it, are one description: "%s"', (text, db) => {
    const guess = withInventory.understand(text);
    expect(guess.playbook).toBe('rds-reboot-instance');
    expect(guess.params.db).toBe(db);
  });

  it('a pasted alert names its resource in a label ("host=…"); its "[FIRING:2]" is no second name', () => {
    const guess = withInventory.understand('[FIRING:2] RootFsFull host=render-node-12 -- clean up disk on it please');
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params.instance).toBe('render-node-12');
    expect(guess.fleet).toBeUndefined();
    // Other labels stay tags: "tag … with team=render" still tags.
    expect(withInventory.understand('tag render-node-12 with team=render').params.tags).toBe('team=render');
  });

  it('a version in the story is not a name: "still on 8.0.35"', () => {
    // Without an inventory too: nothing else says which words are the name.
    const guess = localClassifier().understand('the ledger db is still on 8.0.35 and hung, reboot it');
    expect(guess.playbook).toBe('rds-reboot-instance');
    expect(guess.params.db).toBe('ledger');
    expect(guess.fleet).toBeUndefined();
  });

  it('without the inventory these words are not read as one name', () => {
    const plain = localClassifier();
    expect(plain.understand('resize find prod 4 to m6i.xlarge, it is swapping').params.instance).not.toBe('find prod 4');
  });

  it('the plan is on the resource meant: the staging ledger store, the spelled replica, the mysql behind ledger in prod', async () => {
    const planner = inventoryPlanner(inventory, withInventory);
    const at = { at: new Date('2026-11-22T09:00:00Z') };
    const name = async (text: string) => {
      const plan = await planner.plan(text, at);
      expect(plan.clarify).toBeUndefined();
      return (plan.params.db as { name: string } | undefined)?.name;
    };
    expect(await name('the ledger db in staging keeps timing out, reboot it')).toBe('ledger-store-staging');
    expect(await name('replica is way behind on pg instance core7 replica, reboot that replica')).toBe('pg-instance-core7-replica');
  });
});
