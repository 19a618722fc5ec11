/**
 * Issue 18, round 7: formal long requests (a CTO's or a finance director's paragraph) and described names. The
 * sentences are written here, none copied from a holdout. The classifier's clock is Sunday 2026-11-22
 * (test/helpers/understanding.ts).
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 7: formal requests)', () => {
  it.each([
    ['For the quarterly review I would like a clear view of our cloud expenditure for this month, split by service, please.', 'service'],
    ['What has the total AWS outlay been for this month, by region?', 'region'],
  ])('"expenditure" and "outlay" are the spend: "%s"', (text, group) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('cost-report');
    expect(guess.params).toMatchObject({ period: '2026-11-01..2026-11-22', group_by: group });
  });

  it.each([
    'Before the audit, I would appreciate a report of each resource that does not carry the mandatory tags, so owners can fix it.',
    'Please list the resources which do not have our required tags.',
  ])('resources that do not carry the mandatory tags are the tag compliance report: "%s"', (text) => {
    expect(understand(text).playbook).toBe('tag-compliance-report');
  });

  it.each([
    ["Following the outage, I would like every checkout server in staging snapshotted before Monday's deploy.", 'ec2-create-snapshot'],
    ['We would like all the reporting servers in production rebooted during the maintenance window.', 'ec2-reboot-instance'],
  ])('"I would like every X snapshotted" asks for the action on the fleet: "%s"', (text, playbook) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.manyResources).toBe('set');
  });

  it.each([
    'Do we need every checkout server in staging snapshotted before the deploy?',
    'I do not want any of the payments servers rebooted until the audit is over.',
  ])('a question or a refusal about a fleet action asks for nothing: "%s"', (text) => {
    expect(understand(text).playbook).toBeNull();
  });
});

describe('understanding that generalises (round 7: described names)', () => {
  it.each([
    ['bounce build-runner-7 it times out on every call', 'build-runner-7'],
    ['reboot web-prod-3 pls its hanging on every page load', 'web-prod-3'],
  ])('"every request" in the story counts no resources: one named machine is rebooted: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ec2-reboot-instance');
    expect(guess.params).toMatchObject({ instance });
    expect(guess.manyResources).toBeUndefined();
  });
});
