import type { AccountScope, CloudProvider } from '../cloud';
import type { Resource, ResourceType } from '../core';
import { isGone, Tombstones } from './gone';
import { resourceKinds } from './kinds';
import { shareStrings } from './normalize';
import { ResourceIndex, resourceKey, type Ranked, type SearchOptions } from './ResourceIndex';
import { scanEstate, type ScanOptions, type ScanReport, type ScanUnit } from './scan-estate';
import type { ParsedQuery } from './query';

/** A scanner, account or region whose last scan failed: which, why, and when it last worked. */
export interface ScanFailure {
  account: string;
  accountAlias?: string;
  region: string;
  scanner: string;
  error: string;
  code?: string;
  /** When it failed (ISO time). */
  at?: string;
  /** When this scanner last succeeded here (ISO time), or null when it never has. */
  lastSuccess?: string | null;
}

/**
 * What one scanner last found in one account and region. The unit of caching: a successful scan
 * replaces its slice whole (so resources that are gone disappear); a failed one keeps the slice and
 * records the error.
 */
export interface InventorySlice extends ScanUnit {
  resources: Resource[];
  lastAttempt: string | null;
  lastSuccess: string | null;
  error: string | null;
  code: string | null;
  /** From the cache: rows of this slice that could not be read (corrupt, or an unknown shape); it is scanned again. */
  unreadable?: number;
}

const STATIC = 'static';
const SSM_FACTS = ['ssmPingStatus', 'ssmAgentVersion', 'ssmPlatform', 'ssmLastPing'] as const;

function sliceKey(u: Pick<ScanUnit, 'account' | 'region' | 'scanner'>): string {
  return `${u.account}|${u.region}|${u.scanner}`;
}

/**
 * The resources the bot knows about, across accounts and regions: per-scanner slices, merged into one
 * view (SSM agent facts onto EC2 instances, tag-API-only resources as `taggable`) and indexed for the
 * resolver.
 */
export class Inventory {
  private readonly slices = new Map<string, InventorySlice>();
  private index = new ResourceIndex();
  /** Terminated instances AWS still lists: kept out of the index, remembered to say when they went. */
  private gone = new Tombstones();
  private scannedAt: Date | undefined;
  private changes = 0;

  /** An inventory of fixed resources (tests, tools); scans replace them. */
  constructor(
    resources: Resource[] = [],
    private readonly extraFailures: ScanFailure[] = [],
  ) {
    if (resources.length) {
      this.slices.set(STATIC, {
        account: '',
        region: '',
        scanner: STATIC,
        resources: [...resources],
        lastAttempt: null,
        lastSuccess: null,
        error: null,
        code: null,
      });
    }
    this.rebuild();
  }

  /** Scan everything once (no cache, no schedule). */
  static async scan(provider: CloudProvider, options: ScanOptions = {}): Promise<Inventory> {
    const inventory = new Inventory();
    inventory.apply(await scanEstate(provider, options), provider.accounts());
    return inventory;
  }

  /** An inventory from cached slices (the store), before any scan has run in this process. */
  static fromSlices(slices: InventorySlice[]): Inventory {
    const inventory = new Inventory();
    for (const s of slices) {
      for (const r of s.resources) shareStrings(r);
      inventory.slices.set(sliceKey(s), s);
    }
    inventory.rebuild();
    return inventory;
  }

  /**
   * Take in a scan: each successful unit replaces its slice, each failed unit keeps its old resources
   * and records the error. Slices of accounts/regions or scanners no longer scanned are dropped. Returns the slices
   * that changed, for the cache.
   */
  apply(report: ScanReport, accounts?: AccountScope[]): InventorySlice[] {
    const at = report.finishedAt.toISOString();
    const changed: InventorySlice[] = [];
    this.slices.delete(STATIC);
    if (accounts) {
      const live = new Set(accounts.flatMap((a) => a.regions.map((r) => `${a.id}|${r}`)));
      for (const [key, s] of this.slices) if (!live.has(`${s.account}|${s.region}`)) this.slices.delete(key);
    }
    // So are the slices of a scanner this version no longer runs (renamed or removed; a cache an older version
    // wrote): nothing would ever replace them, and their resources would be answered for as if still there.
    const scanning = new Set(report.units.map((u) => u.scanner));
    if (scanning.size) for (const [key, s] of this.slices) if (!scanning.has(s.scanner)) this.slices.delete(key);
    for (const u of report.units) {
      const key = sliceKey(u);
      const old = this.slices.get(key);
      const unit = {
        account: u.account,
        ...(u.accountAlias ? { accountAlias: u.accountAlias } : {}),
        region: u.region,
        scanner: u.scanner,
      };
      const slice: InventorySlice = u.ok
        ? { ...unit, resources: u.resources, lastAttempt: at, lastSuccess: at, error: null, code: null }
        : {
            ...unit,
            resources: old?.resources ?? [],
            lastAttempt: at,
            lastSuccess: old?.lastSuccess ?? null,
            error: u.error,
            code: u.code ?? null,
          };
      this.slices.set(key, slice);
      changed.push(slice);
    }
    this.scannedAt = report.finishedAt;
    this.rebuild();
    return changed;
  }

  private rebuild(): void {
    const typed: Resource[] = [];
    const ssm = new Map<string, Resource>();
    const ssmScanned = new Set<string>();
    const ec2Scanned = new Set<string>();
    const tagged: Resource[] = [];
    for (const s of this.slices.values()) {
      if (s.scanner === 'ssm-instances') {
        if (s.lastSuccess) ssmScanned.add(`${s.account}|${s.region}`);
        for (const r of s.resources) ssm.set(`${r.account}|${r.region}|${r.id}`, r);
      } else if (s.scanner === 'tagged-resources') tagged.push(...s.resources);
      else {
        if (s.scanner === 'ec2-instances' && s.lastSuccess) ec2Scanned.add(`${s.account}|${s.region}`);
        typed.push(...s.resources);
      }
    }
    // ARNs the typed scans know: only needed to drop the tagging API's duplicates, so only built when it listed any
    // (at 100k resources, 100k lower-cased strings at each start-up otherwise).
    const anyTagged = tagged.length > 0;
    const arns = new Set<string>();
    this.gone = new Tombstones();
    for (const r of typed) {
      if (anyTagged && r.arn) arns.add(r.arn.toLowerCase());
      if (isGone(r)) this.gone.add(r);
      if (r.type !== 'ec2-instance') continue;
      const info = ssm.get(`${r.account}|${r.region}|${r.id}`);
      if (info) {
        for (const f of SSM_FACTS) r.facts[f] = info.facts[f] ?? null;
        ssm.delete(`${r.account}|${r.region}|${r.id}`);
      } else if (ssmScanned.has(`${r.account}|${r.region}`)) for (const f of SSM_FACTS) r.facts[f] = null;
    }
    // What SSM manages that is not a known EC2 instance: on-premises machines (mi-…), and EC2
    // instances of a region whose EC2 scan has never succeeded.
    const all = [
      ...typed.filter((r) => !isGone(r)),
      ...[...ssm.values()].filter((r) => !r.id.startsWith('i-') || !ec2Scanned.has(`${r.account}|${r.region}`)),
    ];
    if (anyTagged) for (const r of all) if (r.arn) arns.add(r.arn.toLowerCase());
    // The tagging API lists the typed resources again; keep only what it alone knows (memory: at 100k
    // resources the duplicates would cost as much as the inventory itself).
    for (const s of this.slices.values()) {
      if (s.scanner === 'tagged-resources') s.resources = s.resources.filter((r) => !arns.has(r.arn!.toLowerCase()));
    }
    for (const r of tagged) if (!arns.has(r.arn!.toLowerCase())) all.push(r);
    all.sort((a, b) =>
      a.account < b.account
        ? -1
        : a.account > b.account
          ? 1
          : a.region < b.region
            ? -1
            : a.region > b.region
              ? 1
              : a.type < b.type
                ? -1
                : a.type > b.type
                  ? 1
                  : a.name < b.name
                    ? -1
                    : a.name > b.name
                      ? 1
                      : 0,
    );
    this.index = new ResourceIndex(all);
    this.changes += 1;
  }

  /** Moves whenever a resource is added, renamed or regrouped (indexes built over `all()` rebuild then). */
  get version(): number {
    return this.changes;
  }

  all(type?: ResourceType | 'any'): Resource[] {
    const everything = this.index.all();
    if (!type) return everything;
    // The kinds a parameter of this type takes (an SSM-managed instance may be an EC2 instance with an agent).
    const allowed = resourceKinds.typesFor(type);
    return allowed ? everything.filter((r) => allowed.has(r.type)) : everything;
  }

  get(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined {
    return this.index.get(ref);
  }

  /** Resources whose id or name is exactly `text` (any case), without fuzzy matching. */
  exact(text: string): Resource[] {
    return this.index.named(text);
  }

  /** The word names use for `word`, itself or one of its family (see ResourceIndex.nameWord). */
  nameWord(word: string): string | undefined {
    return this.index.nameWord(word);
  }

  /** Whether a word matches anything the resources are called by (see ResourceIndex.knows). */
  knows(word: string): boolean {
    return this.index.knows(word);
  }

  /** What someone typed, taken apart into the words and filters a search uses (see parseQuery). */
  parse(text: string): ParsedQuery {
    return this.index.parse(text);
  }

  /** Ranked matches for what someone typed (see ResourceIndex.search). */
  search(text: string, options: SearchOptions = {}): Ranked[] {
    return this.index.search(text, options);
  }

  nearest(text: string, type: ResourceType | 'any' = 'any', n = 3): string[] {
    return this.index.nearest(text, type, n);
  }

  /** Put a freshly re-read resource in place of the cached one (a terminated one becomes a tombstone). */
  replace(resource: Resource): void {
    // The cached object, found through the index: the slice holds the same object (no key building per element).
    const cached = this.index.get(resource);
    if (isGone(resource)) {
      this.index.remove(resource);
      this.gone.add(resource);
    } else {
      this.gone.delete(resource);
      if (!cached || cached.name !== resource.name || cached.facts.cluster !== resource.facts.cluster) this.changes += 1;
      this.index.add(resource);
    }
    const slice = this.sliceOf(resource);
    if (!slice) return;
    const same = cached ? slice.resources.indexOf(cached) : -1;
    const i = same >= 0 ? same : slice.resources.findIndex((r) => resourceKey(r) === resourceKey(resource));
    if (i >= 0) slice.resources[i] = resource;
    else slice.resources.push(resource);
  }

  remove(resource: Resource): void {
    this.index.remove(resource);
    this.gone.delete(resource);
    const slice = this.sliceOf(resource);
    if (slice) slice.resources = slice.resources.filter((r) => resourceKey(r) !== resourceKey(resource));
  }

  private sliceOf(r: Resource): InventorySlice | undefined {
    return (
      this.slices.get(sliceKey({ account: r.account, region: r.region, scanner: resourceKinds.get(r.type)?.scanner.name ?? STATIC })) ??
      this.slices.get(STATIC)
    );
  }

  get size(): number {
    return this.index.size;
  }

  /** Terminated (or terminating) resources a parameter of `type` could mean by this exact name, id or ARN. */
  goneNamed(text: string, type: ResourceType | 'any' = 'any'): Resource[] {
    return this.gone.named(text, type);
  }

  /** The tombstone of one resource, when it is gone. */
  goneResource(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined {
    return this.gone.get(ref);
  }

  /** Is this ARN a resource that is gone (the Tagging API may still list it)? */
  isGoneArn(arn: string): boolean {
    return this.gone.hasArn(arn);
  }

  /** Units whose last scan failed, with when they last succeeded. */
  get failures(): ScanFailure[] {
    const out: ScanFailure[] = [...this.extraFailures];
    for (const s of this.slices.values()) {
      if (!s.error) continue;
      out.push({
        account: s.account,
        ...(s.accountAlias ? { accountAlias: s.accountAlias } : {}),
        region: s.region,
        scanner: s.scanner,
        error: s.error,
        ...(s.code ? { code: s.code } : {}),
        at: s.lastAttempt ?? undefined,
        lastSuccess: s.lastSuccess,
      });
    }
    return out;
  }

  /** Every scan unit's state, without the resources (for `cloudops scan` and the cache). */
  status(): Omit<InventorySlice, 'resources'>[] {
    return [...this.slices.values()].filter((s) => s.scanner !== STATIC).map(({ resources: _r, ...rest }) => rest);
  }

  /** When the last scan in this process finished, or the oldest successful slice of a cached inventory. */
  get asOf(): Date | undefined {
    if (this.scannedAt) return this.scannedAt;
    const times = [...this.slices.values()]
      .map((s) => s.lastSuccess)
      .filter((t): t is string => !!t)
      .sort();
    return times.length ? new Date(times[0]) : undefined;
  }
}
