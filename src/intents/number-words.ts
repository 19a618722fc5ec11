/** The cardinal number words, one to twenty, in order: the base each reader's number-word table starts from. */
export const CARDINALS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
] as const;

/** "one" -> 1 … up to `upTo` (at most 20); each reader adds its own words ("a", "couple", "fourteen") to these. */
export function cardinals(upTo: number): Record<string, number> {
  return Object.fromEntries(CARDINALS.slice(0, upTo).map((w, i) => [w, i + 1]));
}
