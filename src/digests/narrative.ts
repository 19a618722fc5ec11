import { createHash } from 'node:crypto';
import type { ChatMessage } from '../core';
import type { Logger } from '../core';

export interface NarrativeCache {
  get(hash: string): string | undefined | Promise<string | undefined>;
  put(hash: string, text: string): void | Promise<void>;
}

export interface NarrativeDeps {
  /** Asks the model (BedrockNarrator.write). */
  write(system: string, text: string, signal: AbortSignal): Promise<string>;
  model: string;
  cache: NarrativeCache;
  timeoutMs: number;
  log?: Logger;
}

const SYSTEM =
  'You write the "What stands out" paragraph of an AWS cost/compliance digest for an operations team. At most three short sentences. ' +
  'Use only figures that appear in the digest, written exactly as there. No advice beyond what the digest says, no greetings, no markdown.';

/** Numbers as written ("$1,234.50" -> "1234.50", "45", "2026-07-31" -> "2026", "07", "31"). */
function numbers(text: string): string[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => n.replace(/,/g, '').replace(/\.0+$/, ''));
}

/** A model declining in words ("I'm sorry, I can't help with that."), not by its stop reason. */
const REFUSAL = new RegExp(
  String.raw`^(?:i['’]?m sorry|i am sorry|sorry,|i can(?:not|['’]t)\b|i['’]?m (?:not able|unable)` +
    String.raw`|i am (?:not able|unable)|as an ai\b|i (?:must|have to) decline)`,
  'i',
);

/**
 * The sentences of `paragraph` whose every number is one of the digest's: a sentence citing anything else is
 * dropped. An answer that opens with a refusal is no paragraph at all, and a last sentence without its full
 * stop (the token budget ran out mid-sentence) is dropped rather than posted cut off.
 */
export function checkedSentences(paragraph: string, digestText: string): string[] {
  const known = new Set(numbers(digestText));
  // A sentence ends at . ! ? followed by a space ("$813.70" and "16.4%" do not end one).
  const sentences = paragraph
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (sentences.length && REFUSAL.test(sentences[0])) return [];
  if (sentences.length && !/[.!?]["'”’)]*$/.test(sentences[sentences.length - 1])) sentences.pop();
  return sentences.filter((s) => numbers(s).every((n) => known.has(n)));
}

/** What the model sees: the digest's own words and figures. */
export function digestFigures(m: ChatMessage): string {
  return [m.header, m.text, ...(m.fields ?? []).map((f) => `${f.label}: ${f.value}`), ...(m.items ?? []), m.textChart]
    .filter(Boolean)
    .join('\n');
}

/**
 * The optional "What stands out" paragraph: written by the model from the digest's own figures, cached by
 * the digest's content hash in the store, checked against the digest, and bounded in time. No model, a
 * timeout, a refusal or an empty answer: the digest as it was, on time.
 */
export class Narrative {
  constructor(private readonly deps: NarrativeDeps) {}

  async add(message: ChatMessage): Promise<ChatMessage> {
    if (message.kind !== 'digest') return message;
    const figures = digestFigures(message);
    const hash = createHash('sha256').update(figures).digest('hex');
    let text = await this.deps.cache.get(hash);
    if (text === undefined) {
      try {
        const answer = await this.deps.write(SYSTEM, figures, AbortSignal.timeout(this.deps.timeoutMs));
        text = checkedSentences(answer, figures).slice(0, 3).join(' ');
        await this.deps.cache.put(hash, text);
      } catch (e) {
        this.deps.log?.warn({ err: (e as Error).message, model: this.deps.model }, 'digest narrative skipped');
        return message;
      }
    }
    if (!text) return message;
    return {
      ...message,
      text: `${message.text ?? ''}\n\n*What stands out:* ${text}`.trim(),
      context: [...(message.context ?? []), `"What stands out" written by ${this.deps.model} from this digest's figures`],
    };
  }
}
