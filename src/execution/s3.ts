import { z } from 'zod';
import { CloudError, isCloudError, type S3 } from '../cloud';
import { defineAction, type ActionContext } from './action';
import { requestIds } from './outcome';

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name');
const ALL_BLOCKED: S3.PublicAccessBlockConfiguration = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** The bucket's public access block and policy status as they are now, in words for the card and the result. */
async function publicState(
  ctx: ActionContext,
  bucket: string,
): Promise<{ block?: S3.PublicAccessBlockConfiguration; policyPublic: boolean; words: string }> {
  const s3 = ctx.provider.service('s3', ctx.target);
  const read = async <T>(call: () => Promise<T>, absent: string): Promise<T | undefined> => {
    try {
      return await call();
    } catch (e) {
      if (isCloudError(e, absent)) return undefined;
      throw e;
    }
  };
  const block = (await read(() => s3.getPublicAccessBlock({ Bucket: bucket }), 'NoSuchPublicAccessBlockConfiguration'))
    ?.PublicAccessBlockConfiguration;
  const policyPublic = !!(await read(() => s3.getBucketPolicyStatus({ Bucket: bucket }), 'NoSuchBucketPolicy'))?.PolicyStatus?.IsPublic;
  const on = block
    ? Object.entries(block)
        .filter(([, v]) => v)
        .map(([k]) => k)
    : [];
  const words =
    `${policyPublic ? 'its bucket policy is public' : 'its bucket policy is not public'}` +
    `; public access block: ${on.length ? on.join(', ') : 'none'}`;
  return { ...(block ? { block } : {}), policyPublic, words };
}

export const putPublicAccessBlock = defineAction({
  name: 's3.putPublicAccessBlock',
  description:
    'Block all public access to an S3 bucket (the four PutPublicAccessBlock settings on)' +
    ". S3 has no dry run; the bot reads the bucket's current public access block and " +
    'policy status first and shows them.',
  input: z.object({ Bucket: bucketName }),
  permissions: ['s3:GetBucketPublicAccessBlock', 's3:GetBucketPolicyStatus', 's3:PutBucketPublicAccessBlock'],
  async dryRun(ctx, input) {
    try {
      const now = await publicState(ctx, input.Bucket);
      const all = !!now.block && Object.keys(ALL_BLOCKED).every((k) => now.block![k as keyof S3.PublicAccessBlockConfiguration]);
      if (all) return { supported: false, allowed: false, note: `${input.Bucket} already blocks all public access` };
      return { supported: false, note: `AWS has no dry run for S3; the bot read ${input.Bucket} now: ${now.words}` };
    } catch (e) {
      if (isCloudError(e, 'NoSuchBucket')) return { supported: false, allowed: false, note: `${input.Bucket} was not found` };
      throw e;
    }
  },
  async apply(ctx, input) {
    const before = await publicState(ctx, input.Bucket);
    const out = await ctx.provider
      .service('s3', ctx.target)
      .putPublicAccessBlock({ Bucket: input.Bucket, PublicAccessBlockConfiguration: ALL_BLOCKED });
    const after = await publicState(ctx, input.Bucket);
    if (!after.block || !Object.keys(ALL_BLOCKED).every((k) => after.block![k as keyof S3.PublicAccessBlockConfiguration])) {
      throw new CloudError('BlockNotInForce', `S3 accepted the public access block for ${input.Bucket} but reads back: ${after.words}`, {
        service: 's3',
        operation: 'putPublicAccessBlock',
      });
    }
    return {
      summary: `blocked all public access to ${input.Bucket} (before: ${before.words}; to undo, put back those settings)`,
      requestIds: requestIds(out),
    };
  },
  immediate: true,
});

export const s3Actions = [putPublicAccessBlock];
