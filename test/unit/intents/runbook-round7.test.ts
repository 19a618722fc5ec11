/**
 * Issue 18, round 7: runbook forms, arrows, Slack decorations and verbs. The sentences are written here (an SRE lead
 * who writes change requests as key: value lines, Slack replies with emoji and ticket ids), none copied from a
 * holdout. The classifier's clock is Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { tidyChat } from '../../../src/intents/runbook';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 7: runbook forms and counts)', () => {
  it.each([
    [
      'action: reboot / target: gateway-prod-4 / reason: workers hung, 504s / ticket: INC-9120',
      'ec2-reboot-instance',
      { instance: 'gateway-prod-4' },
    ],
    ['target: gateway-prod-4 | action: restart | ticket: OPS-17 | why: memory leak', 'ec2-reboot-instance', { instance: 'gateway-prod-4' }],
    [
      'action: clean up disk\ntarget: etl-worker-1\nreason: /tmp filling up\nticket: CHG-3301',
      'ssm-disk-cleanup',
      { instance: 'etl-worker-1' },
    ],
    [
      'target: gpu-notebook-1 | action: snapshot its disks | ticket: OPS-5 | why: before the driver update',
      'ec2-create-snapshot',
      { instance: 'gpu-notebook-1' },
    ],
  ])('a runbook form is its action on its target; the reason and the ticket are story: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it('"action: snapshot / target: all the staging databases" is a database snapshot', () => {
    expect(understand('action: snapshot / target: all the staging databases / reason: pre-migration / ticket: CHG-77').playbook).toBe(
      'rds-create-snapshot',
    );
  });

  it.each([
    [
      'gateway-prod-4 -> m5.2xlarge, cpu pinned all morning',
      'ec2-resize-instance',
      { instance: 'gateway-prod-4', instance_type: 'm5.2xlarge' },
    ],
    ['etl-nodes nodegroup -> 4 nodes for quarter end', 'eks-scale-nodegroup', { nodegroup: 'etl-nodes', desired: '4' }],
    ['web-asg desired capacity -> 5, the sale starts at noon', 'asg-set-capacity', { group: 'web-asg', capacity: '5' }],
    ['worker-asg -> 2 instances overnight', 'asg-set-capacity', { group: 'worker-asg', capacity: '2' }],
  ])('an arrow to an instance type is a resize, to a count a capacity: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });

  it.each([
    ['@cloudops reboot the jumpbox :fire:', 'ec2-reboot-instance', { instance: 'jumpbox' }],
    ['the reporting mysql needs a reboot for the parameter change #CHG-4410', 'rds-reboot-instance', { db: 'reporting mysql' }],
    ['the reporting mysql needs a reboot for the parameter change, INC-77', 'rds-reboot-instance', { db: 'reporting mysql' }],
  ])('emoji shortcodes, the bot mention and ticket ids are never names: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it('a tag value that looks like a ticket id stays a tag value', () => {
    expect(tidyChat('put cost-center=CC-2040 on etl-worker-1')).toBe('put cost-center=CC-2040 on etl-worker-1');
    const guess = understand('put cost-center=CC-2040 on etl-worker-1');
    expect(guess.params).toMatchObject({ tags: 'cost-center=CC-2040' });
  });

  it('a message without a decoration, a form or an arrow is left as typed', () => {
    for (const t of ['reboot web-prod-1', 'what did we spend on ec2: last month vs this month', 'migrate x gp2 -> gp3'])
      expect(tidyChat(t)).toBe(t);
  });

  it('key: value lines without an action are not a request', () => {
    expect(understand('target: gateway-prod-4 / reason: hung / ticket: INC-12').playbook).toBeNull();
  });

  it.each([
    ['snap-0aa11bb22cc33dd44 is ancient and nobody owns it. bin it', 'ebs-delete-snapshot', { snapshot: 'snap-0aa11bb22cc33dd44' }],
    ['old-logs-vol-3 is unattached and costing money. get rid of it', 'ebs-delete-volume', { volume: 'old-logs-vol-3' }],
    ['edge-cluster is out of standard support, kick off the k8s version upgrade', 'eks-upgrade-cluster', { cluster: 'edge-cluster' }],
    ['un-throttle orders-webhook, the queue is backing up', 'lambda-unthrottle-function', { function: 'orders-webhook' }],
    ['jobs are queued on k8s. give etl-nodes 5 nodes', 'eks-scale-nodegroup', { nodegroup: 'etl-nodes', desired: '5' }],
    [
      'bump the etl-nodes node group to 7 nodes and raise the max to 9',
      'eks-scale-nodegroup',
      { nodegroup: 'etl-nodes', desired: '7', max: '9' },
    ],
  ])('verbs said in chat: "%s"', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject(params);
  });
});
