import { CloudError, type SSM, type SsmApi } from '../provider';
import type { SandboxState } from './SandboxState';

/**
 * SSM Run Command and Automation: commands are recorded (never executed: there is no machine behind a
 * sandbox instance) and finish on the next poll, so the polling path runs as it does against AWS.
 */
export class SandboxSsm implements SsmApi {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  private managed(id: string): SSM.InstanceInformation {
    const info = this.state.lookup(this.state.region(this.account, this.region).ssmInstances, 'InstanceId', id);
    if (!info)
      throw new CloudError('InvalidInstanceId', `Instance ${id} is not a managed instance, or its SSM agent is not registered.`, {
        service: 'ssm',
      });
    if (info.PingStatus !== 'Online')
      throw new CloudError('InvalidInstanceId', `The SSM agent on ${id} is ${info.PingStatus ?? 'not online'}.`, { service: 'ssm' });
    return info;
  }

  async describeInstanceInformation(input: SSM.DescribeInstanceInformationCommandInput) {
    let list = this.state.region(this.account, this.region).ssmInstances;
    for (const f of input.Filters ?? []) {
      if (f.Key !== 'InstanceIds') continue;
      const all = list;
      list = (f.Values ?? []).map((id) => this.state.lookup(all, 'InstanceId', id)).filter((i): i is SSM.InstanceInformation => !!i);
    }
    return { InstanceInformationList: structuredClone(list), ...this.meta() };
  }

  async sendCommand(input: SSM.SendCommandCommandInput) {
    const ids = input.InstanceIds ?? [];
    ids.forEach((id) => this.managed(id));
    const CommandId = this.state.uuid();
    this.state.commands.set(CommandId, { input, polls: 0 });
    return { Command: { CommandId, DocumentName: input.DocumentName, InstanceIds: ids, Status: 'Pending' as const }, ...this.meta() };
  }

  async getCommandInvocation(input: SSM.GetCommandInvocationCommandInput) {
    const cmd = this.state.commands.get(input.CommandId ?? '');
    if (!cmd) throw new CloudError('InvocationDoesNotExist', `Command ${input.CommandId} does not exist.`, { service: 'ssm' });
    cmd.polls += 1;
    const done = cmd.polls > 1;
    const lines = (cmd.input.Parameters?.commands ?? []).map((c) => `[sandbox] would run: ${c}`);
    return {
      CommandId: input.CommandId,
      InstanceId: input.InstanceId,
      Status: done ? ('Success' as const) : ('InProgress' as const),
      ResponseCode: done ? 0 : -1,
      StandardOutputContent: done ? lines.join('\n') : '',
      StandardErrorContent: '',
      ...this.meta(),
    };
  }

  async startAutomationExecution(input: SSM.StartAutomationExecutionCommandInput) {
    // As in AWS: the same client token with the same request returns the execution it already started;
    // with a different request it is refused.
    const existing = [...this.state.automations.entries()].find(
      ([, a]) => input.ClientToken && a.input.ClientToken?.toLowerCase() === input.ClientToken.toLowerCase(),
    );
    if (existing) {
      const same =
        existing[1].input.DocumentName === input.DocumentName &&
        JSON.stringify(existing[1].input.Parameters ?? {}) === JSON.stringify(input.Parameters ?? {});
      if (!same)
        throw new CloudError(
          'IdempotentParameterMismatch',
          `Client token ${input.ClientToken} was already used for a different automation (${existing[0]}).`,
          { service: 'ssm' },
        );
      return { AutomationExecutionId: existing[0], ...this.meta() };
    }
    const id = this.state.uuid();
    this.state.automations.set(id, { input, polls: 0 });
    return { AutomationExecutionId: id, ...this.meta() };
  }

  async getAutomationExecution(input: SSM.GetAutomationExecutionCommandInput) {
    const a = this.state.automations.get(input.AutomationExecutionId ?? '');
    if (!a)
      throw new CloudError('AutomationExecutionNotFoundException', `Automation ${input.AutomationExecutionId} not found.`, {
        service: 'ssm',
      });
    a.polls += 1;
    const status = a.polls > 1 ? 'Success' : 'InProgress';
    return {
      AutomationExecution: {
        AutomationExecutionId: input.AutomationExecutionId,
        DocumentName: a.input.DocumentName,
        AutomationExecutionStatus: status as SSM.AutomationExecutionStatus,
      },
      ...this.meta(),
    };
  }
}
