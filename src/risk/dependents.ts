/**
 * What depends on a resource, as far as the inventory knows: each kind says (read replicas and their
 * source, Aurora cluster members, instances of the same fleet, attached volumes, an ASG's instances, ...).
 * Sorted, so the same estate always gives the same lines. The EstateView below is what kinds may read.
 */
import type { Resource } from '../core';
import { fleetPrefix, resourceKinds, strings } from '../inventory';

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

/** An EstateView over a live inventory that can be indexed ahead of the first plan. */
export interface LiveEstateView extends EstateView {
  /**
   * Index now if the inventory changed since the last index. Building it takes ~0.25 s at 100k resources
   * and holds the only thread: done at start-up and after each scan, the first plan does not pay for it,
   * and acknowledgements of requests arriving then do not wait behind it.
   */
  prepare(): void;
}

/** An EstateView over a live inventory: indexed on first use (or `prepare`) and again only after the inventory changed. */
export function liveEstateView(source: IndexedEstate): LiveEstateView {
  let built: { version: number; view: EstateView } | undefined;
  const view = () => {
    if (!built || built.version !== source.version)
      built = { version: source.version, view: estateView(source.all(), (r) => source.get(r)) };
    return built.view;
  };
  return {
    withId: (id) => view().withId(id),
    fleetOf: (r) => view().fleetOf(r),
    clusterMembers: (r, c) => view().clusterMembers(r, c),
    prepare: () => void view(),
  };
}

/** `web-prod-2` -> `web-prod`; names without a trailing number have no fleet. */
export { fleetPrefix };

/** `r`'s facts as they are now, for the card: its kind words them (ResourceKind.now). */
export function nowOf(r: Resource): string[] {
  return resourceKinds.get(r.type)?.now?.(r) ?? [];
}

/** What depends on `r`: its kind says (ResourceKind.dependents). */
export function dependentsOf(r: Resource, estate: EstateView | undefined): string[] {
  return resourceKinds.get(r.type)?.dependents?.(r, estate) ?? [];
}
