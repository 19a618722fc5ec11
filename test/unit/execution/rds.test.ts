import {
  AddTagsToResourceCommand,
  CreateDBSnapshotCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RebootDBInstanceCommand,
  StartDBInstanceCommand,
  StopDBInstanceCommand,
  type DBInstance,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinActions, StepRunner } from '../../../src/execution';
import {
  addTagsToResource,
  createDBSnapshot,
  rebootDBInstance,
  startDBInstance,
  stopDBInstance,
  whyNotStoppable,
} from '../../../src/execution/rds';
import { actionContext, awsError, awsProvider, oneStep, pollingOnly, resource } from '../../helpers/aws';

const rds = mockClient(RDSClient);
beforeEach(() => rds.reset());

const DB = 'orders-db';
const db = (status: string, extra: Partial<DBInstance> = {}) => ({
  DBInstances: [{ DBInstanceIdentifier: DB, DBInstanceStatus: status, Engine: 'postgres', MultiAZ: false, ...extra }],
});
const none = { summary: '', requestIds: [] };

async function run(action: string, withInput: Record<string, unknown>) {
  const runner = new StepRunner({
    provider: awsProvider(),
    registry: builtinActions(),
    audit: { record: async () => undefined },
    sleep: async () => {},
  });
  return runner.execute(
    oneStep(action, withInput, [{ name: 'db', type: 'rds-instance', required: true }]),
    { db: resource('rds-instance', DB) },
    { requestId: 'req-0001', onProgress: () => undefined },
  );
}

describe('RDS rules (no dry run: the bot reads the instance and applies them)', () => {
  it.each([
    [{ DBClusterIdentifier: 'analytics-aurora' }, /member of Aurora cluster analytics-aurora; RDS stops Aurora through its cluster/],
    [{ ReadReplicaDBInstanceIdentifiers: ['orders-db-replica'] }, /has read replicas \(orders-db-replica\); RDS cannot stop it/],
    [{ ReadReplicaSourceDBInstanceIdentifier: 'orders-db-main' }, /is a read replica of orders-db-main; RDS cannot stop it/],
    [{ Engine: 'sqlserver-se', MultiAZ: true }, /SQL Server Multi-AZ; RDS cannot stop it/],
    [{ DBInstanceStatus: 'backing-up' }, /is backing-up; it can only be stopped when available/],
  ])('stop is refused for %j', (extra, reason) => {
    expect(whyNotStoppable({ ...db('available').DBInstances[0], ...extra })).toMatch(reason);
  });

  it('a stoppable instance passes, with "no dry run" as the answer', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available'));
    const dry = await stopDBInstance.dryRun(actionContext(awsProvider()), { DBInstanceIdentifier: DB, SnapshotFirst: false });
    expect(dry.supported).toBe(false);
    expect(dry.allowed).toBeUndefined();
    expect(dry.note).toMatch(/AWS has no dry run for RDS/);
  });

  it('an answer about another database is "not found": its rules are never checked in place of this one', async () => {
    rds
      .on(DescribeDBInstancesCommand)
      .resolves({ DBInstances: [{ DBInstanceIdentifier: 'billing-db', DBInstanceStatus: 'available', Engine: 'postgres' }] });
    const dry = await stopDBInstance.dryRun(actionContext(awsProvider()), { DBInstanceIdentifier: DB, SnapshotFirst: false });
    expect(dry).toMatchObject({ allowed: false, note: 'orders-db was not found' });
  });

  it('a refused stop never sends StopDBInstance', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available', { ReadReplicaDBInstanceIdentifiers: ['r1'] }));
    const result = await run('rds.stopDBInstance', { DBInstanceIdentifier: '{{db.id}}' });
    expect(result.steps[0].error).toMatch(/refused before changing anything: orders-db has read replicas/);
    expect(rds.commandCalls(StopDBInstanceCommand)).toHaveLength(0);
  });
});

describe('rds.stopDBInstance', () => {
  it('sends StopDBInstance; with SnapshotFirst, names a snapshot after the request', async () => {
    rds.on(StopDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'stopping' }, $metadata: { requestId: 'r-1' } });
    const ctx = actionContext(awsProvider());
    const plain = await stopDBInstance.apply(ctx, stopDBInstance.input.parse({ DBInstanceIdentifier: DB }));
    const withSnap = await stopDBInstance.apply(ctx, stopDBInstance.input.parse({ DBInstanceIdentifier: DB, SnapshotFirst: 'yes' }));
    expect(rds.commandCalls(StopDBInstanceCommand).map((c) => c.args[0].input)).toEqual([
      { DBInstanceIdentifier: DB },
      { DBInstanceIdentifier: DB, DBSnapshotIdentifier: 'orders-db-before-stop-req-0001' },
    ]);
    expect(plain.summary).toBe('orders-db: stopping; AWS starts it again by itself after 7 days');
    expect(withSnap.summary).toContain('snapshot orders-db-before-stop-req-0001 first');
    expect(plain.requestIds).toEqual(['r-1']);
  });

  it('polls (RDS has no "stopped" waiter) even when the provider has SDK waiters', async () => {
    rds.on(DescribeDBInstancesCommand).resolvesOnce(db('stopping')).resolvesOnce(db('stopping')).resolves(db('stopped'));
    const ctx = actionContext(awsProvider());
    expect(await stopDBInstance.wait!(ctx, { DBInstanceIdentifier: DB, SnapshotFirst: false }, none)).toBe(
      'orders-db is stopped (AWS starts it again by itself after 7 days)',
    );
    expect(ctx.sleeps).toEqual([15_000, 15_000]);
    expect(ctx.progressLines).toEqual(['orders-db to stop: now stopping']);
  });

  it('times out after the playbook timeout', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('stopping'));
    const ctx = actionContext(awsProvider(), { timeoutMs: 45_000 });
    await expect(stopDBInstance.wait!(ctx, { DBInstanceIdentifier: DB, SnapshotFirst: false }, none)).rejects.toThrow(
      'gave up waiting for orders-db to stop after 45s',
    );
  });

  it('InvalidDBInstanceState and DBInstanceNotFound become sentences', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available'));
    rds.on(StopDBInstanceCommand).rejects(awsError('InvalidDBInstanceStateFault', 'Instance orders-db is not in available state.'));
    expect((await run('rds.stopDBInstance', { DBInstanceIdentifier: '{{db.id}}' })).steps[0].error).toBe(
      'The database is not in a state that allows this: Instance orders-db is not in ' +
        'available state. Check its status (`find`) and ask again once it is available.',
    );
    rds.reset();
    rds.on(DescribeDBInstancesCommand).rejects(awsError('DBInstanceNotFoundFault', 'DBInstance orders-db not found.'));
    expect((await run('rds.stopDBInstance', { DBInstanceIdentifier: '{{db.id}}' })).steps[0].error).toMatch(
      /^AWS does not know this resource \(any more\): DBInstance orders-db not found\. .*run a scan/,
    );
  });

  it('AccessDenied names the missing permission', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available'));
    rds
      .on(StopDBInstanceCommand)
      .rejects(
        awsError(
          'AccessDenied',
          'User: arn:aws:sts::111111111111:assumed-role/cloudops/cloudops-req-0001 is not ' +
            'authorized to perform: rds:StopDBInstance on resource: ' +
            'arn:aws:rds:us-west-2:111111111111:db:orders-db',
        ),
      );
    expect((await run('rds.stopDBInstance', { DBInstanceIdentifier: '{{db.id}}' })).steps[0].error).toBe(
      "AWS refused: the bot's role lacks permission rds:StopDBInstance. Add it to the role " +
        '(`cloudops iam-policy` prints the whole policy) and try again.',
    );
  });
});

describe('rds.startDBInstance', () => {
  it('refuses unless stopped; sends StartDBInstance; waits with waitUntilDBInstanceAvailable', async () => {
    rds.on(DescribeDBInstancesCommand).resolvesOnce(db('available')).resolvesOnce(db('stopped')).resolves(db('available'));
    const ctx = actionContext(awsProvider());
    expect(await startDBInstance.dryRun(ctx, { DBInstanceIdentifier: DB })).toMatchObject({
      allowed: false,
      note: 'orders-db is available; only a stopped instance can be started',
    });
    expect((await startDBInstance.dryRun(ctx, { DBInstanceIdentifier: DB })).allowed).toBeUndefined();
    rds.on(StartDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'starting' } });
    expect((await startDBInstance.apply(ctx, { DBInstanceIdentifier: DB })).summary).toBe('orders-db: starting');
    expect(rds.commandCalls(StartDBInstanceCommand)[0].args[0].input).toEqual({ DBInstanceIdentifier: DB });
    expect(await startDBInstance.wait!(ctx, { DBInstanceIdentifier: DB }, none)).toBe('orders-db is available');
  });

  it('polls without waiters and fails fast when the instance ends up failed', async () => {
    rds.on(DescribeDBInstancesCommand).resolvesOnce(db('starting')).resolves(db('incompatible-parameters'));
    await expect(startDBInstance.wait!(actionContext(pollingOnly(awsProvider())), { DBInstanceIdentifier: DB }, none)).rejects.toThrow(
      'orders-db is incompatible-parameters; it will not become available',
    );
  });
});

describe('rds.rebootDBInstance', () => {
  it('sends ForceFailover only when asked, and refuses failover on a single-AZ instance', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available', { MultiAZ: false }));
    rds.on(RebootDBInstanceCommand).resolves({ DBInstance: { DBInstanceStatus: 'rebooting' } });
    const ctx = actionContext(awsProvider());
    expect(
      await rebootDBInstance.dryRun(ctx, rebootDBInstance.input.parse({ DBInstanceIdentifier: DB, ForceFailover: 'true' })),
    ).toMatchObject({ allowed: false, note: 'orders-db is not Multi-AZ, so a reboot cannot fail over; ask for a plain reboot' });
    await rebootDBInstance.apply(ctx, rebootDBInstance.input.parse({ DBInstanceIdentifier: DB, ForceFailover: false }));
    await rebootDBInstance.apply(ctx, rebootDBInstance.input.parse({ DBInstanceIdentifier: DB, ForceFailover: true }));
    expect(rds.commandCalls(RebootDBInstanceCommand).map((c) => c.args[0].input)).toEqual([
      { DBInstanceIdentifier: DB },
      { DBInstanceIdentifier: DB, ForceFailover: true },
    ]);
  });

  it('waits until available again (polling path reports rebooting)', async () => {
    rds.on(DescribeDBInstancesCommand).resolvesOnce(db('rebooting')).resolves(db('available'));
    const ctx = actionContext(pollingOnly(awsProvider()));
    expect(await rebootDBInstance.wait!(ctx, { DBInstanceIdentifier: DB, ForceFailover: false }, none)).toBe(
      'orders-db rebooted and is available',
    );
    expect(ctx.progressLines).toEqual(['orders-db to be available after the reboot: now rebooting']);
  });
});

describe('rds.createDBSnapshot', () => {
  it('names the snapshot after the request, tags it, and waits until available', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available'));
    rds.on(CreateDBSnapshotCommand).resolves({ DBSnapshot: { Status: 'creating' }, $metadata: { requestId: 's-1' } });
    rds
      .on(DescribeDBSnapshotsCommand)
      .resolvesOnce({ DBSnapshots: [{ Status: 'creating' }] })
      .resolves({ DBSnapshots: [{ Status: 'available' }] });
    const ctx = actionContext(pollingOnly(awsProvider()));
    const out = await createDBSnapshot.apply(ctx, { DBInstanceIdentifier: DB });
    expect(rds.commandCalls(CreateDBSnapshotCommand)[0].args[0].input).toEqual({
      DBInstanceIdentifier: DB,
      DBSnapshotIdentifier: 'orders-db-cloudops-req-0001',
      Tags: [
        { Key: 'created-by', Value: 'cloudops' },
        { Key: 'cloudops:request', Value: 'req-0001' },
      ],
    });
    expect(await createDBSnapshot.wait!(ctx, { DBInstanceIdentifier: DB }, out)).toBe(
      'snapshot orders-db-cloudops-req-0001 of orders-db is available',
    );
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)[0].args[0].input).toEqual({ DBSnapshotIdentifier: 'orders-db-cloudops-req-0001' });
  });

  it('uses waitUntilDBSnapshotAvailable on AWS', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'x', Status: 'available' }] });
    expect(await createDBSnapshot.wait!(actionContext(awsProvider()), { DBInstanceIdentifier: DB }, { ...none, ids: ['x'] })).toBe(
      'snapshot x of orders-db is available',
    );
  });

  it('refuses Aurora members in the dry run', async () => {
    rds.on(DescribeDBInstancesCommand).resolves(db('available', { DBClusterIdentifier: 'analytics-aurora' }));
    expect((await createDBSnapshot.dryRun(actionContext(awsProvider()), { DBInstanceIdentifier: DB })).allowed).toBe(false);
  });
});

describe('rds.addTagsToResource', () => {
  it('sends the tags as Key/Value pairs to the ARN', async () => {
    rds.on(AddTagsToResourceCommand).resolves({});
    const arn = 'arn:aws:rds:us-west-2:111111111111:db:orders-db';
    await addTagsToResource.apply(actionContext(awsProvider()), { ResourceName: arn, Tags: { owner: 'payments' } });
    expect(rds.commandCalls(AddTagsToResourceCommand)[0].args[0].input).toEqual({
      ResourceName: arn,
      Tags: [{ Key: 'owner', Value: 'payments' }],
    });
    expect((await addTagsToResource.dryRun(actionContext(awsProvider()), { ResourceName: arn, Tags: {} })).supported).toBe(false);
  });
});
