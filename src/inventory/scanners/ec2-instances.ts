import type { EC2 } from '../../cloud';
import type { Resource } from '../../core';
import { fromEc2Instance } from '../normalize';
import type { Scanner } from '../Scanner';

/**
 * EC2 DescribeInstances, 1000 per page. Terminated and shutting-down instances (AWS lists them for about
 * an hour) are returned too: the inventory keeps them apart as tombstones, so a request naming one is told
 * when it was terminated instead of "not found", and nothing acts on it or counts it.
 */
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
          if (!i.InstanceId) continue;
          out.push(fromEc2Instance(i, ctx.scope));
        }
      }
    }
    return out;
  },
};
