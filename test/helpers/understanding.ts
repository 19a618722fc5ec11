import { resolve } from 'node:path';
import { builtinActions } from '../../src/execution';
import { LocalClassifier, type LocalClassifierOptions } from '../../src/intents';
import { Catalog, loadPlaybooks } from '../../src/playbooks';

/** The clock the labelled set and these tests were written for: Sunday 2026-11-22. */
export const NOW = new Date('2026-11-22T09:00:00Z');
export const fixedClock = { now: () => new Date(NOW) };

let catalog: Catalog | undefined;

/** The repository's playbooks (loaded once per test file). */
export function repoCatalog(): Catalog {
  catalog ??= new Catalog(loadPlaybooks(resolve(__dirname, '../../playbooks'), builtinActions()).playbooks);
  return catalog;
}

export function localClassifier(options: LocalClassifierOptions = {}): LocalClassifier {
  return new LocalClassifier(repoCatalog(), { clock: fixedClock, ...options });
}
