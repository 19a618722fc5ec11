/**
 * Issue 18, round 6 (names and parameters): names said aloud (a number as a word, "to"/"too" for two, a word split in
 * two, letters spelled, a list of one family, a count as a word), a kind word that decides the resource, and parameters
 * pasted from findings (an S3 ARN, a volume id with its label in brackets). Sentences and resources are this test's own; the
 * classes that need a whole estate (a story around the request) are in test/integration/console-round6-names.test.ts.
 */
import { namesSaidAloud } from '../../../src/intents/spoken-names';
import { Inventory } from '../../../src/inventory';
import { resource } from '../../helpers/aws';
import { inventoryClassifier, inventoryPlanner, NOW } from '../../helpers/understanding';

const inventory = new Inventory([
  resource('ec2-instance', 'i-0cc00000000000001', { name: 'queue-node-1' }),
  resource('ec2-instance', 'i-0cc00000000000002', { name: 'queue-node-2' }),
  resource('ec2-instance', 'i-0cc00000000000003', { name: 'queue-node-3' }),
  resource('ec2-instance', 'i-0cc00000000000004', { name: 'render-box-1' }),
  resource('ec2-instance', 'i-0cc00000000000005', { name: 'render-box-2' }),
  resource('ec2-instance', 'i-0cc00000000000007', { name: 'stream-node-04' }),
  resource('ecs-service', 'backend', { name: 'backend', tags: { environment: 'production' } }),
  resource('ecs-service', 'backend-staging', { name: 'backend-staging', tags: { environment: 'staging' } }),
  resource('autoscaling-group', 'ledger-asg', { name: 'ledger-asg' }),
  resource('ebs-volume', 'vol-0aa00000000000009', { name: 'scratch-vol-7' }),
  resource('s3-bucket', 'ledger-exports-prod', { name: 'ledger-exports-prod' }),
]);
const classifier = inventoryClassifier(inventory);
const planner = inventoryPlanner(inventory, classifier);

describe('names said aloud (round 6)', () => {
  it.each([
    ['queue node three is wedged again, can somebody reboot it', 'ec2-reboot-instance', 'queue-node-3'],
    ['render box too keeps crashing, please restart it', 'ec2-reboot-instance', 'render-box-2'],
    ['render box to needs a reboot', 'ec2-reboot-instance', 'render-box-2'],
    ['could you stop queue node one for me', 'ec2-stop-instance', 'queue-node-1'],
    ['stream node four is swapping like mad, reboot it', 'ec2-reboot-instance', 'stream-node-04'],
  ])('a name whose number is said as a word: "%s"', (text, playbook, instance) => {
    const guess = classifier.understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params.instance).toBe(instance);
  });

  it('"to" before a value, and "too" ending the request, are not two: a vague name still asks', async () => {
    expect(classifier.understand('resize render box to m5.large').params.instance).not.toBe('render-box-2');
    expect(classifier.understand('restart render box to pick up the new config').params.instance).not.toBe('render-box-2');
    expect(classifier.understand('reboot render box too please').params.instance).not.toBe('render-box-2');
    const plan = await planner.plan('reboot render box too', { at: NOW });
    expect(plan.params.instance).toBeUndefined();
  });

  it('several members of one family said aloud are a list: "queue node one, two and three one at a time"', () => {
    const guess = classifier.understand('reboot queue node one two and three one at a time');
    expect(guess.playbook).toBe('ec2-reboot-instance');
    expect(guess.fleet?.names).toEqual(['queue-node-1', 'queue-node-2', 'queue-node-3']);
    expect(classifier.understand('stop queue node 1, 2 and 3').fleet?.names).toEqual(['queue-node-1', 'queue-node-2', 'queue-node-3']);
  });

  it('a name word split in two, with a count said as a word: "scale back end staging to five"', () => {
    const guess = classifier.understand('scale back end staging to five');
    expect(guess.playbook).toBe('ecs-scale-service');
    expect(guess.params).toMatchObject({ service: 'backend-staging', count: '5' });
  });

  it('letters spelled one by one are a word of the name: "set the ledger a s g to four instances"', () => {
    const guess = classifier.understand('set the ledger a s g to four instances');
    expect(guess.playbook).toBe('asg-set-capacity');
    expect(guess.params).toMatchObject({ group: 'ledger-asg', capacity: '4' });
  });
});

describe('a kind word decides the resource (round 6)', () => {
  it('a name the inventory gives only an ECS service, said with a place, is that service there', async () => {
    const plan = await planner.plan('backend in staging is serving stale config, could you restart it?', { at: NOW });
    expect(plan.playbook?.id).toBe('ecs-restart-service');
    expect(plan.params.service).toMatchObject({ name: 'backend-staging' });
    const prod = await planner.plan('restart backend in prod, tasks are flapping', { at: NOW });
    expect(prod.playbook?.id).toBe('ecs-restart-service');
    expect(prod.params.service).toMatchObject({ name: 'backend' });
  });
});

describe('parameters pasted from findings (round 6)', () => {
  it('an S3 ARN names its bucket', () => {
    const guess = classifier.understand('arn:aws:s3:::ledger-exports-prod was flagged as world readable. Block all public access on it.');
    expect(guess.playbook).toBe('s3-block-public-access');
    expect(guess.params.bucket).toBe('ledger-exports-prod');
    expect(guess.manyResources).toBeUndefined();
  });

  it('a volume id with its label in brackets is one volume, not a list of two', async () => {
    const plan = await planner.plan('vol-0aa00000000000009 (scratch-vol-7, us-west-2) has been detached for weeks. Delete it.', {
      at: NOW,
    });
    expect(plan.playbook?.id).toBe('ebs-delete-volume');
    expect(plan.fleet).toBeUndefined();
    expect(plan.params.volume).toMatchObject({ name: 'scratch-vol-7' });
  });
});

describe('hostile words in a spoken name (round 6, the last read)', () => {
  it.each(['constructor', 'toString', 'valueOf', '__proto__', 'hasOwnProperty'])(
    '"scale checkout-staging to %s" is not rewritten: an Object method is no number word',
    (word) => {
      const names = { exactly: (name: string) => (name === 'checkout-staging' ? ['ecs-service'] : []) };
      expect(namesSaidAloud(`scale checkout-staging to ${word}`, names)).toBe(`scale checkout-staging to ${word}`);
      expect(namesSaidAloud(`reboot web prod ${word}`, names)).toBe(`reboot web prod ${word}`);
    },
  );
});
