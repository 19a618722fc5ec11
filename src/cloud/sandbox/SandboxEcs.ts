import { CloudError, type ECS, type EcsApi } from '../provider';
import type { SandboxState } from './SandboxState';

/**
 * A service of the sandbox estate. `SandboxRollout` says how its next deployment ends (default `completes`):
 * `fails` ends it FAILED (the deployment circuit breaker gave up: tasks would not start), `stalls` leaves it
 * IN_PROGRESS for good with every task running (tasks up, never healthy behind the load balancer), so a
 * rolling run's health gate can be made to fail in tests and demos.
 */
export type SandboxEcsService = ECS.Service & { SandboxRollout?: 'completes' | 'fails' | 'stalls' };

/**
 * ECS in the sandbox: services from the estate. An update starts a deployment (and moves the desired
 * count); the next DescribeServices finds it rolled out, as ECS would some minutes later.
 */
export class SandboxEcs implements EcsApi {
  private static readonly pending = new WeakSet<ECS.Service>();

  /** A stalling rollout that got as far as it goes: one deployment, every task running, never COMPLETED. */
  private static stalled(s: SandboxEcsService): boolean {
    return s.SandboxRollout === 'stalls' && (s.deployments ?? []).length === 1 && s.runningCount === s.desiredCount;
  }

  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get services(): SandboxEcsService[] {
    return this.state.region(this.account, this.region).ecsServices;
  }

  private clusterArn(cluster: string | undefined): string {
    const name = cluster ?? 'default';
    return name.startsWith('arn:') ? name : `arn:aws:ecs:${this.region}:${this.account}:cluster/${name}`;
  }

  private serviceArn(s: ECS.Service): string {
    return s.serviceArn ?? `arn:aws:ecs:${this.region}:${this.account}:service/${s.clusterArn!.split('/').pop()}/${s.serviceName}`;
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async listClusters(_input: ECS.ListClustersCommandInput) {
    return { clusterArns: [...new Set(this.services.map((s) => s.clusterArn!))], ...this.meta() };
  }

  async listServices(input: ECS.ListServicesCommandInput) {
    const cluster = this.clusterArn(input.cluster);
    const all = this.services.filter((s) => s.clusterArn === cluster).map((s) => this.serviceArn(s));
    const start = input.nextToken ? Number(input.nextToken) : 0;
    const size = input.maxResults ?? 10;
    const next = start + size < all.length ? String(start + size) : undefined;
    return { serviceArns: all.slice(start, start + size), ...(next ? { nextToken: next } : {}), ...this.meta() };
  }

  private find(cluster: string | undefined, service: string | undefined): SandboxEcsService | undefined {
    const arn = this.clusterArn(cluster);
    return this.services.find((s) => s.clusterArn === arn && (s.serviceName === service || this.serviceArn(s) === service));
  }

  async describeServices(input: ECS.DescribeServicesCommandInput) {
    if ((input.services ?? []).length > 10)
      throw new CloudError('InvalidParameterException', 'Services cannot be more than 10.', {
        service: 'ecs',
        operation: 'describeServices',
      });
    const services: ECS.Service[] = [];
    const failures: ECS.Failure[] = [];
    for (const name of input.services ?? []) {
      const s = this.find(input.cluster, name);
      if (!s) {
        failures.push({ arn: name, reason: 'MISSING' });
        continue;
      }
      if (SandboxEcs.pending.has(s)) {
        // The rollout seen by the last describe has finished by this one.
        SandboxEcs.pending.delete(s);
        if (s.SandboxRollout === 'fails') {
          s.deployments = (s.deployments ?? []).map((d) =>
            d.status === 'PRIMARY'
              ? {
                  ...d,
                  rolloutState: 'FAILED',
                  rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
                  runningCount: 0,
                }
              : d,
          );
        } else {
          s.deployments = (s.deployments ?? [])
            .filter((d) => d.status === 'PRIMARY')
            .map((d) => ({
              ...d,
              rolloutState: s.SandboxRollout === 'stalls' ? 'IN_PROGRESS' : 'COMPLETED',
              runningCount: s.desiredCount,
            }));
          s.runningCount = s.desiredCount;
          s.pendingCount = 0;
        }
      } else if ((s.deployments ?? []).some((d) => d.rolloutState === 'IN_PROGRESS') && !SandboxEcs.stalled(s)) SandboxEcs.pending.add(s);
      const { tags, SandboxRollout: _r, ...rest } = s;
      services.push({ ...rest, serviceArn: this.serviceArn(s), ...((input.include ?? []).includes('TAGS') ? { tags } : {}) });
    }
    return { services, failures, ...this.meta() };
  }

  async updateService(input: ECS.UpdateServiceCommandInput) {
    const s = this.find(input.cluster, input.service);
    if (!s) throw new CloudError('ServiceNotFoundException', 'Service not found.', { service: 'ecs', operation: 'updateService' });
    if (s.status && s.status !== 'ACTIVE')
      throw new CloudError('ServiceNotActiveException', 'Service was not ACTIVE.', { service: 'ecs', operation: 'updateService' });
    if (input.desiredCount !== undefined) {
      if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0)
        throw new CloudError('InvalidParameterException', 'desiredCount must be a whole number of at least 0.', {
          service: 'ecs',
          operation: 'updateService',
        });
      s.desiredCount = input.desiredCount;
    }
    const now = this.state.now();
    const id = `ecs-svc/${this.state.nextHex(19)}`;
    const old = (s.deployments ?? []).map((d) => ({ ...d, status: d.status === 'PRIMARY' ? 'ACTIVE' : d.status }));
    s.deployments = [
      {
        id,
        status: 'PRIMARY',
        rolloutState: 'IN_PROGRESS',
        desiredCount: s.desiredCount,
        runningCount: 0,
        taskDefinition: s.taskDefinition,
        createdAt: now,
        updatedAt: now,
      },
      ...old,
    ];
    const { tags: _t, SandboxRollout: _r, ...rest } = s;
    return { service: { ...rest, serviceArn: this.serviceArn(s) }, ...this.meta() };
  }
}
