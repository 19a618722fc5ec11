import { builtinActions } from '../../../src/execution';

// QA issue 15: Auto Scaling group names are any text up to 255 characters (AWS's XmlStringMaxLen255). The
// action refused names the scan found and the card showed ("web (prod)", "wéb-asg", "web,asg") with "must be
// an Auto Scaling group name", so a real group could be planned but never scaled.
describe('autoscaling.setDesiredCapacity group names', () => {
  const input = builtinActions().get('autoscaling.setDesiredCapacity')!.input;
  const ok = (name: string) => input.safeParse({ AutoScalingGroupName: name, DesiredCapacity: 2 }).success;

  it.each(['web-asg', 'web (prod)', 'wéb-asg', 'web,asg', 'awseb-e-abc123-stack-AWSEBAutoScalingGroup-1X2Y3Z', 'a'.repeat(255)])(
    'takes %s',
    (name) => expect(ok(name)).toBe(true),
  );

  it.each(['', 'a'.repeat(256), 'web\nasg', 'web\u0007asg'])('refuses %j', (name) => expect(ok(name)).toBe(false));
});
