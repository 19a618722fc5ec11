/**
 * A digest kind as one registry element (Cloud Custodian's resource classes: each carries its own
 * schema and permissions): its title, what people type for it in chat, the IAM permissions it needs,
 * its `digests[].options`, and how to build it. The registry is src/digests/registry.ts; how to add
 * a kind: docs/architecture.md, "How to add a digest".
 */
import type { z } from 'zod';
import type { CloudProvider } from '../cloud';
import type { CostOptions, TaggingPolicy } from '../config';
import type { ChatMessage } from '../core';
import type { Clock, Logger } from '../core';
import type { CostDigest } from './cost/CostDigest';
import type { Day } from './dates';
import type { FindingsDigest } from './findings/FindingsDigest';
import type { InventorySource, TagDigest } from './tagging/TagDigest';

/** Why a digest is built: on its schedule, asked for in chat, or `cloudops digest <kind> --print`. */
export type DigestOrigin = 'scheduled' | 'chat' | 'print';

export interface DigestBuild<O> {
  /** The local day the digest is for, in its time zone. */
  today: Day;
  /** `digests[].options`, checked by the kind's own schema (for chat and --print: its defaults). */
  options: O;
  source: DigestOrigin;
}

/** What a digest may read while it is built: the estate, the built-in digests' readers, the bot's config. */
export interface DigestContext {
  readonly provider: CloudProvider;
  readonly inventory: InventorySource;
  readonly config: { cost: CostOptions; tagging: TaggingPolicy };
  readonly clock: Clock;
  readonly log?: Logger;
  /** The sandbox label, for the small print. */
  readonly label?: string;
  readonly cost: CostDigest;
  readonly tags: TagDigest;
  readonly findings: FindingsDigest;
}

export interface Digest<O = any> {
  /** The id used in `digests[].kind`, `cloudops digest <kind>` and run keys. */
  readonly kind: string;
  /** "Cost digest": headers of failure messages. */
  readonly title: string;
  /** One line for `cloudops digest --help` and the docs. */
  readonly description: string;
  /** What people type in chat to ask for it (`cost`, `spend`; "show me the cost digest please" works too). */
  readonly words: readonly string[];
  /** IAM actions building it needs: `cloudops iam-policy` adds them to the policy. */
  readonly permissions: readonly string[];
  /** Its `digests[].options` (a strict zod object; unknown options are config errors). */
  readonly options: z.ZodType<O>;
  /**
   * Built from Cost Explorer data: on a sandbox estate (whose costs end on a fixed day),
   * `cloudops digest <kind> --print` defaults to the day after its last cost.
   */
  readonly costData?: boolean;
  /** Build it; throw DigestError (what failed, how to fix it) when it cannot be built. */
  build(request: DigestBuild<O>, on: DigestContext): Promise<ChatMessage>;
  /** `--all`: the messages after the first (every offender, not only the worst). */
  rest?(on: DigestContext): Promise<ChatMessage[]>;
}

/** Declares a digest kind, keeping its literal `kind` for the DigestKind union. */
export function defineDigest<const K extends string, O>(digest: Digest<O> & { kind: K }): Digest<O> & { kind: K } {
  return digest;
}
