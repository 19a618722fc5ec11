import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudops, ROOT, tempDir } from '../helpers/cli';

const GOOD = `id: demo-stop
title: Stop a demo instance
examples: [stop the demo box]
parameters:
  instance: { type: ec2-instance }
steps:
  - action: ec2.stopInstance
    with: { InstanceId: "{{instance.id}}" }
risk: { base: medium, reversible: true }
`;

describe('cloudops validate', () => {
  it('passes on the bundled catalog', () => {
    const res = cloudops(['validate', join(ROOT, 'playbooks')]);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^\d+ of \d+ playbook file\(s\) valid\.\n$/);
    expect(res.code).toBe(0);
  });

  it('names the file and line of each problem and exits non-zero', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'bad-yaml.yaml'), 'id: broken\ntitle: [unclosed\nexamples: [x]\n');
    writeFileSync(
      join(dir, 'unknown-action.yaml'),
      GOOD.replace('id: demo-stop', 'id: demo-two').replace('ec2.stopInstance', 'ec2.explodeInstance'),
    );
    writeFileSync(
      join(dir, 'missing-param.yaml'),
      GOOD.replace('id: demo-stop', 'id: demo-three').replace('{{instance.id}}', '{{server.id}}'),
    );
    writeFileSync(join(dir, 'dup.yaml'), GOOD);
    const res = cloudops(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`${join(dir, 'bad-yaml.yaml')}:[23]: YAML syntax: `));
    expect(res.stderr).toMatch(new RegExp(`${join(dir, 'unknown-action.yaml')}:7: unknown action \`ec2.explodeInstance\``));
    expect(res.stderr).toContain(
      `${join(dir, 'missing-param.yaml')}:8: template {{server.id}} names parameter ` +
        `\`server\`, which this playbook does not declare (declared: instance)`,
    );
    expect(res.stderr).toContain(`${join(dir, 'good.yaml')}:1: duplicate playbook id \`demo-stop\` (already defined in dup.yaml)`);
    expect(res.stdout).toContain('1 of 5 playbook file(s) valid, 4 problem(s).');
  });

  it('a playbook that changes something must say whether it can be undone; a read-only one need not', () => {
    const dir = tempDir();
    // No risk block at all: the card would have called a stop "reversible: yes" and its risk "low" by default.
    writeFileSync(join(dir, 'silent.yaml'), GOOD.replace('id: demo-stop', 'id: demo-silent').replace(/risk: .*\n/, ''));
    writeFileSync(join(dir, 'report.yaml'), 'id: demo-report\ntitle: A report\nexamples: [show the report]\nreadOnly: true\n');
    const res = cloudops(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(
      `${join(dir, 'silent.yaml')}:1: a playbook that changes something must say whether it can be undone: ` +
        'add `risk.reversible: true` or `false`',
    );
    expect(res.stdout).toContain('1 of 2 playbook file(s) valid, 1 problem(s).');
  });

  it('a readOnly playbook whose step changes something is refused: it would run at once, without a card or approval', () => {
    const dir = tempDir();
    // Before: `readOnly: true` over ec2.stopInstance loaded, and "stop web-prod-1" stopped it with no card at all.
    writeFileSync(join(dir, 'sneaky.yaml'), GOOD.replace('id: demo-stop', 'id: demo-sneaky\nreadOnly: true').replace(/risk: .*\n/, ''));
    writeFileSync(join(dir, 'report.yaml'), 'id: demo-report\ntitle: A report\nexamples: [show the report]\nreadOnly: true\n');
    const res = cloudops(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      new RegExp(
        `${join(dir, 'sneaky.yaml').replace(/[.]/g, '\\.')}:\\d+: \`ec2\\.stopInstance\` changes something, and a \`readOnly: true\``,
      ),
    );
    expect(res.stdout).toContain('1 of 2 playbook file(s) valid, 1 problem(s).');
    // The bundled read-only playbooks (reports, find) use read-only actions only.
    expect(cloudops(['validate']).code).toBe(0);
    // The other way round: `readOnly` left out of a playbook whose steps only read is pointed at `readOnly: true`.
    const other = tempDir();
    const find = readFileSync(join(ROOT, 'playbooks', 'inventory-find.yaml'), 'utf8').replace(/^readOnly: true\n/m, '');
    writeFileSync(join(other, 'find.yaml'), find);
    expect(cloudops(['validate', other]).stderr).toContain('its steps only read, so if it changes nothing, say `readOnly: true` instead');
  });

  it('reports schema problems at the offending key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'typo.yaml'), GOOD.replace('  instance: { type: ec2-instance }', '  instance: { type: ec2-instanse }'));
    writeFileSync(join(dir, 'extra.yaml'), GOOD.replace('id: demo-stop', 'id: demo-x\nowner: me'));
    const res = cloudops(['validate', dir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(new RegExp(`typo.yaml:5: \`parameters.instance.type\`: expected one of ec2-instance, .*`));
    expect(res.stderr).toContain(`extra.yaml:2: unknown key \`owner\``);
  });

  it('says so when the folder has no playbooks', () => {
    const res = cloudops(['validate', tempDir()]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/no playbooks \(\*\.yaml\) found/);
  });
});

describe('start-up with a broken playbook among good ones', () => {
  it('starts, reports the broken one, and still serves the good ones', () => {
    const dir = tempDir();
    for (const f of readdirSync(join(ROOT, 'playbooks')).filter((n) => n.endsWith('.yaml')))
      copyFileSync(join(ROOT, 'playbooks', f), join(dir, f));
    writeFileSync(
      join(dir, 'zz-broken.yaml'),
      'id: zz-broken\ntitle: Broken\nexamples: [do nothing]\nsteps:\n  - action: nope.nothing\nrisk: { base: low, reversible: true }\n',
    );
    const config = join(tempDir(), 'cloudops.yaml');
    writeFileSync(
      config,
      `sandbox: {}\nplaybooks: { dir: ${dir} }\nstore: { path: ":memory:" }\napproval: { approvers: { demo: { console: [bob] } } }\n`,
    );
    const res = cloudops(['console', '--config', config], { input: 'stop web-prod-1\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`playbook skipped: ${join(dir, 'zz-broken.yaml')}:5: unknown action \`nope.nothing\``);
    expect(res.stdout).toContain('== Plan: Stop an EC2 instance ==');
  });
});

describe('the playbook folder when the config does not name one', () => {
  it('a config written outside the repository still gets the bundled catalog', () => {
    const config = join(tempDir(), 'cloudops.yaml');
    writeFileSync(config, 'sandbox: {}\nstore: { path: ":memory:" }\n');
    const res = cloudops(['console', '--config', config], { input: 'stop web-prod-1\n' });
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^29 playbooks loaded/m);
    expect(res.stdout).toContain('== Plan: Stop an EC2 instance ==');
    expect(res.stderr).not.toContain('cannot read the playbook folder');
  });

  it('a playbooks/ folder next to the config file is used when playbooks.dir is left out', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'playbooks'));
    writeFileSync(join(dir, 'playbooks', 'demo.yaml'), GOOD);
    writeFileSync(join(dir, 'cloudops.yaml'), 'sandbox: {}\n');
    const res = cloudops(['validate', '--config', join(dir, 'cloudops.yaml')]);
    expect(res.stdout).toBe('1 of 1 playbook file(s) valid.\n');
    expect(res.code).toBe(0);
  });

  it('a playbooks.dir that cannot be read stops the bot with the key to fix, instead of starting with no playbooks', () => {
    const config = join(tempDir(), 'cloudops.yaml');
    writeFileSync(config, 'sandbox: {}\nplaybooks: { dir: nowhere }\nstore: { path: ":memory:" }\n');
    const res = cloudops(['console', '--config', config], { input: 'help\n' });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('cannot read the playbook folder: ENOENT; check `playbooks.dir` in');
    expect(res.stdout).toBe('');
  });

  it('validate and iam-policy with no folder check the catalog the bot loads, from any working directory', () => {
    const validate = cloudops(['validate']);
    expect(validate.stdout).toMatch(/^29 of 29 playbook file\(s\) valid\.\n$/);
    expect(validate.code).toBe(0);
    const policy = cloudops(['iam-policy']);
    expect(policy.stderr).toBe('');
    expect(policy.stdout).toBe(readFileSync(join(ROOT, 'manifests/iam-policy.json'), 'utf8'));
    expect(policy.code).toBe(0);
  });
});
