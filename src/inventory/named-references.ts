import type { ResourceType } from '../core';
import type { Inventory } from './Inventory';

/** Below this a fuzzy match does not make one plain word a name ("logs" is one word of acme-prod-logs: 0.78). */
const NAMED_SCORE = 0.8;
/** Two words or more, each matching the resource, may explain less of its name ("windows reporting": 0.79). */
const NAMED_SCORE_WORDS = 0.75;
/** Matches within this of the best are all what the words may mean (their kinds are the hint). */
const CLOSE = 0.05;
/** Distinct texts remembered between inventory changes (a chat repeats its phrasings; bounded all the same). */
const MAX_REMEMBERED = 5_000;

/**
 * Whether plain words are what the inventory calls a resource ("orders db" -> orders-db, "build runner 7",
 * "jenkins" -> jenkins-ci, "the ml training machine" -> ml-train-1), and the resource types they may mean.
 * The classifier asks it of the stretches of words it reads as references: one the inventory resolves is a
 * name, not the story around it ("builds r queued since 2am"), and its kind says which playbook. Every
 * word must match something of the resource (a word the resource does not explain is story), and the match
 * must be a confident one; which resource it is stays the resolver's question (it may still ask).
 * Answers are remembered until the inventory changes, so a request costs at most a few index searches.
 */
export function namedReferences(inventory: Pick<Inventory, 'search' | 'version'>): (text: string) => NamedReference | undefined {
  let version = -1;
  const known = new Map<string, NamedReference | null>();
  return (text) => {
    if (inventory.version !== version) {
      known.clear();
      version = inventory.version;
    }
    const key = text.trim().toLowerCase();
    if (!key) return undefined;
    let types = known.get(key);
    if (types === undefined) {
      types = typesNamed(inventory, key);
      if (known.size >= MAX_REMEMBERED) known.clear();
      known.set(key, types);
    }
    return types ?? undefined;
  };
}

/** What plain words name: the types of the resources they may mean, and whether one is called exactly so. */
export interface NamedReference {
  types: ResourceType[];
  /** A resource's very name or id, as typed or with other punctuation ("orders db" for orders-db). */
  exact: boolean;
}

function typesNamed(inventory: Pick<Inventory, 'search'>, text: string): NamedReference | null {
  const least = text.includes(' ') ? NAMED_SCORE_WORDS : NAMED_SCORE;
  const ranked = inventory.search(text, { limit: 8, exactFirst: true, minScore: least, within: CLOSE });
  const sure = ranked.filter((x) => x.tier === 'id' || x.tier === 'name' || (x.score >= least && !x.unexplained && !x.otherNumber));
  if (!sure.length) return null;
  const best = sure[0].score;
  const types = [...new Set(sure.filter((x) => best - x.score <= CLOSE + 1e-9).map((x) => x.resource.type))];
  return { types, exact: sure[0].tier === 'id' || sure[0].tier === 'name' };
}
