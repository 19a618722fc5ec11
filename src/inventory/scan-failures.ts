import type { ResourceType } from '../core';
import type { ScanFailure } from './Inventory';
import { resourceKinds, scanners as kindScanners } from './kinds';

/** Codes whose cause is the same whichever scanner met it (the messages differ only by host name). */
const SAME_CAUSE = new Set([
  'EndpointUnreachable',
  'NoCredentials',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'AuthFailure',
  'SignatureDoesNotMatch',
]);

/**
 * Failed scans in words, one sentence per failed slice: the scans of one account that failed for the
 * same reason are told together ("staging/us-west-2, eu-west-1 could not be scanned: <why>"), never
 * one raw error line per scanner and region. `scanners` are those that make a whole region (the
 * default set); a region where only some failed names them.
 */
export function describeScanFailures(
  failures: readonly ScanFailure[],
  scanners: readonly string[] = kindScanners().map((s) => s.name),
): string[] {
  // account -> reason -> region -> scanners that failed there for that reason
  const groups = new Map<
    string,
    { label: string; byReason: Map<string, { error: string; regions: Map<string, string[]>; last: (string | null | undefined)[] }> }
  >();
  for (const f of failures) {
    const account = groups.get(f.account) ?? { label: f.accountAlias ?? f.account, byReason: new Map() };
    groups.set(f.account, account);
    // One cause (the endpoint is down, no credentials) is told once, though each host said it its own way.
    const key = f.code && SAME_CAUSE.has(f.code) ? `code:${f.code}` : f.error;
    const reason = account.byReason.get(key) ?? { error: f.error, regions: new Map(), last: [] };
    account.byReason.set(key, reason);
    reason.regions.set(f.region, [...(reason.regions.get(f.region) ?? []), f.scanner]);
    reason.last.push(f.lastSuccess);
  }
  const lines: string[] = [];
  for (const { label, byReason } of groups.values()) {
    for (const { error, regions, last } of byReason.values()) {
      const whole = [...regions].filter(([, s]) => scanners.every((n) => s.includes(n))).map(([r]) => r);
      const partial = [...regions].filter(([r]) => !whole.includes(r));
      const why = `${error.replace(/[.\s]+$/, '')}${since(last)}.`;
      if (whole.length) lines.push(`${label}/${whole.join(', ')} could not be scanned: ${why}`);
      for (const [region, names] of partial) lines.push(`${label}/${region}: ${list(names)} could not be scanned: ${why}`);
    }
  }
  return lines;
}

/** " (last succeeded: never)", or the oldest last success of the group: what the kept resources date from. */
function since(last: (string | null | undefined)[]): string {
  const times = last.filter((t): t is string => !!t).sort();
  if (!times.length) return ' (last succeeded: never)';
  return ` (last succeeded: ${times[0]}${times.length < last.length ? ', some never' : ''}; the resources found then are kept)`;
}

function list(names: string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}

/**
 * Where a resource of this type could be but was not scanned, in words: said beside "not found", so a
 * failed scan is never mistaken for a missing resource.
 */
export function unscannedFor(failures: readonly ScanFailure[], type: ResourceType | 'any'): string[] {
  const own = type === 'any' ? undefined : resourceKinds.get(type)?.scanner.name;
  const scanners = own ? [own] : kindScanners().map((s) => s.name);
  return describeScanFailures(
    failures.filter((f) => scanners.includes(f.scanner)),
    scanners,
  );
}

/**
 * The failed scans of these kinds only, in words, each naming its scanner unless a whole region failed: what an
 * answer about these kinds ("how many instances") may miss; an unreadable ECS does not make it unsure.
 */
export function unscannedKinds(failures: readonly ScanFailure[], types: readonly string[]): string[] {
  const own = new Set(types.map((t) => resourceKinds.get(t as ResourceType)?.scanner.name).filter((n): n is string => !!n));
  return describeScanFailures(own.size ? failures.filter((f) => own.has(f.scanner)) : failures);
}
