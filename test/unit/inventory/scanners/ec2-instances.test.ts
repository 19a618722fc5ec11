import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { ec2Instances, Inventory } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

const instance = (id: string, name: string, state = 'running'): Instance => ({
  InstanceId: id,
  InstanceType: 'm6i.large' as Instance['InstanceType'],
  State: { Name: state as 'running' },
  RootDeviceType: 'ebs' as const,
  Placement: { AvailabilityZone: 'us-west-2a' },
  Tags: [
    { Key: 'Name', Value: name },
    { Key: 'environment', Value: 'production' },
  ],
});

describe('EC2 instances scanner', () => {
  it('walks every page with NextToken; terminated instances come back as such (the inventory keeps them apart)', async () => {
    ec2
      .on(DescribeInstancesCommand, { MaxResults: 1000 })
      .resolves({ Reservations: [{ Instances: [instance('i-01', 'web-prod-1')] }], NextToken: 'page-2' });
    ec2
      .on(DescribeInstancesCommand, { MaxResults: 1000, NextToken: 'page-2' })
      .resolves({ Reservations: [{ Instances: [instance('i-02', 'web-prod-2'), instance('i-03', 'old-box', 'terminated')] }] });
    const report = await scanWith(ec2Instances, awsProvider(['us-west-2']));
    const u = unit(report, 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => `${r.name}:${r.state}`)).toEqual(['web-prod-1:running', 'web-prod-2:running', 'old-box:terminated']);
    const inventory = new Inventory();
    inventory.apply(report);
    expect(inventory.all().map((r) => r.name)).toEqual(['web-prod-1', 'web-prod-2']);
    expect(inventory.goneNamed('old-box')).toHaveLength(1);
    expect(u.resources[0]).toMatchObject({
      type: 'ec2-instance',
      id: 'i-01',
      account: '111111111111',
      accountAlias: 'production',
      region: 'us-west-2',
      state: 'running',
      tags: { environment: 'production' },
    });
    expect(u.resources[0].facts).toMatchObject({ instanceType: 'm6i.large', rootDeviceType: 'ebs' });
    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  it('reports a failing region with AWS error code, and still returns the other region', async () => {
    ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      return { Reservations: [{ Instances: [instance('i-01', 'web-prod-1')] }] };
    });
    const report = await scanWith(ec2Instances, awsProvider());
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true, scanner: 'ec2-instances' });
    expect(unit(report, 'eu-west-1')).toMatchObject({
      ok: false,
      scanner: 'ec2-instances',
      code: 'UnauthorizedOperation',
      error: expect.stringContaining("the bot's role lacks permission ec2:DescribeInstances"),
    });
  });

  it('retries a throttled page after a pause (EC2 says RequestLimitExceeded)', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.'))
      .resolves({ Reservations: [{ Instances: [instance('i-01', 'web-prod-1')] }] });
    const pauses: number[] = [];
    const report = await scanWith(ec2Instances, awsProvider(['us-west-2']), pauses);
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true, resources: [expect.objectContaining({ name: 'web-prod-1' })] });
    expect(pauses).toEqual([500]);
  });
});
