/** SDK output shapes -> the bot's Resource. One function per resource type. */
import type { EC2, RDS, SSM, Tagging } from '../cloud';
import type { Resource } from '../core';
import { intern } from './tokens';

export interface Scope {
  account: string;
  accountAlias?: string;
  region: string;
}

export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  // Name values are unique: not worth sharing. The rest (environment, owner, ...) repeat endlessly.
  for (const t of tags ?? []) if (t.Key) out[intern(t.Key)] = t.Key === 'Name' ? (t.Value ?? '') : intern(t.Value ?? '');
  return out;
}

export function fromEc2Instance(
  i: EC2.Instance & { DisableApiTermination?: boolean },
  scope: Scope,
  ssm?: SSM.InstanceInformation,
): Resource {
  const tags = tagMap(i.Tags);
  const id = i.InstanceId!;
  return {
    type: 'ec2-instance',
    id,
    arn: `arn:aws:ec2:${scope.region}:${scope.account}:instance/${id}`,
    name: tags.Name || id,
    ...scope,
    state: intern(i.State?.Name),
    tags,
    facts: {
      instanceType: intern(i.InstanceType) ?? null,
      platform: intern(i.PlatformDetails ?? i.Platform) ?? null,
      rootDeviceType: intern(i.RootDeviceType) ?? null,
      terminationProtection: i.DisableApiTermination ?? null,
      availabilityZone: intern(i.Placement?.AvailabilityZone) ?? null,
      privateIp: i.PrivateIpAddress ?? null,
      volumes: (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => !!v),
      ...ssmFacts(ssm),
      // When a terminated instance (still listed for about an hour) went: "it was terminated at …".
      ...(i.State?.Name === 'terminated' || i.State?.Name === 'shutting-down'
        ? { terminatedAt: transitionTime(i.StateTransitionReason) }
        : {}),
      // Since when a stopped instance has been stopped (the findings engine: stopped for N days).
      ...(i.State?.Name === 'stopped' ? { stoppedAt: transitionTime(i.StateTransitionReason) } : {}),
    },
  };
}

/** EC2's `User initiated (2026-11-22 09:00:00 GMT)` -> ISO time, or null when the reason has none. */
export function transitionTime(reason: string | undefined): string | null {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) GMT\)/.exec(reason ?? '');
  return m ? `${m[1]}T${m[2]}.000Z` : null;
}

export function fromEbsVolume(v: EC2.Volume, scope: Scope): Resource {
  const tags = tagMap(v.Tags);
  const id = v.VolumeId!;
  return {
    type: 'ebs-volume',
    id,
    arn: `arn:aws:ec2:${scope.region}:${scope.account}:volume/${id}`,
    name: tags.Name || id,
    ...scope,
    state: intern(v.State),
    tags,
    facts: {
      size: v.Size ?? null,
      volumeType: intern(v.VolumeType) ?? null,
      attachedTo: (v.Attachments ?? []).map((a) => a.InstanceId).filter((x): x is string => !!x),
      encrypted: v.Encrypted ?? null,
    },
  };
}

/** An EBS snapshot, as a taggable resource (it has no inventory type of its own): the findings' old-snapshot fix. */
export function fromEbsSnapshot(s: EC2.Snapshot, scope: Scope): Resource {
  const tags = tagMap(s.Tags);
  const id = s.SnapshotId!;
  return {
    type: 'taggable',
    id,
    arn: `arn:aws:ec2:${scope.region}:${scope.account}:snapshot/${id}`,
    name: tags.Name || id,
    ...scope,
    state: intern(s.State),
    tags,
    facts: {
      service: 'ec2:snapshot',
      volumeId: s.VolumeId ?? null,
      size: s.VolumeSize ?? null,
      startTime: s.StartTime ? new Date(s.StartTime).toISOString() : null,
      description: s.Description ?? null,
    },
  };
}

export function fromRdsInstance(d: RDS.DBInstance, scope: Scope): Resource {
  const tags = tagMap(d.TagList);
  const id = d.DBInstanceIdentifier!;
  return {
    type: 'rds-instance',
    id,
    arn: d.DBInstanceArn ?? `arn:aws:rds:${scope.region}:${scope.account}:db:${id}`,
    name: id,
    ...scope,
    state: intern(d.DBInstanceStatus),
    tags,
    facts: {
      engine: intern(d.Engine) ?? null,
      engineVersion: intern(d.EngineVersion) ?? null,
      instanceClass: intern(d.DBInstanceClass) ?? null,
      multiAZ: d.MultiAZ ?? false,
      readReplicas: d.ReadReplicaDBInstanceIdentifiers ?? [],
      replicaSource: d.ReadReplicaSourceDBInstanceIdentifier ?? null,
      cluster: d.DBClusterIdentifier ?? null,
      deletionProtection: d.DeletionProtection ?? null,
      nameTag: tags.Name ?? null,
    },
  };
}

/** Facts SSM knows about a managed instance: Run Command playbooks need an online agent. */
export function ssmFacts(s: SSM.InstanceInformation | undefined): Record<string, string | null> {
  return {
    ssmPingStatus: intern(s?.PingStatus) ?? null,
    ssmAgentVersion: intern(s?.AgentVersion) ?? null,
    ssmPlatform: intern(s?.PlatformName ?? s?.PlatformType) ?? null,
    ssmLastPing: s?.LastPingDateTime ? new Date(s.LastPingDateTime).toISOString() : null,
  };
}

export function fromSsmInstance(s: SSM.InstanceInformation, scope: Scope, name?: string): Resource {
  const id = s.InstanceId!;
  return {
    type: 'ssm-instance',
    id,
    arn: `arn:aws:ssm:${scope.region}:${scope.account}:managed-instance/${id}`,
    name: name ?? s.Name ?? s.ComputerName ?? id,
    ...scope,
    state: intern(s.PingStatus),
    tags: {},
    facts: {
      ...ssmFacts(s),
      platform: intern(s.PlatformName) ?? null,
      resourceType: intern(s.ResourceType) ?? null,
      computerName: s.ComputerName ?? null,
    },
  };
}

export function fromRdsCluster(c: RDS.DBCluster, scope: Scope): Resource {
  const tags = tagMap(c.TagList);
  const id = c.DBClusterIdentifier!;
  const members = c.DBClusterMembers ?? [];
  return {
    type: 'rds-cluster',
    id,
    arn: c.DBClusterArn ?? `arn:aws:rds:${scope.region}:${scope.account}:cluster:${id}`,
    name: id,
    ...scope,
    state: intern(c.Status),
    tags,
    facts: {
      engine: intern(c.Engine) ?? null,
      engineVersion: intern(c.EngineVersion) ?? null,
      engineMode: intern(c.EngineMode) ?? null,
      multiAZ: c.MultiAZ ?? false,
      members: members.map((m) => m.DBInstanceIdentifier).filter((x): x is string => !!x),
      writer: members.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier ?? null,
      readReplicas: c.ReadReplicaIdentifiers ?? [],
      deletionProtection: c.DeletionProtection ?? null,
      nameTag: tags.Name ?? null,
    },
  };
}

/** `arn:aws:s3:::logs-bucket` -> { service: s3, resourceType: '', resourceId: logs-bucket }. */
export function parseArn(arn: string): { service: string; region: string; account: string; resourceType: string; resourceId: string } {
  const [, , service = '', region = '', account = '', ...rest] = arn.split(':');
  const resource = rest.join(':');
  const m = /^([^/:]+)[/:](.+)$/.exec(resource);
  return { service, region, account, resourceType: m ? m[1] : '', resourceId: m ? m[2] : resource };
}

/** Any taggable resource, as the Resource Groups Tagging API lists it (S3 buckets, Lambda functions, ...). */
export function fromTaggedResource(t: Tagging.ResourceTagMapping, scope: Scope): Resource {
  const tags = tagMap(t.Tags);
  const arn = t.ResourceARN!;
  const parsed = parseArn(arn);
  return {
    type: 'taggable',
    id: arn,
    arn,
    name: tags.Name || parsed.resourceId || arn,
    ...scope,
    tags,
    facts: { service: intern(parsed.service), resourceType: intern(parsed.resourceType) || null, resourceId: parsed.resourceId },
  };
}

/**
 * Share the repeated strings of a resource read back from the cache (JSON.parse makes a fresh copy of
 * every "running", "m6i.large", "production"): at 100k resources that is tens of megabytes.
 */
export function shareStrings(r: Resource): Resource {
  r.state = intern(r.state);
  r.accountAlias = intern(r.accountAlias);
  r.region = intern(r.region) as string;
  r.account = intern(r.account) as string;
  // In place, without pair arrays or a new tags object per resource (start-up garbage at 100k). Keys need no
  // interning: property names are already one shared copy each in V8.
  const tags = r.tags;
  for (const k in tags) if (k !== 'Name') tags[k] = intern(tags[k]);
  const facts = r.facts;
  for (const k in facts) {
    const v = facts[k];
    if (typeof v === 'string') facts[k] = intern(v);
  }
  return r;
}
