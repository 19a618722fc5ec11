import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { builtinActions, iamPolicy } from '../execution';
import { formatProblem, loadPlaybooks } from '../playbooks';

/** The policy text for the playbooks in `dir`: what `cloudops iam-policy` prints and manifests/iam-policy.json holds. */
export function iamPolicyText(dir: string): { text: string; problems: string[] } {
  const registry = builtinActions();
  const loaded = loadPlaybooks(dir, registry);
  return { text: `${JSON.stringify(iamPolicy(registry, loaded.playbooks), null, 2)}\n`, problems: loaded.problems.map(formatProblem) };
}

/** `cloudops iam-policy`: the least-privilege IAM policy for the loaded playbooks plus scanning. */
export function registerIamPolicy(program: Command, defaultManifest: string): void {
  program
    .command('iam-policy')
    .description("print the least-privilege IAM policy for the playbooks (their actions' permissions plus what scanning needs); attach it to the bot's role in every account")
    .argument('[dir]', 'playbook folder', 'playbooks')
    .option('--write [file]', `write it to a file (default ${defaultManifest})`)
    .action((dir: string, opts: { write?: string | boolean }) => {
      const { text, problems } = iamPolicyText(dir);
      for (const p of problems) process.stderr.write(`skipped: ${p}\n`);
      if (opts.write) {
        const file = typeof opts.write === 'string' ? opts.write : defaultManifest;
        writeFileSync(file, text);
        process.stderr.write(`wrote ${file}\n`);
      } else process.stdout.write(text);
      if (problems.length) process.exitCode = 1;
    });
}
