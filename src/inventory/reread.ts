import { isCloudError, type CloudProvider } from '../cloud';
import type { Resource } from '../core/resource';
import { fromEbsVolume, fromEc2Instance, fromRdsCluster, fromRdsInstance, fromSsmInstance, fromTaggedResource, ssmFacts, type Scope } from './normalize';

/**
 * Read one resource again from the cloud, as it is now: what the bot acts on is never the cache.
 * Undefined when it no longer exists. Facts that need a call of their own (termination protection, the
 * SSM agent) are read too; if only those calls fail, the cached values are kept.
 */
export async function rereadResource(provider: CloudProvider, r: Resource): Promise<Resource | undefined> {
  const target = { account: r.account, region: r.region };
  const scope: Scope = { account: r.account, ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}), region: r.region };
  try {
    switch (r.type) {
      case 'ec2-instance': {
        const ec2 = provider.ec2(target);
        const i = (await ec2.describeInstances({ InstanceIds: [r.id] })).Reservations?.[0]?.Instances?.[0];
        if (!i) return undefined;
        const [ssm, protection] = await Promise.all([
          optional(async () => (await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })).InstanceInformationList?.[0] ?? null),
          optional(async () => (await ec2.describeInstanceAttribute({ InstanceId: r.id, Attribute: 'disableApiTermination' })).DisableApiTermination?.Value ?? false),
        ]);
        const fresh = fromEc2Instance(i, scope, ssm ?? undefined);
        fresh.facts.terminationProtection = protection === undefined ? (r.facts.terminationProtection ?? null) : protection;
        if (ssm === undefined) Object.assign(fresh.facts, pick(r.facts, Object.keys(ssmFacts(undefined))));
        return fresh;
      }
      case 'ebs-volume': {
        const v = (await provider.ec2(target).describeVolumes({ VolumeIds: [r.id] })).Volumes?.[0];
        return v && fromEbsVolume(v, scope);
      }
      case 'rds-instance': {
        const d = (await provider.rds(target).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances?.[0];
        return d && fromRdsInstance(d, scope);
      }
      case 'rds-cluster': {
        const c = (await provider.rds(target).describeDBClusters({ DBClusterIdentifier: r.id })).DBClusters?.[0];
        return c && fromRdsCluster(c, scope);
      }
      case 'ssm-instance': {
        const s = (await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })).InstanceInformationList?.[0];
        return s && fromSsmInstance(s, scope);
      }
      case 'taggable': {
        const t = (await provider.tagging(target).getResources({ ResourceARNList: [r.arn ?? r.id] })).ResourceTagMappingList?.[0];
        return t && fromTaggedResource(t, scope);
      }
    }
  } catch (e) {
    if (isCloudError(e) && /NotFound|NotExist/i.test(e.code)) return undefined;
    throw e;
  }
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
