import { mockClient } from 'aws-sdk-client-mock';
import { DescribeVolumesCommand, EC2Client, type Volume } from '@aws-sdk/client-ec2';
import { ebsVolumes } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const ec2 = mockClient(EC2Client);
afterEach(() => ec2.reset());

const volume = (id: string, name: string | undefined, state = 'in-use', instance?: string): Volume => ({
  VolumeId: id,
  Size: 100,
  VolumeType: 'gp3' as const,
  State: state as Volume['State'],
  Encrypted: true,
  Attachments: instance ? [{ InstanceId: instance, VolumeId: id }] : [],
  Tags: name ? [{ Key: 'Name', Value: name }] : [],
});

describe('EBS volumes scanner', () => {
  it('walks every page and keeps attachment and size facts; deleted volumes are gone', async () => {
    ec2
      .on(DescribeVolumesCommand, { MaxResults: 500 })
      .resolves({ Volumes: [volume('vol-0aaa1111', 'kafka-broker-1-data', 'in-use', 'i-01')], NextToken: 'n2' });
    ec2
      .on(DescribeVolumesCommand, { MaxResults: 500, NextToken: 'n2' })
      .resolves({ Volumes: [volume('vol-0bbb2222', undefined, 'available'), volume('vol-0ccc3333', 'gone', 'deleted')] });
    const u = unit(await scanWith(ebsVolumes, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => [r.name, r.state])).toEqual([
      ['kafka-broker-1-data', 'in-use'],
      ['vol-0bbb2222', 'available'],
    ]);
    expect(u.resources[0]).toMatchObject({
      type: 'ebs-volume',
      arn: 'arn:aws:ec2:us-west-2:111111111111:volume/vol-0aaa1111',
      facts: { size: 100, attachedTo: ['i-01'], volumeType: 'gp3' },
    });
  });

  it('reports a failing region and still returns the other', async () => {
    ec2.on(DescribeVolumesCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
      return { Volumes: [volume('vol-0aaa1111', 'data')] };
    });
    const report = await scanWith(ebsVolumes, awsProvider());
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true });
    expect(unit(report, 'eu-west-1')).toMatchObject({ ok: false, code: 'AuthFailure' });
  });

  it('gives up on a page AWS keeps throttling, and says so', async () => {
    ec2.on(DescribeVolumesCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.'));
    const pauses: number[] = [];
    const u = unit(await scanWith(ebsVolumes, awsProvider(['us-west-2']), pauses), 'us-west-2');
    expect(u).toMatchObject({
      ok: false,
      code: 'RequestLimitExceeded',
      error: expect.stringContaining('AWS kept throttling the scan (RequestLimitExceeded) after 4 tries'),
    });
    expect(pauses).toEqual([500, 1000, 2000]);
  });
});
