/**
 * `npm run bench:nlu`: how well the bot understands the labelled set in test/nlu/.
 * Prints top-1 playbook accuracy, parameter exact-match rate, out-of-scope rejection, follow-ups and
 * p50/p99 latency per request, for the local classifier; for Bedrock too when AWS credentials are in the
 * environment (`CLOUDOPS_BENCH_BEDROCK_MODEL` picks the model). `--misses` lists what it got wrong;
 * `--check-order` asks every request of the sets that are not sealed again, in reverse order, of a fresh bot
 * and counts the answers that differ (there should be none). The model is trained in the run, never read from
 * the training cache.
 */
import { parseConfig } from '../src/config';
import { benchBot } from './nlu-bot';
import { evaluate, figures, loadHoldout, loadLabelledSet, NLU_NOW, type Figures, type Outcome } from './nlu-eval';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function print(label: string, f: Figures): void {
  console.log(`\n${label}`);
  if (!f.counts.followUps) {
    console.log(`  top-1 playbook accuracy     ${pct(f.top1)}  (${f.counts.inScope} requests)`);
    console.log(`  parameter exact match       ${pct(f.paramExact)}  (${f.counts.withParams} requests with labelled parameters)`);
    console.log(`  out-of-scope rejection      ${pct(f.outOfScopeRejection)}  (${f.counts.outOfScope} requests)`);
    return;
  }
  console.log(`  top-1 playbook accuracy     ${pct(f.top1)}  (${f.counts.inScope} requests over the catalog)`);
  console.log(`  parameter exact match       ${pct(f.paramExact)}  (${f.counts.withParams} requests with labelled parameters)`);
  console.log(`  out-of-scope rejection      ${pct(f.outOfScopeRejection)}  (${f.counts.outOfScope} requests)`);
  console.log(`  thread follow-ups           ${pct(f.followUps)}  (${f.counts.followUps} follow-ups)`);
  console.log(`  latency per request         p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms (classify + resolve + assess)`);
}

/** Issue 18's phrasing classes, each on its own line (tuning or holdout). */
function byClass(inScope: Outcome[], outOfScope: Outcome[]): void {
  const classes = [...new Set(inScope.map((o) => o.request.class).filter((c): c is string => !!c))];
  for (const c of classes) {
    const f = figures(
      inScope.filter((o) => o.request.class === c),
      [],
      [],
    );
    console.log(
      `    ${`class ${c}`.padEnd(26)}playbook ${pct(f.top1)}, parameters ` +
        `${f.counts.withParams ? pct(f.paramExact) : 'n/a'}  (${f.counts.inScope} requests)`,
    );
  }
  const bot = outOfScope.filter((o) => o.request.kind === 'bot');
  if (bot.length)
    console.log(`    ${'aimed at the bot'.padEnd(26)}refused ${pct(figures([], bot, []).outOfScopeRejection)}  (${bot.length} requests)`);
}

function misses(name: string, outcomes: Outcome[]): void {
  const wrong = outcomes.filter((o) => !o.playbookOk || o.paramsOk === false);
  if (!wrong.length) return;
  console.log(`\n  ${name}: ${wrong.length} wrong`);
  for (const o of wrong) {
    const want = o.request.playbook ?? 'none';
    const why = o.playbookOk
      ? `params ${JSON.stringify(o.params)}` +
        `${o.scope ? ` scope ${JSON.stringify(o.scope)}` : ''} want ` +
        `${JSON.stringify(o.request.params)}` +
        `${o.request.scope ? ` ${JSON.stringify(o.request.scope)}` : ''}`
      : `got ${o.got ?? 'none'}, want ${want}`;
    console.log(`    "${o.request.text}"  ${why}`);
  }
}

/** What a request was answered: the playbook, the parameters as read and the scope (what the figures compare). */
function answer(o: Outcome): string {
  return JSON.stringify([o.got, o.params, o.scope ?? null]);
}

/**
 * `--check-order`: the same requests, asked in the reverse order of a fresh bot, must get the same answers (a
 * request's understanding depends on the request, its thread context and the inventory, never on what was asked
 * before). Prints how many differ, and the first few.
 */
async function checkOrder(intents: Record<string, unknown>, asked: Outcome[]): Promise<void> {
  const bot = await benchBot(intents);
  try {
    const reversed = (
      await evaluate(
        bot.planner,
        bot.classifier,
        [...asked].reverse().map((o) => o.request),
      )
    ).reverse();
    const differ = asked.filter((o, i) => answer(o) !== answer(reversed[i]));
    console.log(
      `\n  order check: ${differ.length} of ${asked.length} requests answered differently when asked in reverse order by a fresh bot`,
    );
    for (const o of differ.slice(0, 10)) {
      const i = asked.indexOf(o);
      console.log(`    "${o.request.text}" (${o.request.file})  in order ${answer(o)}, reversed ${answer(reversed[i])}`);
    }
  } finally {
    bot.close();
  }
}

async function run(label: string, intents: Record<string, unknown>, showMisses: boolean): Promise<void> {
  const started = process.hrtime.bigint();
  const bot = await benchBot(intents);
  const startup = Number(process.hrtime.bigint() - started) / 1e6;
  // Every request of the sets that are not sealed, in the order asked (for --check-order).
  const asked: Outcome[] = [];
  try {
    const set = loadLabelledSet();
    // Warm up (JIT, first resolver calls) so the latency figures are for a running bot.
    asked.push(...(await evaluate(bot.planner, bot.classifier, set.inScope.slice(0, 30))));
    const inScope = await evaluate(bot.planner, bot.classifier, set.inScope);
    const outOfScope = await evaluate(bot.planner, bot.classifier, set.outOfScope);
    const followUps = await evaluate(bot.planner, bot.classifier, set.followUps);
    asked.push(...inScope, ...outOfScope, ...followUps);
    print(`${label} (bot start-up incl. training and sandbox scan: ${startup.toFixed(0)} ms)`, figures(inScope, outOfScope, followUps));
    byClass(inScope, outOfScope);
    const all = [...inScope, ...outOfScope, ...followUps];
    const remote = all.filter((o) => o.source === 'bedrock').length;
    if (intents.bedrock)
      console.log(`  answered by Bedrock          ${remote} of ${all.length} (the rest fell back to the local classifier)`);
    if (showMisses) {
      misses('in scope', inScope);
      misses('out of scope', outOfScope);
      misses('follow-ups', followUps);
    }
    for (const h of HOLDOUTS) {
      // --skip-sealed: measure while tuning without even seeing a sealed set's figures (its first run stays the end one).
      // --sealed=holdout-9,holdout-10: of the sealed sets, run only these (keep the others for a later round's first run).
      const chosen = process.argv
        .find((x) => x.startsWith('--sealed='))
        ?.slice('--sealed='.length)
        .split(',');
      if (h.sealed && (process.argv.includes('--skip-sealed') || (chosen && !chosen.includes(h.folder)))) {
        console.log(`\n  ${h.name}: skipped (sealed; --skip-sealed)`);
        continue;
      }
      const set = loadHoldout(undefined, h.folder);
      const hin = await evaluate(bot.planner, bot.classifier, set.inScope);
      const hout = await evaluate(bot.planner, bot.classifier, set.outOfScope);
      if (!h.sealed) asked.push(...hin, ...hout);
      print(`  ${h.label}`, figures(hin, hout, []));
      byClass(hin, hout);
      if (showMisses && h.sealed && !process.argv.includes('--unseal'))
        console.log(`\n  ${h.name}: misses not shown (a sealed set: nobody tuning reads them; --unseal shows them)`);
      else if (showMisses) {
        misses(`${h.name} in scope`, hin);
        misses(`${h.name} out of scope`, hout);
      }
    }
  } finally {
    bot.close();
  }
  if (process.argv.includes('--check-order')) await checkOrder(intents, asked);
}

/** The holdouts, printed apart in this order: each one's folder under test/nlu/, its name in the misses, and what it is. */
/** `sealed`: its misses are never printed (not even with --misses): nobody tuning may read them; `--unseal` prints them. */
const HOLDOUTS: { folder: string; name: string; label: string; sealed?: boolean }[] = [
  { folder: 'holdout', name: 'holdout', label: 'holdout set (written after tuning, mostly names the demo estate does not have)' },
  {
    folder: 'holdout-2',
    name: 'holdout 2',
    label: "holdout 2 (test/nlu/holdout-2; first measured at 86.8% / 84.6% / 95.5%, then its misses' classes were fixed: no longer blind)",
  },
  {
    folder: 'holdout-3',
    name: 'holdout 3',
    label:
      'holdout 3 (test/nlu/holdout-3: QA of issue 18, written before reading test/nlu; first measured at 87.2% / 83.9% / 93.8%, ' +
      "then its misses' classes were fixed: no longer blind)",
  },
  {
    folder: 'holdout-4',
    name: 'holdout 4',
    label:
      'holdout 4 (test/nlu/holdout-4: on-call SRE and service owners; first blind run 58.8% / 51.7% / 96.7%, then ' +
      "the development set of this round: its misses' classes were fixed, so no longer blind)",
  },
  {
    folder: 'holdout-6',
    name: 'holdout 6',
    label:
      'holdout 6 (test/nlu/holdout-6: platform / FinOps / first-week personas; first blind run 63.7% / 50.0% / 100%, then a ' +
      "development set: its misses' classes were fixed, so no longer blind)",
  },
  {
    folder: 'holdout-5',
    name: 'holdout 5',
    label:
      'holdout 5 (test/nlu/holdout-5: written blind, sealed in round 3: 55.0% / 44.8% / 100% -> 75.0% / 72.4% / 96.7%; ' +
      "a development set in round 4: its misses' classes were fixed, so no longer blind)",
  },
  {
    folder: 'holdout-7',
    name: 'holdout 7',
    label:
      'holdout 7 (test/nlu/holdout-7: on-call SRE and service owner; written blind, first run 80.0% / 73.3% / 96.7% at 9cb6b62, ' +
      "then a development set: its misses' classes were fixed, so no longer blind)",
  },
  {
    folder: 'holdout-8',
    name: 'holdout 8',
    label:
      'holdout 8 (test/nlu/holdout-8: data/ML engineer, support escalation, engineering manager; written blind, sealed for two ' +
      "rounds: 75.0% / 73.0% / 100% at 9cb6b62 and at bf4cdb6; a development set in round 5: its misses' classes were fixed)",
  },
  {
    folder: 'holdout-9',
    name: 'holdout 9',
    label:
      'holdout 9 (test/nlu/holdout-9: security engineer, incident commander relay, non-native junior on-call; written blind, ' +
      "first run 90.0% / 81.0% / 96.7% at d66a1c7 (end of round 5), then a development set in round 6: its misses' classes were fixed)",
  },
  {
    folder: 'holdout-10',
    name: 'holdout 10',
    label:
      'holdout 10 (test/nlu/holdout-10: product manager, customer success lead, voice-dictating mobile developer, DBA; ' +
      'written blind, first run 78.8% / 70.0% / 93.3% at d66a1c7 (end of round 5), then a development set in round 6)',
  },
  {
    folder: 'holdout-11',
    name: 'holdout 11',
    label:
      'holdout 11 (test/nlu/holdout-11: on-prem Windows/.NET sysadmin, data-platform engineer, frontend developer; ' +
      'written blind, first run 87.5% / 79.4% / 96.7% at c4efcd4 (end of round 6), then a development set in round 7)',
  },
  {
    folder: 'holdout-12',
    name: 'holdout 12',
    label:
      'holdout 12 (test/nlu/holdout-12: runbook-style SRE lead, Slack thread replies, formal CTO, near-misses; ' +
      'written blind, first run 83.8% / 77.4% / 93.3% at c4efcd4 (end of round 6), then a development set in round 7)',
  },
  {
    folder: 'holdout-13',
    name: 'holdout 13',
    label:
      'holdout 13 (test/nlu/holdout-13: cloud architect in AWS API words, Kubernetes-first platform engineer, finance controller; ' +
      'written blind in round 8, first run 91.3% / 88.7% / 100% at 04a949f (end of round 8), then a development set in round 9)',
  },
  {
    folder: 'holdout-14',
    name: 'holdout 14',
    label:
      'holdout 14 (test/nlu/holdout-14: tired on-call engineer on a phone, British ops engineer, Indian English engineer; ' +
      'written blind in round 8, first run 85.0% / 83.3% / 100% at 04a949f (end of round 8), then a development set in round 9)',
  },
  {
    folder: 'holdout-15',
    name: 'holdout 15',
    label:
      'holdout 15 (test/nlu/holdout-15: QA/test engineer naming environments, sales engineer with demos, intern asking, ' +
      'manager delegating; written blind in round 8, sealed until its first run, 93.8% / 88.1% / 100% at 3d7f8d8 (end of round 9))',
  },
  {
    folder: 'holdout-16',
    name: 'holdout 16',
    label:
      'holdout 16 (test/nlu/holdout-16: forwarded tickets and emails, commit-message/code-style developer, terse operators; ' +
      'written blind in round 8, sealed until its first run, 87.5% / 78.3% / 100% at 3d7f8d8 (end of round 9))',
  },
  {
    folder: 'holdout-17',
    name: 'holdout 17',
    label:
      'holdout 17 (test/nlu/holdout-17: night-shift NOC operator, do-it-all startup founder, new contractor; ' +
      'written blind in round 8 as a development set; first run 90.0% / 88.7% / 96.7% at ea81679 (the code of 40b51ef))',
  },
  {
    folder: 'holdout-18',
    name: 'holdout 18',
    label:
      'holdout 18 (test/nlu/holdout-18: GCP/Azure engineer, old-school Unix admin, Slack shorthand; ' +
      'written blind in round 8, a development set; first run 88.8% / 82.5% / 96.7% at ea81679 (the code of 40b51ef))',
  },
  {
    folder: 'holdout-19',
    name: 'holdout 19',
    label:
      'holdout 19 (test/nlu/holdout-19: handover-notes SRE with checkboxes, ChatOps veteran with flags, Spanish/Portuguese ' +
      'speaker with false friends; written blind in round 9, sealed until its first run, 95.0% / 93.7% / 96.7% at 4112b6d ' +
      '(end of round 10))',
  },
  {
    folder: 'holdout-20',
    name: 'holdout 20',
    label:
      'holdout 20 (test/nlu/holdout-20: sarcastic 4 a.m. on-call engineer, product owner naming features, markdown-heavy SRE; ' +
      'written blind in round 9, sealed until its first run, 91.3% / 90.3% / 96.7% at 4112b6d (end of round 10))',
  },
];

async function main(): Promise<void> {
  const showMisses = process.argv.includes('--misses');
  console.log(`Understanding benchmark on test/nlu/ (clock ${NLU_NOW.toISOString()}, sandbox demo estate)`);
  await run('local classifier (no network)', {}, showMisses);
  const credentials =
    process.env.AWS_ACCESS_KEY_ID ||
    process.env.AWS_PROFILE ||
    process.env.AWS_WEB_IDENTITY_TOKEN_FILE ||
    process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (credentials) {
    const modelId = process.env.CLOUDOPS_BENCH_BEDROCK_MODEL ?? parseConfig({}).intents.bedrock.modelId;
    await run(
      `Bedrock primary (${modelId})`,
      { bedrock: { mode: 'primary', modelId, ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}) } },
      showMisses,
    );
  } else {
    console.log('\nBedrock: skipped (no AWS credentials in the environment; CLOUDOPS_BENCH_BEDROCK_MODEL picks the model).');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
