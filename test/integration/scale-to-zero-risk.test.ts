import { converse, testBot } from '../helpers/bot';

// QA issue 15: EKS had a rule for scaling a node group to 0; ECS, Auto Scaling and Lambda reserved
// concurrency did not. "scale the checkout-staging service to 0" (every task stopped) and "set reserved
// concurrency of X to 0" (a throttle with no undo value kept) were medium like any resize, with nothing
// on the card saying what 0 means.
describe('asking for 0 says what it means and is high risk', () => {
  it('ECS service to 0', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the checkout-staging service to 0']);
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('Scaling checkout-staging to 0 stops every task');
    bot.close();
  });

  it('Lambda reserved concurrency 0 points at the throttle that can be undone', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['set reserved concurrency of payments-webhook-staging to 0']);
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('Reserved concurrency 0 throttles payments-webhook-staging');
    expect(out).toContain('`throttle payments-webhook-staging` does');
    bot.close();
  });

  it('Auto Scaling group to 0', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the batch-workers asg to 0']);
    expect(out).toContain('Scaling batch-workers-asg to 0 terminates every instance in it');
    bot.close();
  });

  it('a non-zero size keeps the old risk', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the checkout-staging service to 3']);
    expect(out).toContain('[MEDIUM RISK]');
    expect(out).not.toContain('stops every task');
    bot.close();
  });
});
