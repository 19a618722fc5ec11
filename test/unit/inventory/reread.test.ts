import { resolve } from 'node:path';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { SandboxProvider } from '../../../src/cloud';
import { Inventory, rereadResource } from '../../../src/inventory';
import { awsError, awsProvider } from '../../helpers/scan-aws';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('rereadResource', () => {
  it('reads termination protection, which DescribeInstances does not return, and the SSM agent state', async () => {
    const provider = SandboxProvider.fromFile(ESTATE);
    const inventory = await Inventory.scan(provider);
    const api1 = inventory.all('ec2-instance').find((r) => r.id === 'i-0d00000000000001d')!;
    expect(api1.facts.terminationProtection).toBeNull(); // unknown from the scan
    const fresh = await rereadResource(provider, api1);
    expect(fresh?.facts.terminationProtection).toBe(true);
    const web1 = await rereadResource(provider, inventory.all('ec2-instance').find((r) => r.name === 'web-prod-1')!);
    expect(web1?.facts).toMatchObject({ terminationProtection: false, ssmPingStatus: 'Online' });
  });

  describe('against AWS', () => {
    const ec2 = mockClient(EC2Client);
    const ssm = mockClient(SSMClient);
    afterEach(() => {
      ec2.reset();
      ssm.reset();
    });
    const cached = { type: 'ec2-instance' as const, id: 'i-0abc', name: 'web-prod-1', account: '111111111111', accountAlias: 'production', region: 'us-west-2', state: 'running', tags: { Name: 'web-prod-1' }, facts: { terminationProtection: true, ssmPingStatus: 'Online' } };

    it('an instance AWS no longer knows is gone', async () => {
      ec2.on(DescribeInstancesCommand).rejects(awsError('InvalidInstanceID.NotFound', "The instance ID 'i-0abc' does not exist"));
      expect(await rereadResource(awsProvider(['us-west-2']), cached)).toBeUndefined();
    });

    it('when only the extra calls are refused, the instance is still read and the cached facts are kept', async () => {
      ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0abc', State: { Name: 'stopped' }, Tags: [{ Key: 'Name', Value: 'web-prod-1' }] }] }] });
      ec2.on(DescribeInstanceAttributeCommand).rejects(awsError('UnauthorizedOperation', 'not authorized', 403));
      ssm.on(DescribeInstanceInformationCommand).rejects(awsError('AccessDeniedException', 'not authorized', 400));
      const fresh = await rereadResource(awsProvider(['us-west-2']), cached);
      expect(fresh).toMatchObject({ state: 'stopped', facts: { terminationProtection: true, ssmPingStatus: 'Online' } });
    });

    it('any other error is passed on (the caller must not act on a resource it could not read)', async () => {
      ec2.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
      await expect(rereadResource(awsProvider(['us-west-2']), cached)).rejects.toMatchObject({ code: 'UnauthorizedOperation' });
    });
  });
});
