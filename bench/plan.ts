/**
 * `npm run bench:plan`: the whole bot at 1k / 10k / 100k resources. For each size, in a fresh process
 * (so memory is the bot's own; the synthetic estate standing in for AWS is measured and taken out): start-up from the
 * store's inventory cache (what a restarted bot does), then
 * a fixed mixed set of requests planned as `cloudops plan --json` would (classify, resolve, re-read,
 * assess), then peak RSS. A second process per size starts from a sandbox estate file (parse + scan).
 *
 *   npm run bench:plan                                   # 1000,10000,100000
 *   npm run bench:plan -- --sizes 1000,10000 --requests 500 --no-file
 *
 * The synthetic estate (bench/synthetic-estate.ts) stands for AWS: generating it is not counted as
 * start-up when starting from the cache, as the estate would be in AWS, not in the bot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { stringify } from 'yaml';
import { SandboxProvider } from '../src/cloud';
import { parseConfig } from '../src/config';
import type { Logger } from '../src/core';
import { buildBot, type Bot } from '../src/main';
import { references, rng, syntheticEstate, type Reference } from './synthetic-estate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const quiet: Logger = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;
const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** What on-call people ask, over generated references: most name one resource, some are typos, some miss. */
function requests(refs: Reference[], count: number): string[] {
  const r = rng(11);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const ref = refs[i % refs.length];
    const t = ref.text;
    const pick = r();
    if (ref.target.type === 'rds-instance')
      out.push(pick < 0.4 ? `snapshot ${t}` : pick < 0.7 ? `reboot the database ${t}` : `stop rds ${t}`);
    else if (pick < 0.25) out.push(`stop ${t}`);
    else if (pick < 0.45) out.push(`reboot ${t}`);
    else if (pick < 0.6) out.push(`restart nginx on ${t}`);
    else if (pick < 0.7) out.push(`resize ${t} to m5.xlarge`);
    else if (pick < 0.8) out.push(`tag ${t} owner=alice`);
    else if (pick < 0.9) out.push(`snapshot ${t}`);
    else out.push(`stop ${t}-nonexistent-${i}`);
  }
  return out;
}

function config() {
  // A long refresh interval: a restarted bot reads the cache and does not scan.
  return {
    loaded: {
      config: parseConfig({
        sandbox: {},
        playbooks: { dir: join(__dirname, '../../playbooks') },
        inventory: { refresh: '24h' },
        approval: { approvers: { oncall: { console: ['bob'] } } },
      }),
      file: null,
    },
  };
}

interface Row {
  size: number;
  resources: number;
  startMs: number;
  /** CPU time of start-up (all threads): steadier than wall time on a shared machine. */
  startCpuMs?: number;
  p50: number;
  p99: number;
  resolveP50: number;
  resolveP99: number;
  rssMb: number;
  /** RSS taken by the synthetic estate that stands in for AWS (not the bot's: in production it is in AWS). */
  standInMb: number;
  planned: number;
  load: number;
}

async function measure(bot: Bot, startMs: number, size: number, dir: string, standInMb = 0, startCpuMs?: number): Promise<Row> {
  const refs = JSON.parse(readFileSync(join(dir, 'refs.json'), 'utf8')) as Reference[];
  const lines = requests(refs, Number(arg('requests', '500')));
  // Warm-up: the first plans compile code paths; a restarted bot's first minute is not its steady state.
  for (const l of lines.slice(0, 20)) await bot.planner.plan(l, { at: new Date() });
  const times: number[] = [];
  let planned = 0;
  for (const l of lines) {
    const t0 = performance.now();
    const plan = await bot.planner.plan(l, { at: new Date() });
    times.push(performance.now() - t0);
    if (plan.playbook && !plan.missing && !plan.clarify) planned += 1;
  }
  const resolves: number[] = [];
  for (const ref of refs.slice(0, 500)) {
    const t0 = performance.now();
    await bot.resolver.resolve(ref.text, ref.target.type);
    resolves.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  resolves.sort((a, b) => a - b);
  return {
    size,
    resources: bot.inventory.size,
    startMs,
    startCpuMs,
    p50: at(times, 0.5),
    p99: at(times, 0.99),
    resolveP50: at(resolves, 0.5),
    resolveP99: at(resolves, 0.99),
    rssMb: peakRssMb() - standInMb,
    standInMb,
    planned,
    load: round(os.loadavg()[0]),
  };
}

/** Prepare: generate, scan into the store's cache, write the references and (unless --no-file) a sandbox file. */
async function prepare(size: number, dir: string, file: boolean): Promise<void> {
  const synthetic = syntheticEstate(size);
  writeFileSync(join(dir, 'refs.json'), JSON.stringify(references(synthetic, 2000)));
  const bot = await buildBot({
    ...config(),
    provider: new SandboxProvider(synthetic.estate),
    storePath: join(dir, 'store.db'),
    log: quiet,
    scanAtStart: 'always',
  });
  bot.close();
  if (file) writeFileSync(join(dir, 'estate.yaml'), stringify(synthetic.estate));
}

/** Start like a restarted bot: the inventory from the store's cache. */
async function fromCache(size: number, dir: string): Promise<Row> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const g0 = performance.now();
  const c0 = process.cpuUsage();
  const provider = new SandboxProvider(syntheticEstate(size).estate);
  const generation = performance.now() - g0;
  const generationCpu = process.cpuUsage(c0);
  gc?.();
  const standInMb = Math.max(0, Math.round((process.memoryUsage().rss - before) / 1024 / 1024));
  const bot = await buildBot({ ...config(), provider, storePath: join(dir, 'store.db'), log: quiet, scanAtStart: 'when-stale' });
  // performance.now() counts from process start: module loading is start-up too.
  const startMs = performance.now() - generation;
  const cpu = process.cpuUsage();
  const startCpuMs = (cpu.user + cpu.system - generationCpu.user - generationCpu.system) / 1000;
  return measure(bot, startMs, size, dir, standInMb, startCpuMs);
}

/** Start from a sandbox estate file: parse it and scan it (what `cloudops console --sandbox FILE` does). */
async function fromFile(size: number, dir: string): Promise<Row> {
  const bot = await buildBot({ ...config(), sandboxFile: join(dir, 'estate.yaml'), storePath: join(dir, 'file-store.db'), log: quiet });
  return measure(bot, performance.now(), size, dir);
}

function run<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function line(r: Row, what: string): string {
  const standIn = r.standInMb
    ? `; peak RSS ${r.rssMb + r.standInMb} MB with the ${r.standInMb} MB synthetic estate standing in for AWS`
    : '';
  return (
    `${label(r.size)}: start ${round(r.startMs / 1000)} s, plan p50 ${round(r.p50)} ms ` +
    `p99 ${round(r.p99)} ms, rss ${r.rssMb} MB  (${what}${standIn}; resolve p50 ` +
    `${round(r.resolveP50, 2)} ms p99 ${round(r.resolveP99, 2)} ms; ` +
    `${r.resources.toLocaleString('en')} resources; ` +
    `${r.startCpuMs === undefined ? '' : `start-up CPU ${round(r.startCpuMs / 1000)} s; `}load ${r.load})`
  );
}

function main(): void {
  const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
  const file = !process.argv.includes('--no-file');
  console.log(
    `Plan benchmark: ${arg('requests', '500')} mixed requests per size, node ` +
      `${process.version}, ${os.cpus().length} cores, load average ` +
      `${round(os.loadavg()[0])} at start.`,
  );
  const cached: Row[] = [];
  const files: Row[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(os.tmpdir(), 'cloudops-bench-plan-'));
    try {
      run<null>(['--phase', 'prepare', '--size', String(size), '--dir', dir, ...(file ? [] : ['--no-file'])]);
      cached.push(run<Row>(['--phase', 'cache', '--size', String(size), '--dir', dir, '--requests', arg('requests', '500')]));
      if (file) files.push(run<Row>(['--phase', 'file', '--size', String(size), '--dir', dir, '--requests', arg('requests', '500')]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (files.length) {
    console.log('\nFrom a sandbox estate file (parse + scan):');
    for (const r of files) console.log(line(r, 'from the file'));
  }
  console.log("\nFrom the store's inventory cache (a restarted bot):");
  for (const r of cached) console.log(line(r, 'from the cache'));
  const big = cached.find((r) => r.size === 100000);
  const bigFile = files.find((r) => r.size === 100000);
  if (big) {
    console.log('\nGoals at 100k:');
    console.log(`  plan p99 < 30 ms: ${round(big.p99)} ms ${big.p99 < 30 ? 'MET' : 'MISSED'}`);
    console.log(`  resolve p99 < 5 ms: ${round(big.resolveP99, 2)} ms ${big.resolveP99 < 5 ? 'MET' : 'MISSED'}`);
    console.log(`  start-up from the cache < 5 s: ${round(big.startMs / 1000)} s ${big.startMs < 5000 ? 'MET' : 'MISSED'}`);
    console.log(`  RSS < 400 MB: ${big.rssMb} MB ${big.rssMb < 400 ? 'MET' : 'MISSED'}`);
  }
  if (bigFile)
    console.log(
      `  from a 100k sandbox file < 15 s and < 1 GB: ${round(bigFile.startMs / 1000)} s, ` +
        `${bigFile.rssMb} MB ` +
        `${bigFile.startMs < 15000 && bigFile.rssMb < 1024 ? 'MET' : 'MISSED'}`,
    );
}

const phase = arg('phase', '');
const done = (f: unknown) => {
  process.stdout.write(`${JSON.stringify(f)}\n`);
  process.exit(0);
};
const fail = (e: unknown) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
};
const size = Number(arg('size', '1000'));
if (phase === 'prepare') prepare(size, arg('dir', '.'), !process.argv.includes('--no-file')).then(() => done(null), fail);
else if (phase === 'cache') fromCache(size, arg('dir', '.')).then(done, fail);
else if (phase === 'file') fromFile(size, arg('dir', '.')).then(done, fail);
else main();
