import type { z } from 'zod';
import type { CloudProvider, Target, WaiterName } from '../cloud';
import type { ChatMessage } from '../core';

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
  /** How long the step may wait for its change to take effect (the playbook's `wait.timeout`). */
  timeoutMs: number;
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
  /** What the call created or started (snapshot ids, command id, ...), handed to `wait`. */
  ids?: string[];
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
  /**
   * Input fields that are shell command templates (SSM Run Command). The step runner renders them
   * itself: every parameter put in must match its declared pattern and is shell-quoted.
   */
  shell?: string[];
  dryRun(ctx: ActionContext, input: I): Promise<DryRunAnswer>;
  apply(ctx: ActionContext, input: I): Promise<ActionOutcome>;
  /** Resolves with a summary once the change took effect; rejects on timeout (ctx.timeoutMs). */
  wait?(ctx: ActionContext, input: I, applied: ActionOutcome): Promise<string>;
  /** Set instead of `wait` when the change has taken effect once the call returns (tags). */
  immediate?: true;
}

export function defineAction<I extends Record<string, unknown>>(def: ActionDefinition<I>): ActionDefinition<I> {
  return def;
}

/** Poll `check` until it returns a value, or fail after `timeoutMs` of the injected clock. */
export async function pollUntil<T>(
  ctx: ActionContext,
  what: string,
  timeoutMs: number,
  intervalMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = ctx.now().getTime() + timeoutMs;
  for (;;) {
    const done = await check();
    if (done !== undefined) return done;
    if (ctx.now().getTime() + intervalMs > deadline) throw new WaitTimeout(what, timeoutMs);
    await ctx.sleep(intervalMs);
  }
}

export class WaitTimeout extends Error {
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(
      `gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)}s; the change was ` +
        `sent to AWS and may still complete, check the resource before retrying`,
    );
    this.name = 'WaitTimeout';
  }
}

/** One look at a resource while waiting: done, still moving (with the state to report), or failed for good. */
export interface Observation {
  done: boolean;
  /** AWS's own word for where it is now (stopping, backing-up, InProgress, ...). */
  state: string;
  /** Set when it can no longer succeed (terminated while starting, command Failed, ...). */
  failed?: string;
}

export interface WaitSpec {
  /** What is awaited, for messages: "web-prod-1 to stop". */
  what: string;
  /** The SDK waiter that does this, when AWS has one. */
  waiter?: WaiterName;
  waiterInput?: Record<string, unknown>;
  intervalMs: number;
  observe(): Promise<Observation>;
}

/**
 * Wait until a change has taken effect: the SDK's waiter where AWS has one and the provider offers it,
 * polling `observe` with the injected clock otherwise (RDS has no "stopped" waiter; the sandbox has
 * none). Polling reports each new state to the thread. Resolves with the final state.
 */
export async function waitForChange(ctx: ActionContext, spec: WaitSpec): Promise<string> {
  if (spec.waiter && ctx.provider.waitFor) {
    const seconds = Math.max(2, Math.round(ctx.timeoutMs / 1000));
    await ctx.progress(`waiting for ${spec.what} (up to ${seconds}s)`);
    const outcome = await ctx.provider.waitFor(ctx.target, spec.waiter, spec.waiterInput ?? {}, seconds);
    if (outcome.state === 'timeout') throw new WaitTimeout(spec.what, ctx.timeoutMs);
    const last = await spec.observe();
    if (outcome.state === 'failure')
      throw new Error(
        last.failed ?? `AWS reports ${spec.what} cannot complete (${last.state}${outcome.reason ? `: ${outcome.reason}` : ''})`,
      );
    return last.state;
  }
  let seen = '';
  const result = await pollUntil(ctx, spec.what, ctx.timeoutMs, spec.intervalMs, async () => {
    const o = await spec.observe();
    if (o.failed) throw new Error(o.failed);
    if (o.done) return o.state;
    if (o.state !== seen) {
      seen = o.state;
      await ctx.progress(`${spec.what}: now ${o.state}`);
    }
    return undefined;
  });
  return result;
}
