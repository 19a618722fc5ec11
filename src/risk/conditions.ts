import type { FactTest, RiskCondition } from '../core';
import type { ParamValue } from '../core';
import type { Resource } from '../core';
import { inWindow } from './wall-clock';

/** What a condition can look at besides one resource: the request as a whole. */
export interface RequestView {
  at: Date;
  /** Default time zone for time windows. */
  timezone: string;
  /** Names of the change freeze windows in force at `at`. */
  freezes: string[];
  /** How many resources the request names. */
  resources: number;
  params: Record<string, ParamValue>;
  isProduction(r: Resource): boolean;
}

/** Does the condition read a resource (so it is evaluated once per resource the request names)? */
export function readsResource(cond: RiskCondition): boolean {
  if (cond.param || cond.tag || cond.state || cond.fact || cond.account || cond.production !== undefined) return true;
  return [...(cond.all ?? []), ...(cond.any ?? []), ...(cond.not ? [cond.not] : [])].some(readsResource);
}

/** Every fact name a condition reads (so built-in checks can step aside when a playbook covers them). */
export function factsRead(cond: RiskCondition): string[] {
  const own = Object.keys(cond.fact ?? {});
  const nested = [...(cond.all ?? []), ...(cond.any ?? []), ...(cond.not ? [cond.not] : [])].flatMap(factsRead);
  return [...own, ...nested];
}

/**
 * Does the condition hold for this request (and resource, when it reads one)? Pure data evaluation:
 * no code from playbooks or config ever runs. A resource condition with no resource does not hold.
 */
export function matches(cond: RiskCondition, r: Resource | undefined, req?: RequestView): boolean {
  if (cond.tag) {
    if (!r) return false;
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
  if (cond.state && (!r || !cond.state.includes(r.state ?? ''))) return false;
  if (cond.account && (!r || (!cond.account.includes(r.account) && !(r.accountAlias && cond.account.includes(r.accountAlias)))))
    return false;
  if (cond.production !== undefined && (!r || !req || req.isProduction(r) !== cond.production)) return false;
  if (cond.fact) {
    if (!r) return false;
    for (const [key, test] of Object.entries(cond.fact)) if (!factMatches(r.facts[key], test, req?.params ?? {})) return false;
  }
  if (cond.time && (!req || !inWindow(req.at, cond.time, req.timezone))) return false;
  if (cond.freeze !== undefined && (!req || req.freezes.length > 0 !== cond.freeze)) return false;
  if (cond.resources) {
    if (!req) return false;
    if (cond.resources.min !== undefined && req.resources < cond.resources.min) return false;
    if (cond.resources.max !== undefined && req.resources > cond.resources.max) return false;
  }
  if (cond.value) {
    if (!req) return false;
    for (const [name, test] of Object.entries(cond.value)) {
      const v = req.params[name];
      if (v === undefined || (typeof v === 'object' && v !== null)) return false;
      // "6" from the request and 6 in the rule are the same count.
      const asNumber = typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
      if (!factMatches(typeof test.equals === 'number' || test.in?.some((x) => typeof x === 'number') ? asNumber : v, test, req.params))
        return false;
    }
  }
  if (cond.all && !cond.all.every((c) => matches(c, r, req))) return false;
  if (cond.any && !cond.any.some((c) => matches(c, r, req))) return false;
  if (cond.not && matches(cond.not, r, req)) return false;
  return true;
}

/** Tag keys compare case-insensitively: `Environment` and `environment` are the same tag to people. */
function findTag(tags: Record<string, string>, key: string): string | undefined {
  if (key in tags) return tags[key];
  const k = Object.keys(tags).find((t) => t.toLowerCase() === key.toLowerCase());
  return k === undefined ? undefined : tags[k];
}

function factMatches(value: unknown, test: FactTest, params: Record<string, ParamValue>): boolean {
  if (test.equals !== undefined && value !== test.equals) return false;
  if (test.in && !test.in.includes(value as string | number)) return false;
  if (test.nonEmpty !== undefined) {
    const nonEmpty = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '';
    if (nonEmpty !== test.nonEmpty) return false;
  }
  if (test.truthy !== undefined && !!value !== test.truthy) return false;
  if (test.matches !== undefined && !(typeof value === 'string' && new RegExp(test.matches, 'u').test(value))) return false;
  if (test.equalsParam !== undefined) {
    const other = params[test.equalsParam];
    if (other === undefined || typeof other === 'object' || value === null || value === undefined) return false;
    if (String(value).toLowerCase() !== String(other).toLowerCase()) return false;
  }
  return true;
}
