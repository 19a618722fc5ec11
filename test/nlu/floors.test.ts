/**
 * The floors on the labelled evaluation set (test/nlu/), measured through the planner on the demo
 * estate, as `npm run bench:nlu` does. Figures and latency are printed by the benchmark; this test
 * only holds the line.
 */
import { join } from 'node:path';
import { evaluate, figures, loadHoldout, loadLabelledSet, NLU_NOW, repoRoot, type Outcome } from '../../bench/nlu-eval';
import { FakeClock, testBot } from '../helpers/bot';
import { repoCatalog } from '../helpers/understanding';
import type { Bot } from '../../src/main';

describe('understanding floors on the labelled set', () => {
  let bot: Bot;
  const set = loadLabelledSet();
  let inScope: Outcome[];
  let outOfScope: Outcome[];
  let followUps: Outcome[];

  beforeAll(async () => {
    bot = await testBot({ clock: new FakeClock(NLU_NOW), estate: join(repoRoot(), 'sandbox', 'demo-estate.yaml') });
    inScope = await evaluate(bot.planner, bot.classifier, set.inScope);
    outOfScope = await evaluate(bot.planner, bot.classifier, set.outOfScope);
    followUps = await evaluate(bot.planner, bot.classifier, set.followUps);
    // Training and 700 requests: well under 30 s on an idle machine, past it at load 13 (seen once).
  }, 90_000);
  afterAll(() => bot.close());

  it('is big enough and covers the whole catalog', () => {
    expect(set.inScope.length).toBeGreaterThanOrEqual(400);
    expect(set.outOfScope.length).toBeGreaterThanOrEqual(60);
    const covered = new Set(set.inScope.map((r) => r.playbook));
    expect([...covered].sort()).toEqual(
      repoCatalog()
        .list()
        .map((p) => p.id)
        .sort(),
    );
  });

  it('keeps evaluation apart from training: no labelled request is a playbook example', () => {
    const norm = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9=.-]+/g, ' ')
        .trim();
    const examples = new Set(
      repoCatalog()
        .list()
        .flatMap((p) => p.examples.map(norm)),
    );
    const leaked = [...set.inScope, ...set.outOfScope, ...set.followUps].filter((r) => examples.has(norm(r.text))).map((r) => r.text);
    expect(leaked).toEqual([]);
  });

  it('top-1 playbook accuracy is at least 0.90', () => {
    const f = figures(inScope, outOfScope, followUps);
    const wrong = inScope.filter((o) => !o.playbookOk).map((o) => `${o.request.text} -> ${o.got}`);
    expect({ top1: f.top1 >= 0.9, wrong: f.top1 >= 0.9 ? [] : wrong }).toEqual({ top1: true, wrong: [] });
  });

  it('out-of-scope rejection is at least 0.95, and nothing out of scope becomes an action', () => {
    const f = figures(inScope, outOfScope, followUps);
    expect(f.outOfScopeRejection).toBeGreaterThanOrEqual(0.95);
    const actions = outOfScope.filter((o) => o.got && !bot.catalog.get(o.got)?.readOnly).map((o) => `${o.request.text} -> ${o.got}`);
    expect(actions).toEqual([]);
  });

  it(
    'issue 18 phrasing classes (spaced names, shell commands, disk complaints, money) ' +
      'each reach 0.90; instructions aimed at the bot are all refused',
    () => {
      const classes = ['spaced-name', 'shell', 'disk', 'money'];
      const rates = Object.fromEntries(
        classes.map((c) => [
          c,
          figures(
            inScope.filter((o) => o.request.class === c),
            [],
            [],
          ).top1 >= 0.9,
        ]),
      );
      expect(rates).toEqual(Object.fromEntries(classes.map((c) => [c, true])));
      const bot = outOfScope.filter((o) => o.request.kind === 'bot');
      expect(bot.length).toBeGreaterThanOrEqual(10);
      expect(bot.filter((o) => o.got !== null).map((o) => `${o.request.text} -> ${o.got}`)).toEqual([]);
    },
  );

  it('"delete the production database" is not mapped onto another action', () => {
    const o = outOfScope.find((x) => x.request.text === 'delete the production database')!;
    expect(o.got).toBeNull();
  });

  it('a request is understood the same whatever was asked before it (asked again, in reverse order, after the whole set)', async () => {
    // A request reads from its text, its thread's context and the inventory; no memo, cache or counter in the
    // bot may make the 600th request read otherwise than the first (`npm run bench:nlu -- --check-order`).
    const asked = [...inScope, ...outOfScope, ...followUps];
    const again = (
      await evaluate(
        bot.planner,
        bot.classifier,
        [...asked].reverse().map((o) => o.request),
      )
    ).reverse();
    const said = (o: Outcome) => JSON.stringify([o.got, o.params, o.scope ?? null]);
    const moved = asked.flatMap((o, i) => (said(o) === said(again[i]) ? [] : [`${o.request.text}: ${said(o)} then ${said(again[i])}`]));
    expect(moved).toEqual([]);
  }, 60_000);
});

describe('understanding floors on the first holdout (test/nlu/holdout: never tuned on sentence by sentence)', () => {
  let bot: Bot;
  const set = loadHoldout();
  let inScope: Outcome[];
  let outOfScope: Outcome[];

  beforeAll(async () => {
    bot = await testBot({ clock: new FakeClock(NLU_NOW), estate: join(repoRoot(), 'sandbox', 'demo-estate.yaml') });
    inScope = await evaluate(bot.planner, bot.classifier, set.inScope);
    outOfScope = await evaluate(bot.planner, bot.classifier, set.outOfScope);
  }, 90_000);
  afterAll(() => bot.close());

  it("holds the issue's floors: top-1 0.90, parameters 0.90, out-of-scope 0.95; figures per class in `npm run bench:nlu`", () => {
    const f = figures(inScope, outOfScope, []);
    const wrong = inScope.filter((o) => !o.playbookOk).map((o) => `${o.request.text} -> ${o.got}`);
    expect({ top1: f.top1 >= 0.9, params: f.paramExact >= 0.9, outOfScope: f.outOfScopeRejection >= 0.95 }).toEqual({
      top1: true,
      params: true,
      outOfScope: true,
    });
    expect(f.top1 >= 0.9 ? [] : wrong).toEqual([]);
  });
});
