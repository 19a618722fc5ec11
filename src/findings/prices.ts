/**
 * A bundled on-demand price table (USD, Linux, shared tenancy), so a finding can say what it costs
 * without the Pricing API. The figures are AWS's public list prices as of PRICE_TABLE_DATE; they change
 * rarely, but a digest always says "price table of <date>" beside a saving so nobody mistakes it for a bill.
 */
import { lookupTable } from '../core';
export const PRICE_TABLE_DATE = '2024-06-01';

/** us-east-1 hourly on-demand prices. */
const EC2_HOURLY: Readonly<Record<string, number>> = lookupTable({
  't3.nano': 0.0052,
  't3.micro': 0.0104,
  't3.small': 0.0208,
  't3.medium': 0.0416,
  't3.large': 0.0832,
  't3.xlarge': 0.1664,
  't3.2xlarge': 0.3328,
  't3a.micro': 0.0094,
  't3a.small': 0.0188,
  't3a.medium': 0.0376,
  't3a.large': 0.0752,
  'm5.large': 0.096,
  'm5.xlarge': 0.192,
  'm5.2xlarge': 0.384,
  'm5.4xlarge': 0.768,
  'm6i.large': 0.096,
  'm6i.xlarge': 0.192,
  'm6i.2xlarge': 0.384,
  'm6i.4xlarge': 0.768,
  'm6g.large': 0.077,
  'm6g.xlarge': 0.154,
  'm7g.large': 0.0816,
  'm7i.large': 0.1008,
  'c5.large': 0.085,
  'c5.xlarge': 0.17,
  'c6i.large': 0.085,
  'c6i.xlarge': 0.17,
  'c6i.2xlarge': 0.34,
  'c6g.large': 0.068,
  'r5.large': 0.126,
  'r5.xlarge': 0.252,
  'r6i.large': 0.126,
  'r6i.xlarge': 0.252,
  'r6i.2xlarge': 0.504,
  'r6g.medium': 0.0504,
  'r6g.large': 0.1008,
  'r6g.xlarge': 0.2016,
  'g4dn.xlarge': 0.526,
  'g5.xlarge': 1.006,
  'p3.2xlarge': 3.06,
  'c3.large': 0.105,
  'm3.medium': 0.067,
  'm4.large': 0.1,
});

/** us-east-1 per GB-month. Snapshots: standard tier. */
const EBS_GB_MONTH: Readonly<Record<string, number>> = lookupTable({
  gp3: 0.08,
  gp2: 0.1,
  io1: 0.125,
  io2: 0.125,
  st1: 0.045,
  sc1: 0.015,
  standard: 0.05,
});
const SNAPSHOT_GB_MONTH = 0.05;
/** gp3 above its free baseline (3,000 IOPS, 125 MB/s): per provisioned IOPS-month and per MB/s-month. */
const GP3_IOPS_MONTH = 0.005;
const GP3_MBPS_MONTH = 0.04;

/** Regions priced like us-east-1, and the others' rough uplift on the same list. */
const REGION_FACTOR: Readonly<Record<string, number>> = lookupTable({
  'us-east-1': 1,
  'us-east-2': 1,
  'us-west-2': 1,
  'eu-west-1': 1.1,
  'eu-central-1': 1.15,
  'eu-west-2': 1.15,
  'ap-southeast-2': 1.25,
  'ap-northeast-1': 1.3,
});

export const HOURS_PER_MONTH = 730;

export interface PriceTable {
  date: string;
  /** Per month for an instance running all month; undefined when the type or region is not in the table. */
  instanceMonthly(type: string | undefined, region: string): number | undefined;
  /** Per month for a volume of `sizeGb` of `volumeType`. */
  volumeMonthly(volumeType: string | undefined, sizeGb: number | undefined, region: string): number | undefined;
  /** Per month for a full snapshot of `sizeGb` (the upper bound: snapshots after the first are incremental). */
  snapshotMonthly(sizeGb: number | undefined, region: string): number | undefined;
  /** Per month for gp3 IOPS and throughput provisioned above the free baseline (3,000 IOPS, 125 MB/s). */
  gp3ProvisionedMonthly(extraIops: number, extraMbps: number, region: string): number | undefined;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

export const PRICES: PriceTable = {
  date: PRICE_TABLE_DATE,
  instanceMonthly(type, region) {
    const hourly = type ? EC2_HOURLY[type] : undefined;
    const f = REGION_FACTOR[region];
    return hourly === undefined || f === undefined ? undefined : round2(hourly * HOURS_PER_MONTH * f);
  },
  volumeMonthly(volumeType, sizeGb, region) {
    const gb = volumeType ? EBS_GB_MONTH[volumeType] : undefined;
    const f = REGION_FACTOR[region];
    return gb === undefined || f === undefined || !sizeGb ? undefined : round2(gb * sizeGb * f);
  },
  snapshotMonthly(sizeGb, region) {
    const f = REGION_FACTOR[region];
    return f === undefined || !sizeGb ? undefined : round2(SNAPSHOT_GB_MONTH * sizeGb * f);
  },
  gp3ProvisionedMonthly(extraIops, extraMbps, region) {
    const f = REGION_FACTOR[region];
    return f === undefined ? undefined : round2((GP3_IOPS_MONTH * Math.max(0, extraIops) + GP3_MBPS_MONTH * Math.max(0, extraMbps)) * f);
  },
};

/** "$1,234.50". */
export function usd(n: number): string {
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
