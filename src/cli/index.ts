#!/usr/bin/env node
/**
 * The `cloudops` command. Every command that reads the estate takes --sandbox FILE.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config';
import { EstateError } from '../cloud';
import { buildBot, PACKAGE_ROOT, runConsole, type Bot } from '../main';
import { builtinActions } from '../execution';
import { formatProblem, loadPlaybooks, playbookJsonSchema } from '../playbooks';
import { createLogger } from '../log';
import { planCommand } from './plan-command';
import { registerIamPolicy } from './iam-policy-command';
import { serveChat } from './start-command';

interface Common {
  config?: string;
  sandbox?: string;
  store?: string;
}

const program = new Command();
program
  .name('cloudops')
  .description('ChatOps for AWS: understands requests, resolves resources, shows a risk card, waits for approval, runs the fix, audits it.')
  .version(require('../../package.json').version)
  .showHelpAfterError('(run with --help for usage)');

const withCommon = (cmd: Command) =>
  cmd
    .option('-c, --config <file>', 'config file (default: ./cloudops.yaml, or $CLOUDOPS_CONFIG; none: sandbox demo)')
    .option('--sandbox <file>', 'use this sandbox estate file instead of AWS');

async function bot(opts: Common, logLevel?: string): Promise<Bot> {
  const loaded = loadConfig(opts.config);
  const log = createLogger(logLevel ?? loaded.config.log.level);
  return buildBot({ loaded, sandboxFile: opts.sandbox, storePath: opts.store, log });
}

withCommon(program.command('console'))
  .description('chat with the bot in this terminal (or from a pipe); /as <user> switches user, a number clicks a button')
  .option('-u, --user <name>', 'who you are at the start (default: console.user from the config, "alice")')
  .option('--store <path>', 'SQLite file for approvals and the audit trail (":memory:" for a throwaway run)')
  .action(async (opts: Common & { user?: string }) => {
    const b = await bot(opts, 'warn');
    try {
      await runConsole(b, { input: process.stdin, output: process.stdout, user: opts.user, interactive: process.stdin.isTTY });
    } finally {
      b.close();
    }
  });

withCommon(program.command('start'))
  .description('start the bot with the adapters the config enables (Teams on HTTP; the console when no chat platform is configured)')
  .option('--store <path>', 'SQLite file for approvals and the audit trail')
  .action(async (opts: Common) => {
    const serving = !!loadConfig(opts.config).config.teams;
    const b = await bot(opts, serving ? undefined : 'warn');
    try {
      if (await serveChat(b, process.stdout)) return;
      await runConsole(b, { input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY });
    } finally {
      b.close();
    }
  });

withCommon(program.command('plan'))
  .description('print what the bot would do for a request, without running anything; no text: one request per line from stdin')
  .argument('[text...]', 'the request, e.g. "stop pg-main"')
  .option('--json', 'one JSON object per request (the stable contract)')
  .action(async (text: string[], opts: Common & { json?: boolean }) => {
    const b = await bot({ ...opts, store: ':memory:' }, 'error');
    try {
      await planCommand(b, text.join(' '), { input: process.stdin, output: process.stdout, json: !!opts.json });
    } finally {
      b.close();
    }
  });

program
  .command('validate')
  .description('check playbooks: prints file:line: message for each problem, exits 1 when there is one')
  .argument('[dir]', 'playbook folder', 'playbooks')
  .action((dir: string) => {
    const result = loadPlaybooks(dir, builtinActions());
    for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
    if (result.files === 0 && !result.problems.length) {
      process.stderr.write(`${dir}: no playbooks (*.yaml) found\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${result.playbooks.length} of ${result.files} playbook file(s) valid${result.problems.length ? `, ${result.problems.length} problem(s)` : ''}.\n`);
    if (result.problems.length) process.exitCode = 1;
  });

program
  .command('schema')
  .description('print the playbook JSON Schema (--write updates playbooks/schema.json)')
  .addOption(new Option('--write', 'write it to playbooks/schema.json'))
  .action((opts: { write?: boolean }) => {
    const text = `${JSON.stringify(playbookJsonSchema(), null, 2)}\n`;
    if (opts.write) writeFileSync(resolve(PACKAGE_ROOT, 'playbooks/schema.json'), text);
    else process.stdout.write(text);
  });

registerIamPolicy(program, resolve(PACKAGE_ROOT, 'manifests/iam-policy.json'));

export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EstateError) {
      process.stderr.write(`cloudops: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`cloudops: ${(e as Error).message}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main(process.argv);
