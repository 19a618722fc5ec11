import { lookupTable, REGION_CITIES } from '../core';
import { canonical, tokens } from './tokens';

/** Words that carry no meaning in a resource reference. */
const STOP = new Set([
  'the',
  'a',
  'an',
  'my',
  'our',
  'your',
  'their',
  'please',
  'pls',
  'that',
  'this',
  'those',
  'these',
  'one',
  'ones',
  'thing',
  'called',
  'named',
  'name',
  'with',
  'for',
  'of',
  'on',
  'at',
  'to',
  'and',
  'in',
  'all',
  'some',
  'any',
  'from',
  'is',
  'are',
  'its',
]);

/**
 * Words that say what kind of thing is meant ("the box", "the database"). They count when they match
 * (a name word, the resource's type), and cost nothing when they don't.
 */
export const KIND_WORDS = new Set([
  'instance',
  'instances',
  'box',
  'boxes',
  'server',
  'servers',
  'vm',
  'vms',
  'machine',
  'machines',
  'host',
  'hosts',
  'ec2',
  'db',
  'rds',
  'cluster',
  'clusters',
  'aurora',
  'volume',
  'volumes',
  'disk',
  'disks',
  'ebs',
  'ssm',
  'managed',
  'resource',
  'resources',
]);

/** Words between an owner and what it owns ("the ml team's training box"): they count when a name has them, cost nothing else. */
const OWNER_GLUE = new Set(['team', 'teams', 'squad', 'crew', 'folks', 'dept', 'department']);
/** A database's role ("the primary", "the replica"): read by the resolver among the candidates; a name word only where names have it. */
const ROLE_WORDS = new Set(['primary', 'master', 'writer', 'replica', 'replicas', 'reader']);

/**
 * "the active directory server" is win-ad-east-1, "the domain controller" dc-1: two or three words spelled out whose
 * initials a name has, where no name has the words themselves, are said as those initials (in place, the rest blank).
 */
function initialsSaid(words: string[], vocab: QueryVocabulary): void {
  const nameWord = vocab.nameWord;
  if (!nameWord) return;
  const spelled = (w: string | undefined) => !!w && /^[a-z]{3,}$/.test(w) && !STOP.has(w) && !KIND_WORDS.has(w) && !nameWord(canonical(w));
  for (let i = 0; i + 1 < words.length; i++) {
    for (const n of [3, 2]) {
      const run = words.slice(i, i + n);
      if (run.length < n || !run.every(spelled)) continue;
      const initials = run.map((w) => w[0]).join('');
      if (KIND_WORDS.has(initials) || !nameWord(initials)) continue;
      words[i] = initials;
      for (let k = 1; k < n; k++) words[i + k] = '';
      i += n - 1;
      break;
    }
  }
}

/** A region or account id on its own (`in us-west-2`), not inside a name like `api-us-east-1-2`. */
const REGION = new RegExp(
  String.raw`(?<=^|\s)(?:(?:in|on|from)\s+)?((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)` +
    String.raw`?-(?:north|south|east|west|central)(?:east|west)?-\d)(?=\s|$)`,
  'g',
);
/**
 * Places people say for regions ("the bastion in europe", "the one in oregon"): a region, or a prefix of
 * regions (`eu-*`: any European region).
 */
const REGION_AREAS: Readonly<Record<string, string>> = lookupTable({ europe: 'eu-*', eu: 'eu-*', asia: 'ap-*', ...REGION_CITIES });
const REGION_AREA = new RegExp(String.raw`(?<=^|\s)(?:in|from)\s+(?:the\s+)?(${Object.keys(REGION_AREAS).join('|')})(?=\s|$)`, 'g');

/** Whether a resource's region is one a query's region filter names (`eu-*` is every `eu-` region). */
export function inRegion(region: string, wanted: string): boolean {
  return wanted.endsWith('*') ? region.startsWith(wanted.slice(0, -1)) : region === wanted;
}

const ACCOUNT_ID = /(?<=^|\s)(?:(?:in|on|from)\s+(?:account\s+)?)?(\d{12})(?=\s|$)/g;
const TAG_PAIR = /([\w.:/@+-]+)\s*=\s*("([^"]*)"|'([^']*)'|[^\s,]+)/g;

export interface ParsedQuery {
  raw: string;
  /** The query without its filters (`web-prod-1 in us-west-2` -> `web-prod-1`), for exact-name comparison. */
  rest: string;
  /** Words that must be explained by the resource (name, tags, facts). */
  required: string[];
  /** Kind words: count only when they match. */
  optional: string[];
  /** Hard filters from the text. */
  regions: string[];
  accounts: string[];
  tags: { key: string; value: string }[];
  /**
   * Words the filters already said (`east` for us-east-1, `staging` for "in staging"): a name word
   * among them is not held against a resource as unmentioned.
   */
  scopeWords: string[];
}

export interface QueryVocabulary {
  /** Account alias (as words, joined by a space) -> account ids. */
  aliases: Map<string, string[]>;
  /** Whether some resource's name has this word (a role word like "primary" is then a name word too). */
  nameWord?: (word: string) => boolean;
}

/**
 * Take a reference apart: `the prod postgres in staging` -> required [prod, pg], accounts [222…];
 * `web prd 2 in us-west-2` -> required [web, prod, 2], regions [us-west-2]; `owner=alice` -> a tag filter.
 */
export function parseQuery(text: string, vocab: QueryVocabulary): ParsedQuery {
  let rest = ` ${text.toLowerCase()} `;
  const tags: { key: string; value: string }[] = [];
  rest = rest.replace(TAG_PAIR, (_m, key: string, v: string, dq?: string, sq?: string) => {
    tags.push({ key, value: dq ?? sq ?? v });
    return ' ';
  });
  const regions: string[] = [];
  rest = rest.replace(REGION, (_m, region: string) => {
    regions.push(region);
    return ' ';
  });
  rest = rest.replace(REGION_AREA, (_m, area: string) => {
    regions.push(REGION_AREAS[area]);
    return ' ';
  });
  const accounts: string[] = [];
  const scopeWords = regions.flatMap((r) => tokens(r.replace('*', '')).filter((t) => !/^\d+$/.test(t)));
  rest = rest.replace(ACCOUNT_ID, (_m, id: string) => {
    accounts.push(id);
    return ' ';
  });
  // "in staging", "in the prod account": an account alias after "in" is a filter, not a name word.
  rest = rest.replace(/\b(?:in|on|from)\s+(?:the\s+)?([a-z0-9][a-z0-9 _-]*?)(?:\s+account)?(?=\s|$)/g, (m, words: string) => {
    const key = tokens(words).join(' ');
    const ids = vocab.aliases.get(key);
    if (!ids) return m;
    accounts.push(...ids);
    scopeWords.push(...tokens(words));
    return ' ';
  });
  const filtered = rest.trim().replace(/^(?:(?:the|a|an|my|our|please)\s+)+/, '');
  const required: string[] = [];
  const optional: string[] = [];
  const words = rest.split(/\s+/);
  initialsSaid(words, vocab);
  for (const [i, raw] of words.entries()) {
    // "worker a 1" is worker-a-1 typed with spaces: a letter between a word and a number is part of the name.
    const letterInName =
      raw.length === 1 && /^[a-z]$/.test(raw) && /^\d+$/.test(words[i + 1] ?? '') && !!words[i - 1] && !STOP.has(words[i - 1]);
    if (!raw || (STOP.has(raw) && !letterInName)) continue;
    const kind =
      KIND_WORDS.has(raw) ||
      KIND_WORDS.has(canonical(raw)) ||
      (OWNER_GLUE.has(raw) && words.slice(0, i).some((w) => w && !STOP.has(w))) ||
      (ROLE_WORDS.has(raw) && !vocab.nameWord?.(raw));
    for (const t of tokens(raw)) (kind || t === 'db' ? optional : required).push(t);
  }
  return { raw: text, rest: filtered, required, optional, regions, accounts, tags, scopeWords };
}
