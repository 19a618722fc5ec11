import { GetBucketAclCommand, GetPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { DEFAULT_THRESHOLDS, FindingsEngine, RULES } from '../../../../src/findings';
import { FakeClock } from '../../../helpers/bot';
import { awsError, awsProvider, resource } from '../../../helpers/aws';

const s3 = mockClient(S3Client);
const rules = RULES.filter((r) => r.id === 's3-public-bucket');
const ALL_USERS = {
  Grantee: { Type: 'Group' as const, URI: 'http://acs.amazonaws.com/groups/global/AllUsers' },
  Permission: 'READ' as const,
};

afterEach(() => s3.reset());

function run(buckets: ReturnType<typeof resource>[]) {
  const clock = new FakeClock(new Date('2026-12-01T12:00:00Z'));
  return new FindingsEngine({ provider: awsProvider(), thresholds: DEFAULT_THRESHOLDS, clock, rules }).run(buckets);
}

describe('rule s3-public-bucket against AWS (SDK v3 wire, mocked)', () => {
  it('reads GetBucketAcl for a bucket without a full block, and GetPublicAccessBlock again when the block is partial', async () => {
    s3.on(GetBucketAclCommand).resolves({ Grants: [ALL_USERS] });
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'partly' }).resolves({
      PublicAccessBlockConfiguration: { BlockPublicPolicy: true, IgnorePublicAcls: true },
    });
    const report = await run([
      resource('s3-bucket', 'open', { facts: { public: false, publicAccessBlock: 'none' } }),
      resource('s3-bucket', 'partly', { facts: { public: false, publicAccessBlock: 'partial' } }),
      resource('s3-bucket', 'shut', { facts: { public: false, publicAccessBlock: 'all' } }),
    ]);
    expect(s3.commandCalls(GetBucketAclCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'open' }, { Bucket: 'partly' }]);
    expect(s3.commandCalls(GetPublicAccessBlockCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'partly' }]);
    // `partly` ignores public ACLs: only `open` is public.
    expect(report.findings.map((f) => f.resource.id)).toEqual(['open']);
    expect(report.findings[0].detail).toContain('Public by its ACL (everyone: READ)');
    expect(report.requests).toEqual({ s3: 3 });
  });

  it(
    'AccessDenied on GetBucketAcl is named as a failure of that place (with the missing ' +
      'permission); NoSuchBucket (deleted since the scan) is not',
    async () => {
      s3.on(GetBucketAclCommand, { Bucket: 'gone' }).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist'));
      const gone = await run([resource('s3-bucket', 'gone', { facts: { public: false, publicAccessBlock: 'none' } })]);
      expect(gone.failures).toEqual([]);
      expect(gone.findings).toEqual([]);
      s3.reset();
      s3.on(GetBucketAclCommand).rejects(awsError('AccessDenied', 'User: x is not authorized to perform: s3:GetBucketAcl'));
      const denied = await run([resource('s3-bucket', 'by-policy', { facts: { public: true, publicAccessBlock: 'none' } })]);
      expect(denied.failures).toEqual([expect.objectContaining({ rule: 's3-public-bucket', where: '111111111111/us-west-2' })]);
      expect(denied.failures[0].error).toContain('lacks permission s3:GetBucketAcl');
      expect(denied.findings.map((f) => f.resource.id)).toEqual(['by-policy']);
    },
  );
});
