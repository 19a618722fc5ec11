import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { iamPolicyText } from '../../../src/cli/iam-policy-command';
import { builtinActions, iamPolicy } from '../../../src/execution';
import { HEALTH_AND_ANSWER_PERMISSIONS, scanPermissions } from '../../../src/execution/iam-policy';
import { loadPlaybooks } from '../../../src/playbooks';

const ROOT = resolve(__dirname, '../../..');

describe('cloudops iam-policy', () => {
  it('prints exactly manifests/iam-policy.json (regenerate with `cloudops iam-policy --write`)', () => {
    const { text, problems } = iamPolicyText(resolve(ROOT, 'playbooks'));
    expect(problems).toEqual([]);
    expect(text).toBe(readFileSync(resolve(ROOT, 'manifests/iam-policy.json'), 'utf8'));
  });

  it("is the union of the catalog actions' permissions plus scanning, health gates and direct answers, nothing more", () => {
    const registry = builtinActions();
    const { playbooks } = loadPlaybooks(resolve(ROOT, 'playbooks'), registry);
    const policy = iamPolicy(registry, playbooks);
    const granted = policy.Statement.flatMap((s) => s.Action);
    const needed = new Set([
      ...scanPermissions(),
      ...HEALTH_AND_ANSWER_PERMISSIONS,
      ...playbooks.flatMap((p) => p.steps.flatMap((s) => registry.get(s.action)!.permissions)),
    ]);
    expect(new Set(granted)).toEqual(needed);
    expect(granted).toHaveLength(needed.size);
    // Read and change permissions are separate statements, so a read-only deployment can drop the second.
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['CloudopsRead', 'CloudopsPlaybookActions']);
    expect(policy.Statement[0].Action.every((a) => /:(Describe|Get|List)/.test(a))).toBe(true);
    // Not needed by any catalog playbook, so not granted.
    expect(granted).not.toContain('ssm:StartAutomationExecution');
  });

  it('grants what alert cards read (the alarm metric through GetMetricData), read-only', () => {
    const { text } = iamPolicyText(resolve(ROOT, 'playbooks'));
    const policy = JSON.parse(text) as { Statement: { Sid: string; Action: string[] }[] };
    expect(policy.Statement.find((s) => s.Sid === 'CloudopsRead')!.Action).toContain('cloudwatch:GetMetricData');
  });

  it('grows with the playbooks: fewer playbooks, fewer permissions', () => {
    const registry = builtinActions();
    const { playbooks } = loadPlaybooks(resolve(ROOT, 'playbooks'), registry);
    const onlyStop = iamPolicy(
      registry,
      playbooks.filter((p) => p.id === 'ec2-stop-instance'),
    );
    expect(onlyStop.Statement[1].Action).toEqual(['ec2:StopInstances']);
  });
});
