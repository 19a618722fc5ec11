import { z } from 'zod';
import { CloudError, type AutoScaling } from '../cloud';
import { defineAction, waitForChange, type ActionContext } from './action';
import { requestIds } from './outcome';

// What AWS accepts (XmlStringMaxLen255: any Unicode text up to 255 characters), minus control characters:
// "web (prod)", "wéb-asg" and "web,asg" are real group names the scan finds, so they must be acted on too.
const groupName = z
  .string()
  .regex(/^[^\u0000-\u001f\u007f]{1,255}$/u, 'must be an Auto Scaling group name (1 to 255 characters, no control characters)');
const capacity = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
  z
    .number()
    .int()
    .min(0)
    .max(10_000, 'is more than 10000 instances, more than the bot sends; ask for a number between its min and max size'),
);

async function describe(ctx: ActionContext, name: string): Promise<AutoScaling.AutoScalingGroup | undefined> {
  const got = await ctx.provider.service('autoscaling', ctx.target).describeAutoScalingGroups({ AutoScalingGroupNames: [name] });
  return got.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === name);
}

export const setDesiredCapacity = defineAction({
  name: 'autoscaling.setDesiredCapacity',
  description:
    "Set an Auto Scaling group's desired capacity, within its min and max (AWS refuses " +
    'anything outside them; the bot checks before approval), then wait until the group ' +
    'has that many instances in service.',
  input: z.object({ AutoScalingGroupName: groupName, DesiredCapacity: capacity }),
  permissions: ['autoscaling:DescribeAutoScalingGroups', 'autoscaling:SetDesiredCapacity'],
  async dryRun(ctx, input) {
    const g = await describe(ctx, input.AutoScalingGroupName);
    if (!g) return { supported: false, allowed: false, note: `${input.AutoScalingGroupName} was not found` };
    const n = input.DesiredCapacity;
    if (n > (g.MaxSize ?? 0))
      return {
        supported: false,
        allowed: false,
        note: `${n} is above ${g.AutoScalingGroupName}'s max size ${g.MaxSize}; raise the max first (min ${g.MinSize}, max ${g.MaxSize})`,
      };
    if (n < (g.MinSize ?? 0))
      return {
        supported: false,
        allowed: false,
        note: `${n} is below ${g.AutoScalingGroupName}'s min size ${g.MinSize} (min ${g.MinSize}, max ${g.MaxSize})`,
      };
    if (n === g.DesiredCapacity)
      return { supported: false, allowed: false, note: `${g.AutoScalingGroupName} already wants ${n} instances` };
    return {
      supported: false,
      note:
        `AWS has no dry run for Auto Scaling; the bot read ${g.AutoScalingGroupName}: ` +
        `desired ${g.DesiredCapacity}, min ${g.MinSize}, max ${g.MaxSize}`,
    };
  },
  async apply(ctx, input) {
    const before = await describe(ctx, input.AutoScalingGroupName);
    if (!before)
      throw new CloudError('ValidationError', `AutoScalingGroup name not found - ${input.AutoScalingGroupName}`, {
        service: 'autoscaling',
        operation: 'describeAutoScalingGroups',
      });
    const out = await ctx.provider.service('autoscaling', ctx.target).setDesiredCapacity({
      AutoScalingGroupName: input.AutoScalingGroupName,
      DesiredCapacity: input.DesiredCapacity,
      HonorCooldown: false,
    });
    return {
      summary: `set ${input.AutoScalingGroupName}'s desired capacity to ${input.DesiredCapacity} (was ${before.DesiredCapacity})`,
      requestIds: requestIds(out),
    };
  },
  async wait(ctx, input) {
    return waitForChange(ctx, {
      what: `${input.AutoScalingGroupName} to have ${input.DesiredCapacity} instances in service`,
      intervalMs: 15_000,
      observe: async () => {
        const g = await describe(ctx, input.AutoScalingGroupName);
        const inService = (g?.Instances ?? []).filter((i) => i.LifecycleState === 'InService').length;
        return {
          done: !!g && inService === input.DesiredCapacity && (g.Instances ?? []).length === input.DesiredCapacity,
          state: `${inService} in service`,
        };
      },
    });
  },
});

export const autoScalingActions = [setDesiredCapacity];
