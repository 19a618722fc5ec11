/**
 * Issue 18, round 7: names said in words. "restart orders staging in ecs" is the ECS service orders-staging (where it
 * runs is no host, and the whole spaced name is the service, not its head). The estate and the sentences are this
 * test's own.
 */
import type { Resource } from '../../../src/core';
import { Inventory } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const inventory = new Inventory([
  resource('ecs-service', 'orders', { name: 'orders', tags: { environment: 'production' } }),
  resource('ecs-service', 'orders-staging', { name: 'orders-staging', tags: { environment: 'staging' } }),
  resource('ecs-service', 'ledger-api', { name: 'ledger-api', tags: { environment: 'production' } }),
  resource('ec2-instance', instanceIdFor('shop-front-4'), { name: 'shop-front-4', tags: { Name: 'shop-front-4' }, state: 'running' }),
]);
const planner = inventoryPlanner(inventory, inventoryClassifier(inventory));
const plan = (text: string) => planner.plan(text, { at: NOW });

describe('names said in words (round 7)', () => {
  it.each([
    ['the new task def never rolled out, restart orders staging in ecs?', 'orders-staging'],
    ['bounce ledger api on fargate please', 'ledger-api'],
  ])('"restart <spaced name> in ecs" restarts the ECS service the whole name says: "%s"', async (text, service) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ecs-restart-service');
    expect((p.params.service as Resource).name).toBe(service);
  });

  it('a service restarted on a host is still a service on that host ("restart nginx on web-1")', async () => {
    const p = await plan('restart nginx on web-1');
    expect(p.playbook?.id).toBe('ssm-restart-service');
  });

  it.each([
    'root volume on shop front 4 is basically full, can we get some room back',
    'data partition on shop front 4 is completely full, any chance of some space back',
  ])('a disk part "on <spaced name with its number>" that is full is a cleanup of that machine: "%s"', async (text) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ssm-disk-cleanup');
    expect((p.params.instance as Resource).name).toBe('shop-front-4');
  });
});
