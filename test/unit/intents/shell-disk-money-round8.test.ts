/**
 * Issue 18, round 8: shell commands, disk complaints and money, as an old-school Unix admin, a container person and a
 * finance partner type them. The sentences are written here, none copied from a holdout. The classifier's clock is
 * Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { PRICE_NOTE } from '../../../src/intents/money';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('round 8: shell commands', () => {
  it.each([
    ['/etc/init.d/haproxy restart on lb-edge-3', { instance: 'lb-edge-3', service: 'haproxy' }],
    ['sudo /etc/init.d/redis-server restart on cache-node-07 thx', { instance: 'cache-node-07', service: 'redis-server' }],
    ['/etc/init.d/postfix reload on mail-relay-2', { instance: 'mail-relay-2', service: 'postfix' }],
    ['kill -s HUP haproxy on lb-edge-3 please', { instance: 'lb-edge-3', service: 'haproxy' }],
    ['kill -HUP nginx on web-prod-9, it is not picking up the new cert', { instance: 'web-prod-9', service: 'nginx' }],
    ['pkill -f celery on worker-b-4 and let systemd bring it back', { instance: 'worker-b-4', service: 'celery' }],
    ['killall -USR2 unicorn on app-legacy-2', { instance: 'app-legacy-2', service: 'unicorn' }],
    ['send a HUP signal to rsyslog on log-relay-1', { instance: 'log-relay-1', service: 'rsyslog' }],
    ['run on server lb-edge-3 the command "systemctl restart keepalived" asap', { instance: 'lb-edge-3', service: 'keepalived' }],
    [
      'queue-host-5# systemctl restart rabbitmq-server.service, the consumers are stuck',
      { instance: 'queue-host-5', service: 'rabbitmq-server.service' },
    ],
  ])('an init script, a reload or a signal is a restart of that service on the host: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual(params);
  });

  it.each([
    ['docker restart payments-api', 'payments-api'],
    ['kubectl rollout restart deployment/orders-svc', 'orders-svc'],
    ['bounce the billing-api containers, they leak memory', 'billing-api'],
    ['can someone cycle all the fraud-scorer pods', 'fraud-scorer'],
  ])('a container restart of a named service is an ECS service restart, not a reboot: "%s"', (text, service) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ecs-restart-service');
    expect(guess.params).toEqual({ service });
  });

  it('"docker restart <container> on <host>" is that one on that host: not the docker daemon, not an ECS service', () => {
    const guess = understand('docker restart nightly-exporter on build-agent-3');
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual({ instance: 'build-agent-3', service: 'nightly-exporter' });
  });

  it('"service docker restart on X" is the docker daemon on that host, not an ECS service', () => {
    const guess = understand('service docker restart on build-agent-3');
    expect(guess.playbook).toBe('ssm-restart-service');
    expect(guess.params).toEqual({ instance: 'build-agent-3', service: 'docker' });
  });

  it.each(['kill -9 31337 on queue-host-5', 'pkill -KILL stuck-exporter on queue-host-5', 'killall -9 java on queue-host-5'])(
    'a process killed for good is no action of the catalog, and never the instance terminated: "%s"',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBeNull();
    },
  );

  it('"ssh X && <cleanup commands>" is a disk cleanup of X', () => {
    for (const text of [
      'ssh ops@ingest-node-4 && sudo apt-get autoremove && sudo journalctl --vacuum-time=3d',
      'ssh ingest-node-4; docker system prune -af; yum clean all',
    ]) {
      const guess = understand(text);
      expect(guess.playbook).toBe('ssm-disk-cleanup');
      expect(guess.params).toEqual({ instance: 'ingest-node-4' });
    }
  });
});

describe('round 8: disk complaints', () => {
  it.each([
    ['DISK FULL ALARM REPORT-DB-HOST-2 -- 1) FREE UP SPACE 2) ACK THE ALERT', 'report-db-host-2'],
    ['search-indexer-3 keeps falling over bc the hdd is full', 'search-indexer-3'],
    ['ftp-gw-1 keeps erroring coz the ssd is totally full', 'ftp-gw-1'],
    ["we're running out of space on media-transcode-2 again", 'media-transcode-2'],
    ['please delete the old log files on media-transcode-2 so we can free up space', 'media-transcode-2'],
    ['nuke the rotated journal logs on api-legacy-7 to free space', 'api-legacy-7'],
    ['log rotation is broken on api-legacy-7, has been for weeks', 'api-legacy-7'],
    ['du says /var/lib/docker is 80G on ci-runner-12', 'ci-runner-12'],
    ['no space left on device on ci-runner-12, junk everywhere', 'ci-runner-12'],
    ['ci-runner-12 out of inodes again, syslog cant even write its files', 'ci-runner-12'],
    ['/var/lib/docker/overlay2 ate the whole disk on ci-runner-12', 'ci-runner-12'],
    ['old core dumps on ci-runner-12 eat the entire hard drive, delete those', 'ci-runner-12'],
  ])('a full disk said any way is a cleanup of that host: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toEqual({ instance });
  });

  it('a CloudWatch log group to delete is no disk cleanup', () => {
    expect(understand('delete the old logs group /aws/lambda/resize-thumbs').playbook).not.toBe('ssm-disk-cleanup');
    expect(understand('delete old logs stream of api-legacy-7 in cloudwatch').playbook).not.toBe('ssm-disk-cleanup');
    const bucket = understand('purge old logs older than 90 days from the audit-archive bucket');
    expect(bucket.playbook).toBeNull();
    expect(bucket.note).not.toMatch(/clean up disk/);
  });
});

describe('round 8: money', () => {
  it.each([
    ['what have we been paying for staging this month', { period: '2026-11-01..2026-11-22', account: 'staging' }],
    ['what are we spending on prod this week', { period: '2026-11-16..2026-11-22', account: 'prod' }],
    ['where do I find what the org spends on aws, per account, for september', { period: '2026-09-01..2026-09-30', group_by: 'account' }],
    ['I need the chargeback by service for october', { period: '2026-10-01..2026-10-31', group_by: 'service' }],
    ['accruals for last month please', { period: '2026-10-01..2026-10-31' }],
    ['cost-centre breakdown for q3', { period: '2026-07-01..2026-09-30', group_by: 'tag' }],
  ])('a money question in other words is the cost report: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('cost-report');
    expect(guess.params).toMatchObject(params);
  });

  it.each([
    'how much does a c5.2xlarge cost per hour',
    "what's the on-demand rate for an r6g.large",
    'price of a db.m5.large in us-east-1?',
    "what's the monthly cost of one c6i.4xlarge",
    'how much does dynamodb cost per million requests',
    'what does an application load balancer cost an hour',
    'what is the price for one gigabyte of ebs gp3',
    'is a t3.medium cheaper than a t3a.medium per month, how much is it',
  ])('the price of an instance type is no cost report: said so, no card: "%s"', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.note).toBe(PRICE_NOTE);
    expect(guess.note).toMatch(/does not price instance types/);
  });

  it('a burn rate of an environment is the cost report, not a price', () => {
    const guess = understand('what does staging cost per hour these days');
    expect(guess.playbook).toBe('cost-report');
    expect(guess.params).toMatchObject({ account: 'staging' });
  });

  it('an action with a size in it is still the action, and a bill for a size is no price question', () => {
    expect(understand('resize report-db-host-2 to an m5.large, it costs less per hour').playbook).toBe('ec2-resize-instance');
    expect(understand('how much did we spend on our m5.xlarge boxes last month').note).not.toBe(PRICE_NOTE);
  });
});
