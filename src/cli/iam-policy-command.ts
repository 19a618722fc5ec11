import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from './cli-io';
import { ALERT_PERMISSIONS } from '../alerts';
import { digestPermissions } from '../digests';
import { builtinActions, iamPolicy } from '../execution';
import { formatProblem, loadPlaybooks } from '../playbooks';
import { loadConfig } from '../config';
import { playbookDir } from '../main';

/** The policy text for the playbooks in `dir`: what `cloudops iam-policy` prints and manifests/iam-policy.json holds. */
export function iamPolicyText(dir: string): { text: string; problems: string[] } {
  const registry = builtinActions();
  const loaded = loadPlaybooks(dir, registry);
  return {
    text: `${JSON.stringify(iamPolicy(registry, loaded.playbooks, [...digestPermissions(), ...ALERT_PERMISSIONS]), null, 2)}\n`,
    problems: loaded.problems.map(formatProblem),
  };
}

/** `cloudops iam-policy`: the least-privilege IAM policy for the loaded playbooks plus scanning and digests. */
export function registerIamPolicy(program: Command, defaultManifest: string, io: CliIo): void {
  program
    .command('iam-policy')
    .description(
      "print the least-privilege IAM policy for the playbooks (their actions' permissions " +
        "plus what scanning, digests and alert cards need); attach it to the bot's role in " +
        'every account',
    )
    .argument('[dir]', 'playbook folder (default: the one the bot loads: playbooks.dir from the config, else the bundled catalog)')
    .option('-c, --config <file>', 'config file whose playbooks.dir to read (default: ./cloudops.yaml, or $CLOUDOPS_CONFIG)')
    .option('--write [file]', `write it to a file (default ${defaultManifest})`)
    .action((dir: string | undefined, opts: { write?: string | boolean; config?: string }) => {
      const { text, problems } = iamPolicyText(dir ?? playbookDir(loadConfig(opts.config)));
      for (const p of problems) io.stderr.write(`skipped: ${p}\n`);
      if (opts.write) {
        const file = typeof opts.write === 'string' ? opts.write : defaultManifest;
        writeFileSync(file, text);
        io.stderr.write(`wrote ${file}\n`);
      } else io.stdout.write(text);
      if (problems.length) io.exitCode = 1;
    });
}
