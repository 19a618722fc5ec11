import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseEstate, SandboxProvider, type Estate } from '../../src/cloud';
import type { Clock } from '../../src/core';
import type { LoadedConfig } from '../../src/config';
import type { ActionRegistry } from '../../src/execution';
import type { TrainingCache } from '../../src/intents';
import { loadCatalogPlaybooks, playbookDir } from '../../src/main';

/*
 * What every bot of a test file would read and parse again, read once per file (jest loads this module
 * afresh for each test file): the sandbox estate and the playbook folder. Each bot still gets its own
 * copy of the estate (the sandbox changes it as actions run) and its own catalog, store and classifier.
 */

const estates = new Map<string, { text: string; estate: Estate }>();

/** The sandbox provider `buildBot` would make from `path` (createProvider), from an estate parsed once per file. */
export function sandboxProvider(path: string, clock: Clock): SandboxProvider {
  const text = readFileSync(path, 'utf8');
  let parsed = estates.get(path);
  if (parsed?.text !== text) {
    parsed = { text, estate: parseEstate(text, path) };
    estates.set(path, parsed);
  }
  return new SandboxProvider(structuredClone(parsed.estate), basename(path), { now: () => clock.now() });
}

const builtin = new Map<string, ReturnType<typeof loadCatalogPlaybooks>>();
const custom = new WeakMap<ActionRegistry, Map<string, ReturnType<typeof loadCatalogPlaybooks>>>();

/**
 * The playbook folder the config names, loaded against `registry` once per file (for the built-in
 * actions when `registry` is undefined: every `builtinActions()` accepts the same playbooks).
 */
export function catalogPlaybooks(loaded: LoadedConfig, registry: ActionRegistry | undefined, fresh: ActionRegistry) {
  const memo = registry ? (custom.get(registry) ?? custom.set(registry, new Map()).get(registry)!) : builtin;
  const dir = playbookDir(loaded);
  let result = memo.get(dir);
  if (!result) {
    result = loadCatalogPlaybooks(loaded, fresh, dir);
    memo.set(dir, result);
  }
  return result;
}

/**
 * A training cache in memory, for a test file that must not write the user's cache folder: the first bot
 * of the file trains the classifier, the others reuse it (as a start-up with the cache folder would).
 */
export function memoryTrainingCache(): TrainingCache {
  const entries = new Map<string, string>();
  return { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value) };
}
