import type { SSM } from '../../cloud';
import type { Resource } from '../../core';
import { fromSsmInstance } from '../normalize';
import type { Scanner } from '../Scanner';

/**
 * SSM DescribeInstanceInformation, 50 per page (SSM's maximum): ping status, platform, agent version.
 * EC2 instances get these as facts when the inventory merges; on-premises (`mi-`) machines stay
 * resources of their own.
 */
export const ssmInstances: Scanner = {
  name: 'ssm-instances',
  description: 'SSM managed instances: agent ping status, platform, agent version (DescribeInstanceInformation)',
  permissions: ['ssm:DescribeInstanceInformation'],
  async scan(ctx) {
    const ssm = ctx.provider.ssm(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages((input: SSM.DescribeInstanceInformationCommandInput) => ssm.describeInstanceInformation(input), {
      MaxResults: 50,
    })) {
      for (const s of page.InstanceInformationList ?? []) if (s.InstanceId) out.push(fromSsmInstance(s, ctx.scope));
    }
    return out;
  },
};
