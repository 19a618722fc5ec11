/**
 * Issue 18, round 9: names as typed on a phone and described. A resource's parts said after its described name ("the
 * west gateway's disks"), an environment said before a service ("the staging orders service"). The estate and the
 * sentences are this test's own.
 */
import type { Resource } from '../../../src/core';
import { Inventory } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const box = (name: string, tags: Record<string, string> = {}, region = 'us-west-2') =>
  resource('ec2-instance', instanceIdFor(name), { name, region, tags: { Name: name, ...tags }, state: 'running' });

const inventory = new Inventory([
  box('gateway-west', { environment: 'production' }),
  box('gateway-east', { environment: 'production' }),
  box('relay-prod-1', { environment: 'production' }),
  box('jump-eu', { environment: 'production' }, 'eu-west-1'),
  box('jump-us', { environment: 'production' }, 'us-east-2'),
  box('relay-prod-2', { environment: 'production' }),
  resource('ebs-volume', 'vol-0ab12cd34ef56ab78', { name: 'gateway-west-root', tags: { Name: 'gateway-west-root' }, state: 'in-use' }),
  resource('ecs-service', 'orders', { name: 'orders', tags: { environment: 'production' } }),
  resource('ecs-service', 'orders-staging', { name: 'orders-staging', tags: { environment: 'staging' } }),
  resource('ecs-service', 'ledger', { name: 'ledger', tags: { environment: 'production' } }),
  // Named by words the playbooks' own examples use (read as action words unless the inventory says otherwise).
  resource('ecs-service', 'checkout', { name: 'checkout', tags: { environment: 'production' } }),
  resource('ecs-service', 'search', { name: 'search', tags: { environment: 'production' } }),
]);
const planner = inventoryPlanner(inventory, inventoryClassifier(inventory));
const plan = (text: string) => planner.plan(text, { at: NOW });
const named = (v: unknown) => (v as Resource | undefined)?.name;

describe("a resource's parts said after its described name (round 9)", () => {
  it.each([
    ["snapshot the west gateway's volumes before the upgrade", 'gateway-west'],
    ['snapshot the west gateway volumes', 'gateway-west'],
    ['take a snapshot of the volumes on the west gateway', 'gateway-west'],
  ])('"%s" snapshots %s, one instance, not a set named after its words', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ec2-create-snapshot');
    expect(named(p.params.instance)).toBe(name);
    expect(p.fleet).toBeUndefined();
  });

  it('the same kind in the plural stays many ("reboot the relay prod servers")', async () => {
    const p = await plan('reboot the relay prod servers');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(named(p.params.instance)).toBeUndefined();
  });
});

describe('an environment said with a service (round 9)', () => {
  it.each([
    ['bounce the staging orders service, the tasks look stuck', 'ecs-restart-service', 'orders-staging'],
    ['restart the orders service in staging', 'ecs-restart-service', 'orders-staging'],
    ['scale the staging orders service to 4', 'ecs-scale-service', 'orders-staging'],
    ['restart the orders service', 'ecs-restart-service', 'orders'],
  ])('"%s" is %s of %s', async (text, playbook, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    expect(named(p.params.service)).toBe(name);
  });

  it('an environment the service has no name for leaves the service as said ("the staging ledger service")', async () => {
    const p = await plan('restart the staging ledger service');
    expect(p.playbook?.id).toBe('ecs-restart-service');
    expect(named(p.params.service)).toBe('ledger');
  });
});

describe('a whole name opening the request, then what it is doing (round 9)', () => {
  it.each([
    ['checkout serving old prices,can u restart the ecs service', 'checkout'],
    ['search returning stale results, restart the ecs service pls', 'search'],
    ['checkout throwing 500s, restart the ecs service', 'checkout'],
    ['orders serving old prices,can u restart the ecs service', 'orders'],
  ])('"%s" restarts %s, not a story word after it', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ecs-restart-service');
    expect(named(p.params.service)).toBe(name);
  });

  it('an unknown service opening the request is still not found ("billing serving stale data, restart the ecs service")', async () => {
    const p = await plan('billing serving stale data, restart the ecs service');
    expect(named(p.params.service)).toBeUndefined();
  });
});

describe('"root vol on X": the instance X, for a disk cleanup (round 9)', () => {
  it.each([
    ['root vol on gateway-west has filled right up, can you sort it out', 'gateway-west'],
    ['the data vol on relay-prod-2 is nearly full', 'relay-prod-2'],
  ])('"%s" cleans up %s', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ssm-disk-cleanup');
    expect(named(p.params.instance)).toBe(name);
  });

  it('the root vol on a host the estate lacks is not found, no other host cleaned', async () => {
    const p = await plan('root vol on gateway-north-9 has filled right up, sort it out');
    expect(named(p.params.instance)).toBeUndefined();
  });
});

describe('a place said as a nickname, a country or an area (round 9)', () => {
  it.each([
    ['reboot the irish jump box', 'jump-eu'],
    ['reboot the dublin jump box please', 'jump-eu'],
    ['stop the jump box in us east', 'jump-us'],
    ['stop the us east jump box', 'jump-us'],
    ['reboot the jump box in europe', 'jump-eu'],
    ['reboot the jump box in the eu', 'jump-eu'],
  ])('"%s" is %s', async (text, name) => {
    const p = await plan(text);
    expect(named(p.params.instance)).toBe(name);
  });

  it('a place with no such resource finds none, and names no other ("the frankfurt jump box")', async () => {
    const p = await plan('reboot the frankfurt jump box');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(named(p.params.instance)).toBeUndefined();
  });

  it('without a place, two equal matches still ask ("reboot the jump box")', async () => {
    const p = await plan('reboot the jump box');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['jump-eu', 'jump-us']);
  });
});

describe('after the new voice (round 9): a place and parts together, a count after an environment-first service', () => {
  it('"take a snapshot of the volumes on the irish jump box" is jump-eu, one instance', async () => {
    const p = await plan('take a snapshot of the volumes on the irish jump box');
    expect(p.playbook?.id).toBe('ec2-create-snapshot');
    expect(named(p.params.instance)).toBe('jump-eu');
    expect(p.fleet).toBeUndefined();
  });

  it('"scale the staging orders service to 6 tasks" scales orders-staging', async () => {
    const p = await plan('scale the staging orders service to 6 tasks');
    expect(p.playbook?.id).toBe('ecs-scale-service');
    expect(named(p.params.service)).toBe('orders-staging');
  });
});
