/**
 * Issue 18, round 10: names compact, spoken, in alarm names, by kind. A resource's very name said with spaces for its
 * hyphens and no number ("redis staging"), a name inside a CloudWatch alarm's name, an AWS region's display name. The
 * estate and the sentences are this test's own.
 */
import type { Resource } from '../../../src/core';
import { regionOfDisplayName } from '../../../src/core';
import { Inventory } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const box = (name: string, tags: Record<string, string> = {}, region = 'us-east-2') =>
  resource('ec2-instance', instanceIdFor(name), { name, region, tags: { Name: name, ...tags }, state: 'running' });
const db = (name: string, engine: string) =>
  resource('rds-instance', name, {
    name,
    region: 'us-east-2',
    tags: { Name: name, environment: 'staging' },
    state: 'available',
    facts: { engine },
  });

const inventory = new Inventory([
  box('ingest-node-3', { environment: 'production' }),
  box('ingest-node-4', { environment: 'production' }),
  box('ledger-api-2', { environment: 'production' }, 'eu-central-1'),
  db('postgres-qa', 'postgres'),
  db('postgres-qa-replica', 'postgres'),
  db('orders-mysql', 'mysql'),
  db('payroll-db-staging', 'postgres'),
  box('cache-eu-2', { environment: 'production' }),
  box('search-eu-2', { environment: 'production' }),
  box('front-eu-2', { environment: 'production' }),
  box('spare-logs-1', { environment: 'production' }),
  resource('ebs-volume', 'vol-0cd34ef56ab78ab12', {
    name: 'spare-logs-data-1',
    region: 'us-east-2',
    tags: { Name: 'spare-logs-data-1' },
    state: 'available',
  }),
]);
const classifier = inventoryClassifier(inventory);
const planner = inventoryPlanner(inventory, classifier);
const plan = (text: string) => planner.plan(text, { at: NOW });
const named = (v: unknown) => (v as Resource | undefined)?.name;

describe('a name said with spaces for its hyphens, no number (round 10)', () => {
  it.each([
    ['postgres qa needs a reboot, the pool connections are all stuck', 'postgres-qa'],
    ['orders mysql is wedged, reboot it', 'orders-mysql'],
  ])('"%s" reboots %s, one database, not a set', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('rds-reboot-instance');
    expect(named(p.params.db)).toBe(name);
    expect(p.fleet).toBeUndefined();
  });
});

describe('a name inside a CloudWatch alarm name (round 10)', () => {
  it.each([
    ['ALARM: "CPUUtilization-ingest-node-3" in US East (Ohio). reboot the box', 'ingest-node-3', 'us-east-2'],
    ['alert StatusCheckFailed-ingest-node-4-critical fired in US East (Ohio), please reboot it', 'ingest-node-4', 'us-east-2'],
    ['"ledger-api-2-high-memory" is in ALARM in Europe (Frankfurt), reboot it', 'ledger-api-2', 'eu-central-1'],
  ])('"%s" is %s in %s', async (text, name, region) => {
    const guess = await classifier.classify(text);
    expect(guess.scope?.region).toBe(region);
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(named(p.params.instance)).toBe(name);
  });

  it('an alarm name around a resource the inventory lacks finds nothing (no other resource is taken)', async () => {
    const p = await plan('ALARM: "CPUUtilization-ingest-node-9" fired, reboot the box');
    expect(named(p.params.instance)).toBeUndefined();
  });
});

describe('AWS region display names (round 10)', () => {
  it.each([
    ['US West (Oregon)', 'us-west-2'],
    ['US East (N. Virginia)', 'us-east-1'],
    ['Asia Pacific (Tokyo)', 'ap-northeast-1'],
    ['Europe (Zürich)', 'eu-central-2'],
    ['EU (Ireland)', 'eu-west-1'],
    ['South America (São Paulo)', 'sa-east-1'],
  ])('%s is %s', (said, region) => {
    const m = /^(.*?)\s*\((.*)\)$/.exec(said)!;
    expect(regionOfDisplayName(m[1], m[2])).toBe(region);
  });

  it('a display name in a request scopes it to that region, not the whole area', async () => {
    const guess = await classifier.classify('list the instances in Asia Pacific (Seoul)');
    expect(guess.scope?.region).toBe('ap-northeast-2');
  });

  it('an unknown place in brackets is no region', () => {
    expect(regionOfDisplayName('US West', 'Narnia')).toBeUndefined();
  });
});

describe('a compact number at the end of a spaced name (round 10)', () => {
  it.each([
    ['search eu2 opensearch is frozen, restart the service', 'search-eu-2'],
    ['restart nginx on front eu2, it is hung', 'front-eu-2'],
  ])('"%s" is %s', async (text, name) => {
    const p = await plan(text);
    expect(named(p.params.instance)).toBe(name);
  });
});

describe('an environment said of a symptom after a name that carries its own (round 10)', () => {
  it('"the payroll database in staging keeps failing in test" reboots payroll-db-staging, test is no scope', async () => {
    const text = 'payroll database in staging keeps failing in test, reboot it';
    expect((await classifier.classify(text)).scope?.environment).toBeUndefined();
    const p = await plan(text);
    expect(p.playbook?.id).toBe('rds-reboot-instance');
    expect(named(p.params.db)).toBe('payroll-db-staging');
  });

  it('an environment said of a name without its own stays a scope ("ingest node 3 in staging" is not found)', async () => {
    const guess = await classifier.classify('reboot ingest node 3 in staging');
    expect(guess.scope?.environment).toBe('staging');
    const p = await plan('reboot ingest node 3 in staging');
    expect(named(p.params.instance)).toBeUndefined();
  });
});

describe('the name decides the kind (round 10)', () => {
  it.each(['spare-logs-data-1 delete, nothing has used it since march', 'terminate spare-logs-data-1 please'])(
    '"%s" deletes the volume, never terminates an instance',
    async (text) => {
      const p = await plan(text);
      expect(p.playbook?.id).toBe('ebs-delete-volume');
      expect(named(p.params.volume)).toBe('spare-logs-data-1');
    },
  );

  it('an instance of the family stays an instance ("terminate spare-logs-1")', async () => {
    const p = await plan('terminate spare-logs-1');
    expect(p.playbook?.id).toBe('ec2-terminate-instance');
    expect(named(p.params.instance)).toBe('spare-logs-1');
  });
});

describe("a forwarded e-mail's sign-off (round 10)", () => {
  it('"Kind regards, Hosting Service Desk" on the last line is no service of the request', async () => {
    const text =
      'FW: Retirement request 812\n> spare-logs-1 is not used any more, please terminate it now.\n> Kind regards, Hosting Service Desk';
    expect(classifier.analyse(text).entities.services).toEqual([]);
    const p = await plan(text);
    expect(p.playbook?.id).toBe('ec2-terminate-instance');
    expect(named(p.params.instance)).toBe('spare-logs-1');
  });

  it('a request on the line after "thanks" is still read', async () => {
    const p = await plan('spare-logs-1 is wedged\nthanks\nreboot spare-logs-1');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
  });
});
