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
export function namedReferences(inventory: Pick<Inventory, 'search' | 'version' | 'knows' | 'exact' | 'nameWord'>): NamedReferences {
  let version = -1;
  const known = new Map<string, NamedReference | null>();
  const words = new Map<string, boolean>();
  const fresh = () => {
    if (inventory.version !== version) {
      known.clear();
      words.clear();
      version = inventory.version;
    }
  };
  return {
    resolve(text) {
      fresh();
      const key = text.trim().toLowerCase();
      if (!key) return undefined;
      let named = known.get(key);
      if (named === undefined) {
        named = typesNamed(inventory, key);
        if (known.size >= MAX_REMEMBERED) known.clear();
        known.set(key, named);
      }
      return named ?? undefined;
    },
    exactly(text) {
      return [...new Set(inventory.exact(text).map((r) => r.type))];
    },
    nameWord(word) {
      return inventory.nameWord(word);
    },
    knows(word) {
      fresh();
      let k = words.get(word);
      if (k === undefined) {
        k = inventory.knows(word);
        if (words.size >= MAX_REMEMBERED) words.clear();
        words.set(word, k);
      }
      return k;
    },
  };
}

/** The lookup the classifier is given. */
export interface NamedReferences {
  /** What the words name, or undefined when the inventory calls nothing so. */
  resolve(text: string): NamedReference | undefined;
  /** Whether a word matches anything resources are called by: a word that does not is no part of a name (cheap). */
  knows(word: string): boolean;
  /** The types of the resources called exactly `text` (name or id, any case): a map lookup. */
  exactly(text: string): ResourceType[];
  /** The word names use for `word`: itself, or the one name word of its family ("resizing" -> resizer). */
  nameWord(word: string): string | undefined;
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
