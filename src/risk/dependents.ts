/**
 * What depends on a resource, as far as the inventory knows: read replicas and their source, Aurora
 * cluster members, instances of the same fleet (same Name with another number), attached volumes.
 * Sorted, so the same estate always gives the same lines.
 */
import type { Resource, ResourceType } from '../core/resource';

/**
 * The part of the inventory the risk engine reads: lookups by id and by group, answered from indexes
 * (a plan at 100k resources must not scan the estate; see estateView).
 */
export interface EstateView {
  /** Resources with this id, in any account, region or kind (replicas, volumes and instances name each other by id). */
  withId(id: string): Resource[];
  /** Resources of `r`'s kind, account and region whose Name shares its fleet prefix (web-prod-N), `r` included. */
  fleetOf(r: Resource): Resource[];
  /** RDS instances of the Aurora cluster `cluster` in `r`'s account and region. */
  clusterMembers(r: Resource, cluster: string): Resource[];
}

/**
 * An EstateView over a list of resources, indexed once. `current` (the inventory's own lookup) turns a
 * stale entry into the resource as it is now and drops one that is gone, so a re-read does not force a
 * rebuild.
 */
export function estateView(resources: Iterable<Resource>, current: (r: Resource) => Resource | undefined = (r) => r): EstateView {
  const byId = new Map<string, Resource[]>();
  const groups = new Map<string, Resource[]>();
  const push = (m: Map<string, Resource[]>, k: string, r: Resource) => {
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  };
  const scope = (r: Resource) => `${r.account}|${r.region}`;
  for (const r of resources) {
    push(byId, r.id, r);
    const prefix = r.name !== r.id ? fleetPrefix(r.name) : undefined;
    if (prefix) push(groups, `fleet|${r.type}|${scope(r)}|${prefix}`, r);
    const cluster = r.type === 'rds-instance' ? strings(r.facts.cluster)[0] : undefined;
    if (cluster) push(groups, `cluster|${scope(r)}|${cluster}`, r);
  }
  const now = (list: Resource[] | undefined) => (list ?? []).map(current).filter((r): r is Resource => !!r);
  return {
    withId: (id) => now(byId.get(id)),
    fleetOf: (r) => {
      const prefix = r.name !== r.id ? fleetPrefix(r.name) : undefined;
      return prefix ? now(groups.get(`fleet|${r.type}|${scope(r)}|${prefix}`)) : [];
    },
    clusterMembers: (r, cluster) => now(groups.get(`cluster|${scope(r)}|${cluster}`)),
  };
}

/** What a live inventory offers for an EstateView: its resources, a lookup, and a counter that moves when they change. */
export interface IndexedEstate {
  all(): Resource[];
  get(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined;
  /** Moves whenever a resource is added or renamed (removals show as `get` returning undefined). */
  readonly version: number;
}

/** An EstateView over a live inventory: indexed on first use and again only after the inventory changed. */
export function liveEstateView(source: IndexedEstate): EstateView {
  let built: { version: number; view: EstateView } | undefined;
  const view = () => {
    if (!built || built.version !== source.version) built = { version: source.version, view: estateView(source.all(), (r) => source.get(r)) };
    return built.view;
  };
  return { withId: (id) => view().withId(id), fleetOf: (r) => view().fleetOf(r), clusterMembers: (r, c) => view().clusterMembers(r, c) };
}

const MAX_NAMES = 8;

function sameScope(a: Resource, b: Resource): boolean {
  return a.account === b.account && a.region === b.region;
}

function names(list: string[]): string {
  const sorted = [...list].sort();
  return sorted.length <= MAX_NAMES ? sorted.join(', ') : `${sorted.slice(0, MAX_NAMES).join(', ')} and ${sorted.length - MAX_NAMES} more`;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : typeof v === 'string' && v ? [v] : [];
}

/** `web-prod-2` -> `web-prod`; names without a trailing number have no fleet. */
export function fleetPrefix(name: string): string | undefined {
  const m = /^(.*?[a-zA-Z])[-_]?\d+$/.exec(name);
  return m ? m[1] : undefined;
}

function fleetPeers(r: Resource, estate: EstateView): Resource[] {
  if (r.name === r.id || !fleetPrefix(r.name)) return [];
  return estate.fleetOf(r).filter((o) => o.id !== r.id);
}

export function dependentsOf(r: Resource, estate: EstateView | undefined): string[] {
  const out: string[] = [];
  const label = (id: string) => estate?.withId(id).find((o) => sameScope(o, r))?.name ?? id;
  if (r.type === 'rds-instance') {
    const replicas = strings(r.facts.readReplicas);
    if (replicas.length) out.push(`${r.name} has read replica${replicas.length > 1 ? 's' : ''} ${names(replicas.map(label))}, which read from it`);
    const source = strings(r.facts.replicaSource)[0];
    if (source) out.push(`${r.name} is a read replica of ${label(source)}`);
    const cluster = strings(r.facts.cluster)[0];
    if (cluster) {
      const members = (estate?.clusterMembers(r, cluster) ?? []).filter((o) => o.id !== r.id && o.type === 'rds-instance').map((o) => o.name);
      out.push(`${r.name} is a member of Aurora cluster ${cluster}${members.length ? ` (with ${names(members)})` : ''}`);
    }
  }
  if (r.type === 'ec2-instance' && estate) {
    const peers = fleetPeers(r, estate);
    if (peers.length) {
      const running = peers.filter((p) => p.state === 'running').length;
      out.push(`other instances named ${fleetPrefix(r.name)}-N: ${names(peers.map((p) => p.name))} (${running} of ${peers.length} running)`);
    }
    const volumes = strings(r.facts.volumes);
    if (volumes.length) out.push(`attached EBS volume${volumes.length > 1 ? 's' : ''}: ${names(volumes.map(label))}`);
  }
  if (r.type === 'ebs-volume') {
    const attached = strings(r.facts.attachedTo);
    if (attached.length) out.push(`${r.name} is attached to ${names(attached.map(label))}`);
  }
  return out;
}
