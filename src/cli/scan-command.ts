import type { CloudProvider } from '../cloud';
import type { LoadedConfig } from '../config';
import type { Logger } from '../core';
import { describeScanFailures, type Inventory, type ScanProgress, type ScanReport } from '../inventory';
import { buildInventory, createProvider, openStore, storeTargetOf } from '../main';

export interface ScanSummary {
  estate: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  resources: number;
  /** Resources per account and region, by type, and what each scanner found there. */
  counts: { account: string; accountAlias?: string; region: string; types: Record<string, number>; scanners: Record<string, number> }[];
  failures: {
    account: string;
    accountAlias?: string;
    region: string;
    scanner: string;
    error: string;
    code?: string;
    lastSuccess: string | null;
  }[];
}

/** The `cloudops scan --json` shape. Later changes may add keys, never rename them. */
export function summarizeScan(provider: CloudProvider, inventory: Inventory, report: ScanReport): ScanSummary {
  const counts = new Map<string, ScanSummary['counts'][number]>();
  for (const a of provider.accounts()) {
    for (const region of a.regions)
      counts.set(`${a.id}|${region}`, { account: a.id, ...(a.alias ? { accountAlias: a.alias } : {}), region, types: {}, scanners: {} });
  }
  for (const r of inventory.all()) {
    const c = counts.get(`${r.account}|${r.region}`);
    if (c) c.types[r.type] = (c.types[r.type] ?? 0) + 1;
  }
  for (const u of report.units) {
    const c = counts.get(`${u.account}|${u.region}`);
    if (c && u.ok) c.scanners[u.scanner] = u.resources.length;
  }
  const failures = inventory.failures.map((f) => ({
    account: f.account,
    ...(f.accountAlias ? { accountAlias: f.accountAlias } : {}),
    region: f.region,
    scanner: f.scanner,
    error: f.error,
    ...(f.code ? { code: f.code } : {}),
    lastSuccess: f.lastSuccess ?? null,
  }));
  return {
    estate: provider.label,
    startedAt: report.startedAt.toISOString(),
    finishedAt: report.finishedAt.toISOString(),
    durationMs: report.finishedAt.getTime() - report.startedAt.getTime(),
    resources: inventory.size,
    counts: [...counts.values()],
    failures,
  };
}

function human(s: ScanSummary): string {
  const lines = [`Scanned ${s.estate}: ${s.resources} resources in ${(s.durationMs / 1000).toFixed(1)}s.`];
  const failed = new Set(s.failures.map((f) => `${f.account}|${f.region}`));
  for (const c of s.counts) {
    const types = Object.entries(c.types)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ');
    // "nothing" only where every scan worked; a slice that failed is not known to be empty.
    const where = failed.has(`${c.account}|${c.region}`)
      ? types
        ? `${types}; some scans failed (below)`
        : 'not scanned (below)'
      : types || 'nothing';
    lines.push(`  ${c.accountAlias ?? c.account} (${c.account}) ${c.region}: ${where}`);
  }
  if (s.failures.length) {
    lines.push(`${s.failures.length} scan(s) failed; their last known resources are kept:`);
    // One sentence per failed slice (an account's regions that failed for one reason together), not a line per scanner.
    for (const line of describeScanFailures(s.failures)) lines.push(`  ${line}`);
  }
  return lines.join('\n');
}

/** `12/18 slices, 340 resources, 1 failed, 3.2 s` */
export function progressLine(p: ScanProgress): string {
  return (
    `scanning: ${p.done}/${p.total} slices, ${p.resources} resources` +
    `${p.failed ? `, ${p.failed} failed` : ''}, ${(p.elapsedMs / 1000).toFixed(1)} s`
  );
}

/**
 * Progress on stderr while a scan runs: one line updated in place on a terminal; on a pipe or a log, a
 * plain line every `everyMs` (a scan that ends sooner prints none). Returns the listener and `end()`,
 * which clears the terminal line.
 */
export function scanProgress(
  out: NodeJS.WritableStream & { isTTY?: boolean },
  everyMs = 5000,
  clock: () => number = Date.now,
): { onProgress: (p: ScanProgress) => void; end: () => void } {
  let last = clock();
  let shown = false;
  return {
    onProgress: (p) => {
      if (out.isTTY) {
        out.write(`\r\x1b[2K${progressLine(p)}`);
        shown = true;
      } else if (clock() - last >= everyMs) {
        last = clock();
        out.write(`${progressLine(p)}\n`);
      }
    },
    end: () => {
      if (shown) out.write('\r\x1b[2K');
    },
  };
}

/**
 * `cloudops scan`: scan every account x region x scanner now, update the cache, print counts and
 * failures. Exit code 1 when any scan failed (the rest is still saved).
 */
export async function scanCommand(
  loaded: LoadedConfig,
  opts: { sandbox?: string; store?: string; json?: boolean },
  io: { output: NodeJS.WritableStream; log: Logger; progress?: NodeJS.WritableStream & { isTTY?: boolean } },
): Promise<number> {
  const provider = createProvider(loaded, opts.sandbox);
  const db = await openStore(storeTargetOf(loaded, opts.store));
  try {
    // Open from the cache without scanning (a stale cache must not cost two scans), then scan once.
    const refresh = await buildInventory(loaded, provider, db, { log: io.log, scanAtStart: 'never' });
    const progress = io.progress ? scanProgress(io.progress) : undefined;
    let report: ScanReport;
    try {
      report = await refresh.refresh(progress?.onProgress);
    } finally {
      progress?.end();
    }
    const summary = summarizeScan(provider, refresh.inventory, report);
    io.output.write(opts.json ? `${JSON.stringify(summary)}\n` : `${human(summary)}\n`);
    return summary.failures.length ? 1 : 0;
  } finally {
    await db.close();
  }
}
