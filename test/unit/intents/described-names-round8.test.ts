/**
 * Issue 18, round 8: names described, by role, by kind, in replies. A name said with another word of its family
 * ("the pdf rendering lambda" for pdf-renderer), a role said in full where the name has its initials ("the domain
 * controller" for win-dc-west-2). The estate and the sentences are this test's own.
 */
import type { Resource } from '../../../src/core';
import { Inventory, InventoryResolver } from '../../../src/inventory';
import type { CloudProvider } from '../../../src/cloud';
import { instanceIdFor, resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const box = (name: string, tags: Record<string, string> = {}) =>
  resource('ec2-instance', instanceIdFor(name), { name, tags: { Name: name, ...tags }, state: 'running' });

const inventory = new Inventory([
  resource('lambda-function', 'pdf-renderer', { name: 'pdf-renderer', tags: { environment: 'production' } }),
  resource('lambda-function', 'events-ingest', { name: 'events-ingest', tags: { environment: 'production' } }),
  resource('lambda-function', 'welcome-mailer', { name: 'welcome-mailer', tags: { environment: 'production' } }),
  resource('lambda-function', 'welcome-mailer-staging', { name: 'welcome-mailer-staging', tags: { environment: 'staging' } }),
  resource('lambda-function', 'audit-export', { name: 'audit-export', tags: { environment: 'production' } }),
  resource('lambda-function', 'audit-exporter', { name: 'audit-exporter', tags: { environment: 'staging' } }),
  box('win-dc-west-2', { environment: 'production' }),
  box('win-dc-east-1', { environment: 'production' }),
  box('ledger-host-1', { environment: 'production' }),
  box('linux-export-prod-1', { environment: 'production' }),
  box('linux-export-staging-1', { environment: 'staging' }),
  resource('rds-instance', 'ledger-db', { name: 'ledger-db', tags: { environment: 'production' }, state: 'available' }),
]);
const planner = inventoryPlanner(inventory, inventoryClassifier(inventory));
const plan = (text: string) => planner.plan(text, { at: NOW });
const resolver = new InventoryResolver(inventory, {} as CloudProvider);

describe('a name said with another word of its family (round 8)', () => {
  it.each([
    ['throttle the pdf rendering lambda, it keeps timing out and retrying', 'pdf-renderer'],
    ['can you throttle the events ingestion function until the backlog clears', 'events-ingest'],
    ['throttle the welcome mailing lambda please', 'welcome-mailer'],
  ])('"%s" is %s', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe(name);
  });

  it('the resolver reads a word of the family as the name word ("ingestion events" is events-ingest)', () => {
    const d = resolver.decide('ingestion events', 'lambda-function');
    expect(d.kind).toBe('match');
    expect(d.kind === 'match' && d.resource.name).toBe('events-ingest');
  });

  it('two names of one family stay a question ("the audit exporting lambda": audit-export or audit-exporter)', async () => {
    const p = await plan('throttle the audit exporting lambda');
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['audit-export', 'audit-exporter']);
  });

  it('a described name the estate has no family of is still unknown ("the video transcoding lambda")', async () => {
    const p = await plan('throttle the video transcoding lambda');
    expect(p.params.function).toBeUndefined();
  });
});

describe('a role said in full where the name has its initials (round 8)', () => {
  it('"the domain controller in us-west-2" is win-dc-west-2 (dc), the region choosing between the two', async () => {
    const p = await plan('the domain controller in us-west-2 needs a reboot after the patching tonight');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect((p.params.instance as Resource).name).toBe('win-dc-west-2');
  });

  it('"the domain controller" alone, with two, asks which', async () => {
    const p = await plan('reboot the domain controller');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['win-dc-east-1', 'win-dc-west-2']);
  });

  it('words whose initials no name has change nothing ("the disaster recovery box": no name has dr)', async () => {
    expect(resolver.decide('disaster recovery box', 'ec2-instance').kind).toBe('none');
    const p = await plan('reboot the disaster recovery box');
    expect(p.params.instance).toBeUndefined();
  });
});

describe('a function named in words, its environment at the end or the start (round 8)', () => {
  it.each([
    ['throttle welcome mailer staging for now, it is spamming the test inbox', 'welcome-mailer-staging'],
    ['please throttle staging welcome mailer', 'welcome-mailer-staging'],
    ['welcome mailer staging keeps erroring out, throttle it', 'welcome-mailer-staging'],
    ['throttle welcome mailer', 'welcome-mailer'],
  ])('"%s" is %s', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe(name);
  });

  it('words that spell no name stay unknown ("throttle welcome printer staging")', async () => {
    const p = await plan('throttle welcome printer staging');
    expect((p.params.function as Resource | undefined)?.name).not.toBe('welcome-mailer-staging');
  });
});

describe('"it" is the resource of the kind the action takes (round 8)', () => {
  it('"ledger-db is getting flooded with writes from welcome-mailer, please throttle it" throttles the function', async () => {
    const p = await plan('ledger-db is getting flooded with writes from welcome-mailer, please throttle it');
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe('welcome-mailer');
  });

  it('"welcome-mailer keeps slamming ledger-host-1 with retries, reboot it" reboots the machine', async () => {
    const p = await plan('welcome-mailer keeps slamming ledger-host-1 with retries, reboot it');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect((p.params.instance as Resource).name).toBe('ledger-host-1');
  });

  it('with no function told, "throttle it" throttles nothing of another kind', async () => {
    const p = await plan('ledger-db has been slow since ledger-host-1 was patched, throttle it');
    expect((p.params.function as Resource | undefined)?.type).not.toBe('rds-instance');
    expect((p.params.function as Resource | undefined)?.type).not.toBe('ec2-instance');
  });
});

describe('a description before the kind noun keeps its action-like words (round 8)', () => {
  it('"the linux export server in prod needs a reboot" is linux-export-prod-1 ("export" is no action here)', async () => {
    const p = await plan('the linux export server in prod needs a reboot, the overnight job is stuck');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect((p.params.instance as Resource).name).toBe('linux-export-prod-1');
  });

  it('"reboot the linux export box" with one in each environment asks which', async () => {
    const p = await plan('reboot the linux export box');
    expect(p.playbook?.id).toBe('ec2-reboot-instance');
    expect(p.clarify?.candidates.map((c) => c.name).sort()).toEqual(['linux-export-prod-1', 'linux-export-staging-1']);
  });
});

describe('a function stopped is a function throttled (round 8)', () => {
  it.each([
    ['welcome-mailer keeps bouncing, can we pause it for a bit', 'welcome-mailer'],
    ['halt the pdf renderer lambda', 'pdf-renderer'],
  ])('"%s" throttles %s', async (text, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe('lambda-throttle-function');
    expect((p.params.function as Resource).name).toBe(name);
  });

  it('a machine stopped is still stopped, and a stop said not to be done throttles nothing', async () => {
    expect((await plan('stop ledger-host-1')).playbook?.id).toBe('ec2-stop-instance');
    expect((await plan("don't stop welcome-mailer")).playbook?.id).not.toBe('lambda-throttle-function');
  });
});
