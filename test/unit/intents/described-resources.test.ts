/**
 * Issue 18, round 5: resources described, not named. Who owns it ("the search team's indexing box"), a name said
 * as two plain words before its kind ("the thumbnail maker lambda"), and what it does ("the linux box in prod that
 * runs the billing exports"). The estate and the sentences are this test's own.
 */
import type { Resource } from '../../../src/core';
import { Inventory } from '../../../src/inventory';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const ec2 = (name: string, tags: Record<string, string>, platform = 'Linux/UNIX'): Resource =>
  resource('ec2-instance', instanceIdFor(name), { name, tags: { Name: name, ...tags }, facts: { platform }, state: 'running' });

const inventory = new Inventory([
  ec2('idx-build-1', { owner: 'search', environment: 'production' }),
  ec2('idx-serve-1', { owner: 'search', environment: 'production' }),
  ec2('web-front-1', { owner: 'web', environment: 'production' }),
  ec2('exports-linux-prod', { owner: 'billing', environment: 'production' }),
  ec2('ldap-linux-prod', { owner: 'platform', environment: 'production' }),
  ec2('exports-linux-stage', { owner: 'billing', environment: 'staging' }),
  ec2('dash-report-1', { owner: 'bi', environment: 'production' }),
  ec2('ops-report-1', { owner: 'ops', environment: 'production' }),
  ec2('bi-desk-7', { owner: 'bi', environment: 'production' }, 'Windows'),
  ec2('ops-desk-2', { owner: 'ops', environment: 'production' }, 'Windows'),
  resource('rds-instance', 'pg-qa', { name: 'pg-qa', facts: { engine: 'postgres' }, state: 'available' }),
  resource('lambda-function', 'backup-pruner', { name: 'backup-pruner' }),
  resource('lambda-function', 'backup-checker', { name: 'backup-checker' }),
]);
const classifier = inventoryClassifier(inventory);
const planner = inventoryPlanner(inventory, classifier);
const plan = (text: string) => planner.plan(text, { at: NOW });

describe('resources described by their owner, their spelled name, what they do (round 5)', () => {
  it('"the bi team\'s reporting box" is the one the bi team owns, of the two reporting boxes: "team" names nothing', async () => {
    const p = await plan("the bi team's reporting box, could we reboot it");
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(p.clarify).toBeUndefined();
    expect((p.params.instance as Resource).name).toBe('dash-report-1');
  });

  it('two plain words spelling a function, one of them a verb, before its kind noun are its name ("backup pruner lambda")', async () => {
    const p = await plan('the backup pruner lambda is flooding the logs, throttle it');
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe('backup-pruner');
  });

  it('what it does narrows a description two resources fit: "the linux box in prod that runs the exports"', async () => {
    const p = await plan('snapshot the linux box in prod that runs the exports');
    expect(p.playbook?.id).toBe('ec2-create-snapshot');
    expect(p.clarify).toBeUndefined();
    expect((p.params.instance as Resource).name).toBe('exports-linux-prod');
  });

  it('without the clause the same description is a question, never a guess among equals', async () => {
    const p = await plan('snapshot the linux box in prod');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['exports-linux-prod', 'ldap-linux-prod']);
  });

  it('a clause that asks ("the box that you should reboot") is not read as a description', () => {
    const a = classifier.analyse('the exports box that you should reboot');
    expect(a.references[0]?.text).not.toContain('reboot');
  });

  it('an existing replica described is a database to act on; one to add or promote is still refused', () => {
    expect(classifier.understand('reboot the mysql replica').playbook).toBe('rds-reboot-instance');
    expect(classifier.understand('add a read replica to the ledger mysql').playbook).toBeNull();
    expect(classifier.understand('promote the replica to primary').playbook).toBeNull();
  });

  it.each(["snapshot the bi team's windows server", 'snapshot the windows box the bi team owns'])(
    'a platform word ending in s is no plural, and the owner told after is the owner: "%s"',
    async (text) => {
      const p = await plan(text);
      expect(p.playbook?.id).toBe('ec2-create-snapshot');
      expect(p.fleet).toBeUndefined();
      expect((p.params.instance as Resource).name).toBe('bi-desk-7');
    },
  );

  it('a name spelled with a space opening the message is the name: "pg qa is just idling all week, can we stop it"', async () => {
    const p = await plan('pg qa is just idling all week, can we stop it');
    expect(p.playbook?.id).toBe('rds-stop-instance');
    expect((p.params.db as Resource).name).toBe('pg-qa');
  });

  it('only what a function does names it: "throttle the lambda that prunes the backups"', async () => {
    const p = await plan('throttle the lambda that prunes the backups');
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe('backup-pruner');
  });

  it('what two functions both do is a question: "please unthrottle the function that handles backups"', async () => {
    const p = await plan('please unthrottle the function that handles backups');
    expect(p.playbook?.id).toBe('lambda-unthrottle-function');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['backup-checker', 'backup-pruner']);
  });
});
