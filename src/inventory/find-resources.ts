import type { ChatMessage } from '../core';
import { isResourceType, resourceTypeLabel, type Resource, type ResourceType } from '../core';
import type { Inventory } from './Inventory';
import type { Ranked } from './ResourceIndex';
import { describeScanFailures } from './scan-failures';

export interface FindInput {
  query?: unknown;
  type?: unknown;
  limit?: unknown;
}

export function resourceLine(r: Resource): string {
  const label =
    r.type === 'taggable' && r.facts.service
      ? `${r.facts.service}${r.facts.resourceType ? ` ${r.facts.resourceType}` : ''}`
      : resourceTypeLabel(r.type);
  const id = r.name === r.id ? '' : ` (${r.type === 'taggable' ? r.arn : r.id})`;
  return `${r.name}${id}: ${label}, ${r.accountAlias ?? r.account}/${r.region}${r.state ? `, ${r.state}` : ''}`;
}

/** Matches worth listing: exact hits, else everything within reach of the best fuzzy score. */
export function listable(ranked: Ranked[], minScore: number): Ranked[] {
  const exact = ranked.filter((x) => x.tier === 'id' || x.tier === 'name');
  const rest = ranked.filter((x) => x.tier !== 'id' && x.tier !== 'name' && x.score >= minScore);
  return [...exact, ...rest];
}

/** Small print: how fresh the inventory is and which scans are failing. */
export function freshnessLines(inventory: Inventory): string[] {
  const lines: string[] = [];
  const asOf = inventory.asOf;
  lines.push(
    asOf
      ? `Inventory as of ${asOf.toISOString().replace('T', ' ').slice(0, 16)} UTC, ${inventory.size} resources.`
      : 'The inventory has not been scanned yet.',
  );
  const failures = describeScanFailures(inventory.failures);
  for (const f of failures.slice(0, 3)) lines.push(`Scan failing: ${f}`);
  if (failures.length > 3) lines.push(`and ${failures.length - 3} more failing scans (cloudops scan lists them).`);
  return lines;
}

/**
 * The `findResources` read service behind the `inventory-find` playbook: the resources matching a
 * name, tag or state, as a neutral chat message.
 */
export function findResourcesService(inventory: Inventory, options: { minScore?: number; limit?: number } = {}) {
  return async (input: FindInput | Record<string, unknown>): Promise<ChatMessage> => {
    const query = typeof input.query === 'string' ? input.query.trim() : '';
    const type = typeof input.type === 'string' && isResourceType(input.type) ? input.type : 'any';
    const limit = typeof input.limit === 'number' && input.limit > 0 ? Math.min(input.limit, 200) : (options.limit ?? 25);
    if (!query)
      return {
        kind: 'error',
        text:
          'Tell me what to look for: a name ("pg-main"), tag words ("prod postgres"), a tag ' +
          '(owner=alice), a state or a region ("stopped in us-west-2").',
        context: freshnessLines(inventory),
      };
    const found = listable(inventory.search(query, { type, limit: 500 }), options.minScore ?? 0.6);
    if (!found.length) {
      const nearest = inventory.nearest(query, type);
      return {
        kind: 'info',
        header: 'Inventory search',
        text: `Nothing in the inventory matches "${query}".${nearest.length ? ` Nearest names: ${nearest.join(', ')}.` : ''}`,
        context: freshnessLines(inventory),
      };
    }
    const shown = found.slice(0, limit);
    return {
      kind: 'result',
      header: `${found.length} resource${found.length === 1 ? '' : 's'} match "${query}"`,
      items: shown.map((x) => resourceLine(x.resource)),
      ...(found.length > shown.length ? { text: `Showing the best ${shown.length}; say more (a region, a tag) to narrow it down.` } : {}),
      context: freshnessLines(inventory),
    };
  };
}
