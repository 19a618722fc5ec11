import type { Playbook } from '../core/playbook';
import { isResourceParameter } from '../core/playbook';
import type { IntentClassifier, IntentGuess, PlaybookCatalog, ThreadContext } from '../core/ports';

const STOP = new Set(['the', 'a', 'an', 'please', 'pls', 'can', 'you', 'could', 'would', 'for', 'me', 'on', 'of', 'to', 'my', 'our', 'is', 'it', 'this', 'that', 'now', 'instance', 'in', 'and', 'hey', 'bot', 'thanks', 'with', 'some']);

/** Words as people type them: lower case; `-`, `.`, `_` and `=` stay inside words (names, types, tags). */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9\-._=:/]+/)
    .map((w) => w.replace(/^[-._]+|[-._]+$/g, ''))
    .filter(Boolean);
}

/** A word that names something rather than says what to do: has a digit, a dash or a dot. */
function looksLikeName(w: string): boolean {
  return /[0-9\-._]/.test(w) && !w.includes('=');
}

/**
 * First version of understanding: overlap between the request's words and each playbook's example
 * utterances. Needs no network. Replaced by a trained classifier; the IntentClassifier port stays.
 */
export class KeywordClassifier implements IntentClassifier {
  private readonly vocab: Map<string, { playbook: Playbook; examples: Set<string>[] }>;
  private readonly allWords = new Set<string>();

  constructor(private readonly catalog: PlaybookCatalog, private readonly threshold = 0.34) {
    this.vocab = new Map(
      catalog.list().map((p) => {
        const examples = p.examples.map((e) => new Set(words(e).filter((w) => !looksLikeName(w) && !STOP.has(w))));
        examples.forEach((s) => s.forEach((w) => this.allWords.add(w)));
        return [p.id, { playbook: p, examples }];
      }),
    );
  }

  async classify(text: string, _context?: ThreadContext): Promise<IntentGuess> {
    const all = words(text);
    const intentWords = all.filter((w) => !looksLikeName(w) && !STOP.has(w) && !w.includes('='));
    const scored = [...this.vocab.values()]
      .map(({ playbook, examples }) => {
        let best = 0;
        for (const ex of examples) {
          if (!ex.size) continue;
          const hit = intentWords.filter((w) => ex.has(w)).length;
          const known = intentWords.filter((w) => this.allWords.has(w)).length;
          const score = hit / Math.max(ex.size, known || 1);
          best = Math.max(best, score);
        }
        return { playbook, score: best };
      })
      .sort((a, b) => b.score - a.score || a.playbook.id.localeCompare(b.playbook.id));
    const top = scored[0];
    const alternatives = scored.filter((s) => s.score > 0).slice(0, 3).map((s) => ({ playbook: s.playbook.id, title: s.playbook.title, confidence: round(s.score) }));
    if (!top || top.score < this.threshold) {
      return { playbook: null, confidence: round(top?.score ?? 0), params: {}, alternatives, note: "I'm not sure what you want me to do." };
    }
    return { playbook: top.playbook.id, confidence: round(top.score), params: this.extract(top.playbook, text), alternatives: alternatives.slice(1) };
  }

  private extract(p: Playbook, text: string): Record<string, string> {
    const params: Record<string, string> = {};
    const all = words(text);
    for (const param of p.parameters) {
      if (param.type === 'instance-type') {
        const m = text.match(/\b([a-z][a-z0-9-]*\d[a-z0-9-]*\.(?:nano|micro|small|medium|large|\d*xlarge|metal))\b/i);
        if (m) params[param.name] = m[1].toLowerCase();
      } else if (param.type === 'tags') {
        const pairs = all.filter((w) => w.includes('='));
        if (pairs.length) params[param.name] = pairs.join(' ');
      }
    }
    const resourceParams = p.parameters.filter(isResourceParameter);
    if (resourceParams.length) {
      const taken = new Set(Object.values(params).flatMap((v) => words(v)));
      const names = all.filter((w) => looksLikeName(w) && !taken.has(w) && !/\.(nano|micro|small|medium|large|\d*xlarge|metal)$/.test(w));
      const rest = all.filter((w) => !this.allWords.has(w) && !STOP.has(w) && !taken.has(w) && !w.includes('='));
      const ref = names.length ? names[0] : rest.join(' ');
      if (ref) params[resourceParams[0].name] = ref;
    }
    return params;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
