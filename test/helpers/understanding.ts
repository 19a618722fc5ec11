import { resolve } from 'node:path';
import type { CloudProvider } from '../../src/cloud';
import { parseConfig } from '../../src/config';
import { isResource, type Plan, Planner } from '../../src/core';
import { builtinActions } from '../../src/execution';
import { LocalClassifier, type LocalClassifierOptions } from '../../src/intents';
import { type Inventory, InventoryResolver, namedReferences, nameHeads } from '../../src/inventory';
import { Catalog, loadPlaybooks } from '../../src/playbooks';
import { RiskEngine } from '../../src/risk';
import { FileCache } from '../../src/store';

/** The clock the labelled set and these tests were written for: Sunday 2026-11-22. */
export const NOW = new Date('2026-11-22T09:00:00Z');
export const fixedClock = { now: () => new Date(NOW) };

let catalog: Catalog | undefined;

/** The repository's playbooks (loaded once per test file). */
export function repoCatalog(): Catalog {
  catalog ??= new Catalog(loadPlaybooks(resolve(__dirname, '../../playbooks'), builtinActions()).playbooks);
  return catalog;
}

/**
 * The classifier on the repository's catalog, its training read from the run's cache folder (jest.config.js
 * sets CLOUDOPS_CACHE_DIR) as a bot's is: trained once per run, not once per test. A model read back
 * understands exactly as a freshly trained one (test/unit/intents/training-cache.test.ts).
 */
export function localClassifier(options: LocalClassifierOptions = {}): LocalClassifier {
  const folder = FileCache.folder();
  return new LocalClassifier(repoCatalog(), {
    clock: fixedClock,
    cache: folder ? new FileCache(folder, 'classifier') : undefined,
    ...options,
  });
}

/** The classifier that asks `inventory` about names, as the bot's does (src/main.ts). */
export function inventoryClassifier(inventory: Inventory): LocalClassifier {
  return localClassifier({ names: nameHeads(inventory), resolves: namedReferences(inventory) });
}

/** A planner over `inventory` on the repository's catalog (no cloud: nothing is read from AWS), default approval rules. */
export function inventoryPlanner(inventory: Inventory, classifier: LocalClassifier = inventoryClassifier(inventory)): Planner {
  return new Planner({
    classifier,
    resolver: new InventoryResolver(inventory, {} as CloudProvider),
    assessor: new RiskEngine(parseConfig({}).approval),
    catalog: repoCatalog(),
  });
}

/** A plan's parameter as the labels write it: a resolved resource by its name, any other value as it is. */
export function paramName(plan: Plan, param: string): unknown {
  const v = plan.params[param];
  return isResource(v) ? v.name : v;
}
