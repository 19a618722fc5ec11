/**
 * Scores the bot's understanding on the labelled set in test/nlu/ (shared by `npm run bench:nlu` and
 * the floors test). Each request goes through the planner, as in chat: classifier, then the resolver on
 * the demo estate (which settles "stop pg-main": EC2 or RDS). Parameters are compared as the classifier
 * read them (text for the resolver), before resolution.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import type { IntentClassifier, IntentGuess, Planner, ResourceScope, ThreadContext } from '../src/core';
import { isResource, parseTags, type ParamValue } from '../src/core';

export interface LabelledRequest {
  text: string;
  playbook: string | null;
  params?: Record<string, string | { start: string; end: string }>;
  scope?: ResourceScope;
  context?: ThreadContext;
  kind?: string;
  /** Issue 18 phrasing class (spaced-name, shell, disk, money); out-of-scope `kind` bot for instructions aimed at the bot. */
  class?: string;
  file: string;
}

export interface LabelledSet {
  inScope: LabelledRequest[];
  outOfScope: LabelledRequest[];
  followUps: LabelledRequest[];
}

/** The repository root, from source (jest) or from the compiled bench (dist-bench/bench). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'playbooks'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the repository root above ${from}`);
    dir = up;
  }
  return dir;
}

export const NLU_DIR = join(repoRoot(), 'test', 'nlu');
/** The clock every labelled period was written for. */
export const NLU_NOW = new Date('2026-11-22T09:00:00Z');

function read(file: string): Record<string, unknown>[] {
  return (parse(readFileSync(file, 'utf8')) ?? []) as Record<string, unknown>[];
}

export function loadLabelledSet(dir = NLU_DIR): LabelledSet {
  const inScope = readdirSync(join(dir, 'in-scope'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => read(join(dir, 'in-scope', f)).map((x) => ({ ...x, file: f }) as unknown as LabelledRequest));
  // out-of-scope.yaml and any out-of-scope-*.yaml beside it (issue 18: instructions aimed at the bot).
  const outOfScope = readdirSync(dir)
    .filter((f) => /^out-of-scope(?:-[\w-]+)?\.yaml$/.test(f))
    .sort()
    .flatMap((f) => read(join(dir, f)).map((x) => ({ ...x, playbook: null, file: f }) as unknown as LabelledRequest));
  const followUps = read(join(dir, 'follow-ups.yaml')).map((x) => ({ ...x, file: 'follow-ups.yaml' }) as unknown as LabelledRequest);
  return { inScope, outOfScope, followUps };
}

/** A holdout set (test/nlu/holdout/, or `holdout-2`): written apart from tuning, measured apart. */
export function loadHoldout(dir = NLU_DIR, folder = 'holdout'): LabelledSet {
  // in-scope.yaml / out-of-scope.yaml and any in-scope-*.yaml / out-of-scope-*.yaml beside them.
  const files = (kind: string) =>
    readdirSync(join(dir, folder))
      .filter((f) => new RegExp(`^${kind}(?:-[\\w-]+)?\\.yaml$`).test(f))
      .sort();
  const inScope = files('in-scope').flatMap((f) =>
    read(join(dir, folder, f)).map((x) => ({ ...x, file: `${folder}/${f}` }) as unknown as LabelledRequest),
  );
  const outOfScope = files('out-of-scope').flatMap((f) =>
    read(join(dir, folder, f)).map((x) => ({ ...x, playbook: null, file: `${folder}/${f}` }) as unknown as LabelledRequest),
  );
  return { inScope, outOfScope, followUps: [] };
}

export interface Outcome {
  request: LabelledRequest;
  /** The playbook the plan is for (null: not understood / out of scope). */
  got: string | null;
  playbookOk: boolean;
  /** Undefined when the request has no labelled parameters. */
  paramsOk?: boolean;
  params: Record<string, string>;
  scope?: ResourceScope;
  /** Which classifier answered (local, bedrock). */
  source?: string;
  ms: number;
}

export interface Figures {
  top1: number;
  paramExact: number;
  outOfScopeRejection: number;
  followUps: number;
  p50: number;
  p99: number;
  counts: { inScope: number; withParams: number; outOfScope: number; followUps: number };
}

function norm(v: string): string {
  return v.toLowerCase().replace(/\s+/g, ' ').trim();
}

function sameValue(
  key: string,
  labelled: string | number | boolean | { start: string; end: string },
  got: string | undefined,
  resolved?: ParamValue,
): boolean {
  // A label written as a bare YAML number or boolean (`count: 6`) is the same value as its text.
  const want = typeof labelled === 'object' ? labelled : String(labelled);
  // "reboot web prod 2": the words are not the name, but the resource they resolve to is the one labelled.
  if (typeof want === 'string' && isResource(resolved) && (norm(resolved.name) === norm(want) || norm(resolved.id) === norm(want)))
    return true;
  if (got === undefined) return false;
  if (typeof want === 'object') return got === `${want.start}..${want.end}`;
  if (key === 'tags') return JSON.stringify(sortKeys(parseTags(want))) === JSON.stringify(sortKeys(parseTags(got)));
  return norm(want) === norm(got);
}

function sortKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}

/** The parameters the classifier read for the playbook the plan ended up with. */
function paramsOf(guess: IntentGuess, playbook: string | null): Record<string, string> {
  if (!playbook) return {};
  return guess.candidates?.find((c) => c.playbook === playbook)?.params ?? (guess.playbook === playbook ? guess.params : {});
}

export async function evaluate(planner: Planner, classifier: IntentClassifier, requests: LabelledRequest[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const request of requests) {
    const t0 = performance.now();
    const plan = await planner.plan(request.text, { at: NLU_NOW }, { context: request.context });
    const ms = performance.now() - t0;
    const got = plan.playbook?.id ?? null;
    const guess = await classifier.classify(request.text, request.context);
    const params = paramsOf(guess, got);
    const playbookOk = request.playbook === null ? got === null || got === 'help' : got === request.playbook;
    let paramsOk: boolean | undefined;
    if (request.params || request.scope) {
      paramsOk =
        playbookOk &&
        Object.entries(request.params ?? {}).every(([k, v]) => sameValue(k, v, params[k], plan.params[k])) &&
        Object.entries(request.scope ?? {}).every(
          ([k, v]) => norm(String(v)) === norm(String((guess.scope as Record<string, string> | undefined)?.[k] ?? '')),
        );
    }
    out.push({ request, got, playbookOk, paramsOk, params, scope: guess.scope, source: guess.source, ms });
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

export function figures(inScope: Outcome[], outOfScope: Outcome[], followUps: Outcome[]): Figures {
  const withParams = inScope.filter((o) => o.paramsOk !== undefined);
  const times = [...inScope, ...outOfScope, ...followUps].map((o) => o.ms).sort((a, b) => a - b);
  const rate = (xs: Outcome[], ok: (o: Outcome) => boolean | undefined) => (xs.length ? xs.filter((o) => ok(o)).length / xs.length : 0);
  return {
    top1: rate(inScope, (o) => o.playbookOk),
    paramExact: rate(withParams, (o) => o.paramsOk),
    outOfScopeRejection: rate(outOfScope, (o) => o.playbookOk),
    followUps: rate(followUps, (o) => o.playbookOk && o.paramsOk !== false),
    p50: quantile(times, 0.5),
    p99: quantile(times, 0.99),
    counts: { inScope: inScope.length, withParams: withParams.length, outOfScope: outOfScope.length, followUps: followUps.length },
  };
}
