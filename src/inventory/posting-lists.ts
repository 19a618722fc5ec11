/** Posting lists: key -> resource slots, stored as compactly as each list allows. */

/**
 * A word's or key's resources: one slot inline, several in an array (most keys have one); long posting
 * lists are packed into Int32Arrays once the index is built (half the memory, faster to walk).
 */
export type Slots = number | number[] | Int32Array;

export function addSlot(map: Map<string, Slots>, key: string, slot: number): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, slot);
  else if (typeof cur === 'number') {
    if (cur !== slot) map.set(key, [cur, slot]);
  } else if (cur instanceof Int32Array) map.set(key, [...cur, slot]);
  else if (cur[cur.length - 1] !== slot) cur.push(slot);
}

const NONE: readonly number[] = [];

export function slotsOf(map: Map<string, Slots>, key: string): ArrayLike<number> & Iterable<number> {
  const cur = map.get(key);
  return cur === undefined ? NONE : typeof cur === 'number' ? [cur] : cur;
}

export function pack(map: Map<string, Slots>): void {
  for (const [k, v] of map) if (Array.isArray(v) && v.length > 8) map.set(k, Int32Array.from(v));
}
