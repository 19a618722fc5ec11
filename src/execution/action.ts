import type { z } from 'zod';
import type { CloudProvider, Target } from '../cloud';
import type { ChatMessage } from '../core/chat';

/**
 * Read-only answers that are not single AWS calls (inventory search, cost and tagging reports).
 * Implemented by inventory/ and digests/, wired by main.ts; a read-only action calls one of them.
 */
export interface ReadServices {
  findResources?(input: Record<string, unknown>): Promise<ChatMessage>;
  costReport?(input: Record<string, unknown>): Promise<ChatMessage>;
  tagReport?(input: Record<string, unknown>): Promise<ChatMessage>;
}

export interface ActionContext {
  services: ReadServices;
  provider: CloudProvider;
  /** Account and region the step runs in (from its target resource). */
  target: Target;
  /** Waits between polls; tests hand in one that does not really sleep. */
  sleep(ms: number): Promise<void>;
  now(): Date;
  progress(text: string): void | Promise<void>;
}

/** What a dry run says before anything changes. */
export interface DryRunAnswer {
  /** Does AWS offer a dry run for this call? */
  supported: boolean;
  /** When supported: would the call be allowed (permissions, state)? */
  allowed?: boolean;
  note: string;
}

export interface ActionOutcome {
  summary: string;
  requestIds: string[];
  /** A message to show as the answer (read-only actions). */
  output?: ChatMessage;
}

/**
 * One registered action: its input schema, the IAM permissions it needs, its dry run, how to apply it
 * and how to wait until it has taken effect. Cloud Custodian's rule: every element carries its schema
 * and its permissions, so the registry can be walked (IAM policy, meta-tests, playbook validation).
 */
export interface ActionDefinition<I extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  description: string;
  input: z.ZodObject<z.ZodRawShape> & z.ZodType<I>;
  permissions: string[];
  readOnly?: boolean;
  dryRun(ctx: ActionContext, input: I): Promise<DryRunAnswer>;
  apply(ctx: ActionContext, input: I): Promise<ActionOutcome>;
  /** Resolves with a summary once the change took effect; rejects on timeout. */
  wait?(ctx: ActionContext, input: I, timeoutMs: number): Promise<string>;
}

export function defineAction<I extends Record<string, unknown>>(def: ActionDefinition<I>): ActionDefinition<I> {
  return def;
}

/** Poll `check` until it returns a value, or fail after `timeoutMs` of the injected clock. */
export async function pollUntil<T>(ctx: ActionContext, what: string, timeoutMs: number, intervalMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = ctx.now().getTime() + timeoutMs;
  for (;;) {
    const done = await check();
    if (done !== undefined) return done;
    if (ctx.now().getTime() + intervalMs > deadline) throw new WaitTimeout(what, timeoutMs);
    await ctx.sleep(intervalMs);
  }
}

export class WaitTimeout extends Error {
  constructor(readonly what: string, readonly timeoutMs: number) {
    super(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)}s; the change was sent to AWS and may still complete, check the resource before retrying`);
    this.name = 'WaitTimeout';
  }
}
