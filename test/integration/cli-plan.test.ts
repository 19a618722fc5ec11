import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudops, ROOT, tempDir } from '../helpers/cli';

describe('cloudops plan --json', () => {
  it('answers one request in the contract shape, running nothing', () => {
    const res = cloudops(['plan', '--json', 'stop', 'web-prod-1']);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const plan = JSON.parse(lines[0]);
    expect(plan).toMatchObject({
      input: 'stop web-prod-1',
      playbook: 'ec2-stop-instance',
      params: { instance: { name: 'web-prod-1', type: 'ec2-instance', account: '111111111111', region: 'us-west-2' } },
      risk: { level: 'high' },
      approval: { required: true },
      blocked: false,
    });
    expect(plan.params.instance.id).toMatch(/^i-[0-9a-f]{17}$/);
    expect(typeof plan.confidence).toBe('number');
    expect(plan.risk.reasons.length).toBeGreaterThan(0);
  });

  it('reads one request per line from stdin in batch mode and prints one JSON object per line', () => {
    const requests = ['stop web-prod-1', 'start jenkins-ci', 'stop worker-a-1', 'stop jenkins-ci', 'order me a pizza with extra cheese'];
    const res = cloudops(['plan', '--json'], { input: `${requests.join('\n')}\n\n` });
    expect(res.code).toBe(0);
    const plans = res.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(plans.map((p) => p.input)).toEqual(requests);
    expect(plans[1]).toMatchObject({ playbook: 'ec2-start-instance', blocked: false });
    // Two resources share the name: the plan asks back instead of guessing.
    expect(plans[2].clarify.param).toBe('instance');
    expect(plans[2].clarify.candidates.map((c: { account: string }) => c.account).sort()).toEqual(['111111111111', '222222222222']);
    // jenkins-ci is already stopped: the plan cannot run.
    expect(plans[3]).toMatchObject({ playbook: 'ec2-stop-instance', blocked: true });
    expect(plans[3].risk.reasons[0]).toMatch(/jenkins-ci is stopped/);
    // Nothing in the catalog orders pizza.
    expect(plans[4].playbook).toBeNull();
    expect(Array.isArray(plans[4].suggestions)).toBe(true);
  });

  it('without --json, what is missing is a sentence, and an incomplete plan claims no risk or approval', () => {
    const res = cloudops(['plan'], { input: 'stop webprod1\nrestart it on web-prod-1\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('  not found: nothing matches "webprod1" for `instance`; nearest: web-prod-1, web-prod-2, web-prod-3\n');
    expect(res.stdout).toContain('  missing: the request does not say `service`\n');
    expect(res.stdout).not.toContain('{"param"');
    expect(res.stdout).not.toContain('approval: not required');
    expect(res.stdout.match(/risk: not assessed: the plan is incomplete, so nothing would run/g)).toHaveLength(2);
  });

  it('takes --sandbox FILE to plan against another estate', () => {
    const dir = tempDir();
    const estate = join(dir, 'estate.yaml');
    writeFileSync(
      estate,
      `accounts:\n  - id: "333333333333"\n    alias: lab\n    regions:\n      ` +
        `eu-central-1:\n        ec2Instances:\n          - InstanceId: i-0aaaaaaaaaaaaaaaa\n ` +
        `           State: { Name: running }\n            Tags: [{ Key: Name, Value: ` +
        `lab-box-1 }]\n`,
    );
    const res = cloudops(['plan', '--json', '--sandbox', estate, 'stop lab-box-1']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      playbook: 'ec2-stop-instance',
      params: { instance: { id: 'i-0aaaaaaaaaaaaaaaa', account: '333333333333', region: 'eu-central-1' } },
    });
  });

  it('a broken sandbox estate is one clear error', () => {
    const dir = tempDir();
    const estate = join(dir, 'estate.yaml');
    writeFileSync(estate, 'accounts:\n  - id: 3333\n');
    const res = cloudops(['plan', '--json', '--sandbox', estate, 'stop x']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/estate.yaml:2: accounts.0.id: /);
    expect(res.stderr).toContain('(the sandbox estate named by --sandbox or sandbox.estate; its format: docs/sandbox-estate.md)');
  });
});

describe('start-up with a broken config', () => {
  it.each([
    ['log:\n  level: loud\n', /cloudops.yaml:2: `log.level`: must be one of fatal, error, warn, info, debug, trace, silent/],
    ['store:\n  path: ./x.db\n  colour: blue\n', /cloudops.yaml:3: `store.colour`: unknown key \(allowed here: path, url\)/],
    ['aws:\n  accounts:\n    - id: 1234\n      regions: [us-west-2]\n', /cloudops.yaml:3: `aws.accounts.0.id`: /],
    ['sandbox: {\n', /cloudops.yaml:\d+: not valid YAML/],
  ])('prints one clear error and exits non-zero (%#)', (text, expected) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cloudops.yaml'), text);
    const res = cloudops(['start'], { cwd: dir });
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(res.stdout).toBe('');
  });

  it('an explicit --config that does not exist is an error, not a silent sandbox', () => {
    const res = cloudops(['start', '--config', '/nonexistent/cloudops.yaml']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/cannot read the config file \(ENOENT\)/);
  });

  it('cloudops.example.yaml copied to cloudops.yaml anywhere works as it is', () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'cloudops.example.yaml'), join(dir, 'cloudops.yaml'));
    const res = cloudops(['plan', '--json', 'stop web-prod-1'], { cwd: dir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ playbook: 'ec2-stop-instance', params: { instance: { name: 'web-prod-1' } } });
  });

  it('with no config at all it starts in sandbox mode and says so', () => {
    const res = cloudops(['start', '--store', ':memory:'], { input: 'help\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^\*\*\* SANDBOX estate demo-estate \(no real AWS calls\) \*\*\*/);
    expect(res.stdout).toContain('== What I can do ==');
    // Not a terminal (a container, a service): it says why this is the console and that it ends with its input.
    expect(res.stderr).toBe(
      'cloudops start: no chat platform is configured (add a `slack:` or `teams:` section ' +
        'to the config, or set SLACK_BOT_TOKEN), so this is the console, reading standard ' +
        'input until it ends.\n',
    );
  });
});

describe('cloudops plan --json resolves what people call their resources', () => {
  const estates = join(__dirname, '../fixtures/estates');

  it('"stop pg-main" is the RDS instance pg-instance-main1, not an EC2 instance', () => {
    const res = cloudops(['plan', '--json', '--sandbox', join(estates, 'pg-main.yaml'), 'stop pg-main']);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      playbook: 'rds-stop-instance',
      params: { db: { id: 'pg-instance-main1', type: 'rds-instance' } },
      blocked: false,
    });
  });

  it('with two equally close databases it asks back instead of guessing', () => {
    const res = cloudops(['plan', '--json', '--sandbox', join(estates, 'pg-twins.yaml'), 'stop pg-main']);
    expect(res.code).toBe(0);
    const plan = JSON.parse(res.stdout);
    expect(plan.playbook).toBe('rds-stop-instance');
    expect(plan.clarify.param).toBe('db');
    expect(plan.clarify.candidates.map((c: { id: string }) => c.id).sort()).toEqual(['pg-instance-main1', 'pg-instance-main2']);
  });
});

describe('cloudops plan --json: fleet plans (issue 18)', () => {
  it('a fleet parameter is a list of resource objects, and the plan says fleet {size, concurrency, pause}', () => {
    const res = cloudops(['plan', '--json', 'reboot the kafka brokers two at a time, wait 30s between']);
    expect(res.code).toBe(0);
    const plan = JSON.parse(res.stdout.trim());
    expect(plan.playbook).toBe('ec2-reboot-instance');
    expect(plan.params.instance.map((r: { name: string }) => r.name)).toEqual(['kafka-broker-1', 'kafka-broker-2', 'kafka-broker-3']);
    expect(plan.params.instance[0]).toMatchObject({ type: 'ec2-instance', account: '111111111111', region: 'us-west-2', state: 'running' });
    expect(plan.fleet).toMatchObject({ size: 3, concurrency: 2, pause: 30 });
    expect(plan.risk.level).toBe('high');
  });
});
