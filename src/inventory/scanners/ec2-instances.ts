import type { EC2 } from '../../cloud';
import type { Resource } from '../../core/resource';
import { fromEc2Instance } from '../normalize';
import type { Scanner } from '../Scanner';

/** EC2 DescribeInstances, 1000 per page. Terminated instances are gone: they are left out. */
export const ec2Instances: Scanner = {
  name: 'ec2-instances',
  description: 'EC2 instances (DescribeInstances)',
  permissions: ['ec2:DescribeInstances'],
  async scan(ctx) {
    const ec2 = ctx.provider.ec2(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages((input: EC2.DescribeInstancesCommandInput) => ec2.describeInstances(input), { MaxResults: 1000 })) {
      for (const r of page.Reservations ?? []) {
        for (const i of r.Instances ?? []) {
          if (!i.InstanceId || i.State?.Name === 'terminated') continue;
          out.push(fromEc2Instance(i, ctx.scope));
        }
      }
    }
    return out;
  },
};
