import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudops, ROOT, tempDir } from '../helpers/cli';

/** `cloudops alert --json < payload`: the plan contract plus the alert, for each source's real payload shape. */
const FIXTURES = join(ROOT, 'test/fixtures/alerts');
const ESTATE = join(FIXTURES, 'estate.yaml');

function configFile(): string {
  const dir = tempDir();
  const file = join(dir, 'cloudops.yaml');
  writeFileSync(
    file,
    [
      'sandbox: {}',
      'alerts:',
      '  channel: { platform: console, id: ops }',
      '  alertmanager: {}',
      '  webhook:',
      '    fields: { name: title, state: alert_transition, resource: host, reason: body, metric: metric, labels: tags, time: date }',
      '    firing: [Triggered]',
      '    resolved: [Recovered]',
      '  rules:',
      '    - { name: disk-space, when: { alarm: "*disk-space*" }, playbook: ssm-disk-cleanup }',
      '    - { name: status-check, when: { alarm: InstanceStatusCheckFailed }, playbook: ec2-reboot-instance }',
      '    - { name: rds-storage, when: { metric: aws.rds.free_storage_space }, playbook: rds-create-snapshot }',
      '',
    ].join('\n'),
  );
  return file;
}

describe('cloudops alert --json', () => {
  const config = configFile();
  const run = (fixture: string) =>
    cloudops(['alert', '--json', '--config', config, '--sandbox', ESTATE], { input: readFileSync(join(FIXTURES, fixture), 'utf8') });

  it("reads an SNS envelope (the CloudWatch alarm in its Message) and prints the rule's plan", () => {
    const res = run('sns-notification.json');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const [line] = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(line).toMatchObject({
      playbook: 'ssm-disk-cleanup',
      params: { instance: { id: 'i-0a11b22c33d44e55f', name: 'web-staging-7' } },
      risk: { level: 'low' },
      approval: { required: false },
      alert: {
        source: 'cloudwatch',
        format: 'sns',
        name: 'web-staging-7-disk-space-high',
        state: 'firing',
        rule: 'disk-space',
        suggestion: false,
        metric: { name: 'disk_used_percent' },
      },
    });
  });

  it('reads an Alertmanager body and a webhook body (format detected)', () => {
    const am = JSON.parse(run('alertmanager.json').stdout.trim());
    expect(am).toMatchObject({
      playbook: 'ec2-reboot-instance',
      params: { instance: { id: 'i-0f99e88d77c66b55a' } },
      approval: { required: true },
      alert: { format: 'alertmanager', rule: 'status-check' },
    });
    const hook = JSON.parse(run('webhook-datadog.json').stdout.trim());
    expect(hook).toMatchObject({
      playbook: 'rds-create-snapshot',
      params: { db: { name: 'orders-db' } },
      alert: { format: 'webhook', rule: 'rds-storage' },
    });
  });

  it('says what is wrong with a payload it cannot read, exit 2', () => {
    const res = cloudops(['alert', '--json', '--config', config, '--sandbox', ESTATE], { input: 'not json' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not JSON');
    expect(res.stdout).toBe('');
  });
});
