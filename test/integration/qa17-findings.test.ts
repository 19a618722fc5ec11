import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { converse, FakeClock, testBot } from '../helpers/bot';

const clock = () => new FakeClock(new Date('2026-11-22T09:00:00Z'));

function button(out: string, label: RegExp): string {
  const m = new RegExp(`\\[(\\d+)\\] ${label.source}`).exec(out);
  if (!m) throw new Error(`no button ${label} in:\n${out}`);
  return m[1];
}

describe('QA issue 17: findings from the outside', () => {
  it.each([5, 20])('"Show all" goes on where a digest of top %i stopped: no finding skipped, none repeated', async (top) => {
    const config = { ...SANDBOX_DEMO_CONFIG, findings: { top } };
    const probe = await testBot({ config, clock: clock() });
    const first = await converse(probe, ['findings']);
    const showAll = button(first, /Show all/);
    const total = Number(/Show all (\d+)/.exec(first)![1]);
    probe.close();
    const bot = await testBot({ config, clock: clock() });
    const out = await converse(bot, ['findings', showAll]);
    const rest = out.slice(out.indexOf('All findings'));
    expect(rest).toContain(`All findings, ${top + 1}-${total} of ${total}`);
    const listed = (s: string) => s.split('\n').filter((l) => /\* \[(high|medium|low)\]/.test(l)).length;
    expect(listed(out.slice(0, out.indexOf('All findings')))).toBe(top);
    expect(listed(rest)).toBe(total - top);
    bot.close();
  });
});
