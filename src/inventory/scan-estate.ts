import { explainCloudError, isCloudError, paginate, type CloudProvider } from '../cloud';
import type { Resource } from '../core';
import { mapLimited } from './concurrency';
import type { ScanContext, Scanner } from './Scanner';
import { scanners as kindScanners } from './kinds';

/** One scanner in one account and region: the unit that succeeds or fails on its own. */
export interface ScanUnit {
  account: string;
  accountAlias?: string;
  region: string;
  scanner: string;
}

export type UnitResult = ScanUnit & { ms: number } & ({ ok: true; resources: Resource[] } | { ok: false; error: string; code?: string });

export interface ScanReport {
  startedAt: Date;
  finishedAt: Date;
  units: UnitResult[];
}

export interface ScanOptions {
  scanners?: readonly Scanner[];
  /** Units scanned at once (accounts x regions x scanners). */
  concurrency?: number;
  /** Extra tries for a throttled page, after the SDK's own retries. */
  throttleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
  /** Told after each unit (account x region x scanner) finishes: a scan of many accounts takes minutes. */
  onProgress?: (progress: ScanProgress) => void;
}

/** How far a scan has got. */
export interface ScanProgress {
  /** Units finished (ok or failed) of `total`. */
  done: number;
  total: number;
  failed: number;
  /**
   * Distinct resources the finished units found: what the tagging API and SSM list again (the typed scans'
   * resources, by ARN or instance id) is counted once, as the inventory will hold it.
   */
  resources: number;
  elapsedMs: number;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

export function isThrottling(e: unknown): boolean {
  const code = isCloudError(e) ? e.code : (e as { name?: string })?.name;
  return !!code && THROTTLING.has(code);
}

export class ThrottledScan extends Error {
  constructor(
    readonly code: string,
    readonly attempts: number,
  ) {
    super(`AWS kept throttling the scan (${code}) after ${attempts} tries; it will be tried again on the next refresh`);
    this.name = 'ThrottledScan';
  }
}

/**
 * Scan accounts x regions x scanners in parallel, at most `concurrency` at a time. A unit that fails
 * (no permission, region disabled, throttled, role not assumable) is reported with why; the others
 * still return their resources.
 */
export async function scanEstate(provider: CloudProvider, options: ScanOptions = {}): Promise<ScanReport> {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = options.throttleRetries ?? 4;
  const scanners = options.scanners ?? kindScanners();
  const startedAt = now();
  const units = provider
    .accounts()
    .flatMap((a) => a.regions.flatMap((region) => scanners.map((s) => ({ scanner: s, account: a.id, accountAlias: a.alias, region }))));

  const progress: ScanProgress = { done: 0, total: units.length, failed: 0, resources: 0, elapsedMs: 0 };
  // ARNs of the resources counted so far: the scans overlap, so lengths would add up to far more than the
  // inventory (at 100k: 159k "resources" two thirds of the way through).
  const seen = new Set<string>();
  const finished = (r: UnitResult): UnitResult => {
    progress.done += 1;
    if (r.ok) for (const x of r.resources) if (firstSeen(seen, x)) progress.resources += 1;
    if (!r.ok) progress.failed += 1;
    progress.elapsedMs = now().getTime() - startedAt.getTime();
    try {
      options.onProgress?.({ ...progress });
    } catch {
      // Progress is for people watching; it never stops a scan.
    }
    return r;
  };
  const results = await mapLimited(units, options.concurrency ?? 8, async (u): Promise<UnitResult> => finished(await scanUnit(u)));
  return { startedAt, finishedAt: now(), units: results };

  async function scanUnit(u: (typeof units)[number]): Promise<UnitResult> {
    const unit: ScanUnit = {
      account: u.account,
      ...(u.accountAlias ? { accountAlias: u.accountAlias } : {}),
      region: u.region,
      scanner: u.scanner.name,
    };
    const t0 = Date.now();
    const ctx: ScanContext = {
      provider,
      scope: { account: u.account, ...(u.accountAlias ? { accountAlias: u.accountAlias } : {}), region: u.region },
      target: { account: u.account, region: u.region },
      pages: (call, input, tokens) => paginate(patient(call, retries, sleep), input, tokens),
    };
    try {
      const resources = await u.scanner.scan(ctx);
      return { ...unit, ok: true, resources, ms: Date.now() - t0 };
    } catch (e) {
      const code = e instanceof ThrottledScan ? e.code : isCloudError(e) ? e.code : undefined;
      // What to do, in words (not 18 raw ECONNREFUSED lines or an XML parser's complaint).
      return {
        ...unit,
        ok: false,
        error: explainCloudError(e, { where: false }) ?? (e as Error).message,
        ...(code ? { code } : {}),
        ms: Date.now() - t0,
      };
    }
  }
}

/** Retry a throttled call with growing pauses (0.5 s, 1 s, 2 s, ...); other errors pass straight through. */
function patient<I, O>(call: (input: I) => Promise<O>, retries: number, sleep: (ms: number) => Promise<void>): (input: I) => Promise<O> {
  return async (input) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(input);
      } catch (e) {
        if (!isThrottling(e)) throw e;
        if (attempt >= retries) throw new ThrottledScan(isCloudError(e) ? e.code : 'Throttling', attempt + 1);
        await sleep(500 * 2 ** attempt);
      }
    }
  };
}

/**
 * True when `r` was not counted yet: keyed by ARN (the tagging API lists the typed scans' resources again,
 * by the same ARN), an SSM record of an EC2 instance by that instance's ARN. The keys are the resources' own
 * strings, so counting adds no copy of the estate's ARNs (memory at 100k).
 */
function firstSeen(seen: Set<string>, r: Resource): boolean {
  const key = r.type === 'ssm-instance' && r.id.startsWith('i-') ? `arn:aws:ec2:${r.region}:${r.account}:instance/${r.id}` : r.arn;
  if (key === undefined) return true;
  if (seen.has(key)) return false;
  seen.add(key);
  return true;
}
