import { fromEbsSnapshot, fromTaggedResource } from '../normalize';
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
    // A snapshot without tags is not in the Tagging API at all: EC2 says whether it still exists (findings' old-snapshot fix).
    const snapshot = /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:snapshot\/(snap-[0-9a-f]+)$/.exec(arn)?.[1];
    if (snapshot) {
      const s = (await provider.ec2(target).describeSnapshots({ SnapshotIds: [snapshot] })).Snapshots?.find(
        (x) => x.SnapshotId === snapshot && (!x.OwnerId || x.OwnerId === r.account),
      );
      return s && fromEbsSnapshot(s, scope);
    }
    const t = (await provider.tagging(target).getResources({ ResourceARNList: [arn] })).ResourceTagMappingList?.find(
      (x) => x.ResourceARN === arn,
    );
    return t && fromTaggedResource(t, scope);
  },
});
