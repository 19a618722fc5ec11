import type { LoadedConfig } from '../config';
import { resourceJson, type Logger } from '../core';
import { isResourceType, type ResourceType } from '../core';
import { describeScanFailures, InventoryResolver, resourceKinds, resourceLine, type Ranked } from '../inventory';
import { buildInventory, createProvider, openStore, relativeTo, storeTargetOf } from '../main';
import { UsageError } from './usage-error';

function matchJson(x: Ranked) {
  return { score: x.score, tier: x.tier, ...resourceJson(x.resource) };
}

/** `--limit N`: a whole number from 1 to 500; anything else is refused rather than quietly replaced. */
export function parseLimit(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= 500))
    throw new UsageError(`--limit ${value} is not a number of matches; give a whole number from 1 to 500, e.g. --limit 5`);
  return n;
}

/**
 * `cloudops find "<query>"`: ranked matches with scores, and what the resolver would decide for a
 * plan (match, ambiguous, none). Exit code 1 when nothing matches.
 */
export async function findCommand(
  loaded: LoadedConfig,
  query: string,
  opts: { sandbox?: string; store?: string; json?: boolean; type?: string; limit?: string },
  io: { output: NodeJS.WritableStream; log: Logger },
): Promise<number> {
  const wanted = opts.type ?? 'any';
  if (wanted !== 'any' && !isResourceType(wanted))
    throw new UsageError(`--type ${opts.type} is not a resource type; use one of ${[...resourceKinds.types(), 'any'].join(', ')}`);
  const type = wanted as ResourceType | 'any';
  if (!query.trim()) throw new UsageError('say what to find, e.g. cloudops find "pg-main"');
  const limit = opts.limit === undefined ? 20 : parseLimit(opts.limit);
  const provider = createProvider(loaded, opts.sandbox);
  const db = await openStore(storeTargetOf(loaded, opts.store));
  try {
    const refresh = await buildInventory(loaded, provider, db, { log: io.log });
    const resolver = new InventoryResolver(refresh.inventory, provider, { ...loaded.config.inventory.resolver, freshOnMatch: false });
    // Far below the best, a match is noise (every production resource shares the word "prod").
    const all = resolver.rank(query, type, limit);
    const ranked = all.filter((x) => x.score >= all[0].score * 0.5);
    const decision = resolver.decide(query, type);
    const summary =
      decision.kind === 'match'
        ? {
            kind: 'match' as const,
            id: decision.resource.id,
            name: decision.resource.name,
            account: decision.resource.account,
            region: decision.resource.region,
            score: decision.score,
          }
        : decision.kind === 'ambiguous'
          ? {
              kind: 'ambiguous' as const,
              candidates: decision.candidates.map((r) => ({ id: r.id, name: r.name, account: r.account, region: r.region })),
            }
          : { kind: 'none' as const, nearest: decision.nearest };
    if (opts.json) {
      const json = {
        query,
        type,
        resolution: summary,
        matches: ranked.map(matchJson),
        asOf: refresh.inventory.asOf?.toISOString() ?? null,
        failures: refresh.inventory.failures,
      };
      io.output.write(`${JSON.stringify(json)}\n`);
    } else {
      const head =
        summary.kind === 'match'
          ? `Resolves to ${summary.name} (${summary.id}, ${summary.account}/${summary.region}).`
          : summary.kind === 'ambiguous'
            ? `Ambiguous: a plan would ask which of ${summary.candidates.length} was meant.`
            : `No confident match.${summary.nearest.length ? ` Nearest names: ${summary.nearest.join(', ')}.` : ''}`;
      const lines = [head, ...ranked.map((x) => `  ${x.score.toFixed(3)}  ${resourceLine(x.resource)}`)];
      // What is missing here may only be unscanned: say which slices failed and why.
      for (const line of describeScanFailures(refresh.inventory.failures)) lines.push(`  note: ${line}`);
      io.output.write(`${lines.join('\n')}\n`);
    }
    return ranked.length ? 0 : 1;
  } finally {
    await db.close();
  }
}
