import type { ChatButtonEvent, ChatSink, ChatTextEvent } from './chat';
import type { ParamValue } from './plan';
import type { ThreadContext } from './ports';

/** The command asked the user something in the thread: a reply there follows up on this plan-to-be. */
export interface ReplyWanted {
  expects: ThreadContext;
}

/** A request to put through the normal flow (plan card, risk, approval), e.g. from a digest's "Fix tags" button. */
export interface PlanRequest {
  /** What the request says, for the audit trail and the plan ("fix tags on web-1: owner=web"). */
  input: string;
  playbook: string;
  /** Parameters already settled: resources as Resource objects, tags as a key/value map. */
  params: Record<string, ParamValue>;
}

/**
 * Commands answered beside the playbook flow (the digests: `cost`, `tags`, their buttons). They only
 * read; anything that would change AWS comes back as a PlanRequest and goes through plan and approval.
 */
export interface ChatCommands {
  /** True when the text was one of these commands and has been answered. */
  onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean>;
  /**
   * True when the button was handled, a PlanRequest to plan through the normal flow, ReplyWanted when it
   * asked the user for the rest (the reply then follows up on it), false when it is not ours.
   */
  onButton(event: ChatButtonEvent, sink: ChatSink): Promise<boolean | PlanRequest | ReplyWanted>;
}
