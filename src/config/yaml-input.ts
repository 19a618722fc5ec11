/**
 * YAML written by people (the config, playbooks) turned into plain values without trusting it: an alias
 * that contains itself (a cycle) or aliases that multiply into millions of nodes (a "billion laughs"
 * bomb) become one problem with its line, never a stack overflow or a frozen process.
 */
import { isAlias, isCollection, isPair, visit, type Document, type LineCounter, type Node } from 'yaml';

/** Aliases a document may expand to, counted as the `yaml` package counts them (its default). */
export const MAX_ALIAS_COUNT = 100;

export type YamlValue = { ok: true; value: unknown } | { ok: false; line: number; message: string };

function lineOf(node: { range?: [number, number, number] | null } | undefined, counter: LineCounter): number {
  return node?.range ? counter.linePos(node.range[0]).line : 1;
}

/** How many nodes a node stands for once its aliases are expanded (capped: only "too many" matters). */
function expandedSize(node: unknown, doc: Document, memo: Map<unknown, number>, cap = 1e9): number {
  if (memo.has(node)) return memo.get(node)!;
  let n = 1;
  if (isAlias(node)) n = expandedSize(node.resolve(doc), doc, memo, cap);
  else if (isPair(node)) n = expandedSize(node.key, doc, memo, cap) + expandedSize(node.value, doc, memo, cap);
  else if (isCollection(node)) for (const item of node.items) n = Math.min(cap, n + expandedSize(item, doc, memo, cap));
  memo.set(node, n);
  return n;
}

/** The document's value, or the first reason it cannot be one (cycle, alias bomb, dangling alias). */
export function yamlValue(doc: Document, counter: LineCounter): YamlValue {
  let problem: { line: number; message: string } | undefined;
  visit(doc, {
    Alias(_key, alias, path) {
      const target = alias.resolve(doc);
      if (!target) {
        problem = { line: lineOf(alias, counter), message: `alias *${alias.source} names no anchor &${alias.source} defined before it` };
        return visit.BREAK;
      }
      // An alias inside the node it names would expand forever.
      if (path.includes(target as never)) {
        problem = {
          line: lineOf(alias, counter),
          message: `alias *${alias.source} is inside the node &${alias.source} it repeats (a cycle); write the value out instead`,
        };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problem) return { ok: false, ...problem };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (!/alias/i.test((e as Error).message)) throw e;
    // Point at the alias that expands the most: that is where the bomb is.
    const memo = new Map<unknown, number>();
    let worst: { node?: Node; size: number } = { size: 0 };
    visit(doc, {
      Alias(_key, alias) {
        const size = expandedSize(alias, doc, memo);
        if (size > worst.size) worst = { node: alias, size };
      },
    });
    const at = worst.node && isAlias(worst.node) ? worst.node : undefined;
    return {
      ok: false,
      line: lineOf(at, counter),
      message:
        `aliases expand too much` +
        `${at ? ` (*${at.source} stands for ${worst.size >= 1e9 ? 'over a billion' : worst.size} nodes)` : ''}` +
        `: at most ${MAX_ALIAS_COUNT} alias expansions are read, to stop "billion laughs" ` +
        `documents; write the values out instead`,
    };
  }
}
