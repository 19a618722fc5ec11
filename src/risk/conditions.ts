import type { FactTest, RiskCondition } from '../core/playbook';
import type { Resource } from '../core/resource';

/** Does one resource meet a condition? Pure data evaluation: no code from playbooks ever runs. */
export function matches(cond: RiskCondition, r: Resource): boolean {
  if (cond.tag) {
    for (const [key, test] of Object.entries(cond.tag)) {
      const actual = findTag(r.tags, key);
      if (typeof test === 'object' && !Array.isArray(test)) {
        if ((actual !== undefined) !== test.present) return false;
        continue;
      }
      const allowed = (Array.isArray(test) ? test : [test]).map((v) => v.toLowerCase());
      if (actual === undefined || !allowed.includes(actual.toLowerCase())) return false;
    }
  }
  if (cond.state && !cond.state.includes(r.state ?? '')) return false;
  if (cond.account && !cond.account.includes(r.account) && !(r.accountAlias && cond.account.includes(r.accountAlias))) return false;
  if (cond.fact) for (const [key, test] of Object.entries(cond.fact)) if (!factMatches(r.facts[key], test)) return false;
  if (cond.all && !cond.all.every((c) => matches(c, r))) return false;
  if (cond.any && !cond.any.some((c) => matches(c, r))) return false;
  if (cond.not && matches(cond.not, r)) return false;
  return true;
}

/** Tag keys compare case-insensitively: `Environment` and `environment` are the same tag to people. */
function findTag(tags: Record<string, string>, key: string): string | undefined {
  if (key in tags) return tags[key];
  const k = Object.keys(tags).find((t) => t.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : tags[k];
}

function factMatches(value: unknown, test: FactTest): boolean {
  if (test.equals !== undefined && value !== test.equals) return false;
  if (test.in && !test.in.includes(value as string | number)) return false;
  if (test.nonEmpty !== undefined) {
    const nonEmpty = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '';
    if (nonEmpty !== test.nonEmpty) return false;
  }
  if (test.truthy !== undefined && !!value !== test.truthy) return false;
  if (test.matches !== undefined && !(typeof value === 'string' && new RegExp(test.matches, 'u').test(value))) return false;
  return true;
}
