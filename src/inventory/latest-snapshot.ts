import type { CloudProvider } from '../cloud';
import type { Resource } from '../core';
import type { Inventory } from './Inventory';

export interface SnapshotFound {
  id: string;
  at: Date;
  status?: string;
}

/**
 * The newest snapshot of a resource, read from the cloud now (the inventory does not scan snapshots):
 * an RDS instance's DB snapshots; an EC2 instance's EBS snapshots of the volumes attached to it; a
 * volume's own. Undefined when there is none; throws when the cloud cannot be read.
 */
export async function latestSnapshot(
  provider: CloudProvider,
  inventory: Inventory,
  r: Resource,
): Promise<SnapshotFound | undefined | 'unsupported'> {
  const target = { account: r.account, region: r.region };
  if (r.type === 'rds-instance') {
    const out = await provider.rds(target).describeDBSnapshots({ DBInstanceIdentifier: r.id });
    const list = (out.DBSnapshots ?? [])
      .filter((s) => s.SnapshotCreateTime)
      .map((s) => ({ id: s.DBSnapshotIdentifier ?? '?', at: new Date(s.SnapshotCreateTime!), status: s.Status }));
    return newest(list);
  }
  if (r.type === 'ec2-instance' || r.type === 'ebs-volume') {
    // An instance lists its attached volumes (BlockDeviceMappings); only a record without that list (an older
    // cache) or with an empty one (an estate or an answer that left BlockDeviceMappings out) makes us look through
    // every volume for the ones attached to it.
    const listed = Array.isArray(r.facts.volumes) ? (r.facts.volumes as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    const volumes =
      r.type === 'ebs-volume'
        ? [r.id]
        : listed.length
          ? listed
          : inventory
              .all('ebs-volume')
              .filter(
                (v) => v.account === r.account && v.region === r.region && ((v.facts.attachedTo as string[] | null) ?? []).includes(r.id),
              )
              .map((v) => v.id);
    if (!volumes.length) return undefined;
    const out = await provider.ec2(target).describeSnapshots({ OwnerIds: ['self'], Filters: [{ Name: 'volume-id', Values: volumes }] });
    const list = (out.Snapshots ?? [])
      .filter((s) => s.StartTime)
      .map((s) => ({ id: s.SnapshotId ?? '?', at: new Date(s.StartTime!), status: s.State }));
    return newest(list);
  }
  return 'unsupported';
}

function newest(list: SnapshotFound[]): SnapshotFound | undefined {
  return list.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}
