import { SandboxProvider, parseEstate } from '../../../../src/cloud';
import { DEFAULT_THRESHOLDS, FindingsEngine, RULES } from '../../../../src/findings';
import { publicGrants } from '../../../../src/findings/rules/s3-public-bucket';
import { Inventory } from '../../../../src/inventory';
import { FakeClock } from '../../../helpers/bot';

const ALL_USERS = '{ Grantee: { Type: Group, URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: READ }';
const FULL = '{ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }';

const estate = (deny = '') => `
name: s3-public
accounts:
  - id: "111111111111"
    alias: production
    ${deny}
    regions:
      us-west-2:
        s3Buckets:
          - { Name: by-policy, PolicyStatus: { IsPublic: true } }
          - { Name: by-acl, Grants: [${ALL_USERS}] }
          - { Name: acl-ignored, Grants: [${ALL_USERS}], PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }
          - { Name: acl-partial-block, Grants: [${ALL_USERS}], PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }
          - { Name: policy-restricted, PolicyStatus: { IsPublic: true }, PublicAccessBlockConfiguration: { RestrictPublicBuckets: true } }
          - { Name: closed, PolicyStatus: { IsPublic: true }, Grants: [${ALL_USERS}], PublicAccessBlockConfiguration: ${FULL} }
          - { Name: private-no-block }
`;

async function run(text = estate()) {
  const clock = new FakeClock(new Date('2026-12-01T12:00:00Z'));
  const provider = new SandboxProvider(parseEstate(text), 's3-public', { now: () => clock.now() });
  const inventory = await Inventory.scan(provider);
  const rules = RULES.filter((r) => r.id === 's3-public-bucket');
  return { provider, report: await new FindingsEngine({ provider, thresholds: DEFAULT_THRESHOLDS, clock, rules }).run(inventory.all()) };
}

describe('rule s3-public-bucket', () => {
  it('names buckets public by policy or by an honoured ACL grant, high, with the block-public-access playbook', async () => {
    const { report } = await run();
    expect(report.failures).toEqual([]);
    expect(report.findings.map((f) => f.resource.name)).toEqual(['acl-partial-block', 'by-acl', 'by-policy']);
    for (const f of report.findings) {
      expect(f).toMatchObject({ severity: 'high', monthlySaving: null, fix: { playbook: 's3-block-public-access', param: 'bucket' } });
    }
    const by = (name: string) => report.findings.find((f) => f.resource.name === name)!.detail;
    expect(by('by-policy')).toContain('Public by its bucket policy, with no public access block');
    expect(by('by-acl')).toContain('Public by its ACL (everyone: READ), with no public access block');
    expect(by('acl-partial-block')).toContain('with only a partial public access block');
    // GetBucketAcl for the 6 buckets without a full block; GetPublicAccessBlock again for the 2 partial ones whose ACL is public.
    expect(report.requests).toEqual({ s3: 8 });
  });

  it('after the block-public-access playbook has run (all four settings), the bucket is no longer named', async () => {
    const { provider, report } = await run();
    expect(report.findings.some((f) => f.resource.name === 'by-policy')).toBe(true);
    const s3 = provider.service('s3', { account: '111111111111', region: 'us-west-2' });
    await s3.putPublicAccessBlock({
      Bucket: 'by-policy',
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    const clock = new FakeClock(new Date('2026-12-01T12:00:00Z'));
    const again = await new FindingsEngine({
      provider,
      thresholds: DEFAULT_THRESHOLDS,
      clock,
      rules: RULES.filter((r) => r.id === 's3-public-bucket'),
    }).run((await Inventory.scan(provider)).all());
    expect(again.findings.map((f) => f.resource.name)).toEqual(['acl-partial-block', 'by-acl']);
  });

  it('a denied GetBucketAcl is reported for that account/region, and policy-public buckets are still named', async () => {
    const { report } = await run(estate('deny: ["s3:GetBucketAcl"]'));
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatchObject({ rule: 's3-public-bucket', where: 'production/us-west-2' });
    expect(report.failures[0].error).toContain('s3:GetBucketAcl');
    expect(report.findings.map((f) => f.resource.name)).toEqual(['by-policy']);
  });

  it('reads only grants to everyone or any AWS account as public', () => {
    expect(
      publicGrants([
        { Grantee: { Type: 'CanonicalUser', ID: 'owner' }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers' }, Permission: 'WRITE' },
        { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/s3/LogDelivery' }, Permission: 'WRITE' },
      ]),
    ).toEqual(['any AWS account: WRITE']);
  });
});
