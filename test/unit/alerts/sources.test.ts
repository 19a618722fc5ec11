import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlertInputError,
  alertmanagerAlerts,
  cloudWatchAlert,
  DEFAULT_WEBHOOK_MAPPING,
  globMatches,
  incidentKey,
  matchRule,
  snsStringToSign,
  webhookAlert,
} from '../../../src/alerts';
import { parseConfig } from '../../../src/config';

const FIXTURES = join(__dirname, '../../fixtures/alerts');
const read = (f: string) => readFileSync(join(FIXTURES, f), 'utf8');

describe('alert normalizers', () => {
  it('reads a CloudWatch alarm (as SNS delivers it) into the one alert shape', () => {
    const alert = cloudWatchAlert(read('cloudwatch-disk-alarm.json'))!;
    expect(alert).toEqual({
      source: 'cloudwatch',
      name: 'web-staging-7-disk-space-high',
      severity: 'critical',
      state: 'firing',
      resources: [{ kind: 'InstanceId', value: 'i-0a11b22c33d44e55f', type: 'ec2-instance' }],
      metric: {
        name: 'disk_used_percent',
        namespace: 'CWAgent',
        dimensions: { InstanceId: 'i-0a11b22c33d44e55f' },
        statistic: 'AVERAGE',
        periodSeconds: 300,
        threshold: 90,
        comparison: 'GreaterThanThreshold',
      },
      labels: { alarm: 'web-staging-7-disk-space-high', description: 'Root volume above 90% used' },
      reason: expect.stringContaining('Threshold Crossed'),
      time: '2026-12-06T19:00:00.000Z',
      account: '111111111111',
      region: 'us-east-1',
    });
    // The SNS envelope's Message is the same alarm.
    expect(cloudWatchAlert(JSON.parse(read('sns-notification.json')).Message)!.name).toBe('web-staging-7-disk-space-high');
    expect(cloudWatchAlert(JSON.stringify({ ...JSON.parse(read('cloudwatch-disk-alarm.json')), NewStateValue: 'OK' }))!.state).toBe(
      'resolved',
    );
    expect(
      cloudWatchAlert(JSON.stringify({ ...JSON.parse(read('cloudwatch-disk-alarm.json')), NewStateValue: 'INSUFFICIENT_DATA' })),
    ).toBeUndefined();
    expect(() => cloudWatchAlert('{"hello":1}')).toThrow(AlertInputError);
    expect(() => cloudWatchAlert('plain text')).toThrow('not JSON');
  });

  it('reads every alert of an Alertmanager group with the group labels under its own', () => {
    const [a] = alertmanagerAlerts(JSON.parse(read('alertmanager.json')));
    expect(a).toMatchObject({
      source: 'alertmanager',
      name: 'InstanceStatusCheckFailed',
      severity: 'critical',
      state: 'firing',
      region: 'us-east-1',
      resources: [{ kind: 'instance_id', value: 'i-0f99e88d77c66b55a', type: 'ec2-instance' }],
      reason: 'EC2 instance status check failing on checkout-prod-3',
    });
    expect(() => alertmanagerAlerts({ alerts: 'x' })).toThrow('not an Alertmanager webhook body');
  });

  it('reads a generic webhook through the mapping; an unknown state is refused', () => {
    const mapping = {
      ...DEFAULT_WEBHOOK_MAPPING,
      name: 'title',
      state: 'alert_transition',
      resource: 'host',
      reason: 'body',
      metric: 'metric',
      labels: 'tags',
      time: 'date',
      firing: ['Triggered'],
      resolved: ['Recovered'],
    };
    const alert = webhookAlert(JSON.parse(read('webhook-datadog.json')), mapping);
    expect(alert).toMatchObject({
      source: 'webhook',
      name: '[Triggered] Free storage low on orders-db',
      state: 'firing',
      metric: { name: 'aws.rds.free_storage_space' },
      time: '2026-12-06T19:01:00.000Z',
    });
    expect(alert.resources.map((r) => r.value)).toEqual(['orders-db']);
    expect(() => webhookAlert({ ...JSON.parse(read('webhook-datadog.json')), alert_transition: 'Muted' }, mapping)).toThrow(
      'neither firing',
    );
    expect(() => webhookAlert([], mapping)).toThrow('JSON object');
  });

  it('caps the severity and metric a webhook or Alertmanager sends, like the name and reason (the card keeps its plan in view)', () => {
    const mapping = { ...DEFAULT_WEBHOOK_MAPPING, severity: 'sev', metric: 'm' };
    const alert = webhookAlert({ name: 'disk full', state: 'firing', sev: 'S'.repeat(100_000), m: 'M'.repeat(100_000) }, mapping);
    expect(alert.severity).toHaveLength(64);
    expect(alert.metric!.name).toHaveLength(255);
    const [am] = alertmanagerAlerts({
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'DiskFull', severity: 'S'.repeat(5000) } }],
    });
    expect(am.severity).toHaveLength(64);
  });

  it('keys repeats by source, account, region, name and resource', () => {
    const a = cloudWatchAlert(read('cloudwatch-disk-alarm.json'))!;
    expect(incidentKey(a)).toBe(incidentKey({ ...a, reason: 'other words', time: '2026-12-06T20:00:00Z' }));
    expect(incidentKey(a)).not.toBe(incidentKey({ ...a, resources: [{ kind: 'InstanceId', value: 'i-0other' }] }));
  });
});

describe('alert rules', () => {
  it('matches globs without case, whole values only', () => {
    expect(globMatches('*disk*', 'web-Disk-space')).toBe(true);
    expect(globMatches('disk*', 'web-disk')).toBe(false);
    expect(globMatches('StatusCheckFailed*', 'StatusCheckFailed_System')).toBe(true);
    expect(globMatches('a*b*c', 'abc')).toBe(true);
    expect(globMatches('a*b*c', 'acb')).toBe(false);
    expect(globMatches('ab*ba', 'aba')).toBe(false);
  });

  it('takes the first rule whose every condition holds', () => {
    const config = parseConfig({
      sandbox: {},
      alerts: {
        channel: { platform: 'console', id: 'ops' },
        alertmanager: {},
        rules: [
          { name: 'rds-storage', when: { namespace: 'AWS/RDS', metric: 'FreeStorageSpace' }, playbook: 'rds-create-snapshot' },
          { name: 'disk', when: { alarm: '*disk*', labels: { InstanceId: 'i-*' } }, playbook: 'ssm-disk-cleanup' },
        ],
      },
    });
    const alert = cloudWatchAlert(read('cloudwatch-disk-alarm.json'))!;
    expect(matchRule(config.alerts!.rules, alert)?.name).toBe('disk');
    expect(
      matchRule(config.alerts!.rules, { ...alert, metric: { name: 'FreeStorageSpace', namespace: 'AWS/RDS', dimensions: {} }, name: 'db' })
        ?.name,
    ).toBe('rds-storage');
    expect(matchRule(config.alerts!.rules, { ...alert, name: 'cpu-high' })).toBeUndefined();
  });

  it('refuses a config without a source, a rule matching nothing, or a rule named twice', () => {
    expect(() => parseConfig({ alerts: { channel: { platform: 'console', id: 'ops' } } })).toThrow('turn on at least one source');
    expect(() =>
      parseConfig({
        alerts: { channel: { platform: 'console', id: 'ops' }, alertmanager: {}, rules: [{ name: 'x', when: {}, playbook: 'p' }] },
      }),
    ).toThrow('say what the rule matches');
    expect(() =>
      parseConfig({
        alerts: {
          channel: { platform: 'console', id: 'ops' },
          alertmanager: {},
          rules: [
            { name: 'x', when: { alarm: 'a' }, playbook: 'p' },
            { name: 'x', when: { alarm: 'b' }, playbook: 'p' },
          ],
        },
      }),
    ).toThrow('defined twice');
    expect(() =>
      parseConfig({ alerts: { channel: { platform: 'console', id: 'ops' }, sns: { topics: ['arn:aws:sqs:us-east-1:111111111111:q'] } } }),
    ).toThrow('SNS topic ARN');
  });
});

describe('SNS string to sign', () => {
  it('lists the signed fields in AWS order, Subject only when present', () => {
    const base = {
      MessageId: 'm',
      TopicArn: 't',
      Message: 'hello',
      Timestamp: 'ts',
      SignatureVersion: '1',
      Signature: '',
      SigningCertURL: '',
    };
    expect(snsStringToSign({ ...base, Type: 'Notification' })).toBe(
      'Message\nhello\nMessageId\nm\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n',
    );
    expect(snsStringToSign({ ...base, Type: 'Notification', Subject: 's' })).toBe(
      'Message\nhello\nMessageId\nm\nSubject\ns\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n',
    );
    expect(snsStringToSign({ ...base, Type: 'SubscriptionConfirmation', Token: 'k', SubscribeURL: 'u' })).toBe(
      'Message\nhello\nMessageId\nm\nSubscribeURL\nu\nTimestamp\nts\nToken\nk\nTopicArn\nt\nType\nSubscriptionConfirmation\n',
    );
  });
});
