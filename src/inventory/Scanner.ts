import type { AccountScope, CloudProvider, Target } from '../cloud';
import type { Resource } from '../core';
import type { Scope } from './normalize';

export interface ScanContext {
  provider: CloudProvider;
  /** Where the scan runs, and what every resource it finds is stamped with. */
  scope: Scope;
  target: Target;
  /**
   * Every page of a list call (NextToken in, NextToken out, or the call's own token names), through
   * the provider interface, with throttled pages retried after a pause.
   */
  pages<I extends object, O extends object>(
    call: (input: I) => Promise<O>,
    input: NoInfer<I>,
    tokens?: { input: NoInfer<keyof I & string>; output: NoInfer<keyof O & string> },
  ): AsyncGenerator<O>;
}

/** One resource type's scan of one account and region. One file per scanner in scanners/. */
export interface Scanner {
  /** Stable name, used in reports and in the cache (`ec2-instances`). */
  name: string;
  description: string;
  /** IAM actions the scan calls (for the bot's IAM policy). */
  permissions: string[];
  scan(ctx: ScanContext): Promise<Resource[]>;
}

export type { AccountScope };
