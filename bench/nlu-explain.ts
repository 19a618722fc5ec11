/** `node dist-bench/bench/nlu-explain.js "text"...`: how the local classifier scores each playbook (for tuning by hand). */
import { join } from 'node:path';
import { LocalClassifier } from '../src/intents';
import { Catalog, loadPlaybooks } from '../src/playbooks';
import { builtinActions } from '../src/execution';
import { NLU_NOW, repoRoot } from './nlu-eval';

const loaded = loadPlaybooks(join(repoRoot(), 'playbooks'), builtinActions());
const classifier = new LocalClassifier(new Catalog(loaded.playbooks), { clock: { now: () => NLU_NOW } });
for (const text of process.argv.slice(2)) {
  const a = classifier.analyse(text);
  const { ranked, none } = classifier.score(a);
  console.log(`\n${text}`);
  console.log(
    `  words: ${a.words.map((w) => `${w.text}${w.canon !== w.text ? `>${w.canon}` : ''}/${w.role}${w.gap ? '|' : ''}`).join(' ')}`,
  );
  console.log(`  features: ${a.features.join(' ')}`);
  console.log(`  refs: ${a.references.map((r) => r.text).join(' | ')}  entities: ${JSON.stringify(a.entities)}`);
  console.log(`  none ${none.toFixed(3)}`);
  for (const s of ranked.slice(0, 5)) console.log(`  ${s.score.toFixed(3)} ${s.profile.playbook.id} ${s.cuts.join('; ')}`);
  console.log(`  => ${JSON.stringify(classifier.understand(text))}`);
}
