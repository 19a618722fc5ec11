import { DEPRECATED_RUNTIMES, LAMBDA_RUNTIMES_AS_OF, RUNTIME_UPDATES_BLOCKED } from '../../inventory';
import type { Finding, FindingRule, Severity } from '../types';
import { daysSince, isoDay } from './days';

/** Lambda's own notice: it emails the account 60 days before a runtime's deprecation. */
const SOON_DAYS = 60;

/** The language family of a runtime id, to name the newest runtime of the same language. */
function family(runtime: string): string | undefined {
  if (runtime.startsWith('go1') || runtime.startsWith('provided')) return 'provided';
  return /^(nodejs|python|java|ruby|dotnet)/.exec(runtime)?.[1];
}

/** The runtime of the same language with the latest deprecation date (the upgrade to aim for), from the same dated table. */
export function newestRuntime(runtime: string): { id: string; until: string } | undefined {
  const fam = family(runtime);
  if (!fam) return undefined;
  let best: { id: string; until: string } | undefined;
  for (const [id, until] of Object.entries(DEPRECATED_RUNTIMES)) {
    if (family(id) !== fam || id === runtime) continue;
    if (!best || until > best.until || (until === best.until && id.localeCompare(best.id, 'en', { numeric: true }) > 0))
      best = { id, until };
  }
  return best && best.until > (DEPRECATED_RUNTIMES[runtime] ?? '') ? best : undefined;
}

/**
 * Lambda functions on a runtime AWS has deprecated (high) or deprecates within `runtimeWarnDays`
 * (medium within 60 days, when Lambda itself starts emailing; low before). Dates come from the Lambda
 * kind's table of AWS's "Lambda runtimes" page (one table, LAMBDA_RUNTIMES_AS_OF), so no extra reads.
 * No money is saved: a deprecated runtime gets no security patches, and later its functions cannot be
 * updated. No playbook changes a runtime (the code must be tested on the new one), so no Fix button:
 * the detail says what to upgrade to.
 */
export const lambdaRuntimeDeprecation: FindingRule = {
  id: 'lambda-runtime-deprecation',
  title: 'Lambda functions on deprecated or deprecating runtimes',
  types: ['lambda-function'],
  permissions: [],
  fix: null,
  async evaluate(ctx) {
    const out: Finding[] = [];
    const today = isoDay(ctx.now);
    for (const r of ctx.resources) {
      if (r.type !== 'lambda-function' || typeof r.facts.runtime !== 'string') continue;
      const runtime = r.facts.runtime;
      const on = DEPRECATED_RUNTIMES[runtime];
      if (!on) continue;
      // Calendar days to the deprecation date (negative once past), as the other rules count days.
      const left = -(daysSince(on, ctx.now) ?? 0);
      if (left > ctx.thresholds.runtimeWarnDays) continue;
      const blocked = RUNTIME_UPDATES_BLOCKED[runtime];
      const severity: Severity = left <= 0 ? 'high' : left <= SOON_DAYS ? 'medium' : 'low';
      const next = newestRuntime(runtime);
      const upgrade = next
        ? `Upgrade the runtime to ${next.id} (supported until ${next.until}) and test the function on it`
        : 'Upgrade the runtime and test the function on it';
      const when =
        left <= 0
          ? `Runtime ${runtime} was deprecated on ${on} (${-left} days ago): no security patches or AWS support since`
          : `Runtime ${runtime} is deprecated on ${on} (in ${left} days): no security patches or AWS support after that`;
      const block = blocked
        ? blocked <= today
          ? `; Lambda has blocked updates to functions on it since ${blocked}`
          : `; Lambda blocks updates to functions on it from ${blocked}`
        : '';
      out.push({
        rule: this.id,
        severity,
        resource: r,
        detail:
          `${when}${block}. ${upgrade}; no playbook does this. No money saved: the risk is ` +
          `unpatched code (AWS dates of ${LAMBDA_RUNTIMES_AS_OF}).`,
        monthlySaving: null,
        fix: this.fix,
        deadline: on,
      });
    }
    return out;
  },
};
