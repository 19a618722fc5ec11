import { isCloudError, type CloudProvider, type S3, type Target } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';
import { intern } from '../tokens';
import { unlessGone } from './checks';
import { defineKind } from './ResourceKind';

/** What S3 says about a bucket's public exposure, versioning, encryption and tags (absent settings are S3 errors, read as "none"). */
export interface BucketSettings {
  publicAccessBlock?: S3.PublicAccessBlockConfiguration;
  policyPublic: boolean;
  /** The ACL's grants to everyone or to any AWS account ("everyone: READ"); empty when none. */
  publicGrants: string[];
  versioning: string;
  encryption: string | null;
  tags: { Key?: string; Value?: string }[];
}

async function orNone<T>(call: () => Promise<T>, absent: string[]): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (isCloudError(e) && absent.includes(e.code)) return undefined;
    throw e;
  }
}

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'everyone',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'any AWS account',
};

/** An ACL's grants to everyone or to any AWS account, in words ("everyone: READ"). */
function publicAclGrants(grants: S3.Grant[] | undefined): string[] {
  const out: string[] = [];
  for (const g of grants ?? []) {
    const who = g.Grantee?.Type === 'Group' && g.Grantee.URI ? PUBLIC_GROUPS[g.Grantee.URI] : undefined;
    if (who && g.Permission) out.push(`${who}: ${g.Permission}`);
  }
  return out;
}

export async function readBucketSettings(provider: CloudProvider, target: Target, bucket: string): Promise<BucketSettings> {
  const s3 = provider.service('s3', target);
  const [pab, status, versioning, encryption, tagging, acl] = await Promise.all([
    orNone(() => s3.getPublicAccessBlock({ Bucket: bucket }), ['NoSuchPublicAccessBlockConfiguration']),
    orNone(() => s3.getBucketPolicyStatus({ Bucket: bucket }), ['NoSuchBucketPolicy']),
    s3.getBucketVersioning({ Bucket: bucket }),
    orNone(() => s3.getBucketEncryption({ Bucket: bucket }), ['ServerSideEncryptionConfigurationNotFoundError']),
    orNone(() => s3.getBucketTagging({ Bucket: bucket }), ['NoSuchTagSet']),
    // A bucket is public by its ACL as much as by its policy (a grant to AllUsers): the card must say so.
    // A role without s3:GetBucketAcl (older policies) still scans its buckets, as before, by their policy alone.
    orNone(() => s3.getBucketAcl({ Bucket: bucket }), ['AccessDenied']),
  ]);
  return {
    ...(pab?.PublicAccessBlockConfiguration ? { publicAccessBlock: pab.PublicAccessBlockConfiguration } : {}),
    policyPublic: !!status?.PolicyStatus?.IsPublic,
    publicGrants: publicAclGrants(acl?.Grants),
    versioning: versioning.Status ?? 'Disabled',
    encryption: encryption?.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null,
    tags: tagging?.TagSet ?? [],
  };
}

/** all: the four block settings are on; partial: some; none: no public access block at all. */
export function blockLevel(c: S3.PublicAccessBlockConfiguration | undefined): 'all' | 'partial' | 'none' {
  const flags = [c?.BlockPublicAcls, c?.IgnorePublicAcls, c?.BlockPublicPolicy, c?.RestrictPublicBuckets];
  return flags.every(Boolean) ? 'all' : flags.some(Boolean) ? 'partial' : 'none';
}

export function fromS3Bucket(name: string, scope: Scope, s: BucketSettings): Resource {
  const tags: Record<string, string> = {};
  for (const t of s.tags) if (t.Key) tags[intern(t.Key)!] = intern(t.Value ?? '')!;
  // A public bucket policy counts unless RestrictPublicBuckets (or the whole block) shuts it off.
  const byPolicy = s.policyPublic && !s.publicAccessBlock?.RestrictPublicBuckets;
  // Public ACL grants count unless IgnorePublicAcls makes S3 ignore them.
  const byAcl = s.publicAccessBlock?.IgnorePublicAcls ? [] : (s.publicGrants ?? []);
  const isPublic = byPolicy || byAcl.length > 0;
  const publicBy = [
    ...(byPolicy ? ['its bucket policy allows public access'] : []),
    ...(byAcl.length ? [`its ACL grants ${byAcl.join(', ')}`] : []),
  ];
  return {
    type: 's3-bucket',
    id: name,
    arn: `arn:aws:s3:::${name}`,
    name,
    ...scope,
    state: isPublic ? 'public' : 'private',
    tags,
    facts: {
      public: isPublic,
      publicPolicy: byPolicy,
      publicBy: publicBy.length ? intern(publicBy.join('; '))! : null,
      publicAccessBlock: blockLevel(s.publicAccessBlock),
      versioning: intern(s.versioning) ?? null,
      encryption: intern(s.encryption ?? undefined) ?? null,
      bucketRegion: scope.region,
    },
  };
}

/** ListBuckets for this region (BucketRegion, 1000 a page), then each bucket's public access, versioning, encryption and tags. */
export const s3Buckets: Scanner = {
  name: 's3-buckets',
  description:
    'S3 buckets of the region: public exposure, versioning, encryption, tags ' +
    '(ListBuckets, GetPublicAccessBlock, GetBucketPolicyStatus, ...)',
  permissions: [
    's3:ListAllMyBuckets',
    's3:GetBucketPublicAccessBlock',
    's3:GetBucketPolicyStatus',
    's3:GetBucketVersioning',
    's3:GetEncryptionConfiguration',
    's3:GetBucketTagging',
    's3:GetBucketAcl',
  ],
  async scan(ctx) {
    const s3 = ctx.provider.service('s3', ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages(
      (input: S3.ListBucketsCommandInput) => s3.listBuckets(input),
      { BucketRegion: ctx.scope.region, MaxBuckets: 1000 },
      { input: 'ContinuationToken', output: 'ContinuationToken' },
    )) {
      for (const b of page.Buckets ?? []) {
        if (!b.Name || (b.BucketRegion && b.BucketRegion !== ctx.scope.region)) continue;
        const settings = await unlessGone(() => readBucketSettings(ctx.provider, ctx.target, b.Name!));
        if (settings) out.push(fromS3Bucket(b.Name, ctx.scope, settings));
      }
    }
    return out;
  },
};

export const s3Bucket = defineKind({
  type: 's3-bucket',
  label: 'S3 bucket',
  article: 'an',
  words: ['s3', 'bucket'],
  hint: { family: 's3', nouns: ['s3', 'bucket', 'buckets'], exclusive: true },
  scanner: s3Buckets,
  facts: {
    public: 'a public bucket policy or a public ACL grant is in force (not shut off by the public access block)',
    publicPolicy: 'its bucket policy is public (and RestrictPublicBuckets does not shut it off)',
    publicBy:
      'what makes it public, in words ("its bucket policy allows public access", "its ACL grants everyone: READ"); null when private',
    publicAccessBlock: 'all, partial or none of the four public access block settings',
    versioning: 'Enabled, Suspended or Disabled',
    encryption: 'default encryption (AES256, aws:kms, ...)',
    bucketRegion: 'the region the bucket lives in',
  },
  permissions: [
    's3:ListAllMyBuckets',
    's3:GetBucketPublicAccessBlock',
    's3:GetBucketPolicyStatus',
    's3:GetBucketVersioning',
    's3:GetEncryptionConfiguration',
    's3:GetBucketTagging',
    's3:GetBucketAcl',
  ],
  sandbox: { service: 's3', estateKey: 's3Buckets' },
  async reread({ provider, target, scope }, r) {
    // A bucket is named uniquely worldwide: S3 answers NoSuchBucket (gone) or about this bucket.
    return fromS3Bucket(r.id, scope, await readBucketSettings(provider, target, r.id));
  },
});
