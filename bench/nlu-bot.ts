/** The bot the understanding benches ask: the demo estate at the labelled sets' clock, in memory, quiet. */
import { join } from 'node:path';
import { parseConfig } from '../src/config';
import type { Logger } from '../src/core';
import { buildBot } from '../src/main';
import { NLU_NOW, repoRoot } from './nlu-eval';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A bot on the demo estate at the labelled sets' clock (`intents`: the config's intents section, e.g. Bedrock). */
export function benchBot(intents: Record<string, unknown> = {}) {
  const config = parseConfig({
    sandbox: {},
    playbooks: { dir: join(repoRoot(), 'playbooks') },
    intents,
    approval: { approvers: { demo: { console: ['bob', 'carol'] } } },
  });
  return buildBot({
    loaded: { config, file: null },
    sandboxFile: join(repoRoot(), 'sandbox', 'demo-estate.yaml'),
    storePath: ':memory:',
    clock: { now: () => new Date(NLU_NOW) },
    sleep: async () => {},
    log: quiet,
    // Trained here, from the code and catalog as they are: the figures never depend on a model another run (or
    // another checkout sharing ~/.cache/cloudops-bot) left in the cache, and the start-up figure includes training.
    trainingCache: false,
  });
}
