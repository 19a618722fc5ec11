import { CloudError, type RDS, type RdsApi } from '../provider';
import type { SandboxState } from './SandboxState';

const SETTLE: Record<string, string> = { stopping: 'stopped', starting: 'available', rebooting: 'available', 'backing-up': 'available' };

/** RDS as AWS behaves for the calls the bot makes, including the rules about stopping. */
export class SandboxRds implements RdsApi {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get dbs(): RDS.DBInstance[] {
    return this.state.region(this.account, this.region).rdsInstances;
  }

  private find(id: string | undefined): RDS.DBInstance {
    const db = this.state.lookup(this.dbs, 'DBInstanceIdentifier', id) ?? this.state.lookup(this.dbs, 'DBInstanceArn', id);
    if (!db) throw new CloudError('DBInstanceNotFound', `DBInstance ${id} not found.`, { service: 'rds' });
    return db;
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  private requireStatus(db: RDS.DBInstance, allowed: string[]): void {
    if (!allowed.includes(db.DBInstanceStatus ?? '')) {
      throw new CloudError(
        'InvalidDBInstanceState',
        `Instance ${db.DBInstanceIdentifier} is not in ${allowed.join(' or ')} state (it is ${db.DBInstanceStatus}).`,
        { service: 'rds' },
      );
    }
  }

  async describeDBInstances(input: RDS.DescribeDBInstancesCommandInput) {
    const list = input.DBInstanceIdentifier ? [this.find(input.DBInstanceIdentifier)] : this.dbs;
    for (const db of list) {
      const next = SETTLE[db.DBInstanceStatus ?? ''];
      if (next) db.DBInstanceStatus = next;
    }
    return { DBInstances: structuredClone(list), ...this.meta() };
  }

  async describeDBClusters(input: RDS.DescribeDBClustersCommandInput) {
    const all = this.state.region(this.account, this.region).rdsClusters;
    const list = input.DBClusterIdentifier ? all.filter((c) => c.DBClusterIdentifier === input.DBClusterIdentifier) : all;
    if (input.DBClusterIdentifier && !list.length)
      throw new CloudError('DBClusterNotFoundFault', `DBCluster ${input.DBClusterIdentifier} not found.`, { service: 'rds' });
    return { DBClusters: structuredClone(list), ...this.meta() };
  }

  async stopDBInstance(input: RDS.StopDBInstanceCommandInput) {
    const db = this.find(input.DBInstanceIdentifier);
    if (db.DBClusterIdentifier) {
      throw new CloudError(
        'InvalidDBInstanceState',
        `Instance ${db.DBInstanceIdentifier} is part of cluster ${db.DBClusterIdentifier}; stop the cluster instead.`,
        { service: 'rds' },
      );
    }
    if (db.ReadReplicaDBInstanceIdentifiers?.length || db.ReadReplicaSourceDBInstanceIdentifier) {
      throw new CloudError(
        'InvalidDBInstanceState',
        `Instance ${db.DBInstanceIdentifier} has a read replica or is one, and cannot be stopped.`,
        { service: 'rds' },
      );
    }
    if (db.Engine?.startsWith('sqlserver') && db.MultiAZ) {
      throw new CloudError(
        'InvalidDBInstanceState',
        `Instance ${db.DBInstanceIdentifier} is a SQL Server Multi-AZ instance, which cannot be stopped.`,
        { service: 'rds' },
      );
    }
    this.requireStatus(db, ['available']);
    if (input.DBSnapshotIdentifier) this.addSnapshot(db, input.DBSnapshotIdentifier, []);
    db.DBInstanceStatus = 'stopping';
    return { DBInstance: structuredClone(db), ...this.meta() };
  }

  async startDBInstance(input: RDS.StartDBInstanceCommandInput) {
    const db = this.find(input.DBInstanceIdentifier);
    this.requireStatus(db, ['stopped']);
    db.DBInstanceStatus = 'starting';
    return { DBInstance: structuredClone(db), ...this.meta() };
  }

  async rebootDBInstance(input: RDS.RebootDBInstanceCommandInput) {
    const db = this.find(input.DBInstanceIdentifier);
    this.requireStatus(db, ['available']);
    if (input.ForceFailover && !db.MultiAZ) {
      throw new CloudError('InvalidParameterCombination', `Instance ${db.DBInstanceIdentifier} is not Multi-AZ, so it cannot fail over.`, {
        service: 'rds',
      });
    }
    db.DBInstanceStatus = 'rebooting';
    return { DBInstance: structuredClone(db), ...this.meta() };
  }

  async createDBSnapshot(input: RDS.CreateDBSnapshotCommandInput) {
    const db = this.find(input.DBInstanceIdentifier);
    if (db.DBClusterIdentifier) {
      throw new CloudError(
        'InvalidDBInstanceState',
        `Instance ${db.DBInstanceIdentifier} is part of cluster ${db.DBClusterIdentifier}; snapshot the cluster instead.`,
        { service: 'rds' },
      );
    }
    this.requireStatus(db, ['available']);
    const snapshot = this.addSnapshot(db, input.DBSnapshotIdentifier ?? '', input.Tags ?? []);
    db.DBInstanceStatus = 'backing-up';
    return { DBSnapshot: structuredClone(snapshot), ...this.meta() };
  }

  private addSnapshot(db: RDS.DBInstance, id: string, tags: RDS.Tag[]): RDS.DBSnapshot {
    if (!/^[a-zA-Z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$/.test(id) || id.length > 255) {
      throw new CloudError('InvalidParameterValue', `The parameter DBSnapshotIdentifier is not a valid identifier: ${id}`, {
        service: 'rds',
      });
    }
    const list = this.state.snapshots(this.state.dbSnapshots, this.account, this.region);
    if (list.some((s) => s.DBSnapshotIdentifier === id))
      throw new CloudError(
        'DBSnapshotAlreadyExists',
        `Cannot create the snapshot because a snapshot with the identifier ${id} already exists.`,
        { service: 'rds' },
      );
    const snapshot: RDS.DBSnapshot = {
      DBSnapshotIdentifier: id,
      DBInstanceIdentifier: db.DBInstanceIdentifier,
      DBSnapshotArn: `arn:aws:rds:${this.region}:${this.account}:snapshot:${id}`,
      Engine: db.Engine,
      SnapshotType: 'manual',
      Status: 'creating',
      SnapshotCreateTime: new Date(),
      TagList: tags,
    };
    list.push(snapshot);
    return snapshot;
  }

  /** Snapshots the bot made; creating ones are available by the next describe. */
  async describeDBSnapshots(input: RDS.DescribeDBSnapshotsCommandInput) {
    const all = this.state.snapshots(this.state.dbSnapshots, this.account, this.region);
    let list = all;
    if (input.DBSnapshotIdentifier) {
      list = all.filter((s) => s.DBSnapshotIdentifier === input.DBSnapshotIdentifier);
      if (!list.length)
        throw new CloudError('DBSnapshotNotFound', `DBSnapshot ${input.DBSnapshotIdentifier} not found.`, { service: 'rds' });
    }
    if (input.DBInstanceIdentifier) list = list.filter((s) => s.DBInstanceIdentifier === input.DBInstanceIdentifier);
    const out = structuredClone(list);
    for (const s of list) if (s.Status === 'creating') s.Status = 'available';
    return { DBSnapshots: out, ...this.meta() };
  }

  async addTagsToResource(input: RDS.AddTagsToResourceCommandInput) {
    const db = this.find(input.ResourceName);
    const tags = (db.TagList ??= []);
    for (const tag of input.Tags ?? []) {
      const existing = tags.find((t) => t.Key === tag.Key);
      if (existing) existing.Value = tag.Value;
      else tags.push({ Key: tag.Key, Value: tag.Value });
    }
    return this.meta();
  }

  async describeDBMajorEngineVersions(input: RDS.DescribeDBMajorEngineVersionsCommandInput) {
    const all = this.state.estate.rdsMajorEngineVersions ?? [];
    const list = all.filter(
      (v) =>
        (!input.Engine || v.Engine === input.Engine) && (!input.MajorEngineVersion || v.MajorEngineVersion === input.MajorEngineVersion),
    );
    return { DBMajorEngineVersions: structuredClone(list), ...this.meta() };
  }
}
