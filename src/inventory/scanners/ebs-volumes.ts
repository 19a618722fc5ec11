import type { EC2 } from '../../cloud';
import type { Resource } from '../../core';
import { fromEbsVolume } from '../normalize';
import type { Scanner } from '../Scanner';

/** EC2 DescribeVolumes, 500 per page. Deleted volumes are left out. */
export const ebsVolumes: Scanner = {
  name: 'ebs-volumes',
  description: 'EBS volumes (DescribeVolumes)',
  permissions: ['ec2:DescribeVolumes'],
  async scan(ctx) {
    const ec2 = ctx.provider.ec2(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages((input: EC2.DescribeVolumesCommandInput) => ec2.describeVolumes(input), { MaxResults: 500 })) {
      for (const v of page.Volumes ?? []) if (v.VolumeId && v.State !== 'deleted') out.push(fromEbsVolume(v, ctx.scope));
    }
    return out;
  },
};
