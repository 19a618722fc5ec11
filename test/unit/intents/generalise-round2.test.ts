/**
 * Issue 18, round 2: classes of request the blind holdouts 4 and 6 showed missed (the sentences are written
 * here, none copied from a holdout): a need stated instead of asked, a symptom told with the operation that
 * fails, money asked about without a money word.
 */
import { AT_THE_BOT_NOTE, rephrase } from '../../../src/intents/phrasing';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 2)', () => {
  it.each([
    ['ENOSPC on etl-worker-2 each night once the compactor runs', 'etl-worker-2'],
    ['kafka-broker-3 ran out of inodes, the spool is full of garbage', 'kafka-broker-3'],
    ["'no space left on device' from web-prod-2 for every build the runner picks", 'web-prod-2'],
    ['the data disk on build-runner-7 is full and the compiler cannot write anything', 'build-runner-7'],
  ])('a full disk stated, with the story around it, asks for the cleanup: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toMatchObject({ instance });
  });

  it('a state stated without the playbook\'s own words is no request: "web-prod-2 is slow today" plans nothing', () => {
    expect(understand('web-prod-2 is slow today').playbook).toBeNull();
  });

  it.each([
    "what's the run rate on aws this month",
    'so what did the ml team run us in october',
    'how much is production eating a day',
    'pulling numbers for the finance review, spend by service for october please',
  ])('money asked about in other words is a cost question: "%s"', (text) => {
    expect(understand(text).playbook).toBe('cost-report');
  });

  it('the words taken as money are rewritten only around an amount: "run the report on us" stays as it is', () => {
    expect(rephrase('how much disk is etl-worker-2 using')).toBe('how much disk is etl-worker-2 using');
    expect(rephrase('what does staging run us per month')).toBe('how much did we spend in staging');
  });
});

describe('counts said with their units or as a target (round 2)', () => {
  it.each([
    ['set batch-workers-asg desired to 2', 'asg-set-capacity', { group: 'batch-workers-asg', capacity: '2' }],
    ['we need 7 instances in web-asg before the launch', 'asg-set-capacity', { group: 'web-asg', capacity: '7' }],
    ['make the staging-web nodegroup 4', 'eks-scale-nodegroup', { nodegroup: 'staging-web', desired: '4' }],
    ['staging-web nodegroup needs fewer nodes, make it 1', 'eks-scale-nodegroup', { nodegroup: 'staging-web', desired: '1' }],
    ['limit image-resizer to 15 concurrent invocations', 'lambda-set-concurrency', { function: 'image-resizer', concurrency: '15' }],
    ['take checkout-staging down to 1 task for the night', 'ecs-scale-service', { service: 'checkout-staging', count: '1' }],
    ['could the checkout-staging service run 3 tasks tomorrow?', 'ecs-scale-service', { service: 'checkout-staging', count: '3' }],
  ])('"%s" scales what it names to that count', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it('a time of day is not a name: "around 11, can search-api run 4 tasks" scales search-api', () => {
    const guess = understand('around 11, can search-api run 4 tasks');
    expect(guess.playbook).toBe('ecs-scale-service');
    expect(guess.params).toMatchObject({ service: 'search-api', count: '4' });
  });

  it('a count with no unit and no target word is left as it was: "make web-prod-1 faster" plans no scaling', () => {
    expect(rephrase('make web-prod-1 faster')).toBe('make web-prod-1 faster');
    expect(understand('i need 3 instances of t3.large launched in staging').playbook).toBeNull();
  });
});

describe('a plain word the inventory calls a resource, between the verb and a count (round 2)', () => {
  const named = localClassifier({ names: (w) => (w === 'checkout' ? 'name' : undefined) });

  it('"scale checkout to 9 tasks tonight" names the checkout service', () => {
    const guess = named.understand('scale checkout to 9 tasks tonight');
    expect(guess.playbook).toBe('ecs-scale-service');
    expect(guess.params).toMatchObject({ service: 'checkout', count: '9' });
  });
});

describe('shell forms, volume types and orders aimed at the bot (round 2)', () => {
  it.each([
    ['service nginx restart @ web-prod-2', { instance: 'web-prod-2', service: 'nginx' }],
    ['ssh ops@kafka-broker-1 && sudo systemctl restart kafka', { instance: 'kafka-broker-1', service: 'kafka' }],
    ['please run `systemctl restart redis` on cache-staging-1', { instance: 'cache-staging-1', service: 'redis' }],
  ])('a restart typed as the shell command: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual(params);
  });

  it('aws ec2 modify-instance-attribute --instance-type is a resize', () => {
    const guess = understand('aws ec2 modify-instance-attribute --instance-id web-prod-2 --instance-type m6i.xlarge');
    expect(guess.playbook).toBe('ec2-resize-instance');
    expect(guess.params).toMatchObject({ instance: 'web-prod-2', instance_type: 'm6i.xlarge' });
  });

  it('aws ecs update-service --force-new-deployment is a restart of the service', () => {
    const guess = understand('aws ecs update-service --cluster prod-web --service search-api --force-new-deployment');
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params).toMatchObject({ service: 'search-api' });
  });

  it.each(['switch jenkins-cache-old to gp3, it is cheaper', 'vol-0abc12345678 gp2 => gp3 please'])(
    'a volume type says the change of volume type: "%s"',
    (text) => {
      expect(understand(text).playbook).toBe('ebs-change-to-gp3');
    },
  );

  it.each(['could you switch off your audit log tonight', 'please stop logging this one', 'wipe the audit trail for me'])(
    'the bot\'s own record is not a resource to stop: "%s" is refused',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBeNull();
      expect(guess.note).toBe(AT_THE_BOT_NOTE);
    },
  );
});

describe('what a named resource is doing harm to is the story, not the kind asked about (round 2)', () => {
  it.each([
    ['payments-webhook is flooding the database with retries, throttle it', 'lambda-throttle-function', { function: 'payments-webhook' }],
    ['web-prod-2 keeps hammering the postgres, restart it', 'ec2-reboot-instance', { instance: 'web-prod-2' }],
  ])('"%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });
});

describe('words that say a volume, and permission that is no name (round 2)', () => {
  it.each(['scrap orders-data-old, it has sat unattached since spring', 'logs-archive-3 is not attached anywhere, delete it'])(
    'only a volume is attached or not: "%s" deletes a volume',
    (text) => {
      expect(understand(text).playbook).toBe('ebs-delete-volume');
    },
  );

  it('"go ahead and" is permission, not a word of a name', () => {
    const refs = classifier.analyse('pg staging is idle, if that is fine go ahead and stop it').references.map((r) => r.text);
    expect(refs).not.toContain('ahead');
  });
});

describe('an operation that fails is the symptom (round 2)', () => {
  it.each(['api-prod-1 needs a reboot, ssh just hangs', 'ssh to api-prod-1 keeps timing out, reboot it'])(
    '"%s" reboots api-prod-1',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBe('ec2-reboot-instance');
      expect(guess.params).toMatchObject({ instance: 'api-prod-1' });
    },
  );

  it('an ssh asked for is still foreign: "ssh into api-prod-1 and tail the logs" plans nothing', () => {
    expect(understand('ssh into api-prod-1 and tail the logs').playbook).toBeNull();
  });
});
