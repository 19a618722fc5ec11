import { CloudError, type EKS, type EksApi } from '../provider';
import type { SandboxState } from './SandboxState';

interface PendingUpdate {
  update: EKS.Update;
  cluster: EKS.Cluster;
  /** Set for a node group's update; a cluster's own (version) update has none. */
  nodegroup?: EKS.Nodegroup;
  /** What the update does once it finishes. */
  done(): void;
  /** Described once in progress: the next look finds it done. */
  seen: boolean;
}

/**
 * EKS in the sandbox: clusters and managed node groups from the estate. UpdateNodegroupConfig checks the
 * sizes as EKS does (desired within min..max, max at least 1), UpdateClusterVersion takes one minor
 * version up only, and both answer with an update; the node group (or cluster)
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
    const pending = this.look(this.inProgress(c));
    const status = pending?.update.status === 'InProgress' ? 'UPDATING' : (c.status ?? 'ACTIVE');
    return { cluster: { ...c, arn: c.arn ?? this.clusterArn(c.name!), status }, ...this.meta() };
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
    const pending = this.look(this.inProgress(this.cluster(g.clusterName, 'describeNodegroup'), g));
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

  /** One look at an update in progress: the first finds it in progress, the next finds it done (and what it asked for in place). */
  private look(u: PendingUpdate | undefined): PendingUpdate | undefined {
    if (!u || u.update.status !== 'InProgress') return u;
    if (!u.seen) {
      u.seen = true;
      return u;
    }
    u.done();
    u.update = { ...u.update, status: 'Successful' };
    return u;
  }

  private inProgress(cluster: EKS.Cluster, nodegroup?: EKS.Nodegroup): PendingUpdate | undefined {
    return [...SandboxEks.updates.values()].find(
      (u) => u.cluster === cluster && (nodegroup ? u.nodegroup === nodegroup : !u.nodegroup) && u.update.status === 'InProgress',
    );
  }

  async updateNodegroupConfig(input: EKS.UpdateNodegroupConfigCommandInput) {
    const op = 'updateNodegroupConfig';
    const g = this.nodegroup(input.clusterName, input.nodegroupName, op);
    const cluster = this.cluster(input.clusterName, op);
    if (this.inProgress(cluster, g) || (g.status ?? 'ACTIVE') !== 'ACTIVE')
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
    const done = () => {
      g.scalingConfig = { ...next };
      g.modifiedAt = this.state.now();
    };
    SandboxEks.updates.set(update.id!, { update, cluster, nodegroup: g, done, seen: false });
    return { update, ...this.meta() };
  }

  async updateClusterVersion(input: EKS.UpdateClusterVersionCommandInput) {
    const op = 'updateClusterVersion';
    const c = this.cluster(input.name, op);
    if (this.inProgress(c) || (c.status ?? 'ACTIVE') !== 'ACTIVE')
      this.fail('ResourceInUseException', `Cluster ${c.name} is currently not in ACTIVE status or has an update in progress.`, op);
    const [major, minor] = (c.version ?? '').split('.').map(Number);
    const next = `${major}.${minor + 1}`;
    if (input.version === c.version)
      this.fail('InvalidParameterException', `Cluster is already at the desired configuration with version: ${c.version}`, op);
    if (input.version !== next)
      this.fail('InvalidParameterException', `Unsupported Kubernetes minor version update from ${c.version} to ${input.version}`, op);
    const update: EKS.Update = {
      id: this.state.uuid(),
      status: 'InProgress',
      type: 'VersionUpdate',
      params: [
        { type: 'Version', value: next },
        { type: 'PlatformVersion', value: 'eks.1' },
      ],
      createdAt: this.state.now(),
      errors: [],
    };
    const done = () => {
      c.version = next;
      c.platformVersion = 'eks.1';
    };
    SandboxEks.updates.set(update.id!, { update, cluster: c, done, seen: false });
    return { update, ...this.meta() };
  }

  async describeUpdate(input: EKS.DescribeUpdateCommandInput) {
    const op = 'describeUpdate';
    this.cluster(input.name, op);
    const u = SandboxEks.updates.get(input.updateId ?? '');
    if (!u || u.cluster.name !== input.name || (input.nodegroupName ?? undefined) !== u.nodegroup?.nodegroupName)
      this.fail('ResourceNotFoundException', `No update found for ID: ${input.updateId}`, op);
    return { update: { ...this.look(u)!.update }, ...this.meta() };
  }
}
