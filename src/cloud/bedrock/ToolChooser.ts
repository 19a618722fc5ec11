/**
 * What understanding needs from a language model: given a request and a set of tools (the playbooks),
 * say which tool to call and with what input. src/intents depends on this interface only; the Bedrock
 * implementation is the only code that talks to a model.
 */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the tool's input. */
  inputSchema: Record<string, unknown>;
}

export interface ToolChoiceRequest {
  /** Instructions and the catalog; never the inventory unless the operator allowed it. */
  system: string;
  /** The user's message (and the thread context, when there is one). */
  text: string;
  tools: ToolSpec[];
}

export type ToolChoice = { kind: 'tool'; name: string; input: unknown } | { kind: 'text'; text: string };

/** Why a model call failed, so the caller can decide to retry (throttled, unavailable) or not. */
export class ModelCallError extends Error {
  constructor(
    message: string,
    readonly reason: 'throttled' | 'unavailable' | 'denied' | 'timeout' | 'invalid' | 'other',
  ) {
    super(message);
    this.name = 'ModelCallError';
  }

  get retryable(): boolean {
    return this.reason === 'throttled' || this.reason === 'unavailable';
  }
}

export interface ToolChooser {
  /** The model and where it runs, for logs and the audit trail. */
  readonly describe: string;
  choose(request: ToolChoiceRequest, signal: AbortSignal): Promise<ToolChoice>;
}
