import type { Inventory } from './Inventory';

/**
 * Whether a plain word is what the inventory's names are called by: a whole name (`checkout`, an ECS
 * service) or the first word of one (`search` of search-prod-1, `grafana` of grafana-prod). The classifier
 * reads such a word as a name where it stands like one ("every checkout task", "all the search prod nodes"),
 * though its examples taught it as a word ("restart the checkout service"). Rebuilt when the inventory
 * changes; only the distinct first words are kept (a few hundred at 100k resources), never a copy per request.
 */
/** `name`: a resource is called exactly that; `head`: names start with it. */
export function nameHeads(inventory: Pick<Inventory, 'all' | 'version'>): (word: string) => 'name' | 'head' | undefined {
  let built: { version: number; names: Set<string>; heads: Set<string> } | undefined;
  return (word) => {
    if (!built || built.version !== inventory.version) {
      const names = new Set<string>();
      const heads = new Set<string>();
      for (const r of inventory.all()) {
        const m = /^[a-z][a-z0-9]*/i.exec(r.name);
        if (!m || m[0].length < 3) continue;
        (m[0].length === r.name.length ? names : heads).add(m[0].toLowerCase());
      }
      built = { version: inventory.version, names, heads };
    }
    return built.names.has(word) ? 'name' : built.heads.has(word) ? 'head' : undefined;
  };
}
