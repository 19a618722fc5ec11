import { z } from 'zod';
import { CloudError } from '../cloud';
import { defineAction } from './action';
import { requestIds } from './outcome';

/** Tag keys and values as AWS allows them (aws: is reserved). */
const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(
    /^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u,
    'must be a tag key (letters, digits, spaces and _ . : / = + - @; not starting with aws:)',
  );
const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, 'must be a tag value (letters, digits, spaces and _ . : / = + - @)');

export const tagResources = defineAction({
  name: 'tagging.tagResources',
  description: 'Add or change tags on any taggable resource by ARN (Resource Groups Tagging API TagResources). Takes effect at once.',
  input: z.object({
    ResourceARNList: z
      .array(z.string().regex(/^arn:aws[a-z-]*:[a-z0-9-]+:/, 'must be a resource ARN'))
      .min(1)
      .max(20),
    Tags: z.record(tagKey, tagValue).refine((t) => Object.keys(t).length > 0, 'give at least one tag, like owner=alice'),
  }),
  // TagResources needs the service's own tagging permission too.
  permissions: [
    'tag:TagResources',
    'tag:GetResources',
    'ec2:CreateTags',
    'rds:AddTagsToResource',
    'lambda:TagResource',
    's3:PutBucketTagging',
    's3:GetBucketTagging',
    'ecs:TagResource',
    'eks:TagResource',
  ],
  dryRun: async () => ({ supported: false, note: 'AWS has no dry run for tagging' }),
  async apply(ctx, input) {
    const out = await ctx.provider.tagging(ctx.target).tagResources({ ResourceARNList: input.ResourceARNList, Tags: input.Tags });
    const failed = Object.entries(out.FailedResourcesMap ?? {});
    if (failed.length) {
      const [arn, f] = failed[0];
      throw new CloudError(f.ErrorCode ?? 'TaggingFailed', `tagging ${arn} failed: ${f.ErrorMessage ?? 'no reason given'}`, {
        service: 'tag',
        operation: 'tagResources',
        statusCode: f.StatusCode,
      });
    }
    return {
      summary: `tagged ${input.ResourceARNList.join(', ')} with ${Object.entries(input.Tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`,
      requestIds: requestIds(out),
    };
  },
  immediate: true,
});

export const taggingActions = [tagResources];
