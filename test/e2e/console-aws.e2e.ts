/**
 * End to end against an AWS that is not ours: the real AwsProvider (SDK v3 clients, AssumeRole, SigV4,
 * SDK waiters) over HTTP to moto's server mode, through the console with approvals. The estate lives in
 * two accounts the bot reaches only through their roles; after every step the state is read back from
 * moto with a separate SDK client (test/e2e/estate.ts), never from the bot.
 */
import { DescribeSnapshotsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, DescribeDBSnapshotsCommand, ListTagsForResourceCommand, RDSClient } from '@aws-sdk/client-rds';
import { parseConfig, type LoadedConfig } from '../../src/config';
import { buildBot, type Bot } from '../../src/main';
import { converse, silentLog } from '../helpers/bot';
import { MotoGaps } from '../helpers/moto-gaps';
import { AWS_CONFIG, motoClient, motoInstance, PRODUCTION, resetMoto, ROLE, seedEstate, STAGING, type Estate } from './estate';

const MOTO = process.env.MOTO_URL!;
let gaps: MotoGaps;
let estate: Estate;
let bot: Bot;
const savedEnv = { ...process.env };

beforeAll(async () => {
  await resetMoto(MOTO);
  estate = await seedEstate(MOTO);
  gaps = await MotoGaps.start(MOTO);
  // etl-worker-1's SSM agent reports in (moto has no DescribeInstanceInformation: the stand-in answers).
  gaps.manage(STAGING, 'us-west-2', [{ InstanceId: estate.etlStaging.id, ComputerName: 'etl-worker-1.internal' }]);
  // The bot's own ("hub") identity comes from the default credential chain; every account is reached by AssumeRole.
  for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL_EC2'])
    delete process.env[k];
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: gaps.url,
    AWS_ACCESS_KEY_ID: 'AKIAHUBIDENTITY',
    AWS_SECRET_ACCESS_KEY: 'hub-secret',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const loaded: LoadedConfig = {
    config: parseConfig({
      aws: AWS_CONFIG,
      approval: { approvers: { ops: { console: ['bob', 'carol'] } }, levels: { high: { approvers: 2 } } },
    }),
    file: null,
  };
  let n = 0;
  bot = await buildBot({
    loaded,
    storePath: ':memory:',
    sleep: async () => {},
    log: silentLog,
    newId: () => `req-${String(++n).padStart(4, '0')}`,
  });
});

afterAll(async () => {
  bot?.close();
  await gaps?.close();
  process.env = savedEnv;
});

/** The request id on the last card of a conversation. */
function requestId(out: string): string {
  const ids = [...out.matchAll(/-- request (req-\d+)/g)].map((m) => m[1]);
  if (!ids.length) throw new Error(`no card in:\n${out}`);
  return ids[ids.length - 1];
}

/** The role sessions that signed the calls of one action sent since `from`. */
function signers(action: string, from = 0): string[] {
  return [
    ...new Set(
      gaps.calls
        .slice(from)
        .filter((c) => c.action === action)
        .map((c) => c.signedBy ?? 'hub identity'),
    ),
  ];
}

describe('the bot against moto: two accounts reached by AssumeRole', () => {
  it('scans both accounts through their roles, one role session per account, and sees only their resources', async () => {
    const where = (name: string) => {
      const r = bot.inventory.all().find((x) => x.name === name);
      return r && `${r.type} ${r.account}/${r.region} ${r.state}`;
    };
    expect(where('web-prod-1')).toBe(`ec2-instance ${PRODUCTION}/us-west-2 running`);
    expect(where('batch-prod-eu')).toBe(`ec2-instance ${PRODUCTION}/eu-west-1 running`);
    expect(where('pg-main')).toBe(`rds-instance ${PRODUCTION}/us-west-2 available`);
    expect(where('web-staging-1')).toBe(`ec2-instance ${STAGING}/us-west-2 running`);
    expect(where('mysql-staging')).toBe(`rds-instance ${STAGING}/us-west-2 available`);
    // The hub identity's own account is not configured: its instance never shows.
    expect(where('hub-decoy-1')).toBeUndefined();
    // SSM facts come through the DescribeInstanceInformation stand-in.
    expect(bot.inventory.all('ec2-instance').find((r) => r.name === 'etl-worker-1')!.facts).toMatchObject({ ssmPingStatus: 'Online' });

    const out = await converse(bot, ['scan']);
    expect(out).toMatch(/== Inventory scanned ==\n\d+ resources across 2 account\(s\), scanned in/);
    expect(out).not.toContain('could not be scanned');

    // Two scans (start-up and `scan`) over 2 accounts x 6 scanners x their regions, yet one AssumeRole
    // per account: every client of the `cloudops-scan` session shares its credentials.
    const assumed = gaps.sent('sts', 'AssumeRole').map((c) => `${c.roleArn} ${c.sessionName}`);
    expect(assumed.sort()).toEqual([`${ROLE(PRODUCTION)} cloudops-scan`, `${ROLE(STAGING)} cloudops-scan`]);
    // Every read was signed by a role session, never by the hub identity itself.
    expect(signers('DescribeInstances').sort()).toEqual([`${ROLE(PRODUCTION)} cloudops-scan`, `${ROLE(STAGING)} cloudops-scan`]);
    expect(
      gaps.calls
        .filter((c) => c.service === 'ec2' && c.region === 'eu-west-1')
        .every((c) => c.signedBy === `${ROLE(PRODUCTION)} cloudops-scan`),
    ).toBe(true);
  });

  it('find answers from both accounts and says where each resource is', async () => {
    const out = await converse(bot, ['find web']);
    expect(out).toContain('== 2 resources match "web" ==');
    expect(out).toContain(`* web-prod-1 (${estate.webProd.id}): EC2 instance, production/us-west-2, running`);
    expect(out).toContain(`* web-staging-1 (${estate.webStaging.id}): EC2 instance, staging/us-west-2, running`);
    expect(out).not.toContain('Approve');
  });

  it('a production plan is high risk with two approvers; a rejection leaves the instance running in moto', async () => {
    const out = await converse(bot, ['stop web-prod-1', '/as bob', '2']);
    expect(out).toContain('== Plan: Stop an EC2 instance ==');
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('Needs 2 approvers from ops (not the requester).');
    expect(out).toContain(`instance: web-prod-1 (${estate.webProd.id})`);
    expect(out).toContain(`where: production ${PRODUCTION} / us-west-2`);
    // The dry run before approval went to AWS (moto) and passed.
    expect(out).not.toContain('dry run failed');
    expect(out).toContain('Rejected by bob.');
    expect((await motoInstance(MOTO, estate.webProd)).State?.Name).toBe('running');
    expect((await bot.desk.get(requestId(out)))!.state).toBe('rejected');
  });

  it("stop: approved by bob, the staging instance is stopped in moto, signed by the request's own role session", async () => {
    const from = gaps.calls.length;
    const out = await converse(bot, ['stop web-staging-1', '/as bob', '1']);
    const id = requestId(out);
    expect(out).toContain('[MEDIUM RISK]');
    expect(out).toContain(`where: staging ${STAGING} / us-west-2`);
    expect(out).toContain('Approved by bob.');
    expect(out).toContain(`Result: ${estate.webStaging.id} is stopped`);
    expect((await motoInstance(MOTO, estate.webStaging)).State?.Name).toBe('stopped');
    // CloudTrail would show the chat request: the call was made as cloudops-<request id> in staging.
    expect(signers('StopInstances', from)).toEqual([`${ROLE(STAGING)} cloudops-${id}`]);
    expect(gaps.sent('sts', 'AssumeRole').filter((c) => c.sessionName === `cloudops-${id}`)).toHaveLength(1);
    expect((await bot.desk.get(id))!.state).toBe('succeeded');
  });

  it('start: a low-risk plan the requester runs herself; the instance runs again in moto', async () => {
    const out = await converse(bot, ['start web-staging-1', '1']);
    expect(out).toContain('== Plan: Start an EC2 instance ==');
    expect(out).toContain('[low risk]');
    expect(out).toContain(`Result: ${estate.webStaging.id} is running`);
    expect((await motoInstance(MOTO, estate.webStaging)).State?.Name).toBe('running');
  });

  it('resize: stop, change the type, start again; moto has the new type, running', async () => {
    const before = await motoInstance(MOTO, estate.webStaging);
    expect(before.InstanceType).toBe('t3.micro');
    const out = await converse(bot, ['resize web-staging-1 to t3.large', '/as carol', '1']);
    expect(out).toContain('== Plan: Change an EC2 instance type ==');
    expect(out).toContain('Approved by carol.');
    expect(out).toContain(`Result: ${estate.webStaging.id} is t3.large, running`);
    const after = await motoInstance(MOTO, estate.webStaging);
    expect(after.InstanceType).toBe('t3.large');
    expect(after.State?.Name).toBe('running');
    // The inventory was read again after the run.
    expect(bot.inventory.all('ec2-instance').find((r) => r.id === estate.webStaging.id)!.facts.instanceType).toBe('t3.large');
  });

  it('snapshot: the EBS volume of an EC2 instance and an RDS database get snapshots in moto', async () => {
    const volume = (await motoInstance(MOTO, estate.etlStaging)).BlockDeviceMappings![0].Ebs!.VolumeId!;
    const ec2 = motoClient(EC2Client, MOTO, STAGING, 'us-west-2');
    const snapshotsOf = async () =>
      (await ec2.send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'volume-id', Values: [volume] }] }))).Snapshots ?? [];
    expect(await snapshotsOf()).toEqual([]);
    const out = await converse(bot, ['snapshot etl-worker-1', '1']);
    expect(out).toMatch(/Result: snapshots snap-[0-9a-f]+ completed/);
    const snaps = await snapshotsOf();
    expect(snaps.map((s) => s.State)).toEqual(['completed']);
    expect(out).toContain(snaps[0].SnapshotId!);

    const db = await converse(bot, ['snapshot mysql-staging', '/as bob', '1']);
    const id = requestId(db);
    expect(db).toContain(`Result: snapshot mysql-staging-cloudops-${id} of mysql-staging is available`);
    const rds = motoClient(RDSClient, MOTO, STAGING, 'us-west-2');
    const dbSnaps = (await rds.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: 'mysql-staging' }))).DBSnapshots ?? [];
    expect(dbSnaps.map((s) => `${s.DBSnapshotIdentifier} ${s.Status}`)).toContain(`mysql-staging-cloudops-${id} available`);
  });

  it('tag: an EC2 instance, an RDS database and a VPC get the tags in moto; other tags are kept', async () => {
    const out = await converse(bot, ['tag web-staging-1 owner=data team=etl', '1']);
    expect(out).toContain(`Result: tagged arn:aws:ec2:us-west-2:${STAGING}:instance/${estate.webStaging.id} with owner=data, team=etl`);
    const tags = Object.fromEntries(((await motoInstance(MOTO, estate.webStaging)).Tags ?? []).map((t) => [t.Key, t.Value]));
    expect(tags).toEqual({ Name: 'web-staging-1', environment: 'staging', owner: 'data', team: 'etl' });
    // Moto's TagResources refuses EC2 ARNs; the stand-in tagged it through EC2 CreateTags instead.
    expect(gaps.sent('tagging', 'TagResources').at(-1)!.standIn).toBe(true);

    const db = await converse(bot, ['tag mysql-staging team=dba', '1']);
    expect(db).toContain(`Result: tagged arn:aws:rds:us-west-2:${STAGING}:db:mysql-staging with team=dba`);
    const rds = motoClient(RDSClient, MOTO, STAGING, 'us-west-2');
    const list =
      (await rds.send(new ListTagsForResourceCommand({ ResourceName: `arn:aws:rds:us-west-2:${STAGING}:db:mysql-staging` }))).TagList ?? [];
    expect(Object.fromEntries(list.map((t) => [t.Key, t.Value]))).toEqual({ environment: 'staging', owner: 'payments', team: 'dba' });

    // A resource known only from the Tagging API: re-read by ARN (GetResources' ResourceARNList, which
    // moto ignores: the stand-in filters), tagged through TagResources.
    const arn = `arn:aws:ec2:us-west-2:${STAGING}:vpc/${estate.analyticsVpc}`;
    const from = gaps.calls.length;
    const vpc = await converse(bot, ['tag analytics-vpc owner=data', '1']);
    expect(vpc).toContain(`resource: analytics-vpc (${arn})`);
    expect(vpc).toContain(`Result: tagged ${arn} with owner=data`);
    const vpcTags =
      (await motoClient(EC2Client, MOTO, STAGING, 'us-west-2').send(new DescribeVpcsCommand({ VpcIds: [estate.analyticsVpc] }))).Vpcs![0]
        .Tags ?? [];
    expect(Object.fromEntries(vpcTags.map((t) => [t.Key, t.Value]))).toEqual({
      Name: 'analytics-vpc',
      environment: 'staging',
      owner: 'data',
    });
    expect(
      gaps.calls
        .slice(from)
        .filter((c) => c.action === 'GetResources')
        .every((c) => c.standIn),
    ).toBe(true);
  });

  it('a production database stops only once two people have approved', async () => {
    const rds = motoClient(RDSClient, MOTO, PRODUCTION, 'us-west-2');
    const status = async () =>
      (await rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'pg-main' }))).DBInstances![0].DBInstanceStatus;
    expect(await status()).toBe('available');
    const out = await converse(bot, ['stop pg-main', '/as bob', '1', '/as carol', '1']);
    const id = requestId(out);
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('pg-main is a production database');
    const [afterBob, afterCarol] = out.split('carol> 1');
    expect(afterBob).not.toContain('Result:');
    expect(afterCarol).toContain('Result: pg-main is stopped');
    expect(await status()).toBe('stopped');
    // Nothing ran before the second approval.
    const kinds = (await bot.audit.list({ requestId: id })).map((r) => `${r.kind}${r.kind === 'approval' ? ` ${r.actor}` : ''}`);
    expect(kinds.slice(kinds.indexOf('approval console:bob'), kinds.indexOf('execution-start') + 1)).toEqual([
      'approval console:bob',
      'approval console:carol',
      'execution-start',
    ]);
    expect(afterCarol).toContain(`-- request ${id} | asked by alice | approved by bob, carol`);
    expect((await bot.audit.verify()).ok).toBe(true);
  });

  it('a role the bot may not assume: the card names the role and what to check, moto is unchanged; fixed, asking again works', async () => {
    // The staging role's trust policy stops naming the bot (the scan's session was assumed before).
    gaps.refuseAssumeRole = (role, session) => role === ROLE(STAGING) && session !== 'cloudops-scan';
    const denied = await converse(bot, ['stop etl-worker-1', '/as bob', '1']);
    const sentence =
      `The bot could not assume role ${ROLE(STAGING)} in account staging (${STAGING}) ` +
      `(sts:AssumeRole was denied). Check that the role's trust policy allows the bot's ` +
      `identity`;
    // Before approval, on the card: the dry run could not be made, and why.
    expect(denied.split('bob> 1')[0]).toContain(`the dry run could not be made (${sentence}`);
    // At approval, the re-check reads AWS as the request (its own role session, as the run would): the
    // refused role stops it there, before anything runs, and the request stays open.
    expect(denied).toContain(
      `I could not re-read etl-worker-1 (staging/us-west-2) from AWS before acting, so nothing was run. ${sentence}`,
    );
    expect(denied).not.toContain('Failed:');
    expect(denied).not.toContain('not authorized to perform');
    expect((await motoInstance(MOTO, estate.etlStaging)).State?.Name).toBe('running');
    expect(gaps.sent('ec2', 'StopInstances').filter((c) => c.signedBy?.includes(requestId(denied)))).toEqual([]);

    gaps.refuseAssumeRole = () => false;
    const again = await converse(bot, ['stop etl-worker-1', '/as bob', '1']);
    expect(again).toContain(`Result: ${estate.etlStaging.id} is stopped`);
    expect((await motoInstance(MOTO, estate.etlStaging)).State?.Name).toBe('stopped');
  });
});
