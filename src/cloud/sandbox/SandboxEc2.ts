import { CloudError, type EC2, type Ec2Api } from '../provider';
import type { SandboxState } from './SandboxState';

/**
 * Instance fields the sandbox keeps beside the SDK's Instance shape (AWS returns them from other calls).
 * `SandboxStatusCheck`: what its status checks report once it runs (default ok); `impaired` makes the
 * health gate of a rolling run fail on it, for tests and demos.
 */
export type SandboxInstance = EC2.Instance & { DisableApiTermination?: boolean; SandboxStatusCheck?: 'ok' | 'impaired' | 'initializing' };

const SETTLE: Record<string, string> = { stopping: 'stopped', pending: 'running', 'shutting-down': 'terminated' };
const CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

/** EC2's StateTransitionReason time: `2026-11-22 09:00:00 GMT`. */
function gmt(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} GMT`;
}

function setState(i: EC2.Instance, name: string): void {
  i.State = { Name: name as EC2.InstanceStateName, Code: CODES[name] };
}

/** EC2 as AWS behaves for the calls the bot makes: dry runs, state rules, transitional states. */
export class SandboxEc2 implements Ec2Api {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get instances(): SandboxInstance[] {
    return this.state.region(this.account, this.region).ec2Instances as SandboxInstance[];
  }

  private find(ids: string[] | undefined): SandboxInstance[] {
    if (!ids?.length) throw new CloudError('MissingParameter', 'The request must contain the parameter InstanceIds.');
    return ids.map((id) => {
      const found = this.state.lookup(this.instances, 'InstanceId', id);
      if (!found) throw new CloudError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`, { service: 'ec2' });
      return found;
    });
  }

  private dryRun(flag: boolean | undefined): void {
    if (flag) throw new CloudError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { service: 'ec2' });
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async describeInstances(input: EC2.DescribeInstancesCommandInput) {
    let list = input.InstanceIds?.length ? this.find(input.InstanceIds) : this.instances;
    for (const i of list) {
      const next = SETTLE[i.State?.Name ?? ''];
      if (next) setState(i, next);
    }
    for (const f of input.Filters ?? []) {
      if (f.Name === 'instance-state-name') list = list.filter((i) => f.Values?.includes(i.State?.Name ?? ''));
      else if (f.Name?.startsWith('tag:')) {
        const key = f.Name.slice(4);
        list = list.filter((i) => i.Tags?.some((t) => t.Key === key && f.Values?.includes(t.Value ?? '')));
      }
    }
    const Instances = list.map((i) => {
      const { DisableApiTermination: _omit, ...sdk } = i;
      return structuredClone(sdk);
    });
    return { Reservations: Instances.length ? [{ Instances }] : [], ...this.meta() };
  }

  async describeVolumes(input: EC2.DescribeVolumesCommandInput) {
    const all = this.state.region(this.account, this.region).ebsVolumes;
    let Volumes = input.VolumeIds?.length
      ? input.VolumeIds.map((id) => this.state.lookup(all, 'VolumeId', id)).filter((v): v is EC2.Volume => !!v)
      : all;
    for (const f of input.Filters ?? []) {
      if (f.Name === 'attachment.instance-id')
        Volumes = Volumes.filter((v) => v.Attachments?.some((a) => f.Values?.includes(a.InstanceId ?? '')));
    }
    return { Volumes: structuredClone(Volumes), ...this.meta() };
  }

  async describeInstanceAttribute(input: EC2.DescribeInstanceAttributeCommandInput) {
    const [i] = this.find([input.InstanceId!]);
    if (input.Attribute === 'disableApiTermination')
      return { InstanceId: i.InstanceId, DisableApiTermination: { Value: !!i.DisableApiTermination }, ...this.meta() };
    if (input.Attribute === 'instanceType') return { InstanceId: i.InstanceId, InstanceType: { Value: i.InstanceType }, ...this.meta() };
    return { InstanceId: i.InstanceId, ...this.meta() };
  }

  private transition(ids: string[] | undefined, dry: boolean | undefined, allowed: string[], to: string | null, verb: string) {
    const found = this.find(ids);
    for (const i of found) {
      const now = i.State?.Name ?? 'unknown';
      if (!allowed.includes(now)) {
        throw new CloudError('IncorrectInstanceState', `The instance '${i.InstanceId}' is not in a state from which it can be ${verb}.`, {
          service: 'ec2',
        });
      }
    }
    this.dryRun(dry);
    return found.map((i) => {
      const previous = i.State?.Name ?? 'unknown';
      if (to && previous !== SETTLE[to] && !(to === 'stopping' && previous === 'stopped')) setState(i, to);
      return {
        InstanceId: i.InstanceId,
        PreviousState: { Name: previous as EC2.InstanceStateName, Code: CODES[previous] },
        CurrentState: { ...i.State },
      };
    });
  }

  async stopInstances(input: EC2.StopInstancesCommandInput) {
    return {
      StoppingInstances: this.transition(
        input.InstanceIds,
        input.DryRun,
        ['running', 'pending', 'stopping', 'stopped'],
        'stopping',
        'stopped',
      ),
      ...this.meta(),
    };
  }

  async startInstances(input: EC2.StartInstancesCommandInput) {
    return {
      StartingInstances: this.transition(input.InstanceIds, input.DryRun, ['stopped', 'running', 'pending'], 'pending', 'started'),
      ...this.meta(),
    };
  }

  /** Status checks of running instances (as AWS: others are listed only with IncludeAllInstances). */
  async describeInstanceStatus(input: EC2.DescribeInstanceStatusCommandInput) {
    const list = input.InstanceIds?.length ? this.find(input.InstanceIds) : this.instances;
    const InstanceStatuses = list
      .filter((i) => input.IncludeAllInstances || i.State?.Name === 'running')
      .map((i) => {
        const running = i.State?.Name === 'running';
        const check = (running ? (i.SandboxStatusCheck ?? 'ok') : 'not-applicable') as EC2.SummaryStatus;
        return {
          InstanceId: i.InstanceId,
          AvailabilityZone: i.Placement?.AvailabilityZone,
          InstanceState: { ...i.State },
          InstanceStatus: {
            Status: check,
            Details: [
              {
                Name: 'reachability' as const,
                Status: (check === 'ok' ? 'passed' : check === 'impaired' ? 'failed' : 'initializing') as EC2.StatusType,
              },
            ],
          },
          SystemStatus: {
            Status: running ? ('ok' as EC2.SummaryStatus) : ('not-applicable' as EC2.SummaryStatus),
            Details: [{ Name: 'reachability' as const, Status: 'passed' as EC2.StatusType }],
          },
        };
      });
    return { InstanceStatuses, ...this.meta() };
  }

  async rebootInstances(input: EC2.RebootInstancesCommandInput) {
    this.transition(input.InstanceIds, input.DryRun, ['running'], null, 'rebooted');
    return this.meta();
  }

  async terminateInstances(input: EC2.TerminateInstancesCommandInput) {
    for (const i of this.find(input.InstanceIds)) {
      if (i.DisableApiTermination) {
        throw new CloudError(
          'OperationNotPermitted',
          `The instance '${i.InstanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`,
          { service: 'ec2' },
        );
      }
    }
    const TerminatingInstances = this.transition(
      input.InstanceIds,
      input.DryRun,
      ['running', 'pending', 'stopping', 'stopped', 'shutting-down', 'terminated'],
      'shutting-down',
      'terminated',
    );
    // As EC2 does: the reason carries when it happened; DescribeInstances keeps returning it, terminated, for a while.
    const at = `User initiated (${gmt(this.state.now())})`;
    for (const [n, i] of this.find(input.InstanceIds).entries())
      if (!['shutting-down', 'terminated'].includes(TerminatingInstances[n].PreviousState.Name)) i.StateTransitionReason = at;
    return { TerminatingInstances, ...this.meta() };
  }

  async modifyInstanceAttribute(input: EC2.ModifyInstanceAttributeCommandInput) {
    const [i] = this.find([input.InstanceId!]);
    if (input.InstanceType?.Value) {
      if (i.State?.Name !== 'stopped') {
        throw new CloudError('IncorrectInstanceState', `The instance '${i.InstanceId}' is not in the 'stopped' state.`, { service: 'ec2' });
      }
      this.dryRun(input.DryRun);
      i.InstanceType = input.InstanceType.Value as EC2._InstanceType;
    } else if (input.DisableApiTermination) {
      this.dryRun(input.DryRun);
      i.DisableApiTermination = !!input.DisableApiTermination.Value;
    } else this.dryRun(input.DryRun);
    return this.meta();
  }

  async createSnapshots(input: EC2.CreateSnapshotsCommandInput) {
    const [i] = this.find([input.InstanceSpecification?.InstanceId ?? '']);
    this.dryRun(input.DryRun);
    const volumes = (i.BlockDeviceMappings ?? []).map((b) => b.Ebs?.VolumeId).filter((v): v is string => !!v);
    const tags = (input.TagSpecifications ?? []).filter((t) => t.ResourceType === 'snapshot').flatMap((t) => t.Tags ?? []);
    const Snapshots = volumes.map((VolumeId) => {
      const volume = this.state.lookup(this.state.region(this.account, this.region).ebsVolumes, 'VolumeId', VolumeId);
      const copied = input.CopyTagsFromSource === 'volume' ? (volume?.Tags ?? []) : [];
      return {
        SnapshotId: `snap-${this.state.nextHex(17)}`,
        VolumeId,
        State: 'pending' as const,
        StartTime: new Date(),
        Description: input.Description,
        VolumeSize: volume?.Size,
        OwnerId: this.account,
        Tags: [...copied, ...tags],
      };
    });
    this.snaps().push(...structuredClone(Snapshots));
    return { Snapshots, ...this.meta() };
  }

  /** The estate's snapshots and the ones made since, one list per account/region. */
  private snaps(): EC2.Snapshot[] {
    const region = this.state.region(this.account, this.region);
    return this.state.snapshots(this.state.ebsSnapshots, this.account, this.region, (region.ebsSnapshots ??= []));
  }

  private volume(id: string | undefined): EC2.Volume {
    const v = this.state.lookup(this.state.region(this.account, this.region).ebsVolumes, 'VolumeId', id);
    if (!v) throw new CloudError('InvalidVolume.NotFound', `The volume '${id}' does not exist.`, { service: 'ec2' });
    return v;
  }

  async createSnapshot(input: EC2.CreateSnapshotCommandInput) {
    const v = this.volume(input.VolumeId);
    this.dryRun(input.DryRun);
    const tags = (input.TagSpecifications ?? []).filter((t) => t.ResourceType === 'snapshot').flatMap((t) => t.Tags ?? []);
    const snapshot: EC2.Snapshot = {
      SnapshotId: `snap-${this.state.nextHex(17)}`,
      VolumeId: v.VolumeId,
      State: 'pending',
      StartTime: this.state.now(),
      Description: input.Description,
      VolumeSize: v.Size,
      OwnerId: this.account,
      Tags: tags,
    };
    this.snaps().push(structuredClone(snapshot));
    return { ...snapshot, ...this.meta() };
  }

  /** As EC2: an attached volume cannot be deleted (VolumeInUse); the DryRun answer comes after that check. */
  async deleteVolume(input: EC2.DeleteVolumeCommandInput) {
    const v = this.volume(input.VolumeId);
    if (v.State === 'in-use' || v.Attachments?.length) {
      throw new CloudError(
        'VolumeInUse',
        `Volume ${v.VolumeId} is currently attached to ${v.Attachments?.[0]?.InstanceId ?? 'an instance'}`,
        { service: 'ec2' },
      );
    }
    this.dryRun(input.DryRun);
    const list = this.state.region(this.account, this.region).ebsVolumes;
    list.splice(list.indexOf(v), 1);
    return this.meta();
  }

  async modifyVolume(input: EC2.ModifyVolumeCommandInput) {
    const v = this.volume(input.VolumeId);
    if (input.VolumeType && input.VolumeType === v.VolumeType) {
      throw new CloudError('InvalidParameterValue', `New type and size are the same as the current ones for volume ${v.VolumeId}.`, {
        service: 'ec2',
      });
    }
    this.dryRun(input.DryRun);
    const from = v.VolumeType;
    if (input.VolumeType) v.VolumeType = input.VolumeType;
    if (input.Size) v.Size = input.Size;
    // EC2 goes modifying -> optimizing -> completed; the volume is usable throughout, so the sandbox settles at once.
    return {
      VolumeModification: {
        VolumeId: v.VolumeId,
        ModificationState: 'optimizing' as const,
        OriginalVolumeType: from,
        TargetVolumeType: v.VolumeType,
        StartTime: this.state.now(),
      },
      ...this.meta(),
    };
  }

  async deleteSnapshot(input: EC2.DeleteSnapshotCommandInput) {
    const list = this.snaps();
    const s = list.find((x) => x.SnapshotId === input.SnapshotId);
    if (!s) throw new CloudError('InvalidSnapshot.NotFound', `The snapshot '${input.SnapshotId}' does not exist.`, { service: 'ec2' });
    this.dryRun(input.DryRun);
    list.splice(list.indexOf(s), 1);
    return this.meta();
  }

  /** Snapshots the bot made; pending ones have completed by the next describe. */
  async describeSnapshots(input: EC2.DescribeSnapshotsCommandInput) {
    const all = this.snaps();
    for (const id of input.SnapshotIds ?? []) {
      if (!all.some((s) => s.SnapshotId === id))
        throw new CloudError('InvalidSnapshot.NotFound', `The snapshot '${id}' does not exist.`, { service: 'ec2' });
    }
    let list = input.SnapshotIds?.length ? all.filter((s) => input.SnapshotIds!.includes(s.SnapshotId!)) : all;
    for (const f of input.Filters ?? []) {
      if (f.Name?.startsWith('tag:'))
        list = list.filter((s) => s.Tags?.some((t) => t.Key === f.Name!.slice(4) && f.Values?.includes(t.Value ?? '')));
      else if (f.Name === 'volume-id') list = list.filter((s) => f.Values?.includes(s.VolumeId ?? ''));
    }
    const out = structuredClone(list);
    for (const s of list) if (s.State === 'pending') Object.assign(s, { State: 'completed', Progress: '100%' });
    return { Snapshots: out, ...this.meta() };
  }

  async createTags(input: EC2.CreateTagsCommandInput) {
    const region = this.state.region(this.account, this.region);
    const targets = (input.Resources ?? []).map((id) => {
      const t = this.state.lookup(region.ec2Instances, 'InstanceId', id) ?? this.state.lookup(region.ebsVolumes, 'VolumeId', id);
      if (!t)
        throw new CloudError(
          id.startsWith('vol-') ? 'InvalidVolume.NotFound' : 'InvalidInstanceID.NotFound',
          `The ID '${id}' does not exist`,
          { service: 'ec2' },
        );
      return t;
    });
    this.dryRun(input.DryRun);
    for (const t of targets) {
      const tags = (t.Tags ??= []);
      for (const tag of input.Tags ?? []) {
        const existing = tags.find((x) => x.Key === tag.Key);
        if (existing) existing.Value = tag.Value;
        else tags.push({ Key: tag.Key, Value: tag.Value });
      }
    }
    return this.meta();
  }
}
