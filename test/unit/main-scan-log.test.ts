import { resolve } from 'node:path';
import { SandboxProvider } from '../../src/cloud';
import { parseConfig } from '../../src/config';
import type { Logger } from '../../src/core';
import { buildBot } from '../../src/main';
import { accessDenied, FlakyProvider } from '../helpers/flaky-provider';

const ESTATE = resolve(__dirname, '../fixtures/estates/resolver-estate.yaml');

/** A logger that keeps the messages of its warnings. */
function recordingLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => {},
    debug: () => {},
    error: () => {},
    warn: (_o: unknown, msg?: string) => void warnings.push(msg ?? ''),
  } as unknown as Logger & { warnings: string[] };
}

describe('start-up: each failed scan is logged once', () => {
  it('a scan at start that fails for one account logs each failed slice once, not again from the cache', async () => {
    const provider = new FlakyProvider(SandboxProvider.fromFile(ESTATE));
    provider.fails = (_s, _m, t) => (t.account === '222222222222' ? accessDenied('sts:AssumeRole') : undefined);
    const log = recordingLog();
    const bot = await buildBot({
      loaded: { config: parseConfig({ sandbox: {} }), file: null },
      provider,
      storePath: ':memory:',
      log,
      trainingCache: false,
    });
    const failed = bot.inventory.failures.length;
    expect(failed).toBeGreaterThanOrEqual(6);
    expect(log.warnings.filter((w) => w.startsWith('inventory scan failed'))).toHaveLength(failed);
    bot.close();
  });
});
