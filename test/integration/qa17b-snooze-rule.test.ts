import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { converse, FakeClock, testBot } from '../helpers/bot';

describe('snooze with a rule that never names the resource (qa17b)', () => {
  it('is refused and records nothing; the rule the digest shows for it is accepted', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    try {
      const out = await converse(bot, [
        'snooze acme-prod-logs eks-version-support because upgrade planned',
        'snooze image-resizer ebs-gp2 for 2 weeks because later',
      ]);
      expect(out).toContain(
        'eks-version-support never names acme-prod-logs: it checks an EKS cluster, and acme-prod-logs is an S3 bucket.',
      );
      expect(out).toContain('ebs-gp2 never names image-resizer');
      expect(out).toContain('Nothing changed.');
      expect(out).not.toContain('Snoozed');
      expect(await bot.findingSnoozes.list()).toEqual([]);
      const ok = await converse(bot, ['snooze acme-prod-logs s3-public-bucket because it is our public website']);
      expect(ok).toContain('Snoozed the s3-public-bucket finding on acme-prod-logs');
      expect(await bot.findingSnoozes.list()).toHaveLength(1);
    } finally {
      bot.close();
    }
  });
});
