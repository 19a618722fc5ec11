import type { RDS } from '../../cloud';
import type { Finding, FindingRule } from '../types';
import { readIn } from './scopes';
import { isoDay } from './days';

const STANDARD_SUPPORT = 'open-source-rds-standard-support';

/** The major version an engine version belongs to: the longest listed major it equals or starts with ("8.0" for "8.0.36"). */
export function majorOf(version: string, majors: string[]): string | undefined {
  return majors.filter((m) => version === m || version.startsWith(`${m}.`)).sort((a, b) => b.length - a.length)[0];
}

/**
 * RDS instances on a major engine version past (high) or within `engineWarnDays` of (medium) the end of
 * RDS standard support, from DescribeDBMajorEngineVersions' lifecycle dates: one call per engine per
 * account/region. Past the date RDS enrols the database in Extended Support, which is billed per vCPU-hour.
 */
export const rdsEngineSupport: FindingRule = {
  id: 'rds-engine-eol',
  title: 'RDS engine versions past or near end of standard support',
  types: ['rds-instance'],
  permissions: ['rds:DescribeDBMajorEngineVersions'],
  fix: null,
  async evaluate(ctx) {
    const dbs = ctx.resources.filter(
      (r) => r.type === 'rds-instance' && typeof r.facts.engine === 'string' && typeof r.facts.engineVersion === 'string',
    );
    const lifecycles = new Map<string, RDS.DBMajorEngineVersion[]>();
    for (const r of dbs) {
      const key = `${r.account}/${r.region}/${r.facts.engine}`;
      if (lifecycles.has(key)) continue;
      const rds = ctx.provider.rds({ account: r.account, region: r.region });
      const list: RDS.DBMajorEngineVersion[] = [];
      // Set first: a place whose read failed is not asked again for its next database.
      lifecycles.set(key, list);
      await readIn(ctx, { account: r.account, ...(r.accountAlias ? { alias: r.accountAlias } : {}), region: r.region }, async () => {
        let marker: string | undefined;
        do {
          const page = await rds.describeDBMajorEngineVersions({ Engine: String(r.facts.engine), ...(marker ? { Marker: marker } : {}) });
          ctx.count('rds');
          list.push(...(page.DBMajorEngineVersions ?? []));
          marker = page.Marker;
        } while (marker);
      });
    }
    const out: Finding[] = [];
    const warnMs = ctx.thresholds.engineWarnDays * 86_400_000;
    for (const r of dbs) {
      const list = lifecycles.get(`${r.account}/${r.region}/${r.facts.engine}`) ?? [];
      const version = String(r.facts.engineVersion);
      const major = majorOf(
        version,
        list.map((v) => v.MajorEngineVersion ?? ''),
      );
      const entry = list.find((v) => v.MajorEngineVersion === major);
      const end = entry?.SupportedEngineLifecycles?.find((l) => l.LifecycleSupportName === STANDARD_SUPPORT)?.LifecycleSupportEndDate;
      if (!end) continue;
      const endDate = new Date(end);
      // Counted to the moment, not in calendar days as the other rules do (days.ts): AWS gives the end as the
      // last second of that day (2027-02-28T23:59:59Z), so on that day the version is still supported and a
      // calendar count would already say it had left.
      const left = endDate.getTime() - ctx.now.getTime();
      if (left > warnMs) continue;
      const day = isoDay(endDate);
      const past = left <= 0;
      out.push({
        rule: this.id,
        severity: past ? 'high' : 'medium',
        resource: r,
        detail: past
          ? `${r.facts.engine} ${version}: major version ${major} left RDS standard support on ` +
            `${day}; RDS Extended Support charges apply until it is upgraded.`
          : `${r.facts.engine} ${version}: major version ${major} leaves RDS standard support on ` +
            `${day} (${Math.ceil(left / 86_400_000)} days). Plan the major version upgrade ` +
            `before then.`,
        monthlySaving: null,
        fix: this.fix,
        deadline: day,
      });
    }
    return out;
  },
};
