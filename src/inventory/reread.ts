import { isCloudError, type CloudProvider } from '../cloud';
import type { Resource } from '../core';
import { resourceKinds } from './kinds';
import type { Scope } from './normalize';

/**
 * Read one resource again from the cloud, as it is now: what the bot acts on is never the cache.
 * Undefined when it no longer exists. Each kind reads its own (ResourceKind.reread); facts that need a
 * call of their own (termination protection, the SSM agent) are read too, and if only those calls fail,
 * the cached values are kept.
 *
 * Only the item that is the resource asked for counts (its id, and its ARN, account and region where the
 * answer carries them): an API that answers with another resource (a filter ignored, a wrong account
 * behind a role) makes the resource "not found", never another one to act on.
 */
export async function rereadResource(provider: CloudProvider, r: Resource, requestId?: string): Promise<Resource | undefined> {
  // As the request it is for (its role session name in CloudTrail), or as the scan when none.
  const target = { account: r.account, region: r.region, ...(requestId ? { requestId } : {}) };
  const scope: Scope = { account: r.account, ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}), region: r.region };
  const kind = resourceKinds.get(r.type);
  if (!kind) return undefined;
  try {
    const fresh = await kind.reread({ provider, target, scope }, r);
    // Whatever a kind's reader returns, it is this resource or nothing.
    return fresh && fresh.type === r.type && fresh.id.toLowerCase() === r.id.toLowerCase() ? fresh : undefined;
  } catch (e) {
    if (isCloudError(e) && /NotFound|NotExist|^NoSuchBucket$/i.test(e.code)) return undefined;
    throw e;
  }
}
