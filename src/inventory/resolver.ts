import type { CloudProvider } from '../cloud';
import type { Resolution, ResourceResolver } from '../core/ports';
import type { Resource, ResourceType } from '../core/resource';
import type { Inventory } from './Inventory';
import { fromEbsVolume, fromEc2Instance, fromRdsInstance } from './normalize';

/** Split a name into comparable tokens: `pg-instance-main1` -> [pg, instance, main, 1]. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((t) => (/^\d+$/.test(t) ? String(Number(t)) : t));
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const ABBREVIATIONS: Record<string, string> = { prd: 'prod', production: 'prod', stg: 'staging', stage: 'staging', postgres: 'pg', postgresql: 'pg', db: 'db' };

function tokenMatch(q: string, n: string): number {
  const a = ABBREVIATIONS[q] ?? q;
  const b = ABBREVIATIONS[n] ?? n;
  if (a === b) return 1;
  if (/^\d+$/.test(a) || /^\d+$/.test(b)) return 0;
  if (b.startsWith(a) && a.length >= 2) return 0.85;
  if (a.length >= 4 && editDistance(a, b) === 1) return 0.8;
  return 0;
}

/** How well `query` names `r`, from 0 to 1. */
export function scoreName(query: string, r: Resource): number {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  if (q === r.id.toLowerCase() || q === r.arn?.toLowerCase()) return 1;
  const name = r.name.toLowerCase();
  if (q === name) return 0.99;
  if (q.replace(/[^a-z0-9]/g, '') === name.replace(/[^a-z0-9]/g, '')) return 0.97;
  const qt = tokens(q);
  const nt = tokens(name);
  if (!qt.length || !nt.length) return 0;
  const used = new Set<number>();
  let matched = 0;
  for (const t of qt) {
    let best = 0;
    let at = -1;
    nt.forEach((n, i) => {
      if (used.has(i)) return;
      const s = tokenMatch(t, n);
      if (s > best) [best, at] = [s, i];
    });
    if (at >= 0) used.add(at);
    matched += best;
  }
  const coverage = matched / qt.length;
  const extra = (nt.length - used.size) / nt.length;
  // Numbers in the name that the query did not mention ("web-prod" vs web-prod-1/2/3) leave the choice open.
  return Math.max(0, coverage * 0.9 - extra * 0.15);
}

export interface ResolverOptions {
  /** Below this a match is not used. */
  minScore?: number;
  /** Two candidates this close are ambiguous: ask back. */
  ambiguityMargin?: number;
}

/** First version of the resolver: exact id/name, then token-based fuzzy matching over the inventory. */
export class InventoryResolver implements ResourceResolver {
  private readonly minScore: number;
  private readonly margin: number;

  constructor(private readonly inventory: Inventory, private readonly provider: CloudProvider, options: ResolverOptions = {}) {
    this.minScore = options.minScore ?? 0.6;
    this.margin = options.ambiguityMargin ?? 0.05;
  }

  rank(query: string, type: ResourceType | 'any'): { resource: Resource; score: number }[] {
    return this.inventory
      .all(type)
      .map((resource) => ({ resource, score: scoreName(query, resource) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.resource.name.localeCompare(b.resource.name));
  }

  async resolve(query: string, type: ResourceType | 'any'): Promise<Resolution> {
    const ranked = this.rank(query, type);
    const good = ranked.filter((x) => x.score >= this.minScore);
    if (!good.length) return { kind: 'none', nearest: ranked.slice(0, 3).map((x) => x.resource.name) };
    const close = good.filter((x) => good[0].score - x.score <= this.margin);
    if (close.length > 1) return { kind: 'ambiguous', candidates: close.slice(0, 10).map((x) => x.resource) };
    return { kind: 'match', resource: good[0].resource, score: good[0].score };
  }

  async reread(r: Resource): Promise<Resource | undefined> {
    const target = { account: r.account, region: r.region };
    const scope = { account: r.account, accountAlias: r.accountAlias, region: r.region };
    try {
      let fresh: Resource | undefined;
      if (r.type === 'ec2-instance') {
        const out = await this.provider.ec2(target).describeInstances({ InstanceIds: [r.id] });
        const i = out.Reservations?.[0]?.Instances?.[0];
        const ssm = (await this.provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })).InstanceInformationList?.[0];
        fresh = i && fromEc2Instance({ ...i, DisableApiTermination: r.facts.terminationProtection === true ? true : undefined }, scope, ssm);
      } else if (r.type === 'rds-instance') {
        const d = (await this.provider.rds(target).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances?.[0];
        fresh = d && fromRdsInstance(d, scope);
      } else if (r.type === 'ebs-volume') {
        const v = (await this.provider.ec2(target).describeVolumes({ VolumeIds: [r.id] })).Volumes?.[0];
        fresh = v && fromEbsVolume(v, scope);
      } else return r;
      if (fresh) this.inventory.replace(fresh);
      else this.inventory.remove(r);
      return fresh;
    } catch (e) {
      if ((e as { code?: string }).code?.includes('NotFound')) {
        this.inventory.remove(r);
        return undefined;
      }
      throw e;
    }
  }
}
