import type { Resource } from '../../core';
import type { RuleContext } from '../types';

/**
 * One account/region's reads: a failure there (a missing permission, an opt-in region, throttling) is
 * reported through `ctx.failed` and the rule goes on with the others; without `ctx.failed` it fails the rule.
 */
export async function readIn(
  ctx: RuleContext,
  where: { account: string; alias?: string; region: string },
  read: () => Promise<void>,
): Promise<void> {
  try {
    await read();
  } catch (e) {
    if (!ctx.failed) throw e;
    ctx.failed(`${where.alias ?? where.account}/${where.region}`, e);
  }
}

/** Every account/region the bot covers, with the account's alias (extra reads go to each once). */
export function accountRegions(ctx: RuleContext): { account: string; alias?: string; region: string }[] {
  return ctx.provider
    .accounts()
    .flatMap((a) => a.regions.map((region) => ({ account: a.id, ...(a.alias ? { alias: a.alias } : {}), region })));
}

/** Resources grouped by account/region. */
export function byRegion(resources: Resource[]): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of resources) {
    const key = `${r.account}/${r.region}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}
