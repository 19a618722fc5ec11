import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Bot } from '../main';
import type { CliIo } from './cli-io';

interface Io {
  output: NodeJS.WritableStream;
  error: NodeJS.WritableStream;
}

export interface SnoozeCliOptions {
  reason?: string;
  rule?: string;
  days?: string;
  by?: string;
}

function who(by: string | undefined): string {
  let name = by;
  if (!name) {
    try {
      name = userInfo().username;
    } catch {
      name = 'unknown';
    }
  }
  return `cli:${name}`;
}

function cliRequestId(now: Date): string {
  return `cli-snooze-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}`;
}

/** `cloudops findings snooze <resource> --reason … [--rule R] [--days N]`: exit 2 on bad input, which changes nothing. */
export async function snoozeCommand(bot: Bot, ref: string, opts: SnoozeCliOptions, io: Io): Promise<number> {
  if (opts.days !== undefined && !/^\d+$/.test(opts.days)) {
    io.error.write(`cloudops findings snooze: --days "${opts.days}" is not a number of days; e.g. --days 30\n`);
    return 2;
  }
  const out = await bot.findingSnoozes.snooze({
    ref,
    rule: opts.rule,
    days: opts.days ? Number(opts.days) : undefined,
    reason: opts.reason ?? '',
    by: who(opts.by),
    requestId: cliRequestId(bot.clock.now()),
  });
  (out.ok ? io.output : io.error).write(`${out.ok ? '' : 'cloudops findings snooze: '}${out.text}\n`);
  return out.ok ? 0 : 2;
}

export async function unsnoozeCommand(bot: Bot, ref: string, opts: { rule?: string; by?: string }, io: Io): Promise<number> {
  const out = await bot.findingSnoozes.unsnooze({ ref, rule: opts.rule, by: who(opts.by), requestId: cliRequestId(bot.clock.now()) });
  (out.ok ? io.output : io.error).write(`${out.ok ? '' : 'cloudops findings unsnooze: '}${out.text}\n`);
  return out.ok ? 0 : 2;
}

export async function snoozesCommand(bot: Bot, opts: { json?: boolean }, io: Io): Promise<number> {
  const list = await bot.findingSnoozes.list();
  if (opts.json) io.output.write(`${JSON.stringify({ snoozes: list })}\n`);
  else if (!list.length) io.output.write('No findings are snoozed.\n');
  else
    for (const s of list)
      io.output.write(
        `${s.resourceKey}  ${s.rule === '*' ? 'all rules' : s.rule}  until ${s.until.slice(0, 10)}  by ${s.by}: ${s.reason}\n`,
      );
  return 0;
}

/** Registers `cloudops findings snooze|unsnooze|snoozes` (the digest itself is `cloudops digest findings`). */
export function registerFindingsCommand(
  program: Command,
  withCommon: (c: Command) => Command,
  bot: (opts: Record<string, unknown>) => Promise<Bot>,
  cli: CliIo,
): void {
  const findings = program
    .command('findings')
    .description('snooze findings per resource (the findings digest is `cloudops digest findings --print`)');
  const io = { output: cli.stdout, error: cli.stderr };
  const run = async (opts: Record<string, unknown>, fn: (b: Bot) => Promise<number> | number) => {
    const b = await bot(opts);
    try {
      cli.exitCode = await fn(b);
    } finally {
      await b.close();
    }
  };
  withCommon(findings.command('snooze'))
    .description("leave a resource's findings out of the findings digest for a while, with a reason (recorded in the audit trail)")
    .argument('<resource>', 'name, id or ARN, as the findings digest shows it')
    .requiredOption('--reason <text>', 'why (shown in `findings snoozes` and the audit trail)')
    .option('--rule <id>', 'only this rule (e.g. ebs-unattached); every rule when left out')
    .option('--days <n>', 'how long (default: findings.snoozeDays from the config, 30)')
    .option('--by <name>', 'who snoozes it (default: the login name)')
    .option('--store <path>', 'SQLite store file (default: store.path from the config)')
    .action((ref: string, opts: SnoozeCliOptions & Record<string, unknown>) => run(opts, (b) => snoozeCommand(b, ref, opts, io)));
  withCommon(findings.command('unsnooze'))
    .description('bring a snoozed resource back into the findings digest')
    .argument('<resource>', 'name, id or ARN')
    .option('--rule <id>', 'the rule it was snoozed under (every rule when left out)')
    .option('--by <name>', 'who (default: the login name)')
    .option('--store <path>', 'SQLite store file')
    .action((ref: string, opts: { rule?: string; by?: string } & Record<string, unknown>) =>
      run(opts, (b) => unsnoozeCommand(b, ref, opts, io)),
    );
  withCommon(findings.command('snoozes'))
    .description('list the snoozes in force')
    .option('--json', 'one JSON object {snoozes: [...]}')
    .option('--store <path>', 'SQLite store file')
    .action((opts: { json?: boolean } & Record<string, unknown>) => run(opts, (b) => snoozesCommand(b, opts, io)));
}
