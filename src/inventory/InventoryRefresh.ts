import type { CloudProvider } from '../cloud';
import type { Logger } from '../core/ports';
import { Inventory, type InventorySlice } from './Inventory';
import { scanEstate, type ScanOptions, type ScanProgress, type ScanReport } from './scan-estate';

/** Where scanned slices are kept between runs (the store's InventoryRepository). */
export interface InventoryCache {
  load(source: string): InventorySlice[];
  /** Write the slices' status; rewrite the resources of those in `withResources`. */
  save(source: string, slices: InventorySlice[], withResources: Set<InventorySlice>): void;
  /** Drop every slice of `source` that is not one of `keep` (`account|region|scanner`). */
  retain(source: string, keep: Set<string>): void;
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
  lastReport: ScanReport | undefined;

  constructor(private readonly deps: InventoryRefreshDeps) {}

  get inventory(): Inventory {
    return this.deps.inventory;
  }

  /** Scan now, or join the scan already running; `onProgress` hears each unit that finishes from now on. */
  refresh(onProgress?: (p: ScanProgress) => void): Promise<ScanReport> {
    if (onProgress) this.watchers.add(onProgress);
    this.running ??= this.scanOnce().finally(() => {
      this.running = undefined;
      this.watchers.clear();
    });
    return this.running;
  }

  private async scanOnce(): Promise<ScanReport> {
    const { provider, inventory, cache, source, log } = this.deps;
    const report = await scanEstate(provider, { now: this.deps.now, ...this.deps.scan, onProgress: (p) => this.watchers.forEach((w) => w(p)) });
    const accounts = provider.accounts();
    const changed = inventory.apply(report, accounts);
    if (cache) {
      const succeeded = new Set(changed.filter((s) => s.error === null));
      cache.save(source, changed, succeeded);
      cache.retain(source, new Set(inventory.status().map((s) => `${s.account}|${s.region}|${s.scanner}`)));
    }
    for (const u of report.units) if (!u.ok) log?.warn({ account: u.account, region: u.region, scanner: u.scanner, error: u.error, code: u.code }, 'inventory scan failed');
    log?.info({ resources: inventory.size, units: report.units.length, failed: report.units.filter((u) => !u.ok).length, ms: report.finishedAt.getTime() - report.startedAt.getTime() }, 'inventory scanned');
    this.lastReport = report;
    this.deps.onScanned?.(report);
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
      this.refresh().catch((e) => this.deps.log?.error({ err: (e as Error).message }, 'scheduled inventory scan failed'));
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
  const inventory = Inventory.fromSlices(deps.cache?.load(deps.source) ?? []);
  const refresh = new InventoryRefresh({ ...deps, inventory });
  if (scanAtStart === 'always' || (scanAtStart === 'when-stale' && refresh.isStale())) await refresh.refresh();
  return refresh;
}
