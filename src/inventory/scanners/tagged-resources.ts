import type { Tagging } from '../../cloud';
import type { Resource } from '../../core';
import { fromTaggedResource } from '../normalize';
import type { Scanner } from '../Scanner';

/**
 * Every taggable resource (S3 buckets, Lambda functions, load balancers, ...) through the Resource
 * Groups Tagging API, 100 per page with PaginationToken: what the tagging digest reports on. Resources
 * the typed scanners already know are merged away by ARN.
 */
export const taggedResources: Scanner = {
  name: 'tagged-resources',
  description: 'Every taggable resource and its tags (Resource Groups Tagging API GetResources)',
  permissions: ['tag:GetResources'],
  async scan(ctx) {
    const tagging = ctx.provider.tagging(ctx.target);
    const out: Resource[] = [];
    const pages = ctx.pages(
      (input: Tagging.GetResourcesCommandInput) => tagging.getResources(input),
      { ResourcesPerPage: 100 },
      { input: 'PaginationToken', output: 'PaginationToken' },
    );
    for await (const page of pages) {
      for (const t of page.ResourceTagMappingList ?? []) if (t.ResourceARN) out.push(fromTaggedResource(t, ctx.scope));
    }
    return out;
  },
};
