/**
 * A reply to a "which one did you mean?" card, typed instead of clicked: "the second one", "#2", "staging", "the prod
 * one", "web-staging-1 then". The choice it names when it names exactly one; undefined for anything else (a new
 * request, a word no choice has, two choices that fit), which is then planned as any message is.
 */
import type { ChoiceLabel } from './ports';

const ORDINALS: Readonly<Record<string, number>> = Object.assign(Object.create(null), {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
});

/** Words of a reply that name no choice ("the staging one then please", "I mean the one in prod"). */
const FILLER = new Set(
  (
    'the a one ones then please pls i mean meant that this yes yeah yep ok okay sure in on from at account region ' +
    'pick go with use take it its is do lets let s want wanted to would like choose no sorry oh ah actually thanks thx ' +
    'env environment of for instance server box database db function lambda volume service cluster'
  ).split(' '),
);

/** Environment words as tags and account aliases spell them. */
const SAME: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  production: 'prod',
  prd: 'prod',
  stage: 'staging',
  stg: 'staging',
  development: 'dev',
});
const same = (w: string) => SAME[w] ?? w;

/** The words a choice answers to: its name and id (whole and in parts), account id and alias, region, environment. */
function wordsOf(c: ChoiceLabel): Set<string> {
  const out = new Set<string>();
  for (const text of [c.name, c.id, c.account, c.accountAlias, c.region, c.environment]) {
    if (!text) continue;
    const lower = text.toLowerCase();
    out.add(same(lower));
    for (const part of lower.split(/[^a-z0-9]+/)) if (part) out.add(same(part));
  }
  return out;
}

export function chosenByReply(text: string, candidates: readonly ChoiceLabel[]): ChoiceLabel | undefined {
  const words = text
    .toLowerCase()
    .split(/[^a-z0-9#.-]+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter(Boolean);
  if (!words.length || words.length > 8 || candidates.length < 2) return undefined;
  // "the second one", "#2", "number 2", "option 2", "the last one", "2" alone.
  const at = ordinal(words, candidates.length);
  if (at !== undefined) return candidates[at];
  const said = words.filter((w) => !FILLER.has(w)).map(same);
  if (!said.length) return undefined;
  const labels = candidates.map(wordsOf);
  // A word no choice has ("reboot", "web-prod-9") makes the reply a request of its own.
  if (said.some((w) => !labels.some((l) => l.has(w)))) return undefined;
  const fits = candidates.filter((_, i) => said.every((w) => labels[i].has(w)));
  return fits.length === 1 ? fits[0] : undefined;
}

function ordinal(words: string[], count: number): number | undefined {
  const rest = words.filter((w) => !FILLER.has(w) && w !== 'number' && w !== 'option' && w !== 'no.');
  if (rest.length !== 1) return undefined;
  const w = rest[0];
  let at: number | undefined;
  if (w === 'last') at = count - 1;
  else if (w in ORDINALS) at = ORDINALS[w];
  else if (/^#?\d$/.test(w) && (w.startsWith('#') || words.length <= 3)) at = Number(w.replace('#', '')) - 1;
  return at !== undefined && at >= 0 && at < count ? at : undefined;
}
