import type { CloudProvider, Target } from '../../cloud';
import type { KindName, Resource } from '../../core';
import type { EstateView } from '../../risk';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';

/** Where a re-read goes and what the resource it returns is stamped with. */
export interface RereadContext {
  provider: CloudProvider;
  target: Target;
  scope: Scope;
}

/**
 * One kind of resource and everything the bot knows about it, in one place (Cloud Custodian's resource
 * classes: each carries its own enumeration, schema and permissions). Labels, the CLI's `--type` lists,
 * the IAM policy, the resolver's kind words and the classifier's kind hints are all derived from the
 * registered kinds (see src/inventory/kinds/index.ts and docs/architecture.md, "How to add a kind").
 */
export interface ResourceKind extends KindName {
  /** Plural label for lists and digests ("EC2 instances"); default: label + "s". */
  plural?: string;
  /**
   * Words people use for it, in a resource reference ("the web box", "the logs bucket"): a reference word that is one
   * of these never counts against a name.
   */
  words: string[];
  /**
   * How the classifier tells kinds apart. `family` groups kinds that share playbook words (rds-instance
   * and rds-cluster are `rds`); `nouns` are the words that name the family in a request (with plurals).
   * `exclusive`: a request naming another family rules out this kind's playbooks, and naming this
   * family rules out the others' (the older families ec2, rds, volume keep their finer rules).
   */
  hint?: { family: string; nouns?: string[]; exclusive?: boolean };
  /** Lists the kind in one account and region; its name is the inventory's cache slice name. */
  scanner: Scanner;
  /**
   * Reads one resource again as it is now (what the bot acts on is never the cache): undefined when it no
   * longer exists, and when the answer is about another resource (check the id, and the ARN, account and
   * region where the answer carries them).
   */
  reread(ctx: RereadContext, r: Resource): Promise<Resource | undefined>;
  /** Facts the normalizer sets and risk rules may read (`when: { fact: { name: ... } }`), with what each means. */
  facts: Record<string, string>;
  /** Fact values a person may name it by besides its name and tags ("the python lambda", "postgres"). */
  searchFacts?: string[];
  /**
   * Facts about the resource as it is now, in a few words for the plan card ("desired 4, min 2, max 8";
   * "runtime python3.8, deprecated on 2024-10-14"): what an approver needs to judge the change. Keep to
   * facts that only change when someone changes the resource (a new value refreshes the card at approval).
   */
  now?(r: Resource): string[];
  /** Lines for the risk card: what depends on this resource, as far as the inventory knows. */
  dependents?(r: Resource, estate: EstateView | undefined): string[];
  /** IAM actions the scan and the re-read call (the bot's IAM policy is built from these). */
  permissions: string[];
  /** The sandbox service that answers for it, and the key of its list in a sandbox estate region. */
  sandbox: { service: string; estateKey?: string };
  /** States that mean it is gone (AWS still lists it for a while): kept as tombstones, never acted on. */
  goneStates?: string[];
  /** Other kinds a parameter of this kind also accepts (an SSM-managed instance may be an EC2 instance). */
  accepts?: string[];
  /** A parameter of this kind takes any resource (taggable). */
  acceptsAny?: boolean;
}

export function defineKind(kind: ResourceKind): ResourceKind {
  return kind;
}
