/**
 * Issue 18, round 9: verbs and idioms (British, Indian English, phone autocorrect), counts said in API and Kubernetes
 * words, money said in other words, and a direct question about one resource. The sentences are written here, none
 * copied from a holdout. The classifier's clock is Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { directQuestion } from '../../../src/intents/questions';
import { tidyChat } from '../../../src/intents/runbook';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('round 9: verbs and idioms', () => {
  it.each([
    ['api-staging-2 is timing out again,rebut it please', 'ec2-reboot-instance', { instance: 'api-staging-2' }],
    ['can someone rebut search-prod-1', 'ec2-reboot-instance', { instance: 'search-prod-1' }],
    ['stip cache-staging-1 for now', 'ec2-stop-instance', { instance: 'cache-staging-1' }],
    ['gpu-notebook-1 can be knocked... no wait, knock gpu-notebook-1 on the head', 'ec2-stop-instance', { instance: 'gpu-notebook-1' }],
    ['ml-train-1, knock it on the head until the new data lands', 'ec2-stop-instance', { instance: 'ml-train-1' }],
    ['bin off sandbox-box, it was only for the demo', 'ec2-terminate-instance', { instance: 'sandbox-box' }],
    ['bin dev-scratch-2 off please', 'ec2-terminate-instance', { instance: 'dev-scratch-2' }],
    ['bin off vol-0aa5e279819006672 would you', 'ebs-delete-volume', { volume: 'vol-0aa5e279819006672' }],
    ['pg-dev-scratch can wait till january, knock it on the head and save us some money', 'rds-stop-instance', { db: 'pg-dev-scratch' }],
    ['the data vol on etl-worker-1 has filled right up, please sort it out', 'ssm-disk-cleanup', { instance: 'etl-worker-1' }],
    ['power off and terminate dev-scratch-2', 'ec2-terminate-instance', { instance: 'dev-scratch-2' }],
    ['stop and delete sandbox-box please', 'ec2-terminate-instance', { instance: 'sandbox-box' }],
    ['kindly reboot jenkins-ci and revert once done', 'ec2-reboot-instance', { instance: 'jenkins-ci' }],
    ['kindly snapshot grafana-prod and revert back to me', 'ec2-create-snapshot', { instance: 'grafana-prod' }],
    ['kindly reboot jenkins-ci and revert with the update', 'ec2-reboot-instance', { instance: 'jenkins-ci' }],
    ['do one thing, restart the ecs service checkout', 'ecs-restart-service', { service: 'checkout' }],
    ['web-prod-3 has hung since morning, kindly reboot the same', 'ec2-reboot-instance', { instance: 'web-prod-3' }],
  ])('"%s" is %s', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it.each([
    'we need to rebut the claims in the postmortem',
    'knock on wood, the release went fine',
    'bin off the meeting, nobody is coming',
  ])('an idiom with no resource to act on plans nothing: "%s"', (text) => {
    expect(understand(text).playbook).toBeNull();
  });

  it('"do one thing," opens the request and "and revert" / "the same" are no rollback and no name', () => {
    expect(tidyChat('Do one thing, restart checkout')).toBe('restart checkout');
    expect(tidyChat('kindly stop pg-staging and revert')).toBe('kindly stop pg-staging');
    expect(tidyChat('orders-db is slow, kindly snapshot the same first')).toBe('orders-db is slow, kindly snapshot it first');
    // "revert the last deploy" is a rollback asked for: left as said.
    expect(tidyChat('revert the last deploy on checkout')).toBe('revert the last deploy on checkout');
  });

  it('"stop X and then terminate Y" is still two requests, not a termination', () => {
    expect(understand('stop web-prod-1 and then terminate web-prod-2').playbook).toBeNull();
  });

  it('a comma with no space after it splits clauses, not tags', () => {
    expect(tidyChat('slow again,rebut it')).toBe('slow again, reboot it');
    expect(tidyChat('tag web-prod-1 owner=ml,team=data')).toBe('tag web-prod-1 owner=ml,team=data');
  });
});

describe('round 9: counts in API and Kubernetes words', () => {
  it.each([
    ['set the desired capacity of web-asg to 5 for the load test', 'asg-set-capacity', { group: 'web-asg', capacity: '5' }],
    ['desired capacity of batch-workers-asg -> 0', 'asg-set-capacity', { group: 'batch-workers-asg', capacity: '0' }],
    ['change the desired count for web-asg to 6 tonight', 'asg-set-capacity', { group: 'web-asg', capacity: '6' }],
    ['make batch-workers-asg run 4 instances', 'asg-set-capacity', { group: 'batch-workers-asg', capacity: '4' }],
    ['scale the deployment payments-api to 7 replicas, it runs on fargate', 'ecs-scale-service', { service: 'payments-api', count: '7' }],
    ['scale search-api to 3 replicas', 'ecs-scale-service', { service: 'search-api', count: '3' }],
    ['add one more node to the prod-batch node group, make it 5', 'eks-scale-nodegroup', { nodegroup: 'prod-batch', desired: '5' }],
    ['take a node off the staging-web nodegroup so its 1', 'eks-scale-nodegroup', { nodegroup: 'staging-web', desired: '1' }],
    ['big sale tonight, run 10 tasks on search-api', 'ecs-scale-service', { service: 'search-api', count: '10' }],
    ['crank the desired capacity of batch-workers-asg up to 3', 'asg-set-capacity', { group: 'batch-workers-asg', capacity: '3' }],
    ['remove two nodes from the prod-web nodegroup, make it 3', 'eks-scale-nodegroup', { nodegroup: 'prod-web', desired: '3' }],
    ['run 3 instances in batch-workers-asg for the backfill', 'asg-set-capacity', { group: 'batch-workers-asg', capacity: '3' }],
  ])('"%s" is %s', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it.each([
    'scale the orders deployment to 4 replicas',
    'scale the deployment orders to 4 pods',
    'set the k8s deployment payments to 3 replicas',
  ])('a Kubernetes deployment is no playbook\'s, not an ECS service: "%s"', (text) => {
    expect(understand(text).playbook).toBeNull();
  });
});

describe('round 9: money in other words', () => {
  it.each([
    ['how much is staging setting us back each month', { account: 'staging' }],
    ['total aws outgoings for october please', { period: '2026-10-01..2026-10-31' }],
    ['what is the staging account running at over the last 7 days', { period: '2026-11-15..2026-11-21', account: 'staging' }],
    ['send me the aws expenses for 2026-09-01..2026-09-30, the auditors want them', { period: '2026-09-01..2026-09-30' }],
  ])('"%s" is the cost report', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('cost-report');
    expect(guess.params).toEqual(params);
  });

  it.each(['what is web-prod-1 running at', 'what is prod running at 3am', 'send the cost report to the finance team'])(
    'a rate that is no money, or a report sent elsewhere, is no cost report: "%s"',
    (text) => {
      expect(understand(text).playbook).not.toBe('cost-report');
    },
  );
});

describe('round 9: a direct question about one resource', () => {
  it.each(['is grafana-prod even running rn?', 'is orders-db really up atm', 'is jenkins-ci alive or not?'])(
    '"%s" is looked up in the inventory (and answered directly), not refused',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBe('inventory-find');
      expect(directQuestion(text)).toMatchObject({ kind: 'state' });
    },
  );

  it.each([
    ["where's api-staging-2", 'api-staging-2'],
    ['wheres cache-node-10 at?', 'cache-node-10'],
    ["what's the private ip of grafana-prod", 'grafana-prod'],
    ['what is the instance id for jenkins-ci?', 'jenkins-ci'],
  ])('where one named resource is, or its id or address, is a look-up: "%s"', (text, query) => {
    expect(understand(text)).toMatchObject({ playbook: 'inventory-find', params: { query } });
  });

  it('"run 3 instances in staging" names no group: no capacity is planned for a place', () => {
    expect(understand('run 3 instances in staging').playbook).not.toBe('asg-set-capacity');
  });

  it('a question about a set stays a question, and a question with a request is the request', () => {
    expect(understand('are the kafka brokers even up rn?').playbook).toBeNull();
    expect(understand('is web-prod-2 even running? stop it').playbook).toBe('ec2-stop-instance');
  });
});
