import { join } from 'node:path';
import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { SandboxProvider } from '../../src/cloud';
import { converse, FakeClock, testBot } from '../helpers/bot';

const clock = () => new FakeClock(new Date('2026-11-22T09:00:00Z'));

describe('cost top resources last 14 days', () => {
  it('lists the most expensive resources by name from resource-level data, with the Cost Explorer request count', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const ce = (bot.provider as SandboxProvider).costExplorer();
    const before = (ce as unknown as { requests: number }).requests;
    const out = await converse(bot, ['cost top resources last 14 days']);
    expect(out).toContain('== Top resources by cost, 8-21 Nov ==');
    // The 2000 GB unattached volume and the GPU notebook are among the dearest; named, typed, placed.
    expect(out).toMatch(/\* gpu-notebook-1 \(i-0fe74b6b9cd58375c\), EC2 instance, staging\/us-east-1: \$1\d\d\.\d\d/);
    expect(out).toContain('Cost Explorer: 1 request (GetCostAndUsageWithResources)');
    expect((ce as unknown as { requests: number }).requests - before).toBe(1);
    const top5 = await converse(bot, ['show the top 5 resources by cost']);
    expect(top5.match(/^\s+\* /gm)).toHaveLength(5);
    bot.close();
  });

  it('says in one sentence that resource-level data is not enabled, and how to turn it on', async () => {
    const bot = await testBot({
      config: SANDBOX_DEMO_CONFIG,
      clock: clock(),
      estate: join(__dirname, '../fixtures/estates/findings.yaml'),
    });
    const out = await converse(bot, ['cost top resources last 14 days']);
    expect(out).toContain('== Top resources by cost: not available ==');
    expect(out).toContain('Resource-level cost data is not enabled for account 111111111111');
    expect(out).toContain('Cost Management preferences');
    expect(out).toContain('Cost Explorer: 1 request');
    bot.close();
  });
});
