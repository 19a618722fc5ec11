/**
 * The re-check at approval time against AWS (SDK clients mocked with aws-sdk-client-mock): when AWS
 * cannot be asked (the role cannot be assumed, the endpoint is unreachable, there are no credentials),
 * the approver reads what to change, naming the account and the role, never raw SDK text; nothing runs
 * and the request stays open.
 */
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { parseConfig } from '../../src/config';
import { buildBot, type Bot } from '../../src/main';
import { silentLog } from '../helpers/bot';
import { click, person, RecordingSink, say } from '../helpers/sink';

const ROLE = 'arn:aws:iam::111111111111:role/cloudops';
const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const ssm = mockClient(SSMClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const sts = mockClient(STSClient);

const WEB = {
  InstanceId: 'i-0123456789abcdef0',
  InstanceType: 't3.micro',
  State: { Name: 'running' as const },
  Tags: [{ Key: 'Name', Value: 'web-prod-1' }],
};

/** Role credentials that expire within the SDK's refresh window, so every call assumes the role again. */
function assumed() {
  return {
    Credentials: {
      AccessKeyId: 'ASIAROLE',
      SecretAccessKey: 'role-secret',
      SessionToken: 'role-token',
      Expiration: new Date(Date.now() + 60_000),
    },
  };
}

/** Answer as AWS would, after the client resolved its credentials (which assumes the role over STS). */
function withCredentials<T>(answer: () => T | Promise<T>) {
  return async (_input: unknown, getClient: () => { config: { credentials: () => Promise<unknown> } }) => {
    await getClient().config.credentials();
    return answer();
  };
}

async function awsBot(): Promise<Bot> {
  const config = parseConfig({
    aws: { accounts: [{ id: '111111111111', alias: 'production', regions: ['us-west-2'], roleArn: ROLE, externalId: 'ext-1' }] },
    approval: { approvers: { ops: { console: ['bob'] } } },
  });
  let n = 0;
  return buildBot({
    loaded: { config, file: null },
    storePath: ':memory:',
    sleep: async () => {},
    log: silentLog,
    newId: () => `req-${++n}`,
  });
}

describe('approval-time re-check: AWS errors become what to do', () => {
  let bot: Bot;
  const alice = person('alice');
  const bob = person('bob');

  beforeEach(async () => {
    for (const m of [ec2, rds, ssm, tagging, sts]) m.reset();
    sts.on(AssumeRoleCommand).callsFake(assumed);
    ec2.on(DescribeInstancesCommand).callsFake(withCredentials(() => ({ Reservations: [{ Instances: [WEB] }] })));
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
    ec2.on(DescribeInstanceAttributeCommand).resolves({ DisableApiTermination: { Value: false } });
    ec2.on(StopInstancesCommand).callsFake(async (input: { DryRun?: boolean }) => {
      if (input.DryRun)
        throw Object.assign(new Error('Request would have succeeded, but DryRun flag is set.'), {
          name: 'DryRunOperation',
          $metadata: { httpStatusCode: 412 },
        });
      return { StoppingInstances: [] };
    });
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
    ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
    bot = await awsBot();
  });

  afterEach(() => bot.close());

  /** Alice asks, then AWS breaks as `fail` says, then Bob approves: what does the channel read? */
  async function approveWhile(fail: () => void): Promise<{ said: string; sink: RecordingSink }> {
    const sink = new RecordingSink();
    await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
    const card = sink.planCard();
    expect(card.message.buttons?.map((b) => b.label)).toEqual(['Approve', 'Reject']);
    fail();
    const before = sink.posts.length;
    await bot.conversation.handle(click(bob, card), sink);
    const said = sink.posts
      .slice(before)
      .map((p) => p.message.text ?? '')
      .join('\n');
    // Nothing ran, and the request can still be approved once the cause is fixed.
    expect(ec2.commandCalls(StopInstancesCommand).filter((c) => !c.args[0].input.DryRun)).toHaveLength(0);
    expect((await bot.desk.get('req-1'))?.state).toBe('proposed');
    return { said, sink };
  }

  it('AssumeRole denied: names the role, the account and the trust policy, not the SDK text', async () => {
    const denied = Object.assign(
      new Error(`User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`),
      { name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } },
    );
    const { said } = await approveWhile(() => sts.on(AssumeRoleCommand).rejects(denied));
    expect(said).toContain(`The bot could not assume role ${ROLE} in account production (111111111111) (sts:AssumeRole was denied).`);
    expect(said).toContain("Check that the role's trust policy allows the bot's identity (arn:aws:iam::999999999999:user/ci)");
    expect(said).toContain('aws.accounts[].externalId');
    expect(said).toContain('I could not re-read web-prod-1 (production/us-west-2) from AWS before acting, so nothing was run.');
    expect(said).not.toMatch(/not authorized to perform|Something went wrong on my side/);
  });

  it('endpoint unreachable: says which service, region and account, and what to check', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } });
    const { said } = await approveWhile(() => ec2.on(DescribeInstancesCommand).rejects(refused));
    expect(said).toContain(
      'The bot could not reach EC2 in us-west-2 for account production (111111111111) ' +
        '(connect ECONNREFUSED 127.0.0.1:4566). Check the network, proxy, or ' +
        'AWS_ENDPOINT_URL.',
    );
    expect(said).not.toContain('Something went wrong on my side');
  });

  it('no credentials: says to configure some, not "Could not load credentials from any providers"', async () => {
    const none = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
      tryNextLink: false,
    });
    const { said } = await approveWhile(() => sts.on(AssumeRoleCommand).rejects(none));
    expect(said).toContain(
      'The bot found no AWS credentials to reach account production (111111111111) ' +
        '(environment, profile, SSO, web identity or instance role). Configure one of them',
    );
    expect(said).not.toContain('Could not load credentials');
  });

  it(
    "the approval re-check reads AWS in the request's own role session, as the run will " + '(CloudTrail files it under the request)',
    async () => {
      // Credentials that last an hour, named after their session, so each call shows whose session it used.
      sts.on(AssumeRoleCommand).callsFake((input: { RoleSessionName?: string }) => ({
        Credentials: {
          AccessKeyId: `ASIA-${input.RoleSessionName}`,
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(Date.now() + 3_600_000),
        },
      }));
      const used: string[] = [];
      let stopped = false;
      ec2.on(StopInstancesCommand).callsFake(async (input: { DryRun?: boolean }) => {
        if (input.DryRun)
          throw Object.assign(new Error('Request would have succeeded, but DryRun flag is set.'), {
            name: 'DryRunOperation',
            $metadata: { httpStatusCode: 412 },
          });
        stopped = true;
        return { StoppingInstances: [] };
      });
      ec2
        .on(DescribeInstancesCommand)
        .callsFake(async (_input: unknown, getClient: () => { config: { credentials: () => Promise<{ accessKeyId: string }> } }) => {
          used.push((await getClient().config.credentials()).accessKeyId);
          return { Reservations: [{ Instances: [{ ...WEB, State: { Name: stopped ? 'stopped' : 'running' } }] }] };
        });
      bot.close();
      bot = await awsBot();
      const sink = new RecordingSink();
      await bot.conversation.handle(say(alice, 'stop web-prod-1'), sink);
      const atPlan = used.length;
      await bot.conversation.handle(click(bob, sink.planCard()), sink);
      const sessions = sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input.RoleSessionName);
      expect(sessions).toContain('cloudops-scan');
      expect(sessions).toContain('cloudops-req-1');
      // Every read made for the request, at plan time and at approval time, used the request's session.
      expect(used.slice(1, atPlan).every((k) => k === 'ASIA-cloudops-req-1')).toBe(true);
      expect(used.slice(atPlan).length).toBeGreaterThan(0);
      expect(used.slice(atPlan).every((k) => k === 'ASIA-cloudops-req-1')).toBe(true);
      expect((await bot.desk.get('req-1'))?.state).toBe('succeeded');
    },
  );
});
