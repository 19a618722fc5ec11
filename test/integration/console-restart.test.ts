import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { converse, testBot } from '../helpers/bot';

/**
 * Pending requests stay decidable when the console restarts: the cards still waiting are shown again
 * with working buttons, and `approve <id>` / `reject <id>` decide a request by its id, for allowed
 * approvers only.
 */
describe('console restart: pending requests stay decidable', () => {
  let dir: string;
  let store: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cloudops-console-restart-'));
    store = join(dir, 'cloudops.db');
    const first = await testBot({ storePath: store });
    await converse(first, ['stop web-prod-1', 'stop web-prod-2']);
    first.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const stateOf = async (id: string) => {
    const bot = await testBot({ storePath: store });
    const state = (await bot.desk.get(id))!.state;
    bot.close();
    return state;
  };

  it('the waiting cards are shown again at start, and their buttons work', async () => {
    const bot = await testBot({ storePath: store });
    const out = await converse(bot, ['/as bob', '1']);
    bot.close();
    const banner = out.indexOf('You are alice.');
    const shown = out.indexOf('Shown again: the bot restarted while this was waiting. Its buttons work.');
    expect(shown).toBeGreaterThan(banner);
    expect(out).toContain('[1] Approve   [2] Reject');
    expect(out).toContain('[3] Approve   [4] Reject');
    expect(out).toContain('request req-0001 | asked by alice');
    expect(out).toContain('request req-0002 | asked by alice');
    expect(out).not.toContain('There is no button 1 on screen.');
    expect(out).toContain('Approved by bob.');
    expect(await stateOf('req-0001')).toBe('succeeded');
    expect(await stateOf('req-0002')).toBe('proposed');
  });

  it('approve <id> / reject <id>: allowed approvers decide; anyone else is told why and nothing changes', async () => {
    const bot = await testBot({ storePath: store });
    const out = await converse(bot, [
      'approve req-0001',
      '/as mallory',
      'approve req-0001',
      'reject req-0002',
      '/as bob',
      'approve req-0001',
      '/as carol',
      'reject req-0002',
      'approve req-9999',
      'approve req-0001',
    ]);
    bot.close();
    // The requester and a stranger are refused, privately.
    expect(out).toMatch(/alice> approve req-0001\n\(only alice sees this\)\nYou cannot do that: you asked for this change/);
    expect(out).toMatch(/mallory> approve req-0001\n\(only mallory sees this\)\nYou cannot do that: you are not an approver/);
    expect(out).toMatch(
      new RegExp(
        String.raw`mallory> reject req-0002\n\(only mallory sees this\)\nYou cannot do that: you are ` +
          String.raw`not an approver for this request, so you cannot reject it either`,
      ),
    );
    // Bob approves by id: it runs once, on the card.
    expect(out).toContain('Approved by bob.');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is stopped/);
    expect(out).toContain('Rejected by carol.');
    expect(out).toContain('There is no request req-9999 in this console.');
    expect(out).toContain('That request has already succeeded; nothing more to do.');
    expect(await stateOf('req-0001')).toBe('succeeded');
    expect(await stateOf('req-0002')).toBe('rejected');
    const check = await testBot({ storePath: store });
    expect(await check.audit.list({ requestId: 'req-0001', kinds: ['execution-start'] })).toHaveLength(1);
    expect((await check.audit.list({ requestId: 'req-0001', kinds: ['refusal'] })).map((r) => r.actor)).toEqual([
      'console:alice',
      'console:mallory',
    ]);
    check.close();
  });
});
