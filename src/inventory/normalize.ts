/** SDK output shapes -> the bot's Resource. One function per resource type. */
import type { EC2, RDS, SSM, Tagging } from '../cloud';
import type { Resource } from '../core/resource';

export interface Scope {
  account: string;
  accountAlias?: string;
  region: string;
}

export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key) out[t.Key] = t.Value ?? '';
  return out;
}

export function fromEc2Instance(i: EC2.Instance & { DisableApiTermination?: boolean }, scope: Scope, ssm?: SSM.InstanceInformation): Resource {
  const tags = tagMap(i.Tags);
  const id = i.InstanceId!;
  return {
    type: 'ec2-instance',
    id,
    arn: `arn:aws:ec2:${scope.region}:${scope.account}:instance/${id}`,
    name: tags.Name || id,
    ...scope,
    state: i.State?.Name,
    tags,
    facts: {
      instanceType: i.InstanceType ?? null,
      platform: i.PlatformDetails ?? i.Platform ?? null,
      rootDeviceType: i.RootDeviceType ?? null,
      terminationProtection: i.DisableApiTermination ?? null,
      availabilityZone: i.Placement?.AvailabilityZone ?? null,
      privateIp: i.PrivateIpAddress ?? null,
      volumes: (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => !!v),
      ...ssmFacts(ssm),
    },
  };
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
    state: v.State,
    tags,
    facts: {
      size: v.Size ?? null,
      volumeType: v.VolumeType ?? null,
      attachedTo: (v.Attachments ?? []).map((a) => a.InstanceId).filter((x): x is string => !!x),
      encrypted: v.Encrypted ?? null,
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
    state: d.DBInstanceStatus,
    tags,
    facts: {
      engine: d.Engine ?? null,
      engineVersion: d.EngineVersion ?? null,
      instanceClass: d.DBInstanceClass ?? null,
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
    ssmPingStatus: s?.PingStatus ?? null,
    ssmAgentVersion: s?.AgentVersion ?? null,
    ssmPlatform: s?.PlatformName ?? s?.PlatformType ?? null,
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
    state: s.PingStatus,
    tags: {},
    facts: { ...ssmFacts(s), platform: s.PlatformName ?? null, resourceType: s.ResourceType ?? null, computerName: s.ComputerName ?? null },
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
    state: c.Status,
    tags,
    facts: {
      engine: c.Engine ?? null,
      engineVersion: c.EngineVersion ?? null,
      engineMode: c.EngineMode ?? null,
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
    facts: { service: parsed.service, resourceType: parsed.resourceType || null, resourceId: parsed.resourceId },
  };
}
