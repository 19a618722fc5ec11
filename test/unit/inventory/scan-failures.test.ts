import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { describeScanFailures, Inventory, scanEstate } from '../../../src/inventory';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('describeScanFailures: one sentence per failed slice', () => {
  it('an account whose role cannot be assumed is one line, not one per scanner', async () => {
    const provider = new FlakyProvider(SandboxProvider.fromFile(ESTATE));
    const inventory = await Inventory.scan(provider);
    provider.fails = (_s, _m, t) => (t.account === '222222222222' ? accessDenied('sts:AssumeRole') : undefined);
    inventory.apply(await scanEstate(provider), provider.accounts());
    expect(inventory.failures.length).toBeGreaterThanOrEqual(6);
    const lines = describeScanFailures(inventory.failures);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        String.raw`^staging\/us-west-2 could not be scanned: The bot could not assume its role in this ` +
          String.raw`account \(sts:AssumeRole was denied\)\. Check that the role's trust policy .* ` +
          String.raw`\(last succeeded: .*; the resources found then are kept\)\.$`,
      ),
    );
  });

  it('scanners of a region that failed for different reasons are each named with their own reason', () => {
    const f = (scanner: string, error: string, region = 'us-west-2') => ({
      account: '111111111111',
      accountAlias: 'production',
      region,
      scanner,
      error,
      lastSuccess: null,
    });
    expect(
      describeScanFailures([
        f('rds-instances', "AWS refused: the bot's role lacks permission rds:DescribeDBInstances."),
        f('rds-clusters', "AWS refused: the bot's role lacks permission rds:DescribeDBInstances."),
        f('tagged-resources', "AWS refused: the bot's role lacks permission tag:GetResources."),
        f('tagged-resources', "AWS refused: the bot's role lacks permission tag:GetResources.", 'eu-west-1'),
      ]),
    ).toEqual([
      'production/us-west-2: rds-instances and rds-clusters could not be scanned: AWS ' +
        "refused: the bot's role lacks permission rds:DescribeDBInstances (last succeeded: " +
        'never).',
      "production/us-west-2: tagged-resources could not be scanned: AWS refused: the bot's " +
        'role lacks permission tag:GetResources (last succeeded: never).',
      "production/eu-west-1: tagged-resources could not be scanned: AWS refused: the bot's " +
        'role lacks permission tag:GetResources (last succeeded: never).',
    ]);
  });
});
