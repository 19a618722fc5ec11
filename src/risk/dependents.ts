/**
 * What depends on a resource, as far as the inventory knows: read replicas and their source, Aurora
 * cluster members, instances of the same fleet (same Name with another number), attached volumes.
 * Sorted, so the same estate always gives the same lines.
 */
import type { Resource, ResourceType } from '../core/resource';

/** The part of the inventory the risk engine reads. */
export interface EstateView {
  all(type?: ResourceType | 'any'): Resource[];
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
  if (r.name === r.id) return [];
  const prefix = fleetPrefix(r.name);
  if (!prefix) return [];
  return estate.all(r.type).filter((o) => o.id !== r.id && sameScope(o, r) && o.name !== o.id && fleetPrefix(o.name) === prefix);
}

export function dependentsOf(r: Resource, estate: EstateView | undefined): string[] {
  const out: string[] = [];
  const all = estate?.all('any') ?? [];
  const label = (id: string) => all.find((o) => o.id === id && sameScope(o, r))?.name ?? id;
  if (r.type === 'rds-instance') {
    const replicas = strings(r.facts.readReplicas);
    if (replicas.length) out.push(`${r.name} has read replica${replicas.length > 1 ? 's' : ''} ${names(replicas.map(label))}, which read from it`);
    const source = strings(r.facts.replicaSource)[0];
    if (source) out.push(`${r.name} is a read replica of ${label(source)}`);
    const cluster = strings(r.facts.cluster)[0];
    if (cluster) {
      const members = (estate?.all('rds-instance') ?? []).filter((o) => o.id !== r.id && sameScope(o, r) && o.facts.cluster === cluster).map((o) => o.name);
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
