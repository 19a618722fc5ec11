/** `node dist-bench/bench/nlu-try.js "text"...`: what the bot plans for each request on the demo estate (for tuning by hand). */
import { LocalClassifier } from '../src/intents';
import { rephrase } from '../src/intents/phrasing';
import { benchBot } from './nlu-bot';
import { NLU_NOW } from './nlu-eval';

async function main(): Promise<void> {
  const bot = await benchBot();
  for (const text of process.argv.slice(2)) {
    const guess = await bot.classifier.classify(text);
    if (process.env.EXPLAIN && bot.classifier instanceof LocalClassifier) {
      const a = bot.classifier.analyse(rephrase(text));
      const { ranked, none } = bot.classifier.score(a);
      const words = a.words.map((w) => `${w.text}${w.canon !== w.text ? `>${w.canon}` : ''}/${w.role}${w.gap ? '|' : ''}`);
      console.log(`  words: ${words.join(' ')}\n  features: ${a.features.join(' ')}`);
      console.log(`  refs: ${a.references.map((r) => `${r.text}${r.resolved ? `[${r.resolved.join(',')}]` : ''}`).join(' | ')}`);
      console.log(`  none ${none.toFixed(3)}`);
      for (const x of ranked.slice(0, 3)) console.log(`  ${x.score.toFixed(3)} ${x.profile.playbook.id} ${x.cuts.join('; ')}`);
    }
    const plan = await bot.planner.plan(text, { at: NLU_NOW });
    console.log(`\n${text}\n  guess ${guess.playbook} ${JSON.stringify(guess.params)} scope ${JSON.stringify(guess.scope ?? {})}`);
    const asked = JSON.stringify(plan.clarify?.candidates.map((c) => c.name) ?? plan.missing ?? '');
    const named = (v: unknown) => {
      const r = v as { name?: string; type?: string } | undefined;
      return r?.name ? `${r.name}(${r.type})` : JSON.stringify(v);
    };
    const params = Object.entries(plan.params).map(([k, v]) => `${k}=${named(v)}`);
    console.log(`  plan ${plan.playbook?.id ?? null} ${params.join(' ')} ${asked}`);
    if (process.env.PLANJSON) console.log(JSON.stringify({ ...plan, playbook: undefined }).slice(0, 1500));
  }
  await (bot as unknown as { close?: () => Promise<void> }).close?.();
}

void main();
