/**
 * `npm run bench:fleet`: a rolling reboot of 10 sandbox instances through the console adapter (one
 * approval, one at a time, a health gate after each), then the same with the 4th member's status checks
 * impaired. Prints the wall time (sleeps are instant: the figure is the bot's own work per member), the
 * gates passed and where the failing run stopped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseConfig } from '../src/config';
import type { Logger } from '../src/core';
import { buildBot, runConsole, type Bot } from '../src/main';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
const SIZE = 10;

function estate(impaired?: number): string {
  const instances = Array.from({ length: SIZE }, (_, i) => {
    const n = i + 1;
    const id = `i-0f${String(n).padStart(15, '0')}`;
    return (
      `          - { InstanceId: ${id}, InstanceType: t3.medium, State: { Name: running, ` +
      `Code: 16 }, Placement: { AvailabilityZone: us-west-2a }, ` +
      `${n === impaired ? 'SandboxStatusCheck: impaired, ' : ''}Tags: [{ Key: Name, Value: ` +
      `app-node-${n} }, { Key: environment, Value: staging }, { Key: owner, Value: web }] }`
    );
  });
  const file = join(mkdtempSync(join(tmpdir(), 'cloudops-fleet-')), 'estate.yaml');
  writeFileSync(
    file,
    `name: fleet-bench\naccounts:\n  - id: "222222222222"\n    alias: staging\n    ` +
      `regions:\n      us-west-2:\n        ec2Instances:\n${instances.join('\n')}\n`,
  );
  return file;
}

async function converse(bot: Bot, lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const run = runConsole(bot, { input, output, user: 'alice' });
  input.end(`${lines.join('\n')}\n`);
  await run;
  return text;
}

async function once(label: string, impaired?: number): Promise<void> {
  const config = parseConfig({ sandbox: {}, approval: { approvers: { demo: { console: ['bob'] } } } });
  let n = 0;
  const bot = await buildBot({
    loaded: { config, file: null },
    sandboxFile: estate(impaired),
    storePath: ':memory:',
    sleep: async () => {},
    log: quiet,
    newId: () => `req-${++n}`,
  });
  try {
    const t0 = process.hrtime.bigint();
    const out = await converse(bot, ['reboot all the app-node servers one at a time', '/as bob', '1']);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const members = await bot.audit.list({ requestId: 'req-1', kinds: ['fleet-member'] });
    const gates = members.filter((m) => (m.data.gate as { ok?: boolean } | null)?.ok).length;
    const failed = members.find((m) => m.data.status === 'failed');
    const result = /(?:Result|Stopped at the first failure): [^\n]*/.exec(out)?.[0] ?? '(no result line)';
    console.log(`\n${label}`);
    console.log(`  plan + approval + rolling run  ${ms.toFixed(0)} ms wall (sleeps instant), ${(ms / SIZE).toFixed(1)} ms per member`);
    console.log(
      `  members run ${members.length} of ${SIZE}, health gates passed ${gates}` +
        `${failed ? `, stopped at ${failed.data.member} (#${failed.data.position})` : ''}`,
    );
    console.log(`  ${result}`);
    console.log(`  request state ${(await bot.desk.get('req-1'))?.state}`);
  } finally {
    bot.close();
  }
}

async function main(): Promise<void> {
  console.log(`Rolling reboot of ${SIZE} sandbox instances (one approval, one at a time, EC2 status checks after each)`);
  await once('all healthy');
  await once('member 4 impaired', 4);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
