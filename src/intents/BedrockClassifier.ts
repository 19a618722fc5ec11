import { PRICE_NOTE } from './money';
import { AT_THE_BOT_NOTE, ON_EVERYTHING_NOTE } from './phrasing';
import type { ModelCallError, ToolChoice, ToolChooser } from '../cloud';
import type { Clock, IntentClassifier, IntentGuess, Logger, PlaybookCatalog, ThreadContext } from '../core';
import type { LocalClassifier } from './LocalClassifier';
import { resourceParamNames, SYSTEM_PROMPT, toolsFor, validateToolCall } from './tools';

export type BedrockMode = 'fallback' | 'primary';

export interface BedrockClassifierOptions {
  chooser: ToolChooser;
  local: LocalClassifier;
  catalog: PlaybookCatalog;
  /** fallback: ask the model only when the local classifier is not confident; primary: model first. */
  mode: BedrockMode;
  /** Per attempt. */
  timeoutMs: number;
  /** Extra attempts when the model is throttled or unavailable. */
  retries: number;
  cacheTtlMs: number;
  /** Resource names the model may see; leave out to send none (the default). */
  inventoryNames?: () => string[];
  clock: Clock;
  /** Waits between retries (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
  log?: Logger;
  maxCacheEntries?: number;
}

const NONE_NOTE = "That doesn't look like something I can do here.";

/**
 * Understanding with a model on Amazon Bedrock (Converse API, the playbooks as tools), with the local
 * classifier behind it. The model's answer goes through the same checks as local output; when the model
 * is slow, throttled, not allowed, or answers something the catalog does not have, the local answer is
 * used. The model only picks a playbook and its parameters: the plan card, risk and approval are the same.
 */
export class BedrockClassifier implements IntentClassifier {
  private readonly cache = new Map<string, { at: number; answer: ToolChoice }>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tools;

  constructor(private readonly options: BedrockClassifierOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tools = toolsFor(options.catalog);
  }

  async classify(text: string, context?: ThreadContext): Promise<IntentGuess> {
    const local = this.options.local.understand(text, context);
    if (this.options.mode === 'fallback' && local.playbook !== null) return local;
    // Many resources at once: answered as such; no model may turn the rest of the sentence into one resource.
    if (local.manyResources) return local;
    // A set listed by name is a fleet plan the model's one-resource tools cannot say; an instruction aimed
    // at the bot ("approve it for bob") is refused whatever a model would make of it.
    if (local.fleet || local.note === AT_THE_BOT_NOTE || local.note === ON_EVERYTHING_NOTE || local.note === PRICE_NOTE) return local;
    const answer = await this.ask(text, context);
    if (!answer) return local;
    if (answer.kind !== 'tool') {
      this.options.log?.warn(
        { classifier: this.options.chooser.describe },
        'model answered without a tool call; using the local classifier',
      );
      return local;
    }
    const checked = validateToolCall(this.options.catalog, answer.name, answer.input, this.options.clock.now());
    if (!checked.ok) {
      this.options.log?.warn(
        { classifier: this.options.chooser.describe, rejected: checked.why },
        'model answer rejected; using the local classifier',
      );
      return local;
    }
    if (checked.playbook === null) {
      return {
        playbook: null,
        confidence: 0.9,
        params: {},
        alternatives: [],
        note: local.note ?? NONE_NOTE,
        scope: local.scope,
        source: 'bedrock',
      };
    }
    const params = context && context.playbook === checked.playbook ? { ...context.params, ...checked.params } : checked.params;
    return {
      playbook: checked.playbook,
      confidence: 0.9,
      params,
      alternatives: local.alternatives.filter((s) => s.playbook !== checked.playbook),
      scope: local.scope,
      ...(local.later ? { later: local.later } : {}),
      candidates: [{ playbook: checked.playbook, confidence: 0.9, params }],
      source: 'bedrock',
    };
  }

  /** The model's answer: from the cache, or asked with a timeout and bounded retries; undefined when it failed. */
  private async ask(text: string, context?: ThreadContext): Promise<ToolChoice | undefined> {
    const message = this.message(text, context);
    const key = message;
    const now = this.options.clock.now().getTime();
    const hit = this.cache.get(key);
    if (hit && now - hit.at < this.options.cacheTtlMs) return hit.answer;
    const system = this.system();
    for (let attempt = 0; attempt <= this.options.retries; attempt++) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
      try {
        const answer = await this.options.chooser.choose({ system, text: message, tools: this.tools }, controller.signal);
        this.remember(key, answer);
        return answer;
      } catch (e) {
        const reason = controller.signal.aborted ? 'timeout' : ((e as Partial<ModelCallError>).reason ?? 'other');
        const last = attempt === this.options.retries || !(reason === 'throttled' || reason === 'unavailable');
        this.options.log?.warn(
          { classifier: this.options.chooser.describe, reason, attempt: attempt + 1, error: (e as Error).message },
          last ? 'model call failed; using the local classifier' : 'model call failed; retrying',
        );
        if (last) return undefined;
        await this.sleep(200 * 2 ** attempt);
      } finally {
        clearTimeout(timer);
      }
    }
    return undefined;
  }

  private remember(key: string, answer: ToolChoice): void {
    this.cache.delete(key);
    this.cache.set(key, { at: this.options.clock.now().getTime(), answer });
    const max = this.options.maxCacheEntries ?? 500;
    while (this.cache.size > max) this.cache.delete(this.cache.keys().next().value!);
  }

  private system(): string {
    const names = this.options.inventoryNames?.() ?? [];
    return names.length ? `${SYSTEM_PROMPT} Resource names in the inventory: ${names.slice(0, 500).join(', ')}.` : SYSTEM_PROMPT;
  }

  /** The user's message, with the plan above it in the thread (resource values only when inventory may be sent). */
  private message(text: string, context?: ThreadContext): string {
    if (!context) return text.trim();
    const playbook = this.options.catalog.get(context.playbook);
    const hidden = playbook && !this.options.inventoryNames ? resourceParamNames(playbook) : new Set<string>();
    const params = Object.entries(context.params)
      .filter(([k]) => !hidden.has(k))
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return (
      `Earlier in this thread the user asked for ${context.playbook}` +
      `${params ? ` (${params})` : ''}${hidden.size ? ' on a resource' : ''}. Now they ` +
      `write:\n${text.trim()}`
    );
  }
}
