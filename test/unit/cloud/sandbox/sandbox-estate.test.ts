import { isCloudError, parseEstate, SandboxProvider } from '../../../../src/cloud';

const ESTATE = `
name: unit
accounts:
  - id: "111111111111"
    alias: prod
    regions:
      us-west-2:
        ec2Instances:
          - InstanceId: i-0000000000000000a
            State: { Name: running }
            Tags: [{ Key: Name, Value: app-1 }]
            BlockDeviceMappings: [{ DeviceName: /dev/xvda, Ebs: { VolumeId: vol-0a } }]
          - InstanceId: i-0000000000000000b
            State: { Name: stopped }
            DisableApiTermination: true
        ebsVolumes:
          - { VolumeId: vol-0a, Size: 8, Attachments: [{ InstanceId: i-0000000000000000a }] }
        rdsInstances:
          - { DBInstanceIdentifier: db-1, DBInstanceStatus: available, Engine: postgres }
          - { DBInstanceIdentifier: db-2, DBInstanceStatus: available, ReadReplicaDBInstanceIdentifiers: [db-2-replica] }
`;

async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isCloudError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected the call to fail');
}

describe('sandbox estate', () => {
  const target = { account: '111111111111', region: 'us-west-2' };

  it('answers dry runs like EC2 and changes nothing', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE));
    expect(await rejection(sb.ec2(target).stopInstances({ InstanceIds: ['i-0000000000000000a'], DryRun: true }))).toMatchObject({
      code: 'DryRunOperation',
    });
    const out = await sb.ec2(target).describeInstances({ InstanceIds: ['i-0000000000000000a'] });
    expect(out.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('running');
  });

  it('stops through the transitional state, as AWS does', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE));
    const res = await sb.ec2(target).stopInstances({ InstanceIds: ['i-0000000000000000a'] });
    expect(res.StoppingInstances?.[0]).toMatchObject({ PreviousState: { Name: 'running' }, CurrentState: { Name: 'stopping' } });
    expect(res.$metadata?.requestId).toMatch(/^sandbox-/);
    const out = await sb.ec2(target).describeInstances({ InstanceIds: ['i-0000000000000000a'] });
    expect(out.Reservations?.[0]?.Instances?.[0]?.State?.Name).toBe('stopped');
  });

  it('refuses what AWS refuses, with AWS error codes', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE));
    expect(await rejection(sb.ec2(target).stopInstances({ InstanceIds: ['i-0000000000000dead'] }))).toMatchObject({
      code: 'InvalidInstanceID.NotFound',
    });
    expect(await rejection(sb.ec2(target).rebootInstances({ InstanceIds: ['i-0000000000000000b'] }))).toMatchObject({
      code: 'IncorrectInstanceState',
    });
    expect(await rejection(sb.ec2(target).terminateInstances({ InstanceIds: ['i-0000000000000000b'] }))).toMatchObject({
      code: 'OperationNotPermitted',
    });
    expect(await rejection(sb.rds(target).stopDBInstance({ DBInstanceIdentifier: 'db-2' }))).toMatchObject({
      code: 'InvalidDBInstanceState',
    });
    expect(await rejection(sb.rds(target).startDBInstance({ DBInstanceIdentifier: 'db-1' }))).toMatchObject({
      code: 'InvalidDBInstanceState',
    });
    expect(await rejection(sb.rds(target).stopDBInstance({ DBInstanceIdentifier: 'nope' }))).toMatchObject({ code: 'DBInstanceNotFound' });
  });

  it('keeps DisableApiTermination out of the SDK-shaped DescribeInstances output', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE));
    const out = await sb.ec2(target).describeInstances({ InstanceIds: ['i-0000000000000000b'] });
    expect(out.Reservations?.[0]?.Instances?.[0]).not.toHaveProperty('DisableApiTermination');
    const attr = await sb.ec2(target).describeInstanceAttribute({ InstanceId: 'i-0000000000000000b', Attribute: 'disableApiTermination' });
    expect(attr.DisableApiTermination?.Value).toBe(true);
  });

  it('labels itself as a sandbox', () => {
    expect(new SandboxProvider(parseEstate(ESTATE)).label).toBe('SANDBOX estate unit (no real AWS calls)');
  });

  it.each([
    ['accounts: []\n', /accounts: an estate needs at least one account/],
    ['accounts:\n  - id: 12\n', /accounts.0.id: /],
    ['accounts:\n  - id: "111111111111"\n    regions:\n      mars-1: {}\n', /a region name like us-west-2/],
    ['accounts: [\n', /estate:\d+: /],
  ])('a broken estate is a clear error (%#)', (text, message) => {
    expect(() => parseEstate(text)).toThrow(message);
  });
});
