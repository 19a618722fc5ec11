import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { CloudProvider } from '../cloud';
import type { Logger } from '../core';
import { Inventory, type InventorySlice } from './Inventory';
import { scanEstate, type ScanOptions, type ScanProgress, type ScanReport } from './scan-estate';

/** Where scanned slices are kept between runs, shared by every replica (the store's InventoryRepository). */
export interface InventoryCache {
  load(source: string): Promise<InventorySlice[]>;
  /** Write the slices' status; rewrite the resources of those in `withResources`. */
  save(source: string, slices: InventorySlice[], withResources: Set<InventorySlice>): Promise<void>;
  /** Drop every slice of `source` that is not one of `keep` (`account|region|scanner`). */
  retain(source: string, keep: Set<string>): Promise<void>;
  /** The newest slice attempt of `source` (ISO time): it moves when anyone saved a scan. */
  lastAttempt?(source: string): Promise<string | undefined>;
  /** Take or renew the scan lease of `source` for `owner` until `now + ttlMs`; true when `owner` holds it. */
  acquireScanLease?(source: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  releaseScanLease?(source: string, owner: string): Promise<void>;
}

/** One replica scans an estate at a time: the lease, renewed while its scan runs, and how often the others look. */
export interface ScanLeaseOptions {
  /** This process (replica). */
  owner: string;
  /** A lease not renewed for this long is free again (its replica died mid-scan). Default 60 s. */
  ttlMs: number;
  /** How often a waiting replica checks whether the scan it waits for has finished. Default 500 ms. */
  pollMs: number;
}

/** Runs `fn` every `ms`; returns a function that stops it. Tests hand in one they drive by hand. */
export interface RefreshTimer {
  every(ms: number, fn: () => void): () => void;
}

export const realTimer: RefreshTimer = {
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return () => clearInterval(t);
  },
};

export interface InventoryRefreshDeps {
  inventory: Inventory;
  provider: CloudProvider;
  /** Which estate the cache rows belong to (`aws`, or the sandbox estate's label). */
  source: string;
  cache?: InventoryCache;
  scan?: ScanOptions;
  intervalMs: number;
  timer?: RefreshTimer;
  now?: () => Date;
  log?: Logger;
  /** Told of every finished scan (metrics: each unit's account, region, scanner and time). */
  onScanned?: (report: ScanReport) => void;
  /** The scan lease (used when the cache supports one); its owner is random unless given. */
  lease?: Partial<ScanLeaseOptions>;
  /** How a waiting replica waits between looks (tests pass their own). */
  wait?: (ms: number) => Promise<void>;
}

/**
 * Keeps the inventory fresh: a scan on a schedule and on demand (`cloudops scan`), one at a time (a
 * request during a scan waits for that scan), each result written to the cache.
 */
export class InventoryRefresh {
  private running: Promise<ScanReport> | undefined;
  /** Who is watching the scan that runs now (a joined scan reports to everyone who asked). */
  private readonly watchers = new Set<(p: ScanProgress) => void>();
  private stopTimer: (() => void) | undefined;
  /** Told after each scan (or another replica's scan) is taken into the inventory. */
  private readonly changeListeners = new Set<() => void>();
  lastReport: ScanReport | undefined;

  constructor(private readonly deps: InventoryRefreshDeps) {
    this.lease = {
      owner: deps.lease?.owner ?? `scan-${randomBytes(6).toString('hex')}`,
      ttlMs: deps.lease?.ttlMs ?? 60_000,
      pollMs: deps.lease?.pollMs ?? 500,
    };
  }

  get inventory(): Inventory {
    return this.deps.inventory;
  }

  /**
   * `listener` runs after every scan this refresh takes in (its own, or another replica's from the cache),
   * so what is indexed over the inventory can be rebuilt then rather than by the next request. Returns
   * the way to stop listening.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch (err) {
        this.deps.log?.warn({ err: err instanceof Error ? err.message : String(err) }, 'after the scan, rebuilding an index failed');
      }
    }
  }

  /** Who scans in this process, for the scan lease shared with other replicas. */
  readonly lease: ScanLeaseOptions;

  /**
   * Scan now, or join the scan already running; `onProgress` hears each unit that finishes from now on.
   * When another replica is scanning the same estate (it holds the scan lease), this one waits for it and
   * takes its result from the cache instead of scanning too.
   */
  refresh(onProgress?: (p: ScanProgress) => void, options: { reuseFreshMs?: number } = {}): Promise<ScanReport> {
    if (onProgress) this.watchers.add(onProgress);
    this.running ??= this.leasedScan(options.reuseFreshMs).finally(() => {
      this.running = undefined;
      this.watchers.clear();
    });
    return this.running;
  }

  private nowMs(): number {
    return (this.deps.now ?? (() => new Date()))().getTime();
  }

  /**
   * Take the scan lease and scan; while another replica holds it, wait, then read what it saved. A lease
   * left by a replica that died mid-scan runs out after `ttlMs`, and then this one scans.
   */
  private async leasedScan(reuseFreshMs?: number): Promise<ScanReport> {
    const { cache, source } = this.deps;
    if (!cache?.acquireScanLease || !cache.releaseScanLease) return this.scanOnce();
    const { owner, ttlMs, pollMs } = this.lease;
    const seen = await cache.lastAttempt?.(source);
    let waited = false;
    while (!(await cache.acquireScanLease(source, owner, this.nowMs(), ttlMs))) {
      if (!waited) this.deps.log?.info({ source }, 'another replica is scanning this estate; waiting for its result');
      waited = true;
      await (this.deps.wait ?? delay)(pollMs);
    }
    try {
      const latest = await cache.lastAttempt?.(source);
      // Someone else scanned while this one waited, or (on a schedule) very recently: take that.
      const fresh =
        latest !== undefined &&
        ((waited && latest !== seen) || (reuseFreshMs !== undefined && this.nowMs() - Date.parse(latest) < reuseFreshMs));
      if (fresh) return await this.fromCache();
      const beat = setInterval(
        () => void cache.acquireScanLease!(source, owner, this.nowMs(), ttlMs).catch(() => undefined),
        Math.max(10, Math.floor(ttlMs / 3)),
      );
      beat.unref();
      try {
        return await this.scanOnce();
      } finally {
        clearInterval(beat);
      }
    } finally {
      await cache.releaseScanLease(source, owner).catch(() => undefined);
    }
  }

  /** Another replica's scan, from the cache, taken in as if this one had scanned. */
  private async fromCache(): Promise<ScanReport> {
    const { provider, inventory, cache, source, log } = this.deps;
    const slices = await cache!.load(source);
    warnUnreadable(slices, source, log);
    const at = slices.reduce((max, s) => (s.lastAttempt && s.lastAttempt > max ? s.lastAttempt : max), '');
    const finishedAt = at ? new Date(at) : new Date(this.nowMs());
    const report: ScanReport = {
      startedAt: finishedAt,
      finishedAt,
      units: slices.map((s) => {
        const unit = {
          account: s.account,
          ...(s.accountAlias ? { accountAlias: s.accountAlias } : {}),
          region: s.region,
          scanner: s.scanner,
          ms: 0,
        };
        return s.error === null
          ? { ...unit, ok: true as const, resources: s.resources }
          : { ...unit, ok: false as const, error: s.error, ...(s.code ? { code: s.code } : {}) };
      }),
    };
    inventory.apply(report, provider.accounts());
    log?.info({ resources: inventory.size, source }, 'inventory taken from the cache another replica scanned');
    this.lastReport = report;
    this.changed();
    return report;
  }

  private async scanOnce(): Promise<ScanReport> {
    const { provider, inventory, cache, source, log } = this.deps;
    const report = await scanEstate(provider, {
      now: this.deps.now,
      ...this.deps.scan,
      onProgress: (p) => this.watchers.forEach((w) => w(p)),
    });
    const accounts = provider.accounts();
    const changed = inventory.apply(report, accounts);
    if (cache) {
      const succeeded = new Set(changed.filter((s) => s.error === null));
      await cache.save(source, changed, succeeded);
      await cache.retain(source, new Set(inventory.status().map((s) => `${s.account}|${s.region}|${s.scanner}`)));
    }
    for (const u of report.units)
      if (!u.ok)
        log?.warn({ account: u.account, region: u.region, scanner: u.scanner, error: u.error, code: u.code }, 'inventory scan failed');
    log?.info(
      {
        resources: inventory.size,
        units: report.units.length,
        failed: report.units.filter((u) => !u.ok).length,
        ms: report.finishedAt.getTime() - report.startedAt.getTime(),
      },
      'inventory scanned',
    );
    this.lastReport = report;
    this.deps.onScanned?.(report);
    this.changed();
    return report;
  }

  /** Is the inventory older than one refresh interval (or never scanned)? */
  isStale(): boolean {
    const asOf = this.deps.inventory.asOf;
    const now = (this.deps.now ?? (() => new Date()))();
    return !asOf || now.getTime() - asOf.getTime() >= this.deps.intervalMs;
  }

  /** Refresh every interval until stop(). A failing scheduled scan is logged, never thrown. */
  start(): void {
    if (this.stopTimer || this.deps.intervalMs <= 0) return;
    this.stopTimer = (this.deps.timer ?? realTimer).every(this.deps.intervalMs, () => {
      // Every replica's timer fires; the first scans, the others find its result fresh and read it.
      this.refresh(undefined, { reuseFreshMs: this.deps.intervalMs / 2 }).catch((e) =>
        this.deps.log?.error({ err: (e as Error).message }, 'scheduled inventory scan failed'),
      );
    });
  }

  stop(): void {
    this.stopTimer?.();
    this.stopTimer = undefined;
  }
}

export interface OpenInventoryOptions extends Omit<InventoryRefreshDeps, 'inventory'> {
  /** `always`: scan before returning (sandbox). `when-stale`: only if the cache is old or empty. `never`: the caller scans. */
  scanAtStart: 'always' | 'when-stale' | 'never';
}

/** The inventory from the cache, scanned first when it must be; the schedule is not started. */
export async function openInventory(options: OpenInventoryOptions): Promise<InventoryRefresh> {
  const { scanAtStart, ...deps } = options;
  const slices = (await deps.cache?.load(deps.source)) ?? [];
  const inventory = Inventory.fromSlices(slices);
  const refresh = new InventoryRefresh({ ...deps, inventory });
  // Cache rows that cannot be read (corrupt, or from a version that stored another shape) are not resources:
  // their slices are scanned again now, not left out until the next scheduled scan.
  const damaged = warnUnreadable(slices, deps.source, deps.log);
  if (scanAtStart === 'always' || (scanAtStart === 'when-stale' && (damaged || refresh.isStale()))) await refresh.refresh();
  return refresh;
}

/** Logs the slices whose cached rows could not be read; true when there were any. */
function warnUnreadable(slices: InventorySlice[], source: string, log?: Logger): boolean {
  const damaged = slices.filter((s) => s.unreadable);
  for (const s of damaged)
    log?.warn(
      { source, account: s.account, region: s.region, scanner: s.scanner, unreadable: s.unreadable },
      'inventory cache: rows that are not readable resources were skipped; this slice is scanned again',
    );
  return damaged.length > 0;
}
