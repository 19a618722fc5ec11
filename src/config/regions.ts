/**
 * The AWS regions a config may name, per partition, as the AWS SDK's endpoint partitions list them
 * (@aws-sdk/core util-endpoints partitions, 2026). A name outside this list is a typo far more often
 * than a region opened after this release; a new region is added here.
 */
export const AWS_REGIONS: readonly string[] = [
  // aws
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  // aws-us-gov, aws-cn, aws-eusc, aws-iso*
  'us-gov-east-1',
  'us-gov-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eusc-de-east-1',
  'us-iso-east-1',
  'us-iso-west-1',
  'us-isob-east-1',
  'us-isob-west-1',
  'eu-isoe-west-1',
  'us-isof-east-1',
  'us-isof-south-1',
];

const KNOWN = new Set(AWS_REGIONS);

export function isAwsRegion(name: string): boolean {
  return KNOWN.has(name);
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length];
}

/** Why a region name is refused: the nearest known name, and all of them. */
export function unknownRegionMessage(name: string): string {
  const near = AWS_REGIONS.map((r) => ({ r, d: distance(name, r) })).sort((x, y) => x.d - y.d)[0];
  const guess = near && near.d <= 3 ? ` (did you mean ${near.r}?)` : '';
  return `"${name}" is not an AWS region${guess}; regions look like us-west-2, and these are known: ${AWS_REGIONS.join(', ')}`;
}
