/**
 * Issue 18, round 3: a resource named the way people name it ("the ledger db", "teamcity", "artifact runner 4")
 * is a name when the inventory calls a resource so, however many story words surround it. Sentences and
 * resources are this test's own.
 */
import { Inventory } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryClassifier, localClassifier } from '../../helpers/understanding';

const inventory = new Inventory([
  resource('rds-instance', 'ledger-db', { facts: { engine: 'postgres' }, tags: { environment: 'production' } }),
  resource('rds-instance', 'ledger-db-replica', { facts: { engine: 'postgres' } }),
  resource('rds-instance', 'pg-cluster-core2', { facts: { engine: 'postgres' } }),
  resource('ec2-instance', 'i-0aa00000000000001', { name: 'artifact-runner-4' }),
  resource('ec2-instance', 'i-0aa00000000000002', { name: 'teamcity-ci' }),
  resource('ec2-instance', 'i-0aa00000000000003', { name: 'ingest-node-2' }),
  resource('ec2-instance', 'i-0aa00000000000004', { name: 'vizboard-prod' }),
  resource('ecs-service', 'checkout', { name: 'checkout' }),
]);
const withInventory = inventoryClassifier(inventory);
const without = localClassifier();

describe('references the inventory resolves (round 3)', () => {
  it.each([
    ['teamcity needs starting again, jobs r stacking since 6am', 'ec2-start-instance', { instance: 'teamcity' }],
    ['pls start artifact runner 4, the nightly packaging depends on it', 'ec2-start-instance', { instance: 'artifact runner 4' }],
    ['please start artifact runner 4, we need it for the release candidate', 'ec2-start-instance', { instance: 'artifact runner 4' }],
    ['ingest node 2 keeps rejecting uploads, the disk is full, free some space', 'ssm-disk-cleanup', { instance: 'ingest node 2' }],
    ['can we get ledger db rebooted? sessions keep stacking up and nothing recovers', 'rds-reboot-instance', { db: 'ledger' }],
    ['reboot the core postgres, sessions stacking up', 'rds-reboot-instance', { db: 'core postgres' }],
  ])('"%s" plans on the resource it names, not the story', (text, playbook, params) => {
    const guess = withInventory.understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
    expect(guess.fleet).toBeUndefined();
  });

  it('without an inventory the same story words are taken for the name or sink the request (what the lookup fixes)', () => {
    expect(without.understand('teamcity needs starting again, jobs r stacking since 6am').params.instance).not.toBe('teamcity');
    expect(without.understand('pls start artifact runner 4, the nightly packaging depends on it').fleet).toBeDefined();
  });

  it('a typed name the inventory lacks is still the name, ahead of a plain word it has: no plan on teamcity', () => {
    const guess = withInventory.understand('reboot artifact-runner-9 please, teamcity jobs are waiting on it');
    expect(guess.params.instance).toBe('artifact-runner-9');
  });

  it('the kind of what the inventory calls so is a hint for the playbook: ledger is a database, teamcity a machine', () => {
    expect(withInventory.understand('start ledger again').playbook).toBe('rds-start-instance');
    expect(without.understand('start ledger again').playbook).toBe('ec2-start-instance');
    expect(withInventory.understand('start teamcity again').playbook).toBe('ec2-start-instance');
  });

  it('"get <resource> <done>" asks for it: "could we get the ledger db rebooted?" is a reboot', () => {
    const guess = without.understand('could we get the ledger db rebooted? nothing else helped');
    expect(guess.playbook).toBe('rds-reboot-instance');
    expect(without.understand('the rebooted ledger db looks fine now').playbook).toBeNull();
  });

  it('a quantifier told after the resource, about the story ("every chart is empty"), is no fleet', () => {
    const guess = withInventory.understand('could you restart the vizboard box? every chart is empty since noon');
    expect(guess.fleet).toBeUndefined();
    expect(guess.params.instance).toBe('vizboard');
    expect(withInventory.understand('restart every vizboard box').fleet).toBeDefined();
  });

  it('a whole name opening the request, then where it is or what it does, is the resource: "checkout in ecs is hung"', () => {
    const guess = withInventory.understand('checkout in ecs is hung, tasks never finish. restart it');
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params.service).toBe('checkout');
  });

  it('a request in the passive ("could X be started?") or told as "get X started" asks for it', () => {
    expect(withInventory.understand('could the box teamcity runs on be started again? the builds are waiting').playbook).toBe(
      'ec2-start-instance',
    );
    expect(withInventory.understand('can we get the box teamcity runs on started? the builds are waiting').playbook).toBe(
      'ec2-start-instance',
    );
    // Asking whether it can be done is not asking for it.
    expect(withInventory.understand('could you tell me if teamcity can be started').playbook).toBeNull();
  });

  it("a service told in the story that is the database's name too is what it serves, not a unit: the snapshot is planned", () => {
    const text =
      'fyi i look after the ledger service, a big reimport hits the prod ledger database tonight, could someone snapshot it first?';
    const guess = withInventory.understand(text);
    expect(guess.playbook).toBe('rds-create-snapshot');
    expect(guess.params.db).toMatch(/ledger/);
  });
});
