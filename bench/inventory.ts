/**
 * `npm run bench:inventory`: for synthetic estates of 1k, 10k and 100k resources, prints resolution
 * accuracy on generated references, p50/p99 resolution latency, resident memory after loading, and
 * the scan time through a provider that adds 50 ms to every page.
 *
 *   npm run bench:inventory                                  # 1000,10000,100000
 *   npm run bench:inventory -- --sizes 1000,10000 --refs 1000 --page-delay 50 --show-misses 20
 *
 * Each size runs in two child processes, so memory figures are the bot's own:
 *  1. prepare: generate the estate, scan it into the inventory cache (SQLite file), write the
 *     references; then time a scan of a one-account, three-region estate of that size through a
 *     provider with AWS page sizes and 50 ms per page;
 *  2. load: start like a restarted bot (inventory from the cache), measure memory, resolve every
 *     reference as a plan would.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SandboxProvider } from '../src/cloud';
import { Inventory, InventoryResolver, scanEstate } from '../src/inventory';
import { InventoryRepository, openStoreMigrated } from '../src/store';
import { references, syntheticEstate, type Reference } from './synthetic-estate';
import { SlowPagingProvider } from './slow-provider';

interface Prepared {
  resources: number;
  scan: { resources: number; regions: number; pages: number; ms: number; failed: number };
}

interface Loaded {
  resources: number;
  cacheLoadMs: number;
  rssMb: number;
  heapMb: number;
  refs: number;
  top1: number;
  clarify: number;
  wrong: number;
  none: number;
  byKind: Record<string, { n: number; top1: number; clarify: number; wrong: number }>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  loadAverage: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function prepare(size: number, dir: string, refCount: number, delayMs: number): Promise<Prepared> {
  const synthetic = syntheticEstate(size);
  writeFileSync(join(dir, 'refs.json'), JSON.stringify(references(synthetic, refCount)));
  const provider = new SandboxProvider(synthetic.estate);
  const inventory = new Inventory();
  const slices = inventory.apply(await scanEstate(provider), provider.accounts());
  const db = await openStoreMigrated(join(dir, 'cache.db'));
  await new InventoryRepository(db).save('bench', slices, new Set(slices));
  await db.close();

  // Scan time: one account over three regions, AWS page sizes, `delayMs` added to every page.
  const slow = new SlowPagingProvider(syntheticEstate(size, { accounts: 1, seed: 43 }).estate, delayMs);
  const s0 = performance.now();
  const report = await scanEstate(slow, { concurrency: 8 });
  const scanned = new Inventory();
  scanned.apply(report, slow.accounts());
  const ms = Math.round(performance.now() - s0);
  return {
    resources: inventory.size,
    scan: {
      resources: scanned.size,
      regions: slow.accounts()[0].regions.length,
      pages: slow.pages,
      ms,
      failed: report.units.filter((u) => !u.ok).length,
    },
  };
}

async function load(dir: string): Promise<Loaded> {
  const refs = JSON.parse(readFileSync(join(dir, 'refs.json'), 'utf8')) as Reference[];
  const db = await openStoreMigrated(join(dir, 'cache.db'));
  const c0 = performance.now();
  const inventory = Inventory.fromSlices(await new InventoryRepository(db).load('bench'));
  const cacheLoadMs = Math.round(performance.now() - c0);
  await db.close();
  gc();
  gc();
  const mem = process.memoryUsage();

  // Resolve every reference as a plan would: the parameter's type, no cloud re-read.
  const resolver = new InventoryResolver(inventory, new SandboxProvider({ accounts: [{ id: '111111111111', regions: {} }], costs: [] }));
  for (const ref of refs.slice(0, 200)) resolver.decide(ref.text, ref.target.type);
  const times: number[] = [];
  const tally = { top1: 0, clarify: 0, wrong: 0, none: 0 };
  const byKind: Loaded['byKind'] = {};
  let showMisses = Number(arg('show-misses', '0'));
  for (const ref of refs) {
    const t0 = performance.now();
    const d = resolver.decide(ref.text, ref.target.type);
    times.push(performance.now() - t0);
    const k = (byKind[ref.kind] ??= { n: 0, top1: 0, clarify: 0, wrong: 0 });
    k.n += 1;
    const same = (r: { id: string; account: string; region: string }) =>
      r.id === ref.target.id && r.account === ref.target.account && r.region === ref.target.region;
    if (d.kind === 'match' && same(d.resource)) tally.top1++, k.top1++;
    else if (d.kind === 'ambiguous' && d.candidates.some(same)) tally.clarify++, k.clarify++;
    else if (d.kind === 'none') tally.none++;
    else tally.wrong++, k.wrong++;
    if (showMisses > 0 && !(d.kind === 'match' && same(d.resource))) {
      showMisses -= 1;
      const got =
        d.kind === 'match'
          ? `match ${d.resource.name} ${d.resource.region}`
          : d.kind === 'ambiguous'
            ? `ambiguous ${d.candidates.map((x) => `${x.name}@${x.accountAlias}/${x.region}`).join(' ')}`
            : `none ${d.nearest.join(' ')}`;
      process.stderr.write(
        `miss [${ref.kind}] "${ref.text}" -> want ${ref.target.name}@${ref.target.accountAlias}/${ref.target.region}; got ${got}\n`,
      );
    }
  }
  times.sort((a, b) => a - b);
  const at = (xs: number[], p: number) => Math.round(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] * 1000) / 1000;
  return {
    resources: inventory.size,
    cacheLoadMs,
    rssMb: mb(mem.rss),
    heapMb: mb(mem.heapUsed),
    refs: refs.length,
    top1: tally.top1 / refs.length,
    clarify: tally.clarify / refs.length,
    wrong: tally.wrong / refs.length,
    none: tally.none / refs.length,
    byKind,
    p50Ms: at(times, 0.5),
    p99Ms: at(times, 0.99),
    maxMs: Math.round(times[times.length - 1] * 1000) / 1000,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function run<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=2048', __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

function main(): void {
  const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
  const refs = arg('refs', '2000');
  const delay = arg('page-delay', '50');
  const baseline = run<{ rssMb: number; heapMb: number }>(['--phase', 'baseline']);
  console.log(`Inventory benchmark: ${refs} generated references per size, scans with ${delay} ms added to every page.`);
  console.log(
    `node ${process.version}, ${os.cpus().length} cores; the bot's modules alone (no ` +
      `inventory): RSS ${baseline.rssMb} MB, heap ${baseline.heapMb} MB.`,
  );
  const rows: (Prepared & Loaded & { size: number })[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(os.tmpdir(), 'cloudops-bench-'));
    try {
      const p = run<Prepared>(['--phase', 'prepare', '--size', String(size), '--dir', dir, '--refs', refs, '--page-delay', delay]);
      const l = run<Loaded>(['--phase', 'load', '--dir', dir, '--show-misses', arg('show-misses', '0')]);
      const f = { size, ...p, ...l };
      rows.push(f);
      console.log(`\n== ${size.toLocaleString('en')} resources (${f.resources.toLocaleString('en')} in the inventory) ==`);
      console.log(
        `  resolution: top-1 ${pct(f.top1)}, asked back with the target among the candidates ` +
          `${pct(f.clarify)}, wrong ${pct(f.wrong)}, none ${pct(f.none)}`,
      );
      for (const [k, v] of Object.entries(f.byKind))
        console.log(
          `    ${k.padEnd(12)} top-1 ${pct(v.top1 / v.n).padStart(6)}  clarify ` +
            `${pct(v.clarify / v.n).padStart(6)}  wrong ${pct(v.wrong / v.n).padStart(6)}  (` +
            `${v.n})`,
        );
      console.log(
        `  latency: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, max ${f.maxMs} ms (load average ` +
          `${f.loadAverage}: on a shared machine the tail includes other processes' turns)`,
      );
      console.log(`  memory after loading from the cache: RSS ${f.rssMb} MB, heap ${f.heapMb} MB; cache load ${f.cacheLoadMs} ms`);
      console.log(
        `  scan: ${f.scan.resources.toLocaleString('en')} resources over ${f.scan.regions} ` +
          `regions, ${f.scan.pages} pages, ${(f.scan.ms / 1000).toFixed(2)} s` +
          `${f.scan.failed ? `, ${f.scan.failed} units failed` : ''}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log('\n| resources | top-1 | clarify | wrong | p50 | p99 | RSS after loading | scan, 3 regions, +50 ms/page |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const f of rows)
    console.log(
      `| ${f.size.toLocaleString('en')} | ${pct(f.top1)} | ${pct(f.clarify)} | ` +
        `${pct(f.wrong)} | ${f.p50Ms} ms | ${f.p99Ms} ms | ${f.rssMb} MB | ` +
        `${(f.scan.ms / 1000).toFixed(2)} s |`,
    );
  const big = rows.find((f) => f.size === 100000);
  const ten = rows.find((f) => f.size === 10000);
  console.log('\nTargets:');
  if (big) console.log(`  p99 resolution under 10 ms at 100k: ${big.p99Ms} ms: ${big.p99Ms < 10 ? 'MET' : 'MISSED'}`);
  if (big) console.log(`  memory under 300 MB at 100k: RSS ${big.rssMb} MB: ${big.rssMb < 300 ? 'MET' : 'MISSED'}`);
  if (ten)
    console.log(
      `  10k over 3 regions scanned under 5 s with 50 ms pages: ` +
        `${(ten.scan.ms / 1000).toFixed(2)} s: ${ten.scan.ms < 5000 ? 'MET' : 'MISSED'}`,
    );
}

const phase = arg('phase', '');
const done = (f: unknown) => process.stdout.write(`${JSON.stringify(f)}\n`);
const fail = (e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
};
if (phase === 'baseline') {
  gc();
  gc();
  const m = process.memoryUsage();
  done({ rssMb: mb(m.rss), heapMb: mb(m.heapUsed) });
} else if (phase === 'prepare')
  prepare(Number(arg('size', '1000')), arg('dir', '.'), Number(arg('refs', '2000')), Number(arg('page-delay', '50'))).then(done, fail);
else if (phase === 'load') load(arg('dir', '.')).then(done, fail);
else main();
