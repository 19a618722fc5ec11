import { isCloudError, type CloudProvider } from '../cloud';
import type { Resource } from '../core/resource';
import { fromEbsSnapshot, fromEbsVolume, fromEc2Instance, fromRdsCluster, fromRdsInstance, fromSsmInstance, fromTaggedResource, ssmFacts, type Scope } from './normalize';

/**
 * Read one resource again from the cloud, as it is now: what the bot acts on is never the cache.
 * Undefined when it no longer exists. Facts that need a call of their own (termination protection, the
 * SSM agent) are read too; if only those calls fail, the cached values are kept.
 *
 * Only the item that is the resource asked for counts (its id, and its ARN, account and region where the
 * answer carries them): an API that answers with another resource (a filter ignored, a wrong account
 * behind a role) makes the resource "not found", never another one to act on.
 */
export async function rereadResource(provider: CloudProvider, r: Resource, requestId?: string): Promise<Resource | undefined> {
  // As the request it is for (its role session name in CloudTrail), or as the scan when none.
  const target = { account: r.account, region: r.region, ...(requestId ? { requestId } : {}) };
  const scope: Scope = { account: r.account, ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}), region: r.region };
  try {
    switch (r.type) {
      case 'ec2-instance': {
        const ec2 = provider.ec2(target);
        const reservations = (await ec2.describeInstances({ InstanceIds: [r.id] })).Reservations ?? [];
        const owned = reservations.filter((x) => !x.OwnerId || x.OwnerId === r.account);
        const i = owned.flatMap((x) => x.Instances ?? []).find((x) => x.InstanceId === r.id && inRegion(x.Placement?.AvailabilityZone, r.region));
        if (!i) return undefined;
        const [ssm, protection] = await Promise.all([
          optional(async () => (await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })).InstanceInformationList?.find((x) => x.InstanceId === r.id) ?? null),
          optional(async () => {
            const out = await ec2.describeInstanceAttribute({ InstanceId: r.id, Attribute: 'disableApiTermination' });
            // An answer about another instance says nothing about this one.
            return out.InstanceId && out.InstanceId !== r.id ? undefined : (out.DisableApiTermination?.Value ?? false);
          }),
        ]);
        const fresh = fromEc2Instance(i, scope, ssm ?? undefined);
        fresh.facts.terminationProtection = protection === undefined ? (r.facts.terminationProtection ?? null) : protection;
        if (ssm === undefined) Object.assign(fresh.facts, pick(r.facts, Object.keys(ssmFacts(undefined))));
        return fresh;
      }
      case 'ebs-volume': {
        const v = (await provider.ec2(target).describeVolumes({ VolumeIds: [r.id] })).Volumes?.find((x) => x.VolumeId === r.id && inRegion(x.AvailabilityZone, r.region));
        return v && fromEbsVolume(v, scope);
      }
      case 'rds-instance': {
        const d = (await provider.rds(target).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances?.find((x) => sameName(x.DBInstanceIdentifier, r.id) && sameArn(x.DBInstanceArn, r));
        return d && fromRdsInstance(d, scope);
      }
      case 'rds-cluster': {
        const c = (await provider.rds(target).describeDBClusters({ DBClusterIdentifier: r.id })).DBClusters?.find((x) => sameName(x.DBClusterIdentifier, r.id) && sameArn(x.DBClusterArn, r));
        return c && fromRdsCluster(c, scope);
      }
      case 'ssm-instance': {
        const s = (await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })).InstanceInformationList?.find((x) => x.InstanceId === r.id);
        return s && fromSsmInstance(s, scope);
      }
      case 'taggable': {
        const arn = r.arn ?? r.id;
        // A snapshot without tags is not in the Tagging API at all: EC2 says whether it still exists.
        const snapshot = /^arn:aws[a-z-]*:ec2:[^:]*:[^:]*:snapshot\/(snap-[0-9a-f]+)$/.exec(arn)?.[1];
        if (snapshot) {
          const s = (await provider.ec2(target).describeSnapshots({ SnapshotIds: [snapshot] })).Snapshots?.find((x) => x.SnapshotId === snapshot && (!x.OwnerId || x.OwnerId === r.account));
          return s && fromEbsSnapshot(s, scope);
        }
        const t = (await provider.tagging(target).getResources({ ResourceARNList: [arn] })).ResourceTagMappingList?.find((x) => x.ResourceARN === arn);
        return t && fromTaggedResource(t, scope);
      }
    }
  } catch (e) {
    if (isCloudError(e) && /NotFound|NotExist/i.test(e.code)) return undefined;
    throw e;
  }
}

/** RDS identifiers are case-insensitive (RDS stores them in lower case). */
function sameName(got: string | undefined, want: string): boolean {
  return !!got && got.toLowerCase() === want.toLowerCase();
}

/** The ARN, when the answer has one, names the same account, region and resource as the one asked for. */
function sameArn(got: string | undefined, r: Resource): boolean {
  if (!got) return true;
  if (r.arn) return got.toLowerCase() === r.arn.toLowerCase();
  const [, , , region, account] = got.split(':');
  return region === r.region && account === r.account;
}

/** An availability zone, when given, is in the region asked about (us-west-2a is in us-west-2). */
function inRegion(zone: string | undefined, region: string): boolean {
  // us-west-2a, us-west-2-lax-1a (a Local Zone): the region, then a letter or a dash, never another digit.
  return !zone || (zone.startsWith(region) && !/^\d/.test(zone.slice(region.length)));
}

/** The value, or undefined when the call failed (a missing permission must not hide the resource). */
async function optional<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

function pick<T extends Record<string, unknown>>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]])) as Partial<T>;
}
