import { join } from 'node:path';
import { CloudError, SandboxProvider } from '../../../src/cloud';
import { findingsMessage } from '../../../src/digests';
import { DEFAULT_THRESHOLDS, FindingsEngine } from '../../../src/findings';
import { Inventory } from '../../../src/inventory';
import { FakeClock } from '../../helpers/bot';

const DEMO = join(__dirname, '../../../sandbox/demo-estate.yaml');
const STAGING = '222222222222';

function denied(action: string, operation: string, service: string) {
  return async () => {
    throw new CloudError(
      'AccessDenied',
      `User: arn:aws:sts::${STAGING}:assumed-role/cloudops/bot is not authorized to perform: ${action}`,
      { service, operation },
    );
  };
}

describe('QA issue 17: one account/region failing a rule loses only its own findings', () => {
  it(
    'DescribeSnapshots and DescribeDBMajorEngineVersions denied in the staging account: ' +
      'production findings stay, the note names the places',
    async () => {
      const clock = new FakeClock(new Date('2026-11-22T12:00:00Z'));
      const provider = SandboxProvider.fromFile(DEMO, { now: () => clock.now() });
      const inventory = await Inventory.scan(provider);
      const all = await new FindingsEngine({ provider, thresholds: DEFAULT_THRESHOLDS, clock }).run(inventory.all());
      const broken = Object.assign(Object.create(provider), {
        ec2: (s: { account: string; region: string }) =>
          s.account === STAGING
            ? Object.assign(Object.create(provider.ec2(s)), {
                describeSnapshots: denied('ec2:DescribeSnapshots', 'describeSnapshots', 'ec2'),
              })
            : provider.ec2(s),
        rds: (s: { account: string; region: string }) =>
          s.account === STAGING
            ? Object.assign(Object.create(provider.rds(s)), {
                describeDBMajorEngineVersions: denied('rds:DescribeDBMajorEngineVersions', 'describeDBMajorEngineVersions', 'rds'),
              })
            : provider.rds(s),
      });
      const report = await new FindingsEngine({ provider: broken, thresholds: DEFAULT_THRESHOLDS, clock }).run(inventory.all());
      const prod = (rule: string, r: typeof all) =>
        r.findings.filter((f) => f.rule === rule && f.resource.account !== STAGING).map((f) => f.resource.id);
      expect(prod('ebs-snapshot-old', all).length).toBeGreaterThan(0);
      expect(prod('ebs-snapshot-old', report)).toEqual(prod('ebs-snapshot-old', all));
      expect(prod('rds-engine-eol', all).length).toBeGreaterThan(0);
      expect(prod('rds-engine-eol', report)).toEqual(prod('rds-engine-eol', all));
      expect(report.failures.map((f) => [f.rule, f.where])).toEqual(
        expect.arrayContaining([
          ['ebs-snapshot-old', 'staging/us-east-1'],
          ['rds-engine-eol', 'staging/us-east-1'],
        ]),
      );
      const text = findingsMessage(report, { top: 10, now: clock.now() }).text!;
      expect(text).toMatch(
        /Note: rule ebs-snapshot-old could not read staging\/[a-z0-9-]+(, staging\/[a-z0-9-]+)* \([^)]*ec2:DescribeSnapshots/,
      );
      expect(text.match(/rule ebs-snapshot-old/g)).toHaveLength(1);
    },
  );
});
