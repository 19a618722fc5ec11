import { fromTaggedResource } from '../normalize';
import { taggedResources } from '../scanners/tagged-resources';
import { defineKind } from './ResourceKind';

/** Anything the Resource Groups Tagging API lists that no typed kind knows: tagging playbooks take every resource. */
export const taggable = defineKind({
  type: 'taggable',
  label: 'resource',
  words: ['resource'],
  scanner: taggedResources,
  facts: { service: 'the ARN service (s3, lambda, ...)', resourceType: 'the ARN resource type', resourceId: 'the ARN resource id' },
  searchFacts: ['service', 'resourceType'],
  permissions: ['tag:GetResources'],
  sandbox: { service: 'tag' },
  acceptsAny: true,
  async reread({ provider, target, scope }, r) {
    const arn = r.arn ?? r.id;
    const t = (await provider.tagging(target).getResources({ ResourceARNList: [arn] })).ResourceTagMappingList?.find((x) => x.ResourceARN === arn);
    return t && fromTaggedResource(t, scope);
  },
});
