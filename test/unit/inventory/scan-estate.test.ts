import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { scanEstate, scanners } from '../../../src/inventory';
import { FlakyProvider } from '../../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('scanEstate', () => {
  it('scans accounts x regions x scanners in parallel, never more than the concurrency limit at once', async () => {
    const provider = new FlakyProvider(SandboxProvider.fromFile(ESTATE));
    let inFlight = 0;
    let most = 0;
    // Every EC2/RDS/SSM/tagging call takes a few turns of the event loop, so scans overlap.
    for (const service of ['ec2', 'rds', 'ssm', 'tagging'] as const) {
      const original = (provider[service] as (t: never) => object).bind(provider);
      (provider as unknown as Record<string, unknown>)[service] = (t: never) =>
        new Proxy(original(t), {
          get: (obj, prop) => {
            const fn = Reflect.get(obj, prop) as (i: unknown) => Promise<unknown>;
            return async (input: unknown) => {
              inFlight += 1;
              most = Math.max(most, inFlight);
              for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
              inFlight -= 1;
              return fn.call(obj, input);
            };
          },
        });
    }
    const report = await scanEstate(provider, { concurrency: 3 });
    // 2 accounts: 2 + 1 regions, every registered kind's scanner in each.
    expect(report.units).toHaveLength(3 * scanners().length);
    expect(report.units.every((u) => u.ok)).toBe(true);
    expect(most).toBe(3);
  });
});
