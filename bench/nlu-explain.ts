/** `node dist-bench/bench/nlu-explain.js "text"...`: how the local classifier scores each playbook (for tuning by hand). */
import { join } from 'node:path';
import { LocalClassifier } from '../src/intents';
import { Catalog, loadPlaybooks } from '../src/playbooks';
import { builtinActions } from '../src/execution';
import { rephrase } from '../src/intents/phrasing';
import { NLU_NOW, repoRoot } from './nlu-eval';

const loaded = loadPlaybooks(join(repoRoot(), 'playbooks'), builtinActions());
const classifier = new LocalClassifier(new Catalog(loaded.playbooks), { clock: { now: () => NLU_NOW } });
for (const text of process.argv.slice(2)) {
  // Scored as understand() reads it: after the shell, disk, money and phrasing rewrites.
  const a = classifier.analyse(rephrase(text));
  const { ranked, none } = classifier.score(a);
  console.log(`\n${text}`);
  if (rephrase(text) !== text) console.log(`  read as: ${rephrase(text)}`);
  console.log(
    `  words: ${a.words.map((w) => `${w.text}${w.canon !== w.text ? `>${w.canon}` : ''}/${w.role}${w.gap ? '|' : ''}`).join(' ')}`,
  );
  console.log(`  features: ${a.features.join(' ')}`);
  console.log(`  refs: ${a.references.map((r) => r.text).join(' | ')}  entities: ${JSON.stringify(a.entities)}`);
  console.log(`  none ${none.toFixed(3)}`);
  for (const s of ranked.slice(0, 5)) console.log(`  ${s.score.toFixed(3)} ${s.profile.playbook.id} ${s.cuts.join('; ')}`);
  console.log(`  => ${JSON.stringify(classifier.understand(text))}`);
}
