import {
  DescribeInstanceInformationCommand,
  GetAutomationExecutionCommand,
  GetCommandInvocationCommand,
  SendCommandCommand,
  SSMClient,
  StartAutomationExecutionCommand,
} from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { automationToken, runShellScript, startAutomation, tail } from '../../../src/execution/ssm';
import { actionContext, awsError, awsProvider, pollingOnly } from '../../helpers/aws';

const ssm = mockClient(SSMClient);
beforeEach(() => ssm.reset());

const ID = 'i-0123456789abcdef0';
const input = runShellScript.input.parse({ InstanceId: ID, commands: ["systemctl restart 'nginx'", "systemctl is-active 'nginx'"] });
const sent = { summary: '', requestIds: [], ids: ['cmd-1'] };

describe('ssm.runShellScript', () => {
  it('sends AWS-RunShellScript with the commands, an execution timeout and the request id as comment', async () => {
    ssm.on(SendCommandCommand).resolves({ Command: { CommandId: 'cmd-1' }, $metadata: { requestId: 'ssm-1' } });
    const out = await runShellScript.apply(actionContext(awsProvider()), input);
    expect(ssm.commandCalls(SendCommandCommand)[0].args[0].input).toEqual({
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: [ID],
      Parameters: { commands: ["systemctl restart 'nginx'", "systemctl is-active 'nginx'"], executionTimeout: ['600'] },
      Comment: 'cloudops req-0001',
      TimeoutSeconds: 600,
    });
    expect(out).toMatchObject({ ids: ['cmd-1'], requestIds: ['ssm-1'] });
  });

  it('"dry run": AWS has none; the agent must be registered and Online', async () => {
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: ID, PingStatus: 'Online' }] })
      .resolvesOnce({ InstanceInformationList: [{ InstanceId: ID, PingStatus: 'ConnectionLost' }] })
      .resolves({ InstanceInformationList: [] });
    const ctx = actionContext(awsProvider());
    expect(await runShellScript.dryRun(ctx, input)).toMatchObject({ supported: false, note: expect.stringContaining('Online') });
    expect(await runShellScript.dryRun(ctx, input)).toMatchObject({
      allowed: false,
      note: `the SSM agent on ${ID} is ConnectionLost; Run Command would not reach it`,
    });
    expect(await runShellScript.dryRun(ctx, input)).toMatchObject({ allowed: false, note: expect.stringContaining('not managed by SSM') });
    expect(ssm.commandCalls(DescribeInstanceInformationCommand)[0].args[0].input).toEqual({
      Filters: [{ Key: 'InstanceIds', Values: [ID] }],
    });
  });

  it('"dry run": another instance\'s agent being Online says nothing about this one', async () => {
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolves({ InstanceInformationList: [{ InstanceId: 'i-0fedcba9876543210', PingStatus: 'Online' }] });
    expect(await runShellScript.dryRun(actionContext(awsProvider()), input)).toMatchObject({
      allowed: false,
      note: expect.stringContaining('not managed by SSM'),
    });
  });

  it('polls the invocation to its end (tolerating InvocationDoesNotExist at first) and reports exit code and output tail', async () => {
    const output = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n');
    ssm
      .on(GetCommandInvocationCommand)
      .rejectsOnce(awsError('InvocationDoesNotExist', 'no invocation yet'))
      .resolvesOnce({ Status: 'InProgress' })
      .resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: output });
    const ctx = actionContext(pollingOnly(awsProvider()));
    const summary = await runShellScript.wait!(ctx, input, sent);
    expect(summary).toBe(`command finished on ${ID}: exit code 0; output:\n${tail(output)}`);
    expect(summary).toContain('line 30');
    expect(summary).not.toContain('line 15\n');
    expect(ctx.progressLines).toEqual([`command cmd-1 on ${ID}: now Pending`, `command cmd-1 on ${ID}: now InProgress`]);
    expect(ssm.commandCalls(GetCommandInvocationCommand)[0].args[0].input).toEqual({ CommandId: 'cmd-1', InstanceId: ID });
  });

  it('a failed command fails the step with its exit code and stderr', async () => {
    ssm.on(GetCommandInvocationCommand).resolves({
      Status: 'Failed',
      ResponseCode: 5,
      StandardOutputContent: '',
      StandardErrorContent: 'Failed to restart nginx.service: Unit nginx.service not found.',
    });
    await expect(runShellScript.wait!(actionContext(pollingOnly(awsProvider())), input, sent)).rejects.toThrow(
      `the command failed on ${ID}: exit code 5\nstderr:\nFailed to restart nginx.service: Unit nginx.service not found.`,
    );
  });

  it('uses waitUntilCommandExecuted on AWS, then reads the invocation for the report', async () => {
    ssm.on(GetCommandInvocationCommand).resolves({ Status: 'Success', ResponseCode: 0, StandardOutputContent: 'active' });
    expect(await runShellScript.wait!(actionContext(awsProvider()), input, sent)).toBe(
      `command finished on ${ID}: exit code 0; output:\nactive`,
    );
  });

  it('declares commands as a shell field', () => {
    expect(runShellScript.shell).toEqual(['commands']);
  });
});

describe('ssm.startAutomation', () => {
  it('derives a UUID-shaped client token from the request, so a retry never starts it twice', async () => {
    ssm.on(StartAutomationExecutionCommand).resolves({ AutomationExecutionId: 'auto-1', $metadata: { requestId: 'a' } });
    const ctx = actionContext(awsProvider());
    const auto = startAutomation.input.parse({ DocumentName: 'AWS-RestartEC2Instance', Parameters: { InstanceId: ID } });
    await startAutomation.apply(ctx, auto);
    await startAutomation.apply(ctx, auto);
    const [first, second] = ssm.commandCalls(StartAutomationExecutionCommand).map((c) => c.args[0].input);
    expect(first).toEqual({
      DocumentName: 'AWS-RestartEC2Instance',
      Parameters: { InstanceId: [ID] },
      ClientToken: automationToken('req-0001', 'AWS-RestartEC2Instance', { InstanceId: [ID] }),
    });
    expect(first.ClientToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(second.ClientToken).toBe(first.ClientToken);
    expect(automationToken('req-0002', 'AWS-RestartEC2Instance', { InstanceId: [ID] })).not.toBe(first.ClientToken);
  });

  it('polls the execution to its end and reports failures with AWS reason', async () => {
    ssm
      .on(GetAutomationExecutionCommand)
      .resolvesOnce({ AutomationExecution: { AutomationExecutionStatus: 'InProgress' } })
      .resolves({ AutomationExecution: { AutomationExecutionStatus: 'Success' } });
    const ctx = actionContext(awsProvider());
    const auto = startAutomation.input.parse({ DocumentName: 'AWS-RestartEC2Instance' });
    expect(await startAutomation.wait!(ctx, auto, { summary: '', requestIds: [], ids: ['auto-1'] })).toBe(
      'automation AWS-RestartEC2Instance (auto-1) ended Success',
    );
    ssm.reset();
    ssm
      .on(GetAutomationExecutionCommand)
      .resolves({ AutomationExecution: { AutomationExecutionStatus: 'Failed', FailureMessage: 'Step stopInstances failed' } });
    await expect(startAutomation.wait!(ctx, auto, { summary: '', requestIds: [], ids: ['auto-2'] })).rejects.toThrow(
      'automation auto-2 ended Failed: Step stopInstances failed',
    );
    expect((await startAutomation.dryRun(ctx, auto)).supported).toBe(false);
  });
});
