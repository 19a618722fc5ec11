/**
 * QA of issue 18 round 3 (docs/qa-issue-18d.md): a plan card for the wrong resource. An engine word the best
 * match's name happens to share ("the postgres database" -> pg-ledger, the shortest pg name) is what several
 * databases are, not which one; a kind noun between a name and its place ("the invoices db in europe") keeps
 * the place; a typed name told in a clause before the request ("X alerts are noisy, reboot Y") is the story,
 * not what the request acts on. Resources and phrasings are this test's own.
 */
import type { CloudProvider } from '../../../src/cloud';
import { Inventory, InventoryResolver } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryPlanner } from '../../helpers/understanding';

const ec2 = (name: string, region = 'us-west-2', environment = 'production') =>
  resource('ec2-instance', instanceIdFor(name), {
    name,
    region,
    tags: { Name: name, environment },
    facts: { platform: 'Linux/UNIX' },
    state: 'running',
  });
const rds = (name: string, engine: string, region = 'us-west-2', environment = 'production') =>
  resource('rds-instance', name, { name, region, tags: { environment }, facts: { engine }, state: 'available' });

const inventory = new Inventory([
  rds('pg-ledger', 'postgres', 'us-west-2', 'staging'),
  rds('pg-core-primary7', 'postgres'),
  rds('invoices-db', 'postgres'),
  rds('invoices-db-eu', 'postgres', 'eu-central-1'),
  rds('mysql-quotes', 'mysql', 'us-west-2', 'staging'),
  rds('crm-mysql', 'mysql'),
  rds('tally-db', 'mysql'),
  ec2('relay-edge-4'),
  ec2('vault-node-9'),
  ec2('vault-node-8', 'eu-central-1'),
  ec2('ledger-svc-1'),
  ec2('ledger-svc-2'),
  ec2('ledger-svc-staging', 'us-west-2', 'staging'),
  resource('ecs-service', 'arn:aws:ecs:us-west-2:111111111111:service/prod-web/cart', {
    name: 'cart',
    tags: { environment: 'production', owner: 'ledger' },
    state: 'active',
  }),
  resource('ecs-service', 'arn:aws:ecs:us-west-2:111111111111:service/staging-web/cart-staging', {
    name: 'cart-staging',
    tags: { environment: 'staging', owner: 'ledger' },
    state: 'active',
  }),
]);
const resolver = new InventoryResolver(inventory, {} as CloudProvider);
const decided = (q: string, type: 'ec2-instance' | 'rds-instance' = 'rds-instance', states?: string[]) => {
  const d = resolver.decide(q, type, states ? { states } : {});
  return d.kind === 'match'
    ? d.resource.name
    : d.kind === 'ambiguous'
      ? `ambiguous ${d.candidates
          .map((r) => r.name)
          .sort()
          .join(' ')}`
      : 'none';
};

describe('an engine word is what a database is, not which one (qa 18d)', () => {
  it('"postgres" with four postgres databases asks, though one name starts with pg', () => {
    expect(decided('postgres')).toBe('ambiguous invoices-db invoices-db-eu pg-core-primary7 pg-ledger');
    expect(decided('the postgres database')).toMatch(/^ambiguous .*pg-ledger/);
  });

  it('"mysql" asks among the mysql databases; the state an action needs still narrows', () => {
    expect(decided('mysql')).toBe('ambiguous crm-mysql mysql-quotes tally-db');
  });

  it('a word of the name besides the engine still singles one out', () => {
    expect(decided('the staging postgres')).toBe('pg-ledger');
    expect(decided('the primary postgres')).toBe('pg-core-primary7');
    expect(decided('quotes mysql')).toBe('mysql-quotes');
  });
});

describe('plans on the resource the words are about (qa 18d)', () => {
  const planner = inventoryPlanner(inventory);
  const at = { at: new Date('2026-11-22T09:00:00Z') };
  const named = (v: unknown) => (v as { name?: string } | undefined)?.name;
  const members = (plan: { fleet?: { members: { name: string }[] } }) => plan.fleet?.members.map((m) => m.name);

  it('"reboot the postgres database" asks which, and plans on none', async () => {
    const plan = await planner.plan('reboot the postgres database please', at);
    expect(plan.playbook?.id).toBe('rds-reboot-instance');
    expect(plan.params.db).toBeUndefined();
    expect(plan.clarify?.candidates.map((r) => r.name)).toContain('invoices-db');
  });

  it('"the invoices db in europe": the kind noun between the name and the place keeps the place', async () => {
    const plan = await planner.plan('snapshot the invoices db in europe', at);
    expect(plan.playbook?.id).toBe('rds-create-snapshot');
    expect(named(plan.params.db)).toBe('invoices-db-eu');
    const box = await planner.plan('reboot the vault box in europe', at);
    expect(named(box.params.instance)).toBe('vault-node-8');
  });

  it('a name told in a clause before the request is the story: the action is on the name the request gives', async () => {
    const plan = await planner.plan('invoices-db alerts are noisy but please just reboot relay-edge-4', at);
    expect(plan.playbook?.id).toBe('ec2-reboot-instance');
    expect(named(plan.params.instance)).toBe('relay-edge-4');
    const fleet = await planner.plan('tally-db is flapping again, reboot vault-node-9 and relay-edge-4', at);
    expect(fleet.playbook?.id).toBe('ec2-reboot-instance');
    expect(members(fleet)).toEqual(['vault-node-9', 'relay-edge-4']);
  });

  it('"the ledger server in staging": the place is read before the look-alikes are cut, never another kind of resource', async () => {
    for (const text of ['reboot the ledger server in staging', 'reboot ledger in staging']) {
      const plan = await planner.plan(text, at);
      expect(plan.playbook?.id).toBe('ec2-reboot-instance');
      expect(named(plan.params.instance)).toBe('ledger-svc-staging');
    }
    // An exact name stays itself: not a look-alike of it in the place said.
    const exact = await planner.plan('stop ledger-svc-1 in staging', at);
    expect(exact.params.instance).toBeUndefined();
  });

  it('a list typed before the request that asks for it is still the set', async () => {
    const plan = await planner.plan('vault-node-9 and relay-edge-4, reboot them', at);
    expect(members(plan)).toEqual(['vault-node-9', 'relay-edge-4']);
  });
});
