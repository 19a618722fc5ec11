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

describe('QA issue 17: snooze as people type it', () => {
  it(
    '"for 2 weeks" is 14 days; a snooze it cannot read says how to write one and changes ' + 'nothing (not a guess at another command)',
    async () => {
      const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
      const out = await converse(bot, [
        'snooze old-kafka-data-2 for two weeks because restore drill',
        'snooze my old volume because restore drill',
        'unsnooze old-kafka-data-2 please now',
        'snooze old-kafka-data-2 for 2 weeks because restore drill',
      ]);
      expect(
        out.match(/I did not understand that snooze\. Say `snooze <resource> \[<rule>\] \[for N days\|weeks\] because <reason>`/g),
      ).toHaveLength(2);
      expect(out).toContain('I did not understand that unsnooze.');
      expect(out).not.toContain('Did you mean');
      expect(out).toContain(
        'Snoozed findings on old-kafka-data-2 (vol-0436690bba2febcba, production/us-west-2) until 2026-12-06: restore drill.',
      );
      const snoozes = (await bot.audit.list()).filter((r) => r.kind === 'snooze');
      expect(snoozes).toHaveLength(1);
      expect(snoozes[0]).toMatchObject({ data: { until: '2026-12-06T09:00:00.000Z' } });
      bot.close();
    },
  );
});

describe('QA issue 17: unsnooze undoes what snooze said it would', () => {
  it(
    'a one-rule snooze comes back with `unsnooze <name>` (as the snooze reply says), ' + 'audited; a rule-named unsnooze leaves the others',
    async () => {
      const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
      const out = await converse(bot, [
        'snooze old-kafka-data-2 ebs-unattached for 10 days because restore drill',
        'unsnooze old-kafka-data-2',
        'snooze ml-dataset-scratch ebs-unattached because a',
        'snooze ml-dataset-scratch tags-missing because b',
        'unsnooze ml-dataset-scratch tags-missing',
      ]);
      expect(out).toContain('`unsnooze old-kafka-data-2` brings it back');
      expect(out).toContain('old-kafka-data-2 is back in the findings digest.');
      expect(out).not.toContain('Nothing is snoozed for old-kafka-data-2');
      expect(out).toContain('ml-dataset-scratch is back in the findings digest.');
      const left = await bot.findingSnoozes.list();
      expect(left.map((s) => s.rule)).toEqual(['ebs-unattached']);
      const unsnoozes = (await bot.audit.list()).filter((r) => r.kind === 'snooze' && (r.data as { action: string }).action === 'unsnooze');
      expect(unsnoozes.map((r) => (r.data as { rule: string }).rule)).toEqual(['ebs-unattached', 'tags-missing']);
      bot.close();
    },
  );
});
