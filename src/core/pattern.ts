/**
 * Matching a value someone typed against a playbook's `pattern`. Patterns that backtrack badly are
 * refused when playbooks are validated (src/config/pattern-safety.ts); the length of what is matched is
 * capped here too, so even a pattern of quadratic cost stays quick.
 */

/** Longest value matched against a pattern (a name, a service, a few tags). */
export const MAX_MATCHED_LENGTH = 512;

const compiled = new Map<string, RegExp>();

/** Does the whole value match? Callers check the length first (`tooLongToMatch`). */
export function matchesWhole(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(value);
}

/** Why a value is too long to be matched, or undefined. */
export function tooLongToMatch(name: string, value: string): string | undefined {
  if (value.length <= MAX_MATCHED_LENGTH) return undefined;
  return `\`${name}\` is ${value.length} characters long; at most ${MAX_MATCHED_LENGTH} are accepted.`;
}
