/**
 * Issue 18, round 10: requests written as code (a call, an object, a commit message, an arrow, a field), shell lines,
 * a disk said to be out, and requests asked as questions or needs. The sentences are written here, none copied from a
 * holdout. The classifier's clock is Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { codeForm } from '../../../src/intents/runbook';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('round 10: requests written as code', () => {
  it.each([
    ['stop(pg-staging, snapshot=true)', 'rds-stop-instance', { db: 'pg-staging', snapshot: 'true' }],
    ['reboot(api-staging-2)', 'ec2-reboot-instance', { instance: 'api-staging-2' }],
    [
      '{action: set_concurrency, function: report-generator, value: 12}',
      'lambda-set-concurrency',
      { function: 'report-generator', concurrency: '12' },
    ],
    ['{"action": "reboot", "host": "search-prod-1"}', 'ec2-reboot-instance', { instance: 'search-prod-1' }],
    ['scale(prod-web nodegroup): desired 4, max 8', 'eks-scale-nodegroup', { nodegroup: 'prod-web', desired: '4', max: '8' }],
    ['prod-web nodes -> 7', 'eks-scale-nodegroup', { nodegroup: 'prod-web', desired: '7' }],
    ['web-asg desired 6', 'asg-set-capacity', { group: 'web-asg', capacity: '6' }],
    ['chore(cache-staging-1): stop it', 'ec2-stop-instance', { instance: 'cache-staging-1' }],
    ['fix(grafana-prod): reboot', 'ec2-reboot-instance', { instance: 'grafana-prod' }],
    ['set report-generator concurrency to 15', 'lambda-set-concurrency', { function: 'report-generator', concurrency: '15' }],
    ['cap concurrency of payments-webhook at 40', 'lambda-set-concurrency', { function: 'payments-webhook', concurrency: '40' }],
  ])('"%s" is %s', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it.each([
    'fix(parser): handle empty input',
    '{action: dance, target: moon}',
    'print(hello world)',
    'feat(ui): dark mode for the settings page',
  ])('code that asks nothing of the catalog plans nothing: "%s"', (text) => {
    expect(understand(text).playbook).toBeNull();
  });

  it('a call, an object and a commit message are read as the sentence they carry', () => {
    expect(codeForm('stop(pg-staging, snapshot=false)')).toBe('stop pg-staging, no snapshot');
    expect(codeForm('delete(vol-0abc, skip_snapshot=true)')).toBe('delete vol-0abc, skip the snapshot');
    expect(codeForm('fix(web-prod-3): reboot it')).toBe('reboot web-prod-3');
    expect(codeForm('{op: restart, service: checkout}')).toBe('restart checkout');
    // Not code: left as typed.
    expect(codeForm('reboot web-prod-3 (it hangs)')).toBe('reboot web-prod-3 (it hangs)');
    expect(codeForm('{reason: hung}')).toBe('{reason: hung}');
  });
});

describe('round 10: shell lines and a disk said to be out', () => {
  it.each([
    ['on search-prod-1: sudo service nginx restart', 'ssm-restart-service', { instance: 'search-prod-1', service: 'nginx' }],
    [
      'aws s3api put-public-access-block --bucket acme-staging-artifacts ' +
        '--public-access-block-configuration BlockPublicAcls=true,BlockPublicPolicy=true',
      's3-block-public-access',
      { bucket: 'acme-staging-artifacts' },
    ],
    ['api-staging-2 out of disk', 'ssm-disk-cleanup', { instance: 'api-staging-2' }],
    ['jenkins-ci totally out of space again', 'ssm-disk-cleanup', { instance: 'jenkins-ci' }],
  ])('"%s" is %s', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it('a thing that is no host out of space plans nothing', () => {
    expect(understand('the new-hire laptop out of space').playbook).toBeNull();
  });
});

describe('round 10: requests asked as questions or needs', () => {
  it.each([
    ['how do i bounce api-staging-2? it stopped answering health checks', 'ec2-reboot-instance', { instance: 'api-staging-2' }],
    ['how can we clean up the disk on jenkins-ci? the build cache filled it', 'ssm-disk-cleanup', { instance: 'jenkins-ci' }],
    ['why is report-generator throttled?? let it run again', 'lambda-unthrottle-function', { function: 'report-generator' }],
    ['payments-webhook got throttled earlier, allow it to run normally', 'lambda-unthrottle-function', { function: 'payments-webhook' }],
    ['we need web-asg running 8 instances for the launch', 'asg-set-capacity', { group: 'web-asg', capacity: '8' }],
    ['i need prod-web at 5 nodes by friday', 'eks-scale-nodegroup', { nodegroup: 'prod-web', desired: '5' }],
    ['rm vol-0aa5e279819006672', 'ebs-delete-volume', { volume: 'vol-0aa5e279819006672' }],
    ['whats tagged team=data', 'inventory-find', { query: 'resources tagged team=data' }],
    [
      'can we get someone to tidy up the disk on grafana-prod before it falls over? its at 97%',
      'ssm-disk-cleanup',
      { instance: 'grafana-prod' },
    ],
    ['could you have somebody start web-staging-1 before the demo', 'ec2-start-instance', { instance: 'web-staging-1' }],
    [
      'FW: Retire request #812\n> dev-scratch-2 is no longer needed, please terminate it permanently.\n> Regards, IT Service Desk',
      'ec2-terminate-instance',
      { instance: 'dev-scratch-2' },
    ],
    [
      'Fwd: over the holidays\n> can you stop cache-staging-1 until january\n> thanks',
      'ec2-stop-instance',
      { instance: 'cache-staging-1' },
    ],
  ])('"%s" is %s', (text, playbook, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toEqual(params);
  });

  it.each([
    // A how-to with no trouble told, or with no name, stays a question.
    'how do i restart nginx on search-prod-1?',
    'how do I resize an instance? asking for a friend',
    'FW: lunch on friday\n> pizza or tacos?\n> cheers',
    'can we get someone to look at the coffee machine',
  ])('"%s" plans nothing', (text) => {
    expect(understand(text).playbook).toBeNull();
  });
});
