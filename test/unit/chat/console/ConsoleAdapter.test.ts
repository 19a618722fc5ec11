import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ConsoleAdapter } from '../../../../src/chat/console/ConsoleAdapter';
import { converse, testBot } from '../../../helpers/bot';

/** Anything that would make a terminal act rather than print. */
const ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

async function run(lines: string[], handler: Parameters<ConsoleAdapter['start']>[0], prompt: boolean): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const adapter = new ConsoleAdapter({ input, output, user: 'alice', prompt, banner: 'banner' });
  await adapter.start(handler);
  input.end(`${lines.join('\n')}\n`);
  await adapter.done();
  return text;
}

describe('console adapter: nothing it prints reaches the terminal as an escape sequence', () => {
  it.each([
    ['piped input (lines echoed)', false],
    ['a terminal (prompt with the user name)', true],
  ])('strips escapes from input, user names, posted, updated and private messages: %s', async (_label, prompt) => {
    const evil = 'web\x1b]0;owned\x07-\x1b[2Jprod\r\x9b31m';
    const out = await run(
      [`stop ${evil}`, `/as mallory\x1b[8m`, '1'],
      async (event, sink) => {
        if (event.kind === 'message') {
          await sink.post(event.place, {
            kind: 'plan',
            header: `Plan: ${evil}`,
            text: `text ${evil}`,
            fields: [{ label: `label ${evil}`, value: `value ${evil}` }],
            items: [`item ${evil}`],
            risk: { level: 'high', reasons: [`reason ${evil}`] },
            buttons: [{ action: 'approve', label: `Approve ${evil}`, value: 'r1' }],
            context: [`asked by ${evil}`],
            textChart: `chart ${evil}`,
          });
        } else {
          await sink.whisper(event.place, event.user, { kind: 'refusal', text: `You cannot do that: ${evil}` });
          await sink.update(event.message!, { kind: 'error', text: `Something went wrong on my side: ${evil}` });
        }
      },
      prompt,
    );
    expect(out).not.toMatch(ESCAPE);
    expect(out).toContain(prompt ? 'mallory> ' : 'alice> stop web-prod');
    expect(out).toContain('(you are now mallory)');
    expect(out).toContain('Something went wrong on my side: web-prod');
    expect(out).toContain('(only mallory sees this)');
    expect(out).toContain('You cannot do that: web-prod');
  });

  it('strips escapes from resource names and tags that come from the estate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-console-'));
    try {
      const estate = join(dir, 'estate.yaml');
      writeFileSync(
        estate,
        [
          'name: escapes',
          'accounts:',
          '  - id: "111111111111"',
          '    alias: staging',
          '    regions:',
          '      us-west-2:',
          '        ec2Instances:',
          '          - { InstanceId: i-0a00000000000001a, InstanceType: t3.small, State: { ' +
            'Name: running }, Tags: [{ Key: Name, Value: "web-\\e]0;owned\\a\\e[2Jstage-1" }, { ' +
            'Key: owner, Value: "\\e[31mmallory\\e[0m" }] }',
        ].join('\n'),
      );
      const bot = await testBot({ estate });
      try {
        const out = await converse(bot, ['find web', 'stop web-stage-1', 'stop web-\x1b[2Jstage']);
        expect(out).toContain('web-stage-1');
        expect(out).not.toMatch(ESCAPE);
      } finally {
        bot.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
