/**
 * The registry meta-test (Cloud Custodian's): walk every registered kind and check it is whole. A kind
 * that does not scan in the sandbox, cannot re-read what it scanned, is missing from the IAM policy or
 * has no playbook fails here, whoever added it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SandboxProvider } from '../../../../src/cloud';
import { builtinActions } from '../../../../src/execution';
import { resourceKinds, rereadResource, scanEstate } from '../../../../src/inventory';
import { loadPlaybooks } from '../../../../src/playbooks';
import { DEMO_ESTATE } from '../../../../src/main';
import { isResourceType, resourceTypeLabel as resourceLabel, resourceTypes } from '../../../../src/core/resource';

const ROOT = resolve(__dirname, '../../../..');
/** Kinds the catalog has no playbook for yet: they are resolved as dependents, found and tagged. This list only shrinks. */
const NO_PLAYBOOK_YET = ['rds-cluster'];

describe('ResourceKind registry', () => {
  const kinds = resourceKinds.all();
  const provider = SandboxProvider.fromFile(DEMO_ESTATE);
  let report: Awaited<ReturnType<typeof scanEstate>>;
  beforeAll(async () => {
    report = await scanEstate(provider);
  });

  it('names every kind for people (labels come from the registry)', () => {
    expect(resourceTypes()).toEqual(resourceKinds.types());
    for (const k of kinds) {
      expect(isResourceType(k.type)).toBe(true);
      expect(resourceLabel(k.type)).toBe(k.label);
      expect(k.label).not.toContain('-');
    }
  });

  it.each(kinds.map((k) => [k.type, k] as const))('%s scans in the sandbox demo estate and re-reads what it found', async (_type, kind) => {
    const found = report.units.filter((u) => u.scanner === kind.scanner.name).flatMap((u) => (u.ok ? u.resources : []));
    expect(report.units.filter((u) => u.scanner === kind.scanner.name && !u.ok)).toEqual([]);
    expect(found.length).toBeGreaterThan(0);
    const first = found.find((r) => r.type === kind.type)!;
    expect(first).toBeDefined();
    const fresh = await rereadResource(provider, first, 'req-meta');
    expect(fresh).toMatchObject({ type: kind.type, id: first.id, account: first.account, region: first.region });
    // Every fact it sets is declared (risk rules and docs read the declaration).
    for (const fact of Object.keys(fresh!.facts)) expect(Object.keys(kind.facts)).toContain(fact);
  });

  it.each(kinds.map((k) => [k.type, k] as const))(
    '%s: its scan and re-read permissions are in manifests/iam-policy.json',
    (_type, kind) => {
      const policy = JSON.parse(readFileSync(resolve(ROOT, 'manifests/iam-policy.json'), 'utf8')) as { Statement: { Action: string[] }[] };
      const granted = new Set(policy.Statement.flatMap((s) => s.Action));
      expect([...kind.scanner.permissions, ...kind.permissions].filter((p) => !granted.has(p))).toEqual([]);
      expect(kind.scanner.permissions.length).toBeGreaterThan(0);
    },
  );

  it.each(kinds.map((k) => [k.type, k] as const))(
    '%s has at least one playbook made for it (taking any resource does not count)',
    (_type, kind) => {
      const { playbooks } = loadPlaybooks(resolve(ROOT, 'playbooks'), builtinActions());
      const forIt = playbooks.filter((p) =>
        p.parameters.some((x) => x.type === kind.type || (resourceKinds.typesFor(x.type)?.has(kind.type) ?? false)),
      );
      if (NO_PLAYBOOK_YET.includes(kind.type)) expect(forIt).toEqual([]);
      else expect(forIt.map((p) => p.id)).not.toEqual([]);
    },
  );

  it('refuses a second kind with the same type or scanner, and a type that is not kebab-case', () => {
    const ec2 = resourceKinds.get('ec2-instance')!;
    expect(() => resourceKinds.register(ec2)).toThrow(/registered twice/);
    expect(() => resourceKinds.register({ ...ec2, type: 'ec2-copy' })).toThrow(/scanner ec2-instances is already ec2-instance's/);
    expect(() => resourceKinds.register({ ...ec2, type: 'Bad Type' })).toThrow(/kebab-case/);
    expect(resourceKinds.has('ec2-copy')).toBe(false);
  });
});
