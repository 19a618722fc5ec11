/**
 * The digest registry: one line per kind. `DigestKind` is its keys, so a kind nobody registered is a
 * compile error; `digests[].kind` in the config, `cloudops digest <kind>`, the chat words and the IAM
 * policy are derived from it. A kind's file lives next to its builder (cost/digest.ts, tagging/digest.ts).
 */
import type { DigestConfig } from '../config';
import { costDigest } from './cost/digest';
import type { Digest } from './Digest';
import { findingsDigest } from './findings/digest';
import { tagsDigest } from './tagging/digest';

export const DIGESTS = {
  cost: costDigest,
  tags: tagsDigest,
  findings: findingsDigest,
} as const satisfies Record<string, Digest>;

/** A registered digest kind: `'cost' | 'tags' | 'findings'` (and whatever is added above). */
export type DigestKind = keyof typeof DIGESTS;

/** Digest kinds by their id; the bot's is DIGESTS, a test may add its own (BuildOptions.digests). */
export type DigestRegistry<K extends string = string> = Readonly<Record<K, Digest>>;

export function digestKinds(registry: DigestRegistry = DIGESTS): string[] {
  return Object.keys(registry);
}

/** Every IAM action the registered digests need, each once, in registry order. */
export function digestPermissions(registry: DigestRegistry = DIGESTS): string[] {
  return [...new Set(Object.values(registry).flatMap((d) => d.permissions))];
}

/** What the IAM policy grants for digests (the built-in kinds). */
export const DIGEST_PERMISSIONS = digestPermissions();

export function isDigestKind<K extends string>(registry: DigestRegistry<K>, kind: string): kind is K {
  return Object.hasOwn(registry, kind);
}

/**
 * The first scheduled digest the registry cannot build: an unknown kind, or options its kind does not
 * take. `path` is the config key (digests.0.kind), for a message in the config's own words.
 */
export function digestConfigProblem(
  jobs: readonly DigestConfig[],
  registry: DigestRegistry = DIGESTS,
): { path: (string | number)[]; message: string } | undefined {
  for (const [i, job] of jobs.entries()) {
    if (!isDigestKind(registry, job.kind)) {
      return {
        path: ['digests', i, 'kind'],
        message: `"${job.kind}" is not a digest kind; the kinds are ${digestKinds(registry).join(', ')}`,
      };
    }
    const parsed = registry[job.kind].options.safeParse(job.options ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const unknown = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
      const keys = Object.keys((registry[job.kind].options as { shape?: object }).shape ?? {});
      return unknown !== undefined
        ? {
            path: ['digests', i, 'options', unknown],
            message: `the ${job.kind} digest has no option \`${unknown}\` (its options: ${keys.join(', ') || 'none'})`,
          }
        : { path: ['digests', i, 'options', ...(issue.path as (string | number)[])], message: issue.message };
    }
  }
  return undefined;
}
