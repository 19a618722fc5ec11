#!/usr/bin/env node
/**
 * The `cloudops` command. Every command that reads the estate takes --sandbox FILE.
 */
import type { Clock } from '../core';
import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { EstateError } from '../cloud';
import { buildBot, PACKAGE_ROOT, playbookDir, runConsole, type Bot } from '../main';
import { CHAT_PLATFORMS } from '../chat';
import { DIGESTS } from '../digests';
import { builtinActions } from '../execution';
import { resourceKinds } from '../inventory';
import { formatProblem, loadPlaybooks, playbookJsonSchema } from '../playbooks';
import { createLogger } from '../log';
import { planCommand } from './plan-command';
import { alertCommand } from './alert-command';
import { registerAuditCommand } from './audit-command-registration';
import { registerIamPolicy } from './iam-policy-command';
import { digestCommand, type DigestCommandOptions } from './digest-command';
import { registerFindingsCommand } from './findings-command';
import { startCommand, untilSignal } from './start-command';
import { scanCommand } from './scan-command';
import { findCommand } from './find-command';
import { registerStoreCommand } from './store-command';
import { UsageError } from './usage-error';
import type { CliIo } from './cli-io';

export type { CliIo } from './cli-io';

interface Common {
  config?: string;
  sandbox?: string;
  store?: string;
}

/** The command with every subcommand, built per run: commander keeps parsed options on its objects. */
function createProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name('cloudops')
    .description(
      'ChatOps for AWS: understands requests, resolves resources, shows a risk card, waits for approval, runs the fix, audits it.',
    )
    .version(require('../../package.json').version)
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors exit 2 like every other "cannot run as written" (see main below); commands inherit this.
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  const withCommon = (cmd: Command) =>
    cmd
      .option('-c, --config <file>', 'config file (default: ./cloudops.yaml, or $CLOUDOPS_CONFIG; none: sandbox demo)')
      .option('--sandbox <file>', 'use this sandbox estate file instead of AWS');

  // Logs go to the run's standard error: the process's (fd 2) or a test's capture.
  const logger = (level: string) => createLogger(level, io.stderr === process.stderr ? 2 : io.stderr);

  async function bot(opts: Common, logLevel?: string, date?: string): Promise<Bot> {
    const loaded = loadConfig(opts.config);
    const log = logger(logLevel ?? loaded.config.log.level);
    return buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log, ...(date ? { clock: clockOn(date) } : {}) });
  }

  withCommon(program.command('console'))
    .description('chat with the bot in this terminal (or from a pipe); /as <user> switches user, a number clicks a button')
    .option('-u, --user <name>', 'who you are at the start (default: console.user from the config, "alice")')
    .option(
      '--store <path>',
      'the store: a SQLite file (":memory:" for a throwaway run) or a postgres:// URL (default: DATABASE_URL, store.url, store.path)',
    )
    .action(async (opts: Common & { user?: string }) => {
      // The same rule as `/as <user>` and console.user: one word ("" would be nobody; "bob carol" two people).
      if (opts.user !== undefined && !/^\S+$/.test(opts.user))
        throw new UsageError(`--user ${JSON.stringify(opts.user)} is not a user name; give one word, e.g. --user bob`);
      const b = await bot(opts, 'warn');
      try {
        await runConsole(b, { input: io.stdin, output: io.stdout, user: opts.user, interactive: io.stdin.isTTY });
      } finally {
        await b.close();
      }
    });

  withCommon(program.command('start'))
    .description(
      `start the bot on the chat platforms the config and environment enable (${Object.values(CHAT_PLATFORMS)
        .filter((p) => 'start' in p)
        .map((p) => p.title)
        .join(', ')}); the console when none is`,
    )
    .option('--store <path>', 'the store: a SQLite file or a postgres:// URL (default: DATABASE_URL, store.url, store.path)')
    .action(async (opts: Common) => {
      // Listening from the first moment: a SIGTERM while starting (scanning) drains as soon as the bot is up.
      const signalled = untilSignal();
      const end = await startCommand(opts, {
        env: process.env,
        input: io.stdin,
        output: io.stdout,
        error: io.stderr,
        interactive: !!io.stdin.isTTY,
        stopped: () => signalled,
        console: () => signalled.release(),
      });
      // Drained on a signal: exit 0 now, even if a run handed back is still awaiting AWS (its lease is released).
      if (end === 'drained') process.exit(0);
    });

  withCommon(program.command('plan'))
    .description('print what the bot would do for a request, without running anything; no text: one request per line from stdin')
    .argument('[text...]', 'the request, e.g. "stop pg-main"')
    .option('--json', 'one JSON object per request (the stable contract)')
    .action(async (text: string[], opts: Common & { json?: boolean }) => {
      if (!text.length && io.stdin.isTTY)
        io.stderr.write(
          'cloudops plan: reading requests from the terminal, one per line; Ctrl-D ends (or give the request as arguments)\n',
        );
      const b = await bot({ ...opts, store: ':memory:' }, 'error');
      try {
        await planCommand(b, text.join(' '), { input: io.stdin, output: io.stdout, json: !!opts.json });
      } finally {
        await b.close();
      }
    });

  withCommon(program.command('alert'))
    .description(
      'print what the bot would post for an alert payload on stdin (SNS message, ' +
        'Alertmanager or webhook body; detected); runs nothing, checks no signature',
    )
    .option('--json', 'one JSON object per alert: the plan --json contract plus an `alert` object')
    .action(async (opts: Common & { json?: boolean }) => {
      const b = await bot({ ...opts, store: ':memory:' }, 'error');
      try {
        await alertCommand(b, { input: io.stdin, output: io.stdout, json: !!opts.json });
      } finally {
        await b.close();
      }
    });

  withCommon(program.command('digest'))
    .description(
      `build a digest; --print writes it to standard output without posting it. Kinds: ${Object.values(DIGESTS)
        .map((d) => `${d.kind} (${d.description})`)
        .join('; ')}`,
    )
    .argument('<kind>', Object.keys(DIGESTS).join(' or '))
    .option('--print', 'render to standard output instead of posting')
    .option('--date <YYYY-MM-DD>', "the day to treat as today (default: today in the digest's time zone)")
    .option(
      '--json',
      'the neutral chat message as JSON (the chart as base64 PNG); findings: one object ' +
        '{findings: [{rule, severity, resource, detail, monthlySaving, playbook}], …}',
    )
    .option('--chart <file>', 'cost: also write the chart PNG to this file')
    .option(
      '--all',
      `${Object.values(DIGESTS)
        .filter((d) => d.rest)
        .map((d) => d.kind)
        .join(', ')}: everything, not only the first message (every offender, not only the worst 10)`,
    )
    .option(
      '--csv <file>',
      "write the digest's rows as CSV (cost: daily cost by service and account; tags: every offender; findings: every finding)",
    )
    .option(
      '--store <path>',
      'the store for the Cost Explorer cache and the tagging trend: a SQLite file (":memory:" for none) or a postgres:// URL',
    )
    .action(async (kind: string, opts: Common & DigestCommandOptions) => {
      const b = await bot(opts, 'warn', opts.date);
      try {
        io.exitCode = await digestCommand(b, kind, opts, { output: io.stdout, error: io.stderr });
      } finally {
        await b.close();
      }
    });
  registerFindingsCommand(program, withCommon, (opts) => bot(opts as Common, 'warn'), io);

  withCommon(program.command('scan'))
    .description('scan every account x region now and update the inventory cache; prints counts and failures (exit 1 when a scan failed)')
    .option('--store <path>', 'the store holding the inventory cache: a SQLite file or a postgres:// URL')
    .option('--json', 'one JSON object: counts per account/region/type, failures with when each last succeeded')
    .action(async (opts: Common & { json?: boolean }) => {
      const loaded = loadConfig(opts.config);
      io.exitCode = await scanCommand(loaded, opts, { output: io.stdout, log: logger('error'), progress: io.stderr });
    });

  withCommon(program.command('find'))
    .description('rank the resources matching a name, tag words, a tag (key=value), a state or a region; shows what a plan would resolve')
    .argument('<query...>', 'e.g. "pg-main", "the prod postgres", "stopped in us-west-2"')
    .option('--store <path>', 'the store holding the inventory cache: a SQLite file or a postgres:// URL')
    .option('--type <type>', `only this resource type (${resourceKinds.types().join(', ')})`)
    .option('--limit <n>', 'at most this many matches (default 20)')
    .option('--json', 'one JSON object: the resolution and the ranked matches with scores')
    .action(async (query: string[], opts: Common & { json?: boolean; type?: string; limit?: string }) => {
      const loaded = loadConfig(opts.config);
      io.exitCode = await findCommand(loaded, query.join(' '), opts, { output: io.stdout, log: logger('error') });
    });

  program
    .command('validate')
    .description('check playbooks: prints file:line: message for each problem, exits 1 when there is one')
    .argument('[dir]', 'playbook folder (default: the one the bot loads: playbooks.dir from the config, else the bundled catalog)')
    .option('-c, --config <file>', 'config file whose playbooks.dir to check (default: ./cloudops.yaml, or $CLOUDOPS_CONFIG)')
    .action((given: string | undefined, opts: { config?: string }) => {
      const dir = given ?? playbookDir(loadConfig(opts.config));
      if (given !== undefined) {
        // A folder named on the command line that is not one cannot be checked as written (exit 2).
        let code: string | undefined;
        try {
          if (!statSync(given).isDirectory()) code = 'not a folder';
        } catch (e) {
          code = (e as NodeJS.ErrnoException).code ?? String(e);
        }
        if (code)
          throw new UsageError(
            `validate: ${given} is not a playbook folder (${code}); give the folder that holds ` +
              `the *.yaml playbooks, e.g. cloudops validate playbooks`,
          );
      }
      const result = loadPlaybooks(dir, builtinActions());
      for (const p of result.problems) io.stderr.write(`${formatProblem(p)}\n`);
      if (result.files === 0 && !result.problems.length) {
        io.stderr.write(`${dir}: no playbooks (*.yaml) found\n`);
        io.exitCode = 1;
        return;
      }
      io.stdout.write(
        `${result.playbooks.length} of ${result.files} playbook file(s) valid` +
          `${result.problems.length ? `, ${result.problems.length} problem(s)` : ''}.\n`,
      );
      if (result.problems.length) io.exitCode = 1;
    });

  program
    .command('schema')
    .description('print the playbook JSON Schema (--write updates playbooks/schema.json)')
    .addOption(new Option('--write', 'write it to playbooks/schema.json'))
    .action((opts: { write?: boolean }) => {
      const text = `${JSON.stringify(playbookJsonSchema(), null, 2)}\n`;
      if (opts.write) writeFileSync(resolve(PACKAGE_ROOT, 'playbooks/schema.json'), text);
      else io.stdout.write(text);
    });

  registerAuditCommand(program, io);
  registerStoreCommand(program, io);
  registerIamPolicy(program, resolve(PACKAGE_ROOT, 'manifests/iam-policy.json'), io);
  return program;
}

/**
 * Runs the command line `argv` (node's: [node, script, ...args]) and resolves to its exit code. Without
 * `io` it uses the process's streams and sets process.exitCode; with it (tests running the CLI in-process)
 * it touches neither. Only `start` (signals, process.exit on drain) is meant for a process of its own.
 */
export async function main(argv: string[], given?: Omit<CliIo, 'exitCode'>): Promise<number> {
  const io: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, ...given, exitCode: 0 };
  const code = await run(argv, io);
  if (!given) process.exitCode = code;
  return code;
}

/**
 * `--date`: the bot's clock runs from noon UTC of that day, so a sandbox estate with `asOf` shows that day's
 * dates (costs to the day before) and a digest can be reproduced. Not a day: left to the command to refuse.
 */
function clockOn(date: string): Clock | undefined {
  const at = Date.parse(`${date}T12:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(at)) return undefined;
  const offset = at - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    await createProgram(io).parseAsync(argv);
    return io.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed the message (or the help); --help and --version are not errors.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`cloudops: ${e.message}\n`);
      return 2;
    }
    if (e instanceof ConfigError || e instanceof EstateError) {
      const hint =
        e instanceof EstateError ? ' (the sandbox estate named by --sandbox or sandbox.estate; its format: docs/sandbox-estate.md)' : '';
      io.stderr.write(`cloudops: ${e.message}${hint}\n`);
      return 2;
    }
    io.stderr.write(`cloudops: ${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) void main(process.argv);
