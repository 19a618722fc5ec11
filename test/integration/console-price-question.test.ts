import { converse, testBot } from '../helpers/bot';

/**
 * Issue 18, round 8: the price of an instance type or a service's unit price is no cost report (what the accounts were
 * billed). The bot says it does not price them, with no card and no report of the whole account in its place; a
 * question about what was billed still gets the report.
 */
describe('a price question gets a plain answer, no card and no cost report', () => {
  it.each(['how much does a c5.2xlarge cost per hour?', "what's the hourly rate of an r6g.xlarge", 'how much does s3 cost per gb'])(
    '"%s"',
    async (q) => {
      const bot = await testBot();
      try {
        const out = await converse(bot, [q]);
        expect(out).toContain('it does not price instance types or services');
        expect(out).not.toContain('== Plan:');
        expect(out).not.toMatch(/Cost for|cost report for/i);
      } finally {
        bot.close();
      }
    },
  );

  it('what we paid for staging last month is still the cost report', async () => {
    const bot = await testBot();
    try {
      const out = await converse(bot, ['what were we paying for staging last month']);
      expect(out).not.toContain('does not price');
      expect(out).toMatch(/staging/i);
      expect(out).toMatch(/== Cost for .* in staging \(222222222222\) ==/);
      expect(out).toMatch(/Total: \$[\d,.]+/);
    } finally {
      bot.close();
    }
  });
});
