import type { Resource, ResourceType } from '../core';
import { inRegion, type ParsedQuery } from './query';
import { tokens } from './tokens';

/** Does `r` pass the query's filters: the parameter's types, `in <region>`, `in <account>`, `key=value`? */
export function passes(r: Resource, q: ParsedQuery, allowed: ReadonlySet<ResourceType> | undefined): boolean {
  if (allowed && !allowed.has(r.type)) return false;
  if (q.regions.length && !q.regions.some((x) => inRegion(r.region, x))) return false;
  if (q.accounts.length && !q.accounts.includes(r.account)) return false;
  for (const t of q.tags) if (!hasTag(r, t.key, t.value)) return false;
  return true;
}

const KEY_ALIASES: Record<string, string> = { env: 'environment', stage: 'environment', team: 'owner' };

function hasTag(r: Resource, key: string, value: string): boolean {
  const want = tokens(value).join(' ');
  const k = key.toLowerCase();
  return Object.entries(r.tags).some(([tk, tv]) => {
    const have = tk.toLowerCase();
    return (have === k || have === KEY_ALIASES[k]) && tokens(tv).join(' ') === want;
  });
}
