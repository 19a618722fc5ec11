/**
 * Rolling runs over ECS services through the console adapter (issue 18 item 2): after each service's new
 * deployment, the health gate waits for steady state (one deployment, rollout COMPLETED, running = desired)
 * before the next; a service that never gets there stops the rest.
 */
import type { SandboxProvider } from '../../src/cloud';
import type { SandboxEcsService } from '../../src/cloud/sandbox/SandboxEcs';
import type { Bot } from '../../src/main';
import { converse, testBot } from '../helpers/bot';

function service(bot: Bot, name: string): SandboxEcsService {
  const state = (bot.provider as SandboxProvider).state;
  for (const account of state.estate.accounts)
    for (const region of Object.keys(account.regions)) {
      const found = (state.region(account.id, region).ecsServices as SandboxEcsService[]).find((s) => s.serviceName === name);
      if (found) return found;
    }
  throw new Error(`no service ${name}`);
}

const RESTART_PROD_SERVICES = 'restart every ecs service tagged environment=production';

describe('rolling restarts of ECS services', () => {
  let bot: Bot;
  afterEach(() => bot.close());

  it('each service is restarted in turn and passes the steady-state gate before the next', async () => {
    bot = await testBot();
    // "one at a time" after a tag is the pace, not a name ("names starting time" found nothing before).
    const out = await converse(bot, [`${RESTART_PROD_SERVICES} one at a time`, '/as bob', '1']);
    expect(out).toContain('2 resources (everything tagged environment=production); this approval covers exactly these:');
    expect(out).toMatch(/\[1\/2\] checkout: done; health check passed \(steady state: 4\/4 tasks running, 1 deployment\(s\)\)/);
    expect(out).toMatch(/\[2\/2\] search-api: done; health check passed \(steady state: 3\/3 tasks running, 1 deployment\(s\)\)/);
    expect(out).toContain('Result: done (2): checkout, search-api');
    expect(service(bot, 'search-api').deployments?.[0]?.rolloutState).toBe('COMPLETED');
  });

  it('a service whose rollout never completes fails the gate at its timeout and the next is not started', async () => {
    bot = await testBot();
    service(bot, 'checkout').SandboxRollout = 'stalls';
    const searchApiDeployment = service(bot, 'search-api').deployments?.[0]?.id;
    const out = await converse(bot, [RESTART_PROD_SERVICES, '/as bob', '1']);
    expect(out).toMatch(
      new RegExp(
        String.raw`\[1\/2\] checkout: FAILED: health check failed: not in steady state after 600 s ` +
          String.raw`\(last seen: 4\/4 tasks running, 1 deployment\(s\), rollout IN_PROGRESS\)`,
      ),
    );
    expect(out).toMatch(
      /Stopped at the first failure: done \(0\): none; failed \(1\): checkout \(health check failed: not in steady state/,
    );
    expect(out).toMatch(/not started \(1\): search-api/);
    expect(out).not.toContain('[2/2]');
    // search-api was never touched: no new deployment.
    expect(service(bot, 'search-api').deployments?.[0]?.id).toBe(searchApiDeployment);
    expect((await bot.audit.list({ requestId: 'req-0001', kinds: ['fleet-member'] })).map((r) => [r.data.member, r.data.status])).toEqual([
      ['checkout', 'failed'],
    ]);
    expect((await bot.desk.get('req-0001'))!.state).toBe('failed');
  });

  it('a rollout the circuit breaker fails stops the run with the reason', async () => {
    bot = await testBot();
    service(bot, 'checkout').SandboxRollout = 'fails';
    const out = await converse(bot, [RESTART_PROD_SERVICES, '/as bob', '1']);
    expect(out).toMatch(/\[1\/2\] checkout: FAILED/);
    expect(out).toContain('circuit breaker: tasks failed to start');
    // AWS's reason ends its own sentence: the progress line does not add a second full stop.
    expect(out).toMatch(/\[1\/2\] checkout: FAILED: [^\n]*failed to start\.[^.\n]*\n/);
    expect(out).not.toMatch(/\[1\/2\] checkout: FAILED: [^\n]*\.\.\n/);
    expect(out).toMatch(/not started \(1\): search-api/);
  });
});
