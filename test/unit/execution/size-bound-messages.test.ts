import { builtinActions } from '../../../src/execution';

// QA issue 15: "scale the web-asg to 99999" was refused with zod's default "Too big: expected number to be
// <=10000": what went wrong, in a library's words, and nothing about what to do.
describe('a size above what the bot sends says so, and what to ask instead', () => {
  const message = (action: string, input: Record<string, unknown>) => {
    const r = builtinActions().get(action)!.input.safeParse(input);
    return r.success ? 'accepted' : r.error.issues.map((i) => i.message).join('; ');
  };

  it.each([
    [
      'autoscaling.setDesiredCapacity',
      { AutoScalingGroupName: 'web-asg', DesiredCapacity: 99999 },
      /more than 10000 instances.*between its min and max/,
    ],
    [
      'eks.updateNodegroupConfig',
      { clusterName: 'acme-prod', nodegroupName: 'prod-web', desiredSize: 99999 },
      /more than 10000 nodes.*between its min and max/,
    ],
    [
      'lambda.putFunctionConcurrency',
      { FunctionName: 'payments-webhook', ReservedConcurrentExecutions: 99999 },
      /more than 10000.*smaller reserved concurrency/,
    ],
  ])('%s', (action, input, expected) => {
    const m = message(action, input);
    expect(m).toMatch(expected);
    expect(m).not.toContain('Too big');
  });
});
