import { converse, FakeClock, testBot } from '../helpers/bot';

const PROD = { account: '111111111111', region: 'us-west-2' };

describe('console conversation: Lambda functions', () => {
  it('throttles the payments-webhook lambda on approval, and the undo restores its reserved concurrency of 50', async () => {
    const bot = await testBot();
    const lambda = bot.provider.service('lambda', PROD);
    expect((await lambda.getFunction({ FunctionName: 'payments-webhook' })).Concurrency?.ReservedConcurrentExecutions).toBe(50);

    const out = await converse(bot, ['throttle the payments-webhook lambda', '/as bob', '1']);
    expect(out).toContain('== Plan: Throttle a Lambda function ==');
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('function: payments-webhook');
    expect(out).toContain('undo with lambda-unthrottle-function');
    expect(out).toMatch(/throttled payments-webhook \(reserved concurrency 0; it was 50/);
    const throttled = await lambda.getFunction({ FunctionName: 'payments-webhook' });
    expect(throttled.Concurrency?.ReservedConcurrentExecutions).toBe(0);
    expect(throttled.Tags?.['cloudops:previous-reserved-concurrency']).toBe('50');

    const undo = await converse(bot, ['unthrottle the payments-webhook lambda', '/as bob', '1']);
    expect(undo).toContain('== Plan: Unthrottle a Lambda function ==');
    expect(undo).toMatch(/restored payments-webhook's reserved concurrency to 50/);
    const restored = await lambda.getFunction({ FunctionName: 'payments-webhook' });
    expect(restored.Concurrency?.ReservedConcurrentExecutions).toBe(50);
    expect(restored.Tags?.['cloudops:previous-reserved-concurrency']).toBeUndefined();
    bot.close();
  });

  it('an unreserved function goes back to unreserved after throttle and undo', async () => {
    const bot = await testBot();
    await converse(bot, ['throttle lambda image-resizer', '/as bob', '1']);
    const lambda = bot.provider.service('lambda', PROD);
    expect((await lambda.getFunction({ FunctionName: 'image-resizer' })).Tags?.['cloudops:previous-reserved-concurrency']).toBe('none');
    await converse(bot, ['unthrottle lambda image-resizer', '/as bob', '1']);
    expect((await lambda.getFunction({ FunctionName: 'image-resizer' })).Concurrency).toBeUndefined();
    bot.close();
  });

  it(
    'refuses to throttle a function that is already throttled, and to unthrottle one the ' + 'bot did not throttle, before anyone approves',
    async () => {
      const bot = await testBot();
      const out = await converse(bot, ['throttle the nightly-export lambda', 'unthrottle the payments-webhook lambda']);
      expect(out).toContain('nightly-export is already throttled (reserved concurrency 0)');
      expect(out).toContain('payments-webhook is not throttled');
      expect(out).not.toContain('[1] Approve');
      expect(
        (await bot.provider.service('lambda', PROD).getFunction({ FunctionName: 'nightly-export' })).Concurrency
          ?.ReservedConcurrentExecutions,
      ).toBe(0);
      bot.close();
    },
  );

  it('sets reserved concurrency, and AWS refusing a value that starves the account pool changes nothing', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['set reserved concurrency of payments-webhook to 20', '/as bob', '1']);
    expect(out).toContain("== Plan: Set a Lambda function's reserved concurrency ==");
    expect(out).toMatch(/set payments-webhook's reserved concurrency to 20 \(was 50\)/);
    const lambda = bot.provider.service('lambda', PROD);
    expect((await lambda.getFunction({ FunctionName: 'payments-webhook' })).Concurrency?.ReservedConcurrentExecutions).toBe(20);
    const tooMany = await converse(bot, ['set reserved concurrency of payments-webhook to 950', '/as bob', '1']);
    expect(tooMany).toMatch(/UnreservedConcurrentExecution below its minimum value of \[100\]/);
    expect((await lambda.getFunction({ FunctionName: 'payments-webhook' })).Concurrency?.ReservedConcurrentExecutions).toBe(20);
    bot.close();
  });

  it('shows runtime facts: a deprecated runtime raises the risk of changing it', async () => {
    // The demo estate's dates as written (it keeps time: on another clock day lastModified moves with it).
    const bot = await testBot({ clock: new FakeClock() });
    const fn = bot.inventory.all('lambda-function').find((r) => r.name === 'report-generator')!;
    expect(fn.facts).toMatchObject({
      runtime: 'python3.8',
      runtimeDeprecated: true,
      runtimeDeprecatedOn: '2024-10-14',
      lastModified: '2023-06-12T17:20:00.000Z',
    });
    const out = await converse(bot, ['set reserved concurrency of report-generator to 5']);
    expect(out).toContain('report-generator runs on a deprecated runtime (python3.8)');
    bot.close();
  });
});
