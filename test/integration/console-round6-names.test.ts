/**
 * Issue 18, round 6 (names and parameters): twenty sentences written after the round's tuning, in a voice none of it used
 * (a tired on-call engineer typing on a phone: numbers as words, "to"/"too" for two, no apostrophes), run once before any
 * was a test: 18 of 20 planned the right playbook, 17 of 20 with the right resource. Two of the misses' classes were then
 * fixed ("restart search api in prod": two plain words right after the action are a name; "the pg staging database keeps
 * dropping …": "keeps" is no plural); "set batch workers a s g to two" is left out (the name is read, "set X to N" is not:
 * the verb's). Planned on the demo estate as the bot plans them, with the resource resolved.
 */
import { isResource, type Plan } from '../../src/core';
import type { Bot } from '../../src/main';
import { FakeClock, testBot } from '../helpers/bot';
import { paramName as named } from '../helpers/understanding';

const NOW = new Date('2026-11-22T09:00:00Z');
let bot: Bot;
beforeAll(async () => {
  bot = await testBot({ clock: new FakeClock(NOW) });
});
afterAll(() => bot.close());

const plan = (text: string): Promise<Plan> => bot.planner.plan(text, { at: NOW });
const members = (p: Plan) => p.fleet?.members.map((m) => m.name);

describe('a new voice, after the tuning (round 6)', () => {
  it.each([
    ['kafka broker two is lagging hard, bounce it pls', 'ec2-reboot-instance', 'instance', 'kafka-broker-2'],
    ['snapshot api prod one before we ship the hotfix', 'ec2-create-snapshot', 'instance', 'api-prod-1'],
    ['payments svc too is pegged at 100% cpu, reboot it', 'ec2-reboot-instance', 'instance', 'payments-svc-2'],
    ['scale search api to five tasks', 'ecs-scale-service', 'service', 'search-api'],
    ['restart search api in prod, its throwing 500s', 'ecs-restart-service', 'service', 'search-api'],
    [
      'the bucket arn:aws:s3:::acme-prod-assets shows up as public in the audit, block public access on it',
      's3-block-public-access',
      'bucket',
      'acme-prod-assets',
    ],
    [
      'the volume batch-legacy-east-data is not used by anything anymore, get rid of it',
      'ebs-delete-volume',
      'volume',
      'batch-legacy-east-data',
    ],
    ['web prod three needs a restart of nginx asap', 'ssm-restart-service', 'instance', 'web-prod-3'],
    ['ENOSPC on search-staging-1 whenever the indexer runs, can someone free the disk', 'ssm-disk-cleanup', 'instance', 'search-staging-1'],
    ['the pg staging database keeps dropping connections, reboot it please', 'rds-reboot-instance', 'db', 'pg-staging'],
    ['could you turn off api staging to for the night', 'ec2-stop-instance', 'instance', 'api-staging-2'],
    ['web staging one has a full disk again, clean it up', 'ssm-disk-cleanup', 'instance', 'web-staging-1'],
    ['restart checkout in staging, the new build didnt roll out', 'ecs-restart-service', 'service', 'checkout-staging'],
    ['the linux grafana server in prod needs a reboot', 'ec2-reboot-instance', 'instance', 'grafana-prod'],
    ['resize build runner seven to c6i.2xlarge', 'ec2-resize-instance', 'instance', 'build-runner-7'],
    [
      'the volume vol-004c748fcda925f55 (jenkins-ci-data) has been detached for months, delete it',
      'ebs-delete-volume',
      'volume',
      'jenkins-ci-data',
    ],
  ])('"%s"', async (text, playbook, param, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    expect(p.fleet).toBeUndefined();
    expect(named(p, param)).toBe(name);
  });

  it('the count said as a word is the count', async () => {
    expect((await plan('scale search api to five tasks')).params.count).toBe('5');
  });

  it('a nginx restart "of" is the unit on that host', async () => {
    expect((await plan('web prod three needs a restart of nginx asap')).params.service).toBe('nginx');
  });

  it.each([
    ['stop dev scratch one and dev scratch two for the weekend', 'ec2-stop-instance', ['dev-scratch-1', 'dev-scratch-2']],
    ['reboot kafka broker one two and three one at a time', 'ec2-reboot-instance', ['kafka-broker-1', 'kafka-broker-2', 'kafka-broker-3']],
    ['reboot search prod one and two, one at a time', 'ec2-reboot-instance', ['search-prod-1', 'search-prod-2']],
  ])('a list said aloud is the set: "%s"', async (text, playbook, names) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    // A member that cannot be acted on (dev-scratch-2 is stopped) is shown as left out, not dropped from the reading.
    expect([...(members(p) ?? []), ...(p.fleet?.skipped.map((s) => s.resource.name) ?? [])].sort()).toEqual(names);
  });
});

describe('the classes of round 6, on the demo estate (sentences of this test)', () => {
  it.each([
    [
      'nobody can attach the volume etl-worker-1-data since the rebuild, please delete it',
      'ebs-delete-volume',
      'volume',
      'etl-worker-1-data',
    ],
    ['can you reboot pg staging, the connections were all hanging', 'rds-reboot-instance', 'db', 'pg-staging'],
    ['Please stop the jenkins ci box until the migration completes.', 'ec2-stop-instance', 'instance', 'jenkins-ci'],
    ['cache-node-10 could use a restart of redis, it is hang', 'ssm-restart-service', 'service', 'redis'],
    ['restart checkout in prod, not the staging one, tasks are flapping', 'ecs-restart-service', 'service', 'checkout'],
    [
      'disk full on search-staging-1 when the job write its files, can we free the disk',
      'ssm-disk-cleanup',
      'instance',
      'search-staging-1',
    ],
    [
      'arn:aws:s3:::acme-staging-artifacts is world readable per the scanner. Block all public access on it.',
      's3-block-public-access',
      'bucket',
      'acme-staging-artifacts',
    ],
  ])('"%s"', async (text, playbook, param, name) => {
    const p = await plan(text);
    expect(p.playbook?.id).toBe(playbook);
    expect(p.fleet).toBeUndefined();
    expect(named(p, param)).toBe(name);
  });

  it('"the disk" binds only a name typed whole: plain story words are not a host to clean', async () => {
    const p = await plan('we cannot write the cache anymore, please free the disk');
    expect(p.playbook?.id).toBe('ssm-disk-cleanup');
    expect(p.params.instance).toBeUndefined();
  });
});
