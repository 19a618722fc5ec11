import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstanceInformationCommand, SSMClient, type InstanceInformation } from '@aws-sdk/client-ssm';
import { ssmInstances } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const ssm = mockClient(SSMClient);
afterEach(() => ssm.reset());

const info = (id: string, ping = 'Online'): InstanceInformation => ({
  InstanceId: id,
  PingStatus: ping as 'Online',
  PlatformType: 'Linux' as const,
  PlatformName: 'Amazon Linux',
  AgentVersion: '3.3.987.0',
  ResourceType: id.startsWith('mi-') ? ('ManagedInstance' as const) : ('EC2Instance' as const),
  ComputerName: `${id}.internal`,
});

describe('SSM managed instances scanner', () => {
  it('walks 50-per-page results and keeps ping status, platform and agent version', async () => {
    ssm
      .on(DescribeInstanceInformationCommand, { MaxResults: 50 })
      .resolves({ InstanceInformationList: [info('i-01'), info('i-02', 'ConnectionLost')], NextToken: 'n2' });
    ssm
      .on(DescribeInstanceInformationCommand, { MaxResults: 50, NextToken: 'n2' })
      .resolves({ InstanceInformationList: [info('mi-0123456789abcdef0')] });
    const u = unit(await scanWith(ssmInstances, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => [r.id, r.state])).toEqual([
      ['i-01', 'Online'],
      ['i-02', 'ConnectionLost'],
      ['mi-0123456789abcdef0', 'Online'],
    ]);
    expect(u.resources[0].facts).toMatchObject({ ssmPingStatus: 'Online', ssmAgentVersion: '3.3.987.0', ssmPlatform: 'Amazon Linux' });
  });

  it('reports a failing region and still returns the other', async () => {
    ssm.on(DescribeInstanceInformationCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('UnrecognizedClientException', 'The security token included in the request is invalid.');
      return { InstanceInformationList: [info('i-01')] };
    });
    const report = await scanWith(ssmInstances, awsProvider());
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true });
    expect(unit(report, 'eu-west-1')).toMatchObject({ ok: false, code: 'UnrecognizedClientException' });
  });

  it('retries a throttled page', async () => {
    ssm
      .on(DescribeInstanceInformationCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded'))
      .resolves({ InstanceInformationList: [info('i-01')] });
    const pauses: number[] = [];
    expect(unit(await scanWith(ssmInstances, awsProvider(['us-west-2']), pauses), 'us-west-2')).toMatchObject({ ok: true });
    expect(pauses).toEqual([500]);
  });
});
