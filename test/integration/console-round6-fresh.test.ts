/**
 * Issue 18, round 6 (verbs): twenty sentences written after the round's tuning, in voices none of it used (a formal
 * operator who writes "kindly" and "prior to", a ticket-English lead who writes "please action", a terse developer),
 * run once before any was a test: 16 of 20 planned the right playbook, each of the 16 with the right parameters. The
 * classes the four misses showed were then fixed ("the old off and on treatment", "root filesystem … is above 98% -
 * please action", "no more space on disk, … help me please", "what you are able to do, I am joining …"): 20 of 20.
 * Planned on the demo estate as the bot plans them, with the resource resolved.
 */
import { isResource, type Plan } from '../../src/core';
import type { Bot } from '../../src/main';
import { FakeClock, testBot } from '../helpers/bot';
import { paramName as named } from '../helpers/understanding';

const NOW = new Date('2026-11-22T09:00:00Z');
let bot: Bot;
beforeAll(async () => {
  bot = await testBot({ clock: new FakeClock(NOW) });
});
afterAll(() => bot.close());

const plan = (text: string): Promise<Plan> => bot.planner.plan(text, { at: NOW });

describe('a new voice, after the tuning (round 6: verbs)', () => {
  it.each([
    ['Kindly power-cycle api-staging-1; it has become unresponsive.', 'ec2-reboot-instance', 'instance', 'api-staging-1'],
    ['could someone give web-staging-2 the old off and on treatment', 'ec2-reboot-instance', 'instance', 'web-staging-2'],
    ['re start worker-eu-1 please, it hangs since morning', 'ec2-reboot-instance', 'instance', 'worker-eu-1'],
    [
      'gpu-notebook-1 is crawling with sixteen people on it. upsize it to a g5.2xlarge please',
      'ec2-resize-instance',
      'instance',
      'gpu-notebook-1',
    ],
    ['Please arrange a manual snapshot of orders-db prior to the quarterly patching.', 'rds-create-snapshot', 'db', 'orders-db'],
    ["fire off a snapshot for kafka-broker-3, we're about to upgrade it", 'ec2-create-snapshot', 'instance', 'kafka-broker-3'],
    ['the prod-batch nodegroup should have 7 nodes from tonight', 'eks-scale-nodegroup', 'nodegroup', 'prod-batch'],
    ['web-asg - bring up 6 instances, black friday traffic', 'asg-set-capacity', 'group', 'web-asg'],
    ['Reboot billing-db-prod with a failover to the other AZ, please.', 'rds-reboot-instance', 'db', 'billing-db-prod'],
    ['win-test-staging is not needed anymore, it can be terminated', 'ec2-terminate-instance', 'instance', 'win-test-staging'],
  ])('"%s" plans %s of %s %s', async (text, playbook, param, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    expect(named(p, param)).toBe(name);
  });

  it.each([
    ['sudo service nginx restart on web-prod-east-1 pls', 'ssm-restart-service', 'instance', 'web-prod-east-1'],
    ['aws rds reboot-db-instance --db-instance-identifier mysql-staging', 'rds-reboot-instance', 'db', 'mysql-staging'],
    ['aws ec2 modify-volume --volume-type gp3 --volume-id vol-0fc1cc1a56da0e9ab', 'ebs-change-to-gp3', 'volume', 'vol-0fc1cc1a56da0e9ab'],
  ])('shell: "%s" plans %s', async (text, playbook, param, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    const v = p.params[param];
    expect(isResource(v) ? [v.name, v.id] : [v]).toContain(name);
  });

  it.each([
    ['[CRITICAL] root filesystem on cache-staging-1 is above 98% - please action', 'cache-staging-1'],
    ['Disk utilisation on bastion-prod has hit 99 percent. Can this be remediated?', 'bastion-prod'],
    ['the journal logs have swallowed the whole disk on worker-a-1', 'worker-a-1'],
    ['jenkins-ci no more space on disk, builds not able to write artifacts, help me please', 'jenkins-ci'],
  ])('disk: "%s" is the cleanup of %s', async (text, instance) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ssm-disk-cleanup');
    // worker-a-1 is in two accounts: the plan asks which, about that name.
    expect(named(p, 'instance') ?? p.clarify?.query).toBe(instance);
  });

  it('"How much money we spend on amazon this month until now?" is the cost report for this month', async () => {
    const p = await plan('How much money we spend on amazon this month until now?');
    expect(p.playbook?.id).toBe('cost-report');
    expect(p.params).toMatchObject({ period: '2026-11-01..2026-11-22' });
  });

  it('"what you are able to do, I am joining the SRE team" is the help', async () => {
    expect((await plan('Please tell me what you are able to do, I am joining the SRE team this week')).playbook?.id).toBe('help');
  });

  it('"which servers do we even run in eu-west-1" is the inventory search', async () => {
    expect((await plan('which servers do we even run in eu-west-1')).playbook?.id).toBe('inventory-find');
  });
});
