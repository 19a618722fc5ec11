import { AwsProvider } from '../../src/cloud/aws';
import { scanEstate, type Scanner, type ScanReport } from '../../src/inventory';

/** An AWS provider over one account in two regions; the SDK clients are replaced by aws-sdk-client-mock. */
export function awsProvider(regions: string[] = ['us-west-2', 'eu-west-1']): AwsProvider {
  return new AwsProvider({ accounts: [{ id: '111111111111', alias: 'production', regions }] });
}

/** The region of the client a mocked command was sent through. */
export async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const r = getClient().config.region;
  return typeof r === 'function' ? await (r as () => Promise<string>)() : String(r);
}

/** An error as the SDK throws it (name = AWS error code). */
export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-mock', attempts: 3 },
  });
}

/** Run one scanner over the provider's estate, recording the pauses taken for throttling. */
export async function scanWith(scanner: Scanner, provider: AwsProvider, pauses: number[] = []): Promise<ScanReport> {
  return scanEstate(provider, { scanners: [scanner], sleep: async (ms) => void pauses.push(ms), throttleRetries: 3 });
}

export function unit(report: ScanReport, region: string) {
  const u = report.units.find((x) => x.region === region);
  if (!u) throw new Error(`no unit for ${region}`);
  return u;
}
