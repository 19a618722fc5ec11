import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudError } from '../../../../src/cloud';
import { AwsProvider, sessionName } from '../../../../src/cloud/aws';
import { ACCOUNT, awsError, awsProvider, REGION } from '../../../helpers/aws';

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
beforeEach(() => {
  ec2.reset();
  rds.reset();
});

const instance = (state: string) => ({
  Reservations: [{ Instances: [{ InstanceId: 'i-0123456789abcdef0', State: { Name: state as 'running' } }] }],
});

describe('AwsProvider', () => {
  it('sends the SDK command with the caller input and returns AWS output', async () => {
    ec2
      .on(DescribeInstancesCommand, { InstanceIds: ['i-0123456789abcdef0'] })
      .resolves({ ...instance('running'), $metadata: { requestId: 'aws-1' } });
    const out = await awsProvider()
      .ec2({ account: ACCOUNT, region: REGION })
      .describeInstances({ InstanceIds: ['i-0123456789abcdef0'] });
    expect(out.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
    expect(out.$metadata?.requestId).toBe('aws-1');
  });

  it('creates one client per service, account and region, lazily, and reuses it', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instance('running'));
    const p = new AwsProvider({ accounts: [{ id: ACCOUNT, regions: [REGION, 'us-east-1'] }] });
    await p.ec2({ account: ACCOUNT, region: REGION }).describeInstances({});
    await p.ec2({ account: ACCOUNT, region: REGION }).describeInstances({});
    await p.ec2({ account: ACCOUNT, region: 'us-east-1' }).describeInstances({});
    const clients = ec2.calls().map((c) => c.thisValue as EC2Client);
    expect(clients[0]).toBe(clients[1]);
    expect(clients[2]).not.toBe(clients[0]);
    expect(await clients[0].config.region()).toBe(REGION);
    expect(await clients[2].config.region()).toBe('us-east-1');
  });

  it("uses the SDK's standard retry mode with the configured, bounded number of attempts", async () => {
    ec2.on(DescribeInstancesCommand).resolves(instance('running'));
    await new AwsProvider({ accounts: [{ id: ACCOUNT, regions: [REGION] }], maxAttempts: 4 })
      .ec2({ account: ACCOUNT, region: REGION })
      .describeInstances({});
    const client = ec2.call(0).thisValue as EC2Client;
    expect(await client.config.maxAttempts()).toBe(4);
    const mode = client.config.retryMode as unknown;
    expect(typeof mode === 'function' ? await mode() : mode).toBe('standard');
  });

  it('without a role, leaves credentials to the default chain (no credentials are set by the bot)', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instance('running'));
    const assumeRole = jest.fn();
    await awsProvider({ assumeRole }).ec2({ account: ACCOUNT, region: REGION }).describeInstances({});
    expect(assumeRole).not.toHaveBeenCalled();
  });

  it('assumes the account role with session cloudops-<request id> and the external id, one session per request', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instance('running'));
    const made: unknown[] = [];
    const assumeRole = jest.fn((p: unknown) => {
      made.push(p);
      return async () => ({ accessKeyId: 'ASIAFAKE', secretAccessKey: 'x', sessionToken: 't' });
    });
    const p = new AwsProvider({
      accounts: [
        { id: ACCOUNT, regions: [REGION], roleArn: 'arn:aws:iam::111111111111:role/cloudops', externalId: 'ext-123' },
        { id: '222222222222', regions: [REGION], roleArn: 'arn:aws:iam::222222222222:role/cloudops' },
      ],
      assumeRole,
    });
    await p.ec2({ account: ACCOUNT, region: REGION, requestId: 'req-7' }).describeInstances({});
    await p.ec2({ account: ACCOUNT, region: REGION, requestId: 'req-7' }).describeInstances({});
    await p.ec2({ account: '222222222222', region: REGION, requestId: 'req-8' }).describeInstances({});
    await p.ec2({ account: ACCOUNT, region: REGION }).describeInstances({});
    expect(made).toEqual([
      { roleArn: 'arn:aws:iam::111111111111:role/cloudops', sessionName: 'cloudops-req-7', externalId: 'ext-123', region: REGION },
      { roleArn: 'arn:aws:iam::222222222222:role/cloudops', sessionName: 'cloudops-req-8', externalId: undefined, region: REGION },
      { roleArn: 'arn:aws:iam::111111111111:role/cloudops', sessionName: 'cloudops-scan', externalId: 'ext-123', region: REGION },
    ]);
    const [c1, c2, c3] = ec2.calls().map((c) => c.thisValue as EC2Client);
    expect(c1).toBe(c2);
    expect(c3).not.toBe(c1);
    expect(await (c1.config.credentials as () => Promise<{ accessKeyId: string }>)()).toMatchObject({ accessKeyId: 'ASIAFAKE' });
  });

  it('one request assumes its role once, whatever services and regions it reaches (clients share the session)', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instance('running'));
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
    const assumed: string[] = [];
    const assumeRole = (p: { sessionName: string }) => async () => {
      assumed.push(p.sessionName);
      return { accessKeyId: `ASIA${assumed.length}`, secretAccessKey: 'x', sessionToken: 't', expiration: new Date(Date.now() + 3600_000) };
    };
    const p = new AwsProvider({
      accounts: [{ id: ACCOUNT, regions: [REGION, 'us-east-1'], roleArn: 'arn:aws:iam::111111111111:role/cloudops' }],
      assumeRole,
    });
    const t = { account: ACCOUNT, requestId: 'req-9' };
    await p.ec2({ ...t, region: REGION }).describeInstances({});
    await p.ec2({ ...t, region: 'us-east-1' }).describeInstances({});
    await p.rds({ ...t, region: REGION }).describeDBInstances({});
    const clients = [...ec2.calls(), ...rds.calls()].map((c) => c.thisValue as EC2Client);
    expect(new Set(clients).size).toBe(3);
    // What each SDK client signs with: the same keys from a single AssumeRole.
    const keys = await Promise.all(
      clients.map(async (c) => (await (c.config.credentials as () => Promise<{ accessKeyId: string }>)()).accessKeyId),
    );
    expect(keys).toEqual(['ASIA1', 'ASIA1', 'ASIA1']);
    expect(assumed).toEqual(['cloudops-req-9']);
  });

  it('keeps role session names within what STS allows', () => {
    expect(sessionName('req-0a1b')).toBe('cloudops-req-0a1b');
    expect(sessionName(undefined)).toBe('cloudops-scan');
    expect(sessionName('weird id/with spaces')).toBe('cloudops-weird-id-with-spaces');
    expect(sessionName('x'.repeat(100))).toHaveLength(64);
  });

  it('refuses an account that is not configured, with what to do', () => {
    expect(() => awsProvider().ec2({ account: '999999999999', region: REGION })).toThrow(
      /account 999999999999 is not in the bot's config \(aws.accounts\)/,
    );
  });

  it('maps SDK exceptions to CloudError with the AWS code, service, operation and request id', async () => {
    ec2
      .on(StopInstancesCommand)
      .rejects(awsError('IncorrectInstanceState', "The instance 'i-0123456789abcdef0' is not in a state from which it can be stopped."));
    rds.on(DescribeDBInstancesCommand).rejects(awsError('DBInstanceNotFoundFault', 'DBInstance nope not found.'));
    const p = awsProvider();
    const e1 = await p
      .ec2({ account: ACCOUNT, region: REGION })
      .stopInstances({ InstanceIds: ['i-0123456789abcdef0'] })
      .catch((e) => e);
    expect(e1).toBeInstanceOf(CloudError);
    expect(e1).toMatchObject({
      code: 'IncorrectInstanceState',
      details: { service: 'ec2', operation: 'stopInstances', requestId: 'aws-req-err' },
    });
    const e2 = await p
      .rds({ account: ACCOUNT, region: REGION })
      .describeDBInstances({ DBInstanceIdentifier: 'nope' })
      .catch((e) => e);
    expect(e2).toMatchObject({ code: 'DBInstanceNotFound', details: { service: 'rds', operation: 'describeDBInstances' } });
  });

  describe('SDK waiters', () => {
    it('waits with waitUntilInstanceStopped: success once DescribeInstances says stopped', async () => {
      ec2.on(DescribeInstancesCommand).resolvesOnce(instance('stopping')).resolves(instance('stopped'));
      const out = await awsProvider().waitFor(
        { account: ACCOUNT, region: REGION },
        'instanceStopped',
        { InstanceIds: ['i-0123456789abcdef0'] },
        30,
      );
      expect(out).toEqual({ state: 'success' });
      expect(ec2.commandCalls(DescribeInstancesCommand).length).toBe(2);
      expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toEqual({ InstanceIds: ['i-0123456789abcdef0'] });
    });

    it("reports failure when the waiter's failure state is reached (terminated while waiting to stop)", async () => {
      ec2.on(DescribeInstancesCommand).resolves(instance('terminated'));
      const out = await awsProvider().waitFor(
        { account: ACCOUNT, region: REGION },
        'instanceStopped',
        { InstanceIds: ['i-0123456789abcdef0'] },
        30,
      );
      expect(out.state).toBe('failure');
    });

    it('reports a timeout when the waiter runs out of time', async () => {
      ec2.on(DescribeInstancesCommand).resolves(instance('stopping'));
      const p = new AwsProvider({ accounts: [{ id: ACCOUNT, regions: [REGION] }], waiterMinDelaySeconds: 0.01 });
      const out = await p.waitFor({ account: ACCOUNT, region: REGION }, 'instanceStopped', { InstanceIds: ['i-0123456789abcdef0'] }, 0.05);
      expect(out).toEqual({ state: 'timeout' });
    });
  });
});
