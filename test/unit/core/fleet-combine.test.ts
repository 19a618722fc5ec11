/**
 * The risk of a fleet plan says each reason once for all the members that have it (qa18c: a card for 20
 * production members listed 40 "Why" lines and 40 "depends on it" lines, one per member).
 */
import { combine } from '../../../src/core/fleet-plan';
import type { RiskAssessment } from '../../../src/core/plan';
import type { Playbook } from '../../../src/core/playbook';

const playbook = { id: 'ec2-reboot-instance', risk: { base: 'medium', reversible: true } } as unknown as Playbook;

function member(name: string, n: string[]): RiskAssessment {
  return {
    level: 'high',
    blocked: false,
    reversible: true,
    reasons: [`${name} is tagged as production`, `${name} is in the production account`, 'a change freeze is on'],
    dependents: [
      `other instances named kafka-broker-N: ${n.join(', ')} (2 of 2 running)`,
      `attached EBS volumes: ${name}-data, ${name}-root`,
    ],
  };
}

describe('fleet risk: reasons and dependents once for the set', () => {
  it('groups a reason each member has in its own name, keeps shared ones, merges name lists', () => {
    const names = ['kafka-broker-1', 'kafka-broker-2', 'kafka-broker-3'];
    const risks = names.map((n) =>
      member(
        n,
        names.filter((o) => o !== n),
      ),
    );
    const r = combine(playbook, risks, names);
    expect(r.level).toBe('high');
    expect(r.reasons).toEqual([
      'kafka-broker-1, kafka-broker-2, kafka-broker-3: each is tagged as production',
      'kafka-broker-1, kafka-broker-2, kafka-broker-3: each is in the production account',
      'a change freeze is on',
    ]);
    // The siblings are the set itself; the volumes are one line.
    expect(r.dependents).toEqual([`attached EBS volumes: ${names.flatMap((n) => [`${n}-data`, `${n}-root`]).join(', ')}`]);
  });

  it('a name inside a longer one is not taken for the member, and a reason only one member has keeps its name', () => {
    const names = ['web-1', 'web-10'];
    const risks: RiskAssessment[] = [
      { level: 'medium', blocked: false, reversible: true, reasons: ['web-1 is tagged as production', 'web-10 depends on web-1'] },
      { level: 'low', blocked: false, reversible: true, reasons: ['web-10 is tagged as production'] },
    ];
    expect(combine(playbook, risks, names).reasons).toEqual(['web-1, web-10: each is tagged as production', 'web-10 depends on web-1']);
  });

  it('a reason with the name inside says "each member" and lists them; a sibling outside the set is kept', () => {
    const names = ['a-1', 'a-2'];
    const risks: RiskAssessment[] = names.map((n) => ({
      level: 'high',
      blocked: false,
      reversible: false,
      reasons: [`EBS volumes of ${n} set to DeleteOnTermination are deleted with it`],
      dependents: [`other instances named a-N: a-3 (1 of 1 running)`],
    }));
    const r = combine(playbook, risks, names);
    expect(r.reasons).toEqual(['EBS volumes of each member set to DeleteOnTermination are deleted with it (a-1, a-2)']);
    expect(r.dependents).toEqual(['other instances named a-N: a-3 (1 of 1 running)']);
    expect(r.reversible).toBe(false);
  });
});
