/**
 * A table looked up by words that come from outside (chat text, tag values, AWS fields). A plain object
 * literal answers `table['constructor']` with Object's own function, so a request like "stop constructor"
 * once crashed the planner ("word.slice is not a function"): these tables have no prototype, so a word
 * that is not a key is simply not in them.
 */
export function lookupTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
