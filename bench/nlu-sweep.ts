/** Tuning aid, not a benchmark: local classifier figures for a grid of settings (classifier + planner). */
import { join } from 'node:path';
import { parseConfig } from '../src/config';
import { Planner } from '../src/core';
import { buildBot } from '../src/main';
import { LocalClassifier } from '../src/intents';
import { InventoryResolver } from '../src/inventory';
import { RiskEngine } from '../src/risk';
import { evaluate, figures, loadLabelledSet, NLU_NOW, repoRoot } from './nlu-eval';

async function main(): Promise<void> {
  const config = parseConfig({ sandbox: {}, playbooks: { dir: join(repoRoot(), 'playbooks') } });
  const clock = { now: () => new Date(NLU_NOW) };
  const quiet = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
  const bot = await buildBot({ loaded: { config, file: null }, sandboxFile: join(repoRoot(), 'sandbox', 'demo-estate.yaml'), storePath: ':memory:', clock, log: quiet });
  const set = loadLabelledSet();
  const resolver = new InventoryResolver(bot.inventory, bot.provider);
  const assessor = new RiskEngine(bot.config.approval);
  for (const l2 of (process.env.L2 ?? '0.002').split(',').map(Number))
    for (const epochs of (process.env.EPOCHS ?? '300').split(',').map(Number))
      for (const threshold of (process.env.TH ?? '0.5').split(',').map(Number)) {
        const classifier = new LocalClassifier(bot.catalog, { threshold, clock, training: { l2, epochs } });
        const planner = new Planner({ classifier, resolver, assessor, catalog: bot.catalog });
        const f = figures(await evaluate(planner, classifier, set.inScope), await evaluate(planner, classifier, set.outOfScope), await evaluate(planner, classifier, set.followUps));
        console.log(`l2 ${l2} epochs ${epochs} threshold ${threshold}: top1 ${(f.top1 * 100).toFixed(1)} params ${(f.paramExact * 100).toFixed(1)} oos ${(f.outOfScopeRejection * 100).toFixed(1)} follow ${(f.followUps * 100).toFixed(1)}`);
      }
  bot.close();
}
main();
