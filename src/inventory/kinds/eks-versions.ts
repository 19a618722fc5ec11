/**
 * Amazon EKS Kubernetes release calendar: end of standard and extended support per minor version (UTC
 * days). Source: AWS, "Understand the Kubernetes version lifecycle on EKS", section "Amazon EKS Kubernetes
 * release calendar" (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar;
 * its source awsdocs/amazon-eks-user-guide latest/ug/versioning/kubernetes-versions.adoc, read 2026-12-06,
 * which lists 1.29 to 1.34). 1.35 is not in that copy of the calendar: its dates are from endoflife.date/amazon-eks
 * (EKS release 2026-01-28), which follows the same calendar. 1.23 to 1.28 are from the calendar's earlier
 * editions (14 months of standard support after the EKS release, then 12 months of extended support).
 * `DescribeClusterVersions` answers the same dates from AWS itself; a version missing here has no date, and
 * says so, rather than a guessed one. Update this table when AWS adds a version.
 */
export const EKS_CALENDAR_SOURCE =
  'Amazon EKS Kubernetes release calendar (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), read 2026-12-06';

export interface EksVersionDates {
  /** Amazon EKS release. */
  release: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

export const EKS_VERSIONS: Readonly<Record<string, EksVersionDates>> = {
  '1.35': { release: '2026-01-28', endOfStandardSupport: '2027-03-27', endOfExtendedSupport: '2028-03-27' },
  '1.34': { release: '2025-10-02', endOfStandardSupport: '2026-12-02', endOfExtendedSupport: '2027-12-02' },
  '1.33': { release: '2025-05-29', endOfStandardSupport: '2026-07-29', endOfExtendedSupport: '2027-07-29' },
  '1.32': { release: '2025-01-23', endOfStandardSupport: '2026-03-23', endOfExtendedSupport: '2027-03-23' },
  '1.31': { release: '2024-09-26', endOfStandardSupport: '2025-11-26', endOfExtendedSupport: '2026-11-26' },
  '1.30': { release: '2024-05-23', endOfStandardSupport: '2025-07-23', endOfExtendedSupport: '2026-07-23' },
  '1.29': { release: '2024-01-23', endOfStandardSupport: '2025-03-23', endOfExtendedSupport: '2026-03-23' },
  '1.28': { release: '2023-09-26', endOfStandardSupport: '2024-11-26', endOfExtendedSupport: '2025-11-26' },
  '1.27': { release: '2023-05-24', endOfStandardSupport: '2024-07-24', endOfExtendedSupport: '2025-07-24' },
  '1.26': { release: '2023-04-11', endOfStandardSupport: '2024-06-11', endOfExtendedSupport: '2025-06-11' },
  '1.25': { release: '2023-02-21', endOfStandardSupport: '2024-05-01', endOfExtendedSupport: '2025-05-01' },
  '1.24': { release: '2022-11-15', endOfStandardSupport: '2024-01-31', endOfExtendedSupport: '2025-01-31' },
  '1.23': { release: '2022-08-11', endOfStandardSupport: '2023-10-11', endOfExtendedSupport: '2024-10-11' },
};

/** "1.32", "1.32.5", "v1.32" -> the calendar's dates for 1.32 (undefined when the calendar has no such version). */
export function eksVersionDates(version: string | undefined | null): EksVersionDates | undefined {
  const m = /^v?(\d+\.\d+)/.exec(version ?? '');
  return m ? EKS_VERSIONS[m[1]] : undefined;
}

/**
 * "Kubernetes 1.35, end of standard support 2027-03-27", or "standard support ended" once past (the calendar's date;
 * says so when it has none).
 */
export function kubernetesLine(version: unknown, endOfStandardSupport: unknown, now = new Date()): string {
  if (typeof version !== 'string' || !version) return 'Kubernetes version unknown';
  if (typeof endOfStandardSupport !== 'string' || !endOfStandardSupport)
    return `Kubernetes ${version} (not in the bot's EKS release calendar: no support date known)`;
  // AWS's dates do not move with the sandbox's clock: today is today.
  return endOfStandardSupport <= now.toISOString().slice(0, 10)
    ? `Kubernetes ${version}, standard support ended ${endOfStandardSupport} (extended support is billed extra)`
    : `Kubernetes ${version}, end of standard support ${endOfStandardSupport}`;
}

/** The oldest version in the calendar still in standard support at `now` (the target of an upgrade that ends the surcharge). */
export function firstSupportedEksVersion(now: Date): string | undefined {
  const day = now.toISOString().slice(0, 10);
  return Object.entries(EKS_VERSIONS)
    .filter(([, d]) => d.release <= day && d.endOfStandardSupport > day)
    .map(([v]) => v)
    .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))[0];
}
