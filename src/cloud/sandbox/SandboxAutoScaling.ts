import { CloudError, type AutoScaling, type AutoScalingApi } from '../provider';
import type { SandboxState } from './SandboxState';

/**
 * EC2 Auto Scaling in the sandbox: groups from the estate. SetDesiredCapacity refuses a value outside
 * min..max with the group's own message, as AWS does; the group reaches the new size by the next describe.
 */
export class SandboxAutoScaling implements AutoScalingApi {
  private static readonly resizing = new WeakSet<AutoScaling.AutoScalingGroup>();

  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get groups(): AutoScaling.AutoScalingGroup[] {
    return this.state.region(this.account, this.region).autoScalingGroups;
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async describeAutoScalingGroups(input: AutoScaling.DescribeAutoScalingGroupsCommandInput) {
    const names = input.AutoScalingGroupNames;
    const all = this.groups.filter((g) => !names?.length || names.includes(g.AutoScalingGroupName!));
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const size = input.MaxRecords ?? 50;
    const page = all.slice(start, start + size);
    for (const g of page) if (SandboxAutoScaling.resizing.delete(g)) this.settle(g);
    for (const g of page) if ((g.Instances ?? []).length !== g.DesiredCapacity) SandboxAutoScaling.resizing.add(g);
    const next = start + size < all.length ? String(start + size) : undefined;
    return {
      AutoScalingGroups: page.map((g) => ({
        ...g,
        AutoScalingGroupARN:
          g.AutoScalingGroupARN ??
          `arn:aws:autoscaling:${this.region}:${this.account}:autoScalingGroup:` +
            `${this.state.uuid()}:autoScalingGroupName/${g.AutoScalingGroupName}`,
      })),
      ...(next ? { NextToken: next } : {}),
      ...this.meta(),
    };
  }

  /** Launch or terminate instances until the group has its desired capacity. */
  private settle(g: AutoScaling.AutoScalingGroup): void {
    const instances = [...(g.Instances ?? [])];
    const want = g.DesiredCapacity ?? 0;
    while (instances.length > want) instances.pop();
    while (instances.length < want) {
      instances.push({
        InstanceId: `i-0${this.state.nextHex(16)}`,
        LifecycleState: 'InService',
        HealthStatus: 'Healthy',
        AvailabilityZone: g.AvailabilityZones?.[instances.length % Math.max(1, g.AvailabilityZones.length)] ?? `${this.region}a`,
        ProtectedFromScaleIn: false,
      });
    }
    g.Instances = instances;
  }

  async setDesiredCapacity(input: AutoScaling.SetDesiredCapacityCommandInput) {
    const g = this.groups.find((x) => x.AutoScalingGroupName === input.AutoScalingGroupName);
    if (!g)
      throw new CloudError('ValidationError', `AutoScalingGroup name not found - null`, {
        service: 'autoscaling',
        operation: 'setDesiredCapacity',
      });
    const n = input.DesiredCapacity;
    if (n === undefined || !Number.isInteger(n) || n < 0)
      throw new CloudError('ValidationError', `DesiredCapacity must be a whole number of at least 0`, {
        service: 'autoscaling',
        operation: 'setDesiredCapacity',
      });
    if (n > (g.MaxSize ?? 0))
      throw new CloudError(
        'ValidationError',
        `New SetDesiredCapacity value ${n} is above max value ${g.MaxSize} for the AutoScalingGroup.`,
        { service: 'autoscaling', operation: 'setDesiredCapacity' },
      );
    if (n < (g.MinSize ?? 0))
      throw new CloudError(
        'ValidationError',
        `New SetDesiredCapacity value ${n} is below min value ${g.MinSize} for the AutoScalingGroup.`,
        { service: 'autoscaling', operation: 'setDesiredCapacity' },
      );
    g.DesiredCapacity = n;
    SandboxAutoScaling.resizing.add(g);
    return this.meta();
  }
}
