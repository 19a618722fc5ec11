/**
 * Issue 18, round 3: a resource described the way people describe it ("the windows auditing server", "the
 * cv training box", "the jump host in europe") resolves by the words of its name as people inflect them and by
 * where it runs; two that fit as well stay a question. Resources and phrasings are this test's own.
 */
import type { CloudProvider } from '../../../src/cloud';
import { Inventory, InventoryResolver } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryPlanner } from '../../helpers/understanding';

const ec2 = (name: string, region: string, platform = 'Linux/UNIX', environment = 'production') =>
  resource('ec2-instance', instanceIdFor(name), {
    name,
    region,
    tags: { Name: name, environment },
    facts: { platform },
  });

const inventory = new Inventory([
  ec2('win-audit-prod-1', 'us-west-2', 'Windows'),
  ec2('lin-audit-prod-1', 'us-west-2'),
  ec2('win-build-staging', 'us-west-2', 'Windows', 'staging'),
  ec2('cv-train-2', 'us-east-1', 'Linux/UNIX', 'staging'),
  ec2('jump-host-a', 'eu-central-1'),
  ec2('jump-host-b', 'us-west-2'),
  ec2('relay-node-staging', 'us-west-2', 'Linux/UNIX', 'staging'),
  ec2('relay-node-1', 'us-west-2'),
  ec2('relay-node-2', 'us-west-2'),
  resource('rds-instance', 'audit-mysql', { facts: { engine: 'mysql' } }),
]);
const resolver = new InventoryResolver(inventory, {} as CloudProvider);
const decided = (q: string, type: 'ec2-instance' | 'rds-instance' | 'any' = 'ec2-instance') => {
  const d = resolver.decide(q, type);
  return d.kind === 'match' ? d.resource.name : d.kind === 'ambiguous' ? `ambiguous ${d.candidates.map((r) => r.name).join(' ')}` : 'none';
};

describe('the resolver reads descriptions (round 3)', () => {
  it('a word as people inflect it matches the stem a name uses: "auditing" is audit, "training" is train', () => {
    expect(decided('windows auditing')).toBe('win-audit-prod-1');
    expect(decided('cv training')).toBe('cv-train-2');
    // The word itself still means itself: "auditing" of a database is audit-mysql.
    expect(decided('auditing', 'rds-instance')).toBe('audit-mysql');
  });

  it('"in europe", "in oregon": a place people say names the region (or regions) the resource runs in', () => {
    expect(decided('jump host in europe')).toBe('jump-host-a');
    expect(decided('jump host in oregon')).toBe('jump-host-b');
    expect(decided('jump host')).toBe('ambiguous jump-host-a jump-host-b');
  });

  it('two resources that fit as well are a question, never a pick: "the auditing server" is windows or linux', () => {
    expect(decided('auditing server')).toBe('ambiguous lin-audit-prod-1 win-audit-prod-1');
  });
});

describe('a plan on a described resource (round 3)', () => {
  const planner = inventoryPlanner(inventory);
  const at = { at: new Date('2026-11-22T09:00:00Z') };

  it('"our relay thing in staging is lagging, reboot it" plans on the staging one', async () => {
    const plan = await planner.plan('our relay thing in staging is lagging again, please reboot it', at);
    expect(plan.playbook?.id).toBe('ec2-reboot-instance');
    expect(plan.clarify).toBeUndefined();
    expect((plan.params.instance as { name: string }).name).toBe('relay-node-staging');
  });

  it('"the auditing server is frozen, reboot it" asks which of the two, and plans nothing yet', async () => {
    const plan = await planner.plan('the auditing server is frozen since lunch, reboot it', at);
    expect(plan.playbook?.id).toBe('ec2-reboot-instance');
    expect(plan.clarify?.candidates.map((r) => r.name).sort()).toEqual(['lin-audit-prod-1', 'win-audit-prod-1']);
    expect(plan.params.instance).toBeUndefined();
  });

  it('"the windows auditing server is frozen, reboot it" plans on the windows one', async () => {
    const plan = await planner.plan('the windows auditing server is frozen since lunch, reboot it', at);
    expect(plan.clarify).toBeUndefined();
    expect((plan.params.instance as { name: string }).name).toBe('win-audit-prod-1');
  });

  it('"ssh into the jump host in oregon keeps hanging. reboot it?": the failing ssh is the symptom, oregon the place', async () => {
    const plan = await planner.plan('ssh into the jump host in oregon keeps hanging for everyone. reboot it?', at);
    expect(plan.playbook?.id).toBe('ec2-reboot-instance');
    expect((plan.params.instance as { name: string }).name).toBe('jump-host-b');
  });
});
