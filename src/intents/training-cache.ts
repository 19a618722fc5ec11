/**
 * The trained local classifier, cached by what it was trained from. Training takes a few hundred
 * milliseconds at every start-up (the analyser passes over every example, then 300 epochs); the result
 * depends only on the catalog, the classifier's own code, the words it reads from outside this folder (the
 * resource kinds' words and hints, the region nicknames) and the training settings, so a start-up with the
 * same catalog reuses it. The key is a hash of all four: any change to a playbook, a kind's words (a kind
 * registered or edited: its code is not in this folder) or an upgrade of the bot trains afresh.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGION_CITIES, type Playbook } from '../core';
import { resourceKinds } from '../inventory';
import { SoftmaxModel, type TrainedModel, type TrainingOptions } from './SoftmaxModel';

/** Where trained models are kept (a folder of files, see store/FileCache). Failures are the cache's own. */
export interface TrainingCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
}

/** What training produces besides the model: the vocabulary the analyser learnt and the playbooks' words. */
export interface Trained {
  vocabulary: Map<string, number>;
  playbookWords: Set<string>;
  model: SoftmaxModel;
}

let codeHash: string | undefined;

/** A hash of this folder's code (the analyser, lexicon and model decide what training learns). */
function classifierCode(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  for (const f of readdirSync(__dirname)
    .filter((n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts'))
    .sort())
    h.update(f).update(readFileSync(join(__dirname, f)));
  return (codeHash = h.digest('hex'));
}

/**
 * What the analyser reads from outside this folder (lexicon.ts, LocalClassifier's example words): the kinds'
 * words and hints, in registration order (the first kind to claim a noun keeps it), and the region nicknames.
 * Without it a kind edited in src/inventory, or registered at run time, left the key as it was and a model
 * trained on the old words answered for the new ones (and differently from a freshly trained one).
 */
function outsideWords(): string {
  return JSON.stringify([resourceKinds.all().map((k) => [k.type, k.words, k.hint ?? null]), REGION_CITIES]);
}

export function trainingKey(playbooks: Playbook[], training: TrainingOptions | undefined): string {
  return (
    createHash('sha256')
      .update(classifierCode())
      .update(outsideWords())
      .update(JSON.stringify(training ?? {}))
      // What a playbook says, not where its file is (`source` depends on the working directory).
      .update(JSON.stringify(playbooks.map(({ source: _source, ...rest }) => rest)))
      .digest('hex')
      .slice(0, 32)
  );
}

export function encodeTrained(t: Trained): string {
  const data: { vocabulary: [string, number][]; playbookWords: string[]; model: TrainedModel } = {
    vocabulary: [...t.vocabulary],
    playbookWords: [...t.playbookWords],
    model: t.model.toJSON(),
  };
  return JSON.stringify(data);
}

/** The cached training, or undefined when there is none or it is not whole (then the classifier trains). */
export function decodeTrained(text: string | undefined): Trained | undefined {
  if (!text) return undefined;
  try {
    const data = JSON.parse(text) as { vocabulary?: unknown; playbookWords?: unknown; model?: unknown };
    if (!Array.isArray(data.vocabulary) || !Array.isArray(data.playbookWords)) return undefined;
    if (!data.vocabulary.every((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number')) return undefined;
    const model = SoftmaxModel.fromJSON(data.model);
    if (!model) return undefined;
    return {
      vocabulary: new Map(data.vocabulary as [string, number][]),
      playbookWords: new Set((data.playbookWords as unknown[]).map(String)),
      model,
    };
  } catch {
    return undefined;
  }
}
