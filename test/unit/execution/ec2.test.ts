import {
  CreateSnapshotsCommand,
  CreateTagsCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifyInstanceAttributeCommand,
  RebootInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinActions, StepRunner } from '../../../src/execution';
import {
  createSnapshots,
  createTags,
  instanceState,
  modifyInstanceType,
  rebootInstance,
  startInstance,
  stopInstance,
  terminateInstance,
} from '../../../src/execution/ec2';
import { actionContext, awsError, awsProvider, oneStep, pollingOnly, resource } from '../../helpers/aws';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const ID = 'i-0123456789abcdef0';
const described = (state: string, type = 'm5.large') => ({
  Reservations: [{ Instances: [{ InstanceId: ID, InstanceType: type as 'm5.large', State: { Name: state as 'running' } }] }],
});
const dryRunOk = awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
const denied = (op: string) =>
  awsError(
    'UnauthorizedOperation',
    `You are not authorized to perform this operation. User: ` +
      `arn:aws:sts::111111111111:assumed-role/cloudops/cloudops-req-0001 is not authorized ` +
      `to perform: ec2:${op} on resource: arn:aws:ec2:us-west-2:111111111111:instance/${ID}` +
      ` because no identity-based policy allows the ec2:${op} action. Encoded ` +
      `authorization failure message: AbCdEf0123`,
  );

/** Run one action as a playbook step through the StepRunner, on the mocked EC2. */
async function run(action: string, withInput: Record<string, unknown>, provider = awsProvider()) {
  const progress: string[] = [];
  const audit = { record: jest.fn(async () => undefined) };
  const runner = new StepRunner({ provider, registry: builtinActions(), audit, sleep: async () => {} });
  const result = await runner.execute(
    oneStep(action, withInput),
    { instance: resource('ec2-instance', ID) },
    { requestId: 'req-0001', onProgress: (t) => void progress.push(t) },
  );
  return { result, progress, audit };
}

const simple = [
  {
    def: stopInstance,
    Command: StopInstancesCommand,
    op: 'StopInstances',
    after: 'stopped',
    key: 'StoppingInstances',
    from: 'running',
    to: 'stopping',
    waiter: 'instanceStopped',
  },
  {
    def: startInstance,
    Command: StartInstancesCommand,
    op: 'StartInstances',
    after: 'running',
    key: 'StartingInstances',
    from: 'stopped',
    to: 'pending',
    waiter: 'instanceRunning',
  },
  {
    def: rebootInstance,
    Command: RebootInstancesCommand,
    op: 'RebootInstances',
    after: 'running',
    key: undefined,
    from: 'running',
    to: 'running',
    waiter: 'instanceRunning',
  },
  {
    def: terminateInstance,
    Command: TerminateInstancesCommand,
    op: 'TerminateInstances',
    after: 'terminated',
    key: 'TerminatingInstances',
    from: 'running',
    to: 'shutting-down',
    waiter: 'instanceTerminated',
  },
] as const;

describe.each(simple)('$def.name', ({ def, Command, op, after, key, from, to }) => {
  beforeEach(() => {
    ec2.on(DescribeInstanceAttributeCommand).resolves({ InstanceId: ID, DisableApiTermination: { Value: false } });
  });

  it(`sends ${op} with the instance id and reports the state change`, async () => {
    ec2.on(Command).resolves({
      ...(key ? { [key]: [{ InstanceId: ID, PreviousState: { Name: from }, CurrentState: { Name: to } }] } : {}),
      $metadata: { requestId: 'aws-77' },
    } as never);
    const out = await def.apply(actionContext(awsProvider()), { InstanceId: ID });
    expect(ec2.commandCalls(Command)).toHaveLength(1);
    expect(ec2.commandCalls(Command)[0].args[0].input).toEqual({ InstanceIds: [ID] });
    expect(out.requestIds).toEqual(['aws-77']);
    expect(out.summary).toContain(ID);
  });

  it('dry run: DryRunOperation means allowed', async () => {
    ec2.on(Command).rejects(dryRunOk);
    const dry = await def.dryRun(actionContext(awsProvider()), { InstanceId: ID });
    expect(dry).toMatchObject({ supported: true, allowed: true });
    expect(ec2.commandCalls(Command)[0].args[0].input).toMatchObject({ InstanceIds: [ID], DryRun: true });
  });

  it('dry run: UnauthorizedOperation means the bot lacks the permission, named', async () => {
    ec2.on(Command).rejects(denied(op));
    const dry = await def.dryRun(actionContext(awsProvider()), { InstanceId: ID });
    expect(dry.allowed).toBe(false);
    expect(dry.note).toContain(`ec2:${op}`);
    expect(dry.note).not.toContain('Encoded authorization');
  });

  it(`waits with the SDK waiter until the instance is ${after}`, async () => {
    ec2.on(DescribeInstancesCommand).resolvesOnce(described(to)).resolves(described(after));
    const ctx = actionContext(awsProvider());
    const summary = await def.wait!(ctx, { InstanceId: ID }, { summary: '', requestIds: [] });
    expect(summary).toContain(after);
    expect(ec2.commandCalls(DescribeInstancesCommand)[0].args[0].input).toEqual({ InstanceIds: [ID] });
  });

  it(`without a waiter, polls with the injected clock and reports each new state`, async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described(to === after ? 'pending' : to))
      .resolvesOnce(described(to === after ? 'pending' : to))
      .resolves(described(after));
    const ctx = actionContext(pollingOnly(awsProvider()));
    const summary = await def.wait!(ctx, { InstanceId: ID }, { summary: '', requestIds: [] });
    expect(summary).toBe(`${ID} ${def.name === 'ec2.rebootInstance' ? 'rebooted and is' : 'is'} ${after}`);
    expect(ctx.sleeps).toEqual([5000, 5000]);
    expect(ctx.progressLines).toHaveLength(1);
  });

  it('gives up after the playbook timeout, saying the change may still complete', async () => {
    ec2.on(DescribeInstancesCommand).resolves(described(to === after ? 'pending' : to));
    const ctx = actionContext(pollingOnly(awsProvider()), { timeoutMs: 60_000 });
    await expect(def.wait!(ctx, { InstanceId: ID }, { summary: '', requestIds: [] })).rejects.toThrow(
      /gave up waiting for .* after 60s; the change was sent to AWS and may still complete/,
    );
    expect(ctx.clock.now().getTime() - new Date('2026-11-22T09:00:00Z').getTime()).toBeLessThanOrEqual(60_000);
  });

  it('IncorrectInstanceState becomes a sentence that says what to do', async () => {
    ec2.on(Command).rejects(awsError('IncorrectInstanceState', `The instance '${ID}' is not in a state from which it can be ${after}.`));
    const { result } = await run(def.name, { InstanceId: '{{instance.id}}' });
    expect(result.ok).toBe(false);
    expect(result.steps[0].error).toMatch(
      /^The instance is not in a state that allows this: .* Check its state \(`find`\) and ask again\.$/,
    );
  });

  it('InvalidInstanceID.NotFound says the resource is gone and to rescan', async () => {
    ec2.on(Command).rejects(awsError('InvalidInstanceID.NotFound', `The instance ID '${ID}' does not exist`));
    const { result } = await run(def.name, { InstanceId: '{{instance.id}}' });
    expect(result.steps[0].error).toMatch(/AWS does not know this resource \(any more\).*run a scan and ask again/);
  });

  it('a denied dry run stops the step before the real call', async () => {
    ec2.on(Command).rejects(denied(op));
    const { result } = await run(def.name, { InstanceId: '{{instance.id}}' });
    expect(result.steps[0].error).toContain(`refused before changing anything: AWS dry run: the bot lacks permission ec2:${op}`);
    expect(ec2.commandCalls(Command).every((c) => c.args[0].input.DryRun === true)).toBe(true);
  });

  it('expired credentials become a sentence', async () => {
    ec2.on(Command).rejects(awsError('RequestExpired', 'Request has expired.'));
    const { result } = await run(def.name, { InstanceId: '{{instance.id}}' });
    expect(result.steps[0].error).toMatch(/credentials have expired\. Renew them/);
  });
});

describe('full stop through the step runner', () => {
  it('dry run, apply, wait; progress to the thread; AWS request ids to the audit trail', async () => {
    ec2.on(StopInstancesCommand).callsFake(async (input) => {
      if (input.DryRun) throw dryRunOk;
      return {
        StoppingInstances: [{ InstanceId: ID, PreviousState: { Name: 'running' }, CurrentState: { Name: 'stopping' } }],
        $metadata: { requestId: 'aws-stop-1' },
      };
    });
    ec2.on(DescribeInstancesCommand).resolves(described('stopped'));
    const { result, progress, audit } = await run('ec2.stopInstance', { InstanceId: '{{instance.id}}' });
    expect(result).toMatchObject({ ok: true, steps: [{ ok: true, summary: `${ID} is stopped`, awsRequestIds: ['aws-stop-1'] }] });
    expect(progress[0]).toBe('Step 1/1 (ec2.stopInstance): AWS dry run: the request would succeed.');
    expect(progress.at(-1)).toBe(`Step 1/1 (ec2.stopInstance): done. ${ID} is stopped`);
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'aws-call', data: expect.objectContaining({ awsRequestIds: ['aws-stop-1'] }) }),
    );
  });
});

describe('ec2.terminateInstance and termination protection', () => {
  it('refuses in the dry run when termination protection is on, and never calls TerminateInstances', async () => {
    ec2
      .on(DescribeInstanceAttributeCommand, { InstanceId: ID, Attribute: 'disableApiTermination' })
      .resolves({ InstanceId: ID, DisableApiTermination: { Value: true } });
    const { result } = await run('ec2.terminateInstance', { InstanceId: '{{instance.id}}' });
    expect(result.steps[0].error).toContain('has termination protection on; the bot will not terminate it');
    expect(ec2.commandCalls(TerminateInstancesCommand)).toHaveLength(0);
  });

  it('OperationNotPermitted from AWS (protection turned on after the plan) is explained', async () => {
    ec2.on(DescribeInstanceAttributeCommand).resolves({ DisableApiTermination: { Value: false } });
    ec2.on(TerminateInstancesCommand).callsFake(async (input) => {
      if (input.DryRun) throw dryRunOk;
      throw awsError(
        'OperationNotPermitted',
        `The instance '${ID}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
      );
    });
    const { result } = await run('ec2.terminateInstance', { InstanceId: '{{instance.id}}' });
    expect(result.steps[0].error).toMatch(/^AWS did not permit it: .*disableApiTermination/);
  });
});

describe('ec2.modifyInstanceType', () => {
  const ctxInput = { InstanceId: ID, InstanceType: 'm5.xlarge' };

  it('refuses instance types that do not match the pattern before any call', async () => {
    for (const bad of ['m5.xlarge; reboot', 'M5.XLARGE', 'm5', 'm5.huge', '$(id).large']) {
      expect(modifyInstanceType.input.safeParse({ InstanceId: ID, InstanceType: bad }).success).toBe(false);
    }
    for (const good of ['m5.xlarge', 'r6g.2xlarge', 't3a.micro', 'm7i-flex.large', 'c7i.metal-24xl', 'u-6tb1.metal']) {
      expect(modifyInstanceType.input.safeParse({ InstanceId: ID, InstanceType: good }).success).toBe(true);
    }
  });

  it('dry run: refuses when the type is already the requested one', async () => {
    ec2.on(DescribeInstancesCommand).resolves(described('running', 'm5.xlarge'));
    expect(await modifyInstanceType.dryRun(actionContext(awsProvider()), ctxInput)).toMatchObject({
      allowed: false,
      note: `${ID} is already m5.xlarge; nothing to change`,
    });
  });

  it('dry run: checks stop, modify and start permissions (state errors after permission checks count as permitted)', async () => {
    ec2.on(DescribeInstancesCommand).resolves(described('running'));
    ec2.on(StopInstancesCommand).rejects(dryRunOk);
    ec2.on(ModifyInstanceAttributeCommand).rejects(awsError('IncorrectInstanceState', 'not stopped'));
    ec2.on(StartInstancesCommand).rejects(denied('StartInstances'));
    const dry = await modifyInstanceType.dryRun(actionContext(awsProvider()), ctxInput);
    expect(dry).toMatchObject({ allowed: false });
    expect(dry.note).toContain('ec2:StartInstances');
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[0].args[0].input).toEqual({
      InstanceId: ID,
      InstanceType: { Value: 'm5.xlarge' },
      DryRun: true,
    });
  });

  it('stops a running instance, waits, modifies the type, starts it again, waits until running', async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described('running')) // before
      .resolvesOnce(described('stopping'))
      .resolvesOnce(described('stopped'))
      .resolvesOnce(described('pending', 'm5.xlarge'))
      .resolves(described('running', 'm5.xlarge'));
    ec2.on(StopInstancesCommand).resolves({ $metadata: { requestId: 'a1' } });
    ec2.on(ModifyInstanceAttributeCommand).resolves({ $metadata: { requestId: 'a2' } });
    ec2.on(StartInstancesCommand).resolves({ $metadata: { requestId: 'a3' } });
    const ctx = actionContext(pollingOnly(awsProvider()));
    const out = await modifyInstanceType.apply(ctx, ctxInput);
    expect(out.requestIds).toEqual(['a1', 'a2', 'a3']);
    expect(ec2.commandCalls(ModifyInstanceAttributeCommand)[0].args[0].input).toEqual({
      InstanceId: ID,
      InstanceType: { Value: 'm5.xlarge' },
    });
    const order = ec2
      .calls()
      .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name)
      .filter((n) => n !== 'DescribeInstancesCommand');
    expect(order).toEqual(['StopInstancesCommand', 'ModifyInstanceAttributeCommand', 'StartInstancesCommand']);
    expect(await modifyInstanceType.wait!(ctx, ctxInput, out)).toBe(`${ID} is m5.xlarge, running`);
  });

  it('leaves a stopped instance stopped', async () => {
    ec2.on(DescribeInstancesCommand).resolves(described('stopped'));
    ec2.on(ModifyInstanceAttributeCommand).resolves({});
    const out = await modifyInstanceType.apply(actionContext(awsProvider()), ctxInput);
    expect(ec2.commandCalls(StopInstancesCommand)).toHaveLength(0);
    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0);
    expect(out.summary).toContain('left stopped');
  });

  it('when AWS refuses the new type, starts the instance again with its old type and reports the error', async () => {
    ec2.on(DescribeInstancesCommand).resolvesOnce(described('running')).resolves(described('stopped'));
    ec2.on(StopInstancesCommand).resolves({});
    ec2
      .on(ModifyInstanceAttributeCommand)
      .rejects(
        awsError(
          'InvalidParameterValue',
          "The requested instance type's architecture (arm64) does not match the architecture in the manifest for ami-1 (x86_64).",
        ),
      );
    ec2.on(StartInstancesCommand).resolves({});
    const ctx = actionContext(awsProvider());
    await expect(modifyInstanceType.apply(ctx, { InstanceId: ID, InstanceType: 'm6g.large' })).rejects.toMatchObject({
      code: 'InvalidParameterValue',
    });
    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(1);
    expect(ctx.progressLines.at(-1)).toContain('was started again with its old type m5.large');
  });
});

describe('ec2.createSnapshots', () => {
  it('snapshots every volume at once, tagged with the request id, and waits for completion', async () => {
    ec2.on(CreateSnapshotsCommand).resolves({
      Snapshots: [
        { SnapshotId: 'snap-1', VolumeId: 'vol-1' },
        { SnapshotId: 'snap-2', VolumeId: 'vol-2' },
      ],
      $metadata: { requestId: 'aws-s' },
    });
    ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({
        Snapshots: [
          { SnapshotId: 'snap-1', State: 'completed' },
          { SnapshotId: 'snap-2', State: 'pending' },
        ],
      })
      .resolves({
        Snapshots: [
          { SnapshotId: 'snap-1', State: 'completed' },
          { SnapshotId: 'snap-2', State: 'completed' },
        ],
      });
    const ctx = actionContext(pollingOnly(awsProvider()));
    const out = await createSnapshots.apply(ctx, { InstanceId: ID, Description: 'before patching' });
    expect(ec2.commandCalls(CreateSnapshotsCommand)[0].args[0].input).toEqual({
      InstanceSpecification: { InstanceId: ID, ExcludeBootVolume: false },
      Description: 'before patching',
      CopyTagsFromSource: 'volume',
      TagSpecifications: [
        {
          ResourceType: 'snapshot',
          Tags: [
            { Key: 'created-by', Value: 'cloudops' },
            { Key: 'cloudops:request', Value: 'req-0001' },
          ],
        },
      ],
    });
    expect(out.ids).toEqual(['snap-1', 'snap-2']);
    expect(await createSnapshots.wait!(ctx, { InstanceId: ID, Description: 'x' }, out)).toBe('snapshots snap-1, snap-2 completed');
    expect(ctx.progressLines).toEqual(['2 snapshot(s) of i-0123456789abcdef0 to complete: now 1/2 completed']);
  });

  it('waits with waitUntilSnapshotCompleted on AWS', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', State: 'completed' }] });
    const summary = await createSnapshots.wait!(
      actionContext(awsProvider()),
      { InstanceId: ID, Description: 'x' },
      { summary: '', requestIds: [], ids: ['snap-1'] },
    );
    expect(summary).toBe('snapshots snap-1 completed');
    expect(ec2.commandCalls(DescribeSnapshotsCommand)[0].args[0].input).toEqual({ SnapshotIds: ['snap-1'] });
  });

  it('a snapshot in error fails the wait with the reason', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-1', State: 'error', StateMessage: 'volume is busy' }] });
    await expect(
      createSnapshots.wait!(
        actionContext(pollingOnly(awsProvider())),
        { InstanceId: ID, Description: 'x' },
        { summary: '', requestIds: [], ids: ['snap-1'] },
      ),
    ).rejects.toThrow('snapshot snap-1 failed: volume is busy');
  });

  it('dry run goes through CreateSnapshots DryRun', async () => {
    ec2.on(CreateSnapshotsCommand).rejects(denied('CreateSnapshots'));
    const dry = await createSnapshots.dryRun(actionContext(awsProvider()), { InstanceId: ID, Description: 'x' });
    expect(dry).toMatchObject({ allowed: false });
    expect(ec2.commandCalls(CreateSnapshotsCommand)[0].args[0].input.DryRun).toBe(true);
  });
});

describe('ec2.createTags', () => {
  it('turns the tag map into Key/Value pairs, dry-runs first, and takes effect at once', async () => {
    ec2.on(CreateTagsCommand).callsFake(async (input) => {
      if (input.DryRun) throw dryRunOk;
      return { $metadata: { requestId: 't1' } };
    });
    const input = createTags.input.parse({ Resources: [ID], Tags: { owner: 'alice', team: 'data' } });
    expect(await createTags.dryRun(actionContext(awsProvider()), input)).toMatchObject({ allowed: true });
    const out = await createTags.apply(actionContext(awsProvider()), input);
    expect(ec2.commandCalls(CreateTagsCommand)[1].args[0].input).toEqual({
      Resources: [ID],
      Tags: [
        { Key: 'owner', Value: 'alice' },
        { Key: 'team', Value: 'data' },
      ],
    });
    expect(out.summary).toBe(`tagged ${ID} with owner=alice, team=data`);
    expect(createTags.immediate).toBe(true);
  });
});

describe('reading an instance while acting', () => {
  it("an answer about another instance is not this one: its state is never taken for this one's", async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-0fedcba9876543210', State: { Name: 'stopped' } }] }] });
    expect(await instanceState(actionContext(awsProvider()), ID)).toBeUndefined();
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [
        { Instances: [{ InstanceId: 'i-0fedcba9876543210', State: { Name: 'stopped' } }] },
        { Instances: [{ InstanceId: ID, State: { Name: 'running' } }] },
      ],
    });
    expect(await instanceState(actionContext(awsProvider()), ID)).toBe('running');
  });
});
