import { CloudError, type S3, type S3Api } from '../provider';
import type { SandboxBucket } from './estate';
import type { SandboxState } from './SandboxState';

/**
 * S3 in the sandbox. Bucket names are global: ListBuckets lists the account's buckets of every region
 * (with BucketRegion, and only that region's when asked), and the Get*Bucket* calls find a bucket
 * wherever it is, answering with the error codes S3 uses when a setting is absent.
 */
export class SandboxS3 implements S3Api {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    _region: string,
  ) {}

  private buckets(): { bucket: SandboxBucket; region: string }[] {
    const acct = this.state.estate.accounts.find((a) => a.id === this.account);
    if (!acct) throw new CloudError('InvalidAccessKeyId', `The sandbox estate has no account ${this.account}.`, { service: 's3' });
    return Object.entries(acct.regions).flatMap(([region, r]) => (r.s3Buckets ?? []).map((bucket) => ({ bucket, region })));
  }

  private find(name: string | undefined): SandboxBucket {
    const hit = this.buckets().find((b) => b.bucket.Name === name);
    if (!hit) throw new CloudError('NoSuchBucket', `The specified bucket does not exist: ${name}`, { service: 's3' });
    return hit.bucket;
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async listBuckets(input: S3.ListBucketsCommandInput) {
    const all = this.buckets().filter((b) => !input.BucketRegion || b.region === input.BucketRegion);
    const start = input.ContinuationToken ? Number(input.ContinuationToken) : 0;
    const size = input.MaxBuckets ?? 10_000;
    const page = all.slice(start, start + size);
    const next = start + size < all.length ? String(start + size) : undefined;
    return {
      Buckets: page.map((b) => ({
        Name: b.bucket.Name,
        BucketRegion: b.region,
        ...(b.bucket.CreationDate ? { CreationDate: new Date(b.bucket.CreationDate) } : {}),
      })),
      ...(next ? { ContinuationToken: next } : {}),
      ...this.meta(),
    };
  }

  async getPublicAccessBlock(input: S3.GetPublicAccessBlockCommandInput) {
    const b = this.find(input.Bucket);
    if (!b.PublicAccessBlockConfiguration)
      throw new CloudError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', {
        service: 's3',
        operation: 'getPublicAccessBlock',
      });
    return { PublicAccessBlockConfiguration: { ...b.PublicAccessBlockConfiguration }, ...this.meta() };
  }

  async putPublicAccessBlock(input: S3.PutPublicAccessBlockCommandInput) {
    const b = this.find(input.Bucket);
    if (!input.PublicAccessBlockConfiguration)
      throw new CloudError('MalformedXML', 'The XML you provided was not well-formed', {
        service: 's3',
        operation: 'putPublicAccessBlock',
      });
    b.PublicAccessBlockConfiguration = { ...input.PublicAccessBlockConfiguration };
    return this.meta();
  }

  async getBucketPolicyStatus(input: S3.GetBucketPolicyStatusCommandInput) {
    const b = this.find(input.Bucket);
    if (!b.PolicyStatus)
      throw new CloudError('NoSuchBucketPolicy', 'The bucket policy does not exist', { service: 's3', operation: 'getBucketPolicyStatus' });
    return { PolicyStatus: { IsPublic: !!b.PolicyStatus.IsPublic }, ...this.meta() };
  }

  async getBucketVersioning(input: S3.GetBucketVersioningCommandInput) {
    const b = this.find(input.Bucket);
    return { ...(b.Versioning?.Status ? { Status: b.Versioning.Status } : {}), ...this.meta() };
  }

  async getBucketEncryption(input: S3.GetBucketEncryptionCommandInput) {
    const b = this.find(input.Bucket);
    // Since January 2023 every bucket has SSE-S3 at least.
    return {
      ServerSideEncryptionConfiguration: b.ServerSideEncryptionConfiguration ?? {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      ...this.meta(),
    };
  }

  async getBucketAcl(input: S3.GetBucketAclCommandInput) {
    const b = this.find(input.Bucket);
    const owner = { ID: `owner-${this.account}` };
    return {
      Owner: owner,
      Grants: [{ Grantee: { Type: 'CanonicalUser' as const, ...owner }, Permission: 'FULL_CONTROL' as const }, ...(b.Grants ?? [])],
      ...this.meta(),
    };
  }

  async getBucketTagging(input: S3.GetBucketTaggingCommandInput) {
    const b = this.find(input.Bucket);
    if (!b.Tags?.length)
      throw new CloudError('NoSuchTagSet', 'The TagSet does not exist', { service: 's3', operation: 'getBucketTagging' });
    return { TagSet: b.Tags.map((t) => ({ ...t })), ...this.meta() };
  }
}
