import { CloudError, type EKS, type EksApi } from '../provider';
import type { SandboxState } from './SandboxState';

interface PendingUpdate {
  update: EKS.Update;
  nodegroup: EKS.Nodegroup;
  scaling: EKS.NodegroupScalingConfig;
  /** Described once in progress: the next look finds it done. */
  seen: boolean;
}

/**
 * EKS in the sandbox: clusters and managed node groups from the estate. UpdateNodegroupConfig checks the
 * sizes as EKS does (desired within min..max, max at least 1) and answers with an update; the node group
 * is UPDATING and the update InProgress for one look (DescribeUpdate or DescribeNodegroup); the next look
 * finds it Successful and the new sizes in place, as EKS would some minutes later.
 */
export class SandboxEks implements EksApi {
  private static readonly updates = new Map<string, PendingUpdate>();

  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get clusters(): EKS.Cluster[] {
    const r = this.state.region(this.account, this.region);
    if (!r.eksClusters) r.eksClusters = [];
    return r.eksClusters;
  }

  private get nodegroups(): EKS.Nodegroup[] {
    const r = this.state.region(this.account, this.region);
    if (!r.eksNodegroups) r.eksNodegroups = [];
    return r.eksNodegroups;
  }

  private meta() {
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  private fail(code: string, message: string, operation: string): never {
    throw new CloudError(code, message, { service: 'eks', operation });
  }

  private page<T>(all: T[], nextToken: string | undefined, maxResults: number | undefined, operation: string) {
    const size = maxResults ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 100) this.fail('InvalidParameterException', 'maxResults must be 1..100', operation);
    const start = nextToken ? Number(nextToken) : 0;
    if (!Number.isInteger(start) || start < 0) this.fail('InvalidParameterException', 'The nextToken is not valid.', operation);
    const next = start + size < all.length ? String(start + size) : undefined;
    return { items: all.slice(start, start + size), ...(next ? { nextToken: next } : {}) };
  }

  private cluster(name: string | undefined, operation: string): EKS.Cluster {
    const c = this.clusters.find((x) => x.name === name);
    if (!c) this.fail('ResourceNotFoundException', `No cluster found for name: ${name}.`, operation);
    return c;
  }

  private nodegroup(cluster: string | undefined, name: string | undefined, operation: string): EKS.Nodegroup {
    this.cluster(cluster, operation);
    const g = this.nodegroups.find((x) => x.clusterName === cluster && x.nodegroupName === name);
    if (!g) this.fail('ResourceNotFoundException', `No node group found for name: ${name}.`, operation);
    return g;
  }

  private clusterArn(name: string): string {
    return `arn:aws:eks:${this.region}:${this.account}:cluster/${name}`;
  }

  async listClusters(input: EKS.ListClustersCommandInput) {
    const { items, nextToken } = this.page(
      this.clusters.map((c) => c.name!),
      input.nextToken,
      input.maxResults,
      'listClusters',
    );
    return { clusters: items, ...(nextToken ? { nextToken } : {}), ...this.meta() };
  }

  async describeCluster(input: EKS.DescribeClusterCommandInput) {
    const c = this.cluster(input.name, 'describeCluster');
    return { cluster: { ...c, arn: c.arn ?? this.clusterArn(c.name!), status: c.status ?? 'ACTIVE' }, ...this.meta() };
  }

  async listNodegroups(input: EKS.ListNodegroupsCommandInput) {
    this.cluster(input.clusterName, 'listNodegroups');
    const { items, nextToken } = this.page(
      this.nodegroups.filter((g) => g.clusterName === input.clusterName).map((g) => g.nodegroupName!),
      input.nextToken,
      input.maxResults,
      'listNodegroups',
    );
    return { nodegroups: items, ...(nextToken ? { nextToken } : {}), ...this.meta() };
  }

  async describeNodegroup(input: EKS.DescribeNodegroupCommandInput) {
    const g = this.nodegroup(input.clusterName, input.nodegroupName, 'describeNodegroup');
    const pending = this.look([...SandboxEks.updates.values()].find((u) => u.nodegroup === g && u.update.status === 'InProgress'));
    return {
      nodegroup: {
        ...g,
        nodegroupArn:
          g.nodegroupArn ?? `arn:aws:eks:${this.region}:${this.account}:nodegroup/${g.clusterName}/${g.nodegroupName}/${this.state.uuid()}`,
        status: pending?.update.status === 'InProgress' ? 'UPDATING' : (g.status ?? 'ACTIVE'),
      },
      ...this.meta(),
    };
  }

  /** One look at an update in progress: the first finds it in progress, the next finds it done (the sizes it asked for are the node group's). */
  private look(u: PendingUpdate | undefined): PendingUpdate | undefined {
    if (!u || u.update.status !== 'InProgress') return u;
    if (!u.seen) {
      u.seen = true;
      return u;
    }
    u.nodegroup.scalingConfig = { ...u.scaling };
    u.nodegroup.modifiedAt = this.state.now();
    u.update = { ...u.update, status: 'Successful' };
    return u;
  }

  async updateNodegroupConfig(input: EKS.UpdateNodegroupConfigCommandInput) {
    const op = 'updateNodegroupConfig';
    const g = this.nodegroup(input.clusterName, input.nodegroupName, op);
    const busy = [...SandboxEks.updates.values()].some((u) => u.nodegroup === g && u.update.status === 'InProgress');
    if (busy || (g.status ?? 'ACTIVE') !== 'ACTIVE')
      this.fail('ResourceInUseException', `Nodegroup ${g.nodegroupName} is currently not in ACTIVE status.`, op);
    const asked = input.scalingConfig;
    if (!asked || (asked.minSize === undefined && asked.maxSize === undefined && asked.desiredSize === undefined))
      this.fail('InvalidParameterException', 'No changes needed for the nodegroup configuration.', op);
    const now = g.scalingConfig ?? {};
    const next: EKS.NodegroupScalingConfig = {
      minSize: asked.minSize ?? now.minSize,
      maxSize: asked.maxSize ?? now.maxSize,
      desiredSize: asked.desiredSize ?? now.desiredSize,
    };
    for (const [k, v] of Object.entries(next))
      if (v !== undefined && (!Number.isInteger(v) || v < 0))
        this.fail('InvalidParameterException', `${k} must be a whole number of at least 0`, op);
    if ((next.maxSize ?? 0) < 1) this.fail('InvalidParameterException', 'Maxsize must be greater than or equal to 1', op);
    if ((next.minSize ?? 0) > (next.maxSize ?? 0))
      this.fail('InvalidParameterException', `Minimum capacity ${next.minSize} can't be greater than maximum capacity ${next.maxSize}`, op);
    if ((next.desiredSize ?? 0) > (next.maxSize ?? 0))
      this.fail('InvalidParameterException', `Desired capacity ${next.desiredSize} can't be greater than max size ${next.maxSize}`, op);
    if ((next.desiredSize ?? 0) < (next.minSize ?? 0))
      this.fail('InvalidParameterException', `Desired capacity ${next.desiredSize} can't be less than min size ${next.minSize}`, op);
    const params: EKS.UpdateParam[] = [];
    if (asked.minSize !== undefined) params.push({ type: 'MinSize', value: String(asked.minSize) });
    if (asked.maxSize !== undefined) params.push({ type: 'MaxSize', value: String(asked.maxSize) });
    if (asked.desiredSize !== undefined) params.push({ type: 'DesiredSize', value: String(asked.desiredSize) });
    const update: EKS.Update = {
      id: this.state.uuid(),
      status: 'InProgress',
      type: 'ConfigUpdate',
      params,
      createdAt: this.state.now(),
      errors: [],
    };
    SandboxEks.updates.set(update.id!, { update, nodegroup: g, scaling: next, seen: false });
    return { update, ...this.meta() };
  }

  async describeUpdate(input: EKS.DescribeUpdateCommandInput) {
    const op = 'describeUpdate';
    this.cluster(input.name, op);
    const u = SandboxEks.updates.get(input.updateId ?? '');
    if (!u || u.nodegroup.clusterName !== input.name || (input.nodegroupName && u.nodegroup.nodegroupName !== input.nodegroupName))
      this.fail('ResourceNotFoundException', `No update found for ID: ${input.updateId}`, op);
    return { update: { ...this.look(u)!.update }, ...this.meta() };
  }
}
