import { lookupTable } from '../../core';
import { isCloudError, type S3 } from '../../cloud';
import type { Resource } from '../../core';
import type { Finding, FindingRule, RuleContext } from '../types';
import { byRegion, readIn } from './scopes';

const GROUPS: Readonly<Record<string, string>> = lookupTable({
  'http://acs.amazonaws.com/groups/global/AllUsers': 'everyone',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'any AWS account',
});

/** The ACL's grants to everyone or to any AWS account, in words ("everyone: READ"); none when private. */
export function publicGrants(grants: S3.Grant[] | undefined): string[] {
  const out: string[] = [];
  for (const g of grants ?? []) {
    const who = g.Grantee?.Type === 'Group' && g.Grantee.URI ? GROUPS[g.Grantee.URI] : undefined;
    if (who && g.Permission) out.push(`${who}: ${g.Permission}`);
  }
  return out;
}

/** A bucket's public ACL grants that S3 honours (IgnorePublicAcls off); empty when there are none. */
async function honouredAclGrants(ctx: RuleContext, r: Resource): Promise<string[]> {
  const s3 = ctx.provider.service('s3', { account: r.account, region: r.region });
  try {
    const acl = await s3.getBucketAcl({ Bucket: r.id });
    ctx.count('s3');
    const grants = publicGrants(acl.Grants);
    if (!grants.length || r.facts.publicAccessBlock === 'none') return grants;
    // A partial block: only IgnorePublicAcls decides whether S3 honours the ACL.
    const block = await s3.getPublicAccessBlock({ Bucket: r.id });
    ctx.count('s3');
    return block.PublicAccessBlockConfiguration?.IgnorePublicAcls ? [] : grants;
  } catch (e) {
    // Deleted since the scan: nothing to report on it.
    if (isCloudError(e) && e.code === 'NoSuchBucket') return [];
    throw e;
  }
}

/**
 * S3 buckets that are public, by their bucket policy (the inventory's `public` fact: GetBucketPolicyStatus,
 * unless RestrictPublicBuckets shuts it off) or by an ACL grant to everyone or any AWS account (one
 * GetBucketAcl per bucket without a full public access block; a partial block is read again to see
 * IgnorePublicAcls), and not closed by a full public access block. Always high: anyone can read (or
 * write) the data. The fix is the s3-block-public-access playbook; no money saved. The account-level
 * public access block is not read (a bucket it covers is named here all the same; snooze it with that reason).
 */
export const s3PublicBuckets: FindingRule = {
  id: 's3-public-bucket',
  title: 'Public S3 buckets',
  types: ['s3-bucket'],
  permissions: ['s3:GetBucketAcl', 's3:GetBucketPublicAccessBlock'],
  fix: { playbook: 's3-block-public-access', param: 'bucket' },
  async evaluate(ctx) {
    const buckets = ctx.resources.filter((r) => r.type === 's3-bucket' && r.facts.publicAccessBlock !== 'all');
    const acls = new Map<Resource, string[]>();
    for (const list of byRegion(buckets).values()) {
      const first = list[0];
      await readIn(
        ctx,
        { account: first.account, ...(first.accountAlias ? { alias: first.accountAlias } : {}), region: first.region },
        async () => {
          for (const r of list) acls.set(r, await honouredAclGrants(ctx, r));
        },
      );
    }
    const out: Finding[] = [];
    for (const r of buckets) {
      // `public` also counts public ACL grants (the card's view); the policy alone is `publicPolicy` (inventories before it: `public`).
      const policy = (r.facts.publicPolicy ?? r.facts.public) === true;
      const acl = acls.get(r) ?? [];
      if (!policy && !acl.length) continue;
      const how = [policy ? 'its bucket policy' : '', acl.length ? `its ACL (${acl.join(', ')})` : ''].filter(Boolean).join(' and ');
      out.push({
        rule: this.id,
        severity: 'high',
        resource: r,
        detail:
          `Public by ${how}, with ${r.facts.publicAccessBlock === 'none' ? 'no' : 'only a partial'} public access block: ` +
          'its data is open to people outside your accounts. Block public access (anonymous ' +
          'readers such as a website or a CDN without origin access get 403 from then on); ' +
          'if it is meant to be public, snooze it with that reason. No money saved.',
        monthlySaving: null,
        fix: this.fix,
      });
    }
    return out;
  },
};
