/**
 * `npm run bench:resolve-tail`: where the slow end of resolution at 100k comes from. Builds the synthetic
 * estate in memory, resolves the plan benchmark's references (`decide`, no cloud re-read) several times, and
 * prints p50/p99/max per reference kind and the slowest references. Run under `node --cpu-prof` to profile.
 *
 *   npm run bench:resolve-tail -- --size 100000 --refs 500 --rounds 5 --show 15
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SandboxProvider } from '../src/cloud';
import { Inventory, InventoryResolver, scanEstate } from '../src/inventory';
import { references, syntheticEstate } from './synthetic-estate';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const at = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const size = Number(arg('size', '100000'));
  const synthetic = syntheticEstate(size);
  // The plan benchmark resolves the first 500 of 2000 references: the same ones here.
  const refs = references(synthetic, 2000).slice(0, Number(arg('refs', '500')));
  const provider = new SandboxProvider(synthetic.estate);
  const inventory = new Inventory();
  inventory.apply(await scanEstate(provider), provider.accounts());
  const resolver = new InventoryResolver(inventory, provider);
  for (const ref of refs.slice(0, 20)) resolver.decide(ref.text, ref.target.type);
  const rounds = Number(arg('rounds', '5'));
  const all: number[] = [];
  const cpu: number[] = [];
  const byRef = new Map<number, number[]>();
  for (let k = 0; k < rounds; k++)
    refs.forEach((ref, i) => {
      // CPU time beside wall time: on a busy machine the wall clock's tail is mostly other processes' turns.
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      resolver.decide(ref.text, ref.target.type);
      const t = performance.now() - t0;
      const c = process.cpuUsage(c0);
      all.push(t);
      cpu.push((c.user + c.system) / 1000);
      (byRef.get(i) ?? byRef.set(i, []).get(i)!).push(t);
    });
  all.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  console.log(
    `${inventory.size} resources, ${refs.length} references x ${rounds} rounds: p50 ` +
      `${ms(at(all, 0.5))} p99 ${ms(at(all, 0.99))} max ${ms(all[all.length - 1])}; CPU ` +
      `time p50 ${ms(at(cpu, 0.5))} p99 ${ms(at(cpu, 0.99))} (load ` +
      `${os.loadavg()[0].toFixed(1)})`,
  );
  const kinds = new Map<string, number[]>();
  refs.forEach((ref, i) => kinds.set(ref.kind, [...(kinds.get(ref.kind) ?? []), ...byRef.get(i)!]));
  for (const [k, xs] of kinds) {
    xs.sort((a, b) => a - b);
    console.log(`  ${k.padEnd(12)} p50 ${ms(at(xs, 0.5))} p99 ${ms(at(xs, 0.99))} max ${ms(xs[xs.length - 1])} (${xs.length / rounds})`);
  }
  // Slowest by median over the rounds: the references that are slow every time, not a GC pause's victims.
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const slow = refs.map((ref, i) => ({ ref, t: median(byRef.get(i)!) })).sort((a, b) => b.t - a.t);
  for (const { ref, t } of slow.slice(0, Number(arg('show', '15')))) {
    const d = resolver.decide(ref.text, ref.target.type);
    console.log(`  ${ms(t).padStart(9)}  [${ref.kind}] ${JSON.stringify(ref.text)} (${ref.target.type} ${ref.target.name}) -> ${d.kind}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
