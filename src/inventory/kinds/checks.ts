/** Small checks and phrases the kinds share: is an answer about the resource asked for, and lists for risk cards. */
import { isCloudError } from '../../cloud';
import type { Resource } from '../../core';

/** RDS identifiers are case-insensitive (RDS stores them in lower case). */
export function sameName(got: string | undefined, want: string): boolean {
  return !!got && got.toLowerCase() === want.toLowerCase();
}

/** The ARN, when the answer has one, names the same account, region and resource as the one asked for. */
export function sameArn(got: string | undefined, r: Resource): boolean {
  if (!got) return true;
  if (r.arn) return got.toLowerCase() === r.arn.toLowerCase();
  const [, , , region, account] = got.split(':');
  return region === r.region && account === r.account;
}

/** An availability zone, when given, is in the region asked about (us-west-2a is in us-west-2). */
export function inRegion(zone: string | undefined, region: string): boolean {
  // us-west-2a, us-west-2-lax-1a (a Local Zone): the region, then a letter or a dash, never another digit.
  return !zone || (zone.startsWith(region) && !/^\d/.test(zone.slice(region.length)));
}

/**
 * The value, or undefined when AWS says the resource is gone (`ResourceNotFoundException`, `NoSuchBucket`):
 * a scan that lists, then describes each one, must skip what was deleted in between, not fail the whole
 * slice (an account where CI deletes preview functions all day would never finish a Lambda scan).
 */
export async function unlessGone<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (e) {
    if (isCloudError(e) && /^(ResourceNotFoundException|NoSuchBucket)$/.test(e.code)) return undefined;
    throw e;
  }
}

/** The value, or undefined when the call failed (a missing permission must not hide the resource). */
export async function optional<T>(fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch {
    return undefined;
  }
}

export function pick<T extends Record<string, unknown>>(o: T, keys: string[]): Partial<T> {
  return Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]])) as Partial<T>;
}

const MAX_NAMES = 8;

export function sameScope(a: Resource, b: Resource): boolean {
  return a.account === b.account && a.region === b.region;
}

/** `a, b, c` sorted, at most eight, then "and N more". */
export function names(list: string[]): string {
  const sorted = [...list].sort();
  return sorted.length <= MAX_NAMES ? sorted.join(', ') : `${sorted.slice(0, MAX_NAMES).join(', ')} and ${sorted.length - MAX_NAMES} more`;
}

/** A fact as a list of non-empty strings. */
export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : typeof v === 'string' && v ? [v] : [];
}

/** `web-prod-2` -> `web-prod`; names without a trailing number have no fleet. */
export function fleetPrefix(name: string): string | undefined {
  const m = /^(.*?[a-zA-Z])[-_]?\d+$/.exec(name);
  return m ? m[1] : undefined;
}
