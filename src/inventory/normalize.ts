/** SDK output shapes -> the bot's Resource. One function per resource type. */
import type { EC2, RDS, SSM } from '../cloud';
import type { Resource } from '../core/resource';

interface Scope {
  account: string;
  accountAlias?: string;
  region: string;
}

function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> {
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
      ssmPingStatus: ssm?.PingStatus ?? null,
      ssmAgentVersion: ssm?.AgentVersion ?? null,
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

export function fromSsmInstance(s: SSM.InstanceInformation, scope: Scope, name?: string): Resource {
  const id = s.InstanceId!;
  return {
    type: 'ssm-instance',
    id,
    name: name ?? s.ComputerName ?? id,
    ...scope,
    state: s.PingStatus,
    tags: {},
    facts: { ssmPingStatus: s.PingStatus ?? null, platform: s.PlatformName ?? null, ssmAgentVersion: s.AgentVersion ?? null },
  };
}
