/**
 * One request read the way the classifier needs it: values taken out (entities), intent words in their
 * canonical form (typos corrected, synonyms merged), kinds of resource mentioned, words naming things no
 * playbook acts on, and the stretches of words that name the resource (references, best first).
 */
import { lookupTable } from '../core';
import { extractEntities, type Entities } from './entities';
import {
  ENGINE_WORDS,
  ENVIRONMENTS,
  FOREIGN_OBJECTS,
  FOREIGN_VERBS,
  isExclusiveFamily,
  kindFamily,
  kindNouns,
  PHRASES,
  SIGNAL_WORDS,
  SPLIT_PHRASES,
  STOP_WORDS,
  SYNONYMS,
  type Kind,
} from './lexicon';
import { namesSaidAloud } from './spoken-names';
import { isNameLike, isStrongName, normalize, Speller, tokenize } from './text';

/** `chat`: a word only the small-talk examples use; a feature, but not an ops word. */
export type Role = 'stop' | 'signal' | 'intent' | 'chat' | 'kind' | 'engine' | 'env' | 'name' | 'unknown' | 'foreign';

export interface Word {
  /** As typed (lower case). */
  text: string;
  /** The concept it says ("halt" -> stop) or itself. */
  canon: string;
  role: Role;
  /** Something other than spaces (a comma, a masked value) stands between this word and the one before. */
  gap: boolean;
  /** The gap before this word is only a value taken out ("in oregon", "owner=ml"), no punctuation. */
  afterValue?: boolean;
  /** Corrected from a typo. */
  corrected?: boolean;
  /** An inflected form of an action word the lexicon does not list ("rebooting", "dropping"). */
  inflected?: boolean;
  /** A past participle ("stopped", "tagged"): says a state more often than an action. */
  participle?: boolean;
  /**
   * An action said with a negation: `forbidden` tells the bot not to do it ("don't stop", "never
   * terminate"); `denied` says it did not or will not happen ("didn't start", "won't stop"). Neither is
   * the action asked for.
   */
  negated?: 'forbidden' | 'denied';
  /** The inventory has a resource called exactly this, and the word stands where a name does. */
  known?: boolean;
}

export interface Reference {
  text: string;
  words: Word[];
  strong: boolean;
  /** A hyphenated name typed with spaces ("web prod 2"). */
  spaced?: boolean;
  /** Plain words next to a kind noun, which name that resource ("the billing database", "the jenkins box"). */
  named?: boolean;
  /** The inventory calls a resource by these words ("orders db", "jenkins"): the resource types they may mean. */
  resolved?: string[];
  /** Told in a clause before the request that asks nothing itself ("orders-db alerts are noisy, reboot web-1"): not acted on. */
  story?: true;
}

export interface Analysis {
  text: string;
  norm: string;
  /** `norm` with every entity masked out. */
  masked: string;
  entities: Entities;
  words: Word[];
  /** Action concepts (stop, start, reboot, ...) in the request. */
  verbs: Set<string>;
  /** Kinds named by a word that says so ("db", "ec2", "mysql"). */
  kinds: Set<Kind>;
  /** Kinds hinted at by a resource name (`billing-db-prod`). */
  hintedKinds: Set<Kind>;
  foreign: string[];
  references: Reference[];
  features: string[];
}

/** Concepts that say what to do to a resource (as opposed to what to report). */
export const ACTION_CONCEPTS = new Set([
  'stop',
  'start',
  'reboot',
  'terminate',
  'resize',
  'snapshot',
  'backup',
  'clean',
  'tag',
  'throttle',
  'unthrottle',
  'scale',
  'block',
]);
/** Concepts that say the same action for the purpose of "does this playbook do that?". */
export const VERB_GROUP: Readonly<Record<string, string>> = lookupTable({ backup: 'snapshot', scale: 'resize' });

const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'our',
  'my',
  'your',
  'their',
  'last',
  'next',
  'each',
  'every',
  'tonights',
  'todays',
]);
const STRONG_EC2 = new Set(['ec2', 'server', 'servers', 'box', 'boxes', 'vm', 'vms', 'host', 'hosts', 'machine', 'machines']);
const RDS_HINT = /(?:^|[-_.])(?:db|rds|pg|mysql|postgres|postgresql|sql|mssql|aurora|mariadb)(?:[-_.\d]|$)/;

/**
 * Round 10. A forwarded e-mail's sign-off on the last lines ("> Regards, IT Service Desk", "Thanks,\nDana", "Sent from my
 * iPhone") is who wrote it, no service or name of the request: blanked, keeping the text's length.
 */
const SIGN_OFF = new RegExp(
  String.raw`(?:\n[>\s]*(?:(?:best|kind|warm)\s+)?(?:regards|thanks|thank\s+you|cheers)\s*[,!.]?(?:[ \t]*[a-z][a-z .']{0,30})?` +
    String.raw`(?:\n[>\s]*[a-z][a-z .']{0,30}){0,2})?(?:\n[>\s]*sent\s+from\s+my\s+[a-z][a-z ]{0,20})?\s*$`,
  'i',
);
function withoutSignOff(text: string): string {
  return text.includes('\n') ? text.replace(SIGN_OFF, (m) => ' '.repeat(m.length)) : text;
}

export class Analyser {
  private readonly speller: Speller;

  /**
   * `vocabulary`: every word the training examples use (with counts); `opsWords`: the ones the playbooks'
   * examples and the lexicon use. Typos are only corrected towards ops words.
   */
  constructor(
    private readonly vocabulary: Map<string, number>,
    private readonly now: () => Date,
    private readonly opsWords: ReadonlySet<string> = new Set(vocabulary.keys()),
    private readonly names?: NameLookup,
    private readonly resolves?: ReferenceLookup,
  ) {
    this.speller = new Speller(new Map([...vocabulary].filter(([w]) => opsWords.has(w))));
  }

  /** "web prod two", "check out staging": a name said aloud written as the inventory's name (spoken-names.ts). */
  aloud(text: string): string {
    return this.resolves ? namesSaidAloud(text, this.resolves) : text;
  }

  analyse(text: string): Analysis {
    const cased = normalize(withoutSignOff(text), false);
    const norm = normalize(withoutSignOff(text));
    const extracted = extractEntities(norm, this.now(), cased.length === norm.length ? cased : norm);
    const { entities } = extracted;
    const masked = this.resolves ? servicesOfEnvironment(entities, extracted.masked, norm, this.resolves) : extracted.masked;
    let phrased = masked;
    for (const [re, concept] of SPLIT_PHRASES)
      phrased = phrased.replace(re, (_m, middle: string, particle: string) => ` ${concept(particle)} ${middle}`);
    for (const [re, concept] of PHRASES) phrased = phrased.replace(re, (m) => ` ${concept} `.padEnd(m.length, ' '));
    const tokens = tokenize(phrased);
    const words: Word[] = tokens.map((t, i) => {
      const gapText = phrased.slice(i === 0 ? 0 : tokens[i - 1].end, t.start);
      const gap = i > 0 && /[^\s]/.test(gapText);
      return { ...this.classify(t.text), gap, ...(gap && /^[\s¦]+$/.test(gapText) ? { afterValue: true } : {}) };
    });
    words.forEach((w, i) => {
      // "sql server" names an engine, not an EC2 server.
      if (w.text === 'server' && words[i - 1]?.text === 'sql') w.role = 'engine';
      // "snapshot it before the deploy": after a determiner an operation is a noun, not a request.
      if (w.role === 'foreign' && FOREIGN_VERBS.has(w.text) && !FOREIGN_OBJECTS.has(w.text) && DETERMINERS.has(words[i - 1]?.text ?? ''))
        w.role = 'unknown';
      // "ssh just hangs", "ssh to web-prod-2 times out", "login keeps failing": an operation that fails is the symptom.
      if (
        w.role === 'foreign' &&
        FOREIGN_VERBS.has(w.text) &&
        words.slice(i + 1, i + 7).some((y, k) => FAILING.has(y.text) && !words.slice(i + 1, i + 2 + k).some((z) => z.gap && !z.afterValue))
      )
        w.role = 'unknown';
      // "snapshot the postgres replica", "the primary, not the replica": an existing replica described, not one to add.
      if (w.role === 'foreign' && REPLICA.has(w.text) && REPLICA_BEFORE.has(words[i - 1]?.text ?? '') && !MAKING.test(norm))
        w.role = 'unknown';
      // "the mariadb behind search", "the db backing checkout": a word telling what a resource serves is no part of its name.
      if (w.role === 'unknown' && SERVES.has(w.text)) w.role = 'stop';
      // "a spike at 9, …", "before the 10am push": a time of day, not a name.
      if (w.role === 'name' && /^\d{1,2}(?::?\d\d)?(?:am|pm)$/.test(w.text)) w.role = 'stop';
      // "502s since 02:40", "down from 23:15 to 23:50": a clock time is when, never a name.
      if (w.role === 'name' && CLOCK_TIME.test(w.text)) w.role = 'stop';
      // "[FIRING:2]", "[RESOLVED:1]": an alert's state and count, pasted with it, never a name.
      if (w.role === 'name' && /^(?:firing|resolved|alerting|pending|triggered):\d+$/.test(w.text)) w.role = 'stop';
      // "still on 1.32", "since v2.4.1": a version is what something runs, never a name.
      if (w.role === 'name' && /^v?\d+\.\d+(?:\.\d+)?$/.test(w.text)) w.role = 'stop';
      if (
        w.role === 'name' &&
        /^\d{1,2}$/.test(w.text) &&
        ['at', 'around', 'till', 'until'].includes(words[i - 1]?.text ?? '') &&
        (i + 1 === words.length || words[i + 1].gap)
      )
        w.role = 'stop';
      // "the app can't write its files", "builds fail to upload": what fails is the symptom, not an operation asked for.
      if (w.role === 'foreign' && FOREIGN_VERBS.has(w.text) && !FOREIGN_OBJECTS.has(w.text) && CANNOT.has(words[i - 1]?.text ?? ''))
        w.role = 'unknown';
      // "i need it for the release build", "for our launch": what it is needed for is the story, not an object acted on.
      if (
        w.role === 'foreign' &&
        FOREIGN_OBJECTS.has(w.text) &&
        DETERMINERS.has(words[i - 1]?.text ?? '') &&
        words[i - 2]?.text === 'for' &&
        !words[i - 1].gap &&
        !w.gap
      )
        w.role = 'unknown';
      // "the build box", "the build runner": a machine named for what it does.
      if (
        w.role === 'foreign' &&
        BUILT_ON.has(w.text) &&
        (words[i + 1]?.role === 'kind' || MACHINE_WORDS.has(words[i + 1]?.text ?? '')) &&
        !words[i + 1].gap
      )
        w.role = 'unknown';
      // "get billing-db-staging started" asks for it; "the stopped instances" describes them.
      // "web-prod-1 stopped answering", "api-1 started throwing 502s": stopping or starting doing something is a state.
      const aspect = /^[a-z]+ing$/.test(words[i + 1]?.text ?? '') && !words[i + 1].gap;
      // "ml-train-1 stopped, start it again": what it did is told; the verb in the clause after it is what is asked.
      const askedAfter = words
        .slice(i + 1)
        .some((y, k) => isVerb(y) && !y.participle && words.slice(i + 1, i + 2 + k).some((z) => z.gap && !z.afterValue));
      if (w.participle && words[i - 1]?.role === 'name' && !w.gap && !aspect && !askedAfter) w.participle = false;
      // "could we get orders db rebooted?", "have the jenkins box restarted": "get"/"have" a resource's words, then
      // the participle, asks for it too.
      if (w.participle && !w.gap && gotDone(words, i)) w.participle = false;
      // "could the box grafana runs on be started again?", "can it be rebooted": a request in the passive.
      if (
        w.participle &&
        !w.gap &&
        words[i - 1]?.text === 'be' &&
        ASKING.has(words[0].text) &&
        !words.slice(0, i).some((y) => y.text === 'if' || y.text === 'whether')
      )
        w.participle = false;
      // "is dropping conns", "keeps terminating": what is happening, not what to do.
      if (w.inflected && /ing$/.test(w.text) && DESCRIBING.has(words[i - 1]?.text ?? '')) w.participle = true;
      // "nat-proxy-east dropping packets", "web-prod-1 killing its workers": what the named thing is doing (it planned a
      // terminate of it).
      if (w.inflected && /ing$/.test(w.text) && words[i - 1]?.role === 'name' && !w.gap) w.participle = true;
      // "before upgrading", "after deploying": when, not what.
      if (w.inflected && /ing$/.test(w.text) && WHEN.has(words[i - 1]?.text ?? '') && !w.gap) w.role = 'stop';
    });
    whenWords(words);
    // "image-resizer is hammering the db, throttle it": the thing something is doing harm to is the story, not the
    // kind of resource asked about; the resource is the one named.
    words.forEach((w, i) => {
      if (w.role !== 'kind' && w.role !== 'engine') return;
      let j = i - 1;
      while (j >= 0 && (DETERMINERS.has(words[j].text) || words[j].text === 'our') && !words[j + 1].gap) j--;
      const x = words[j];
      if (!x || words[j + 1].gap || !/ing$/.test(x.text) || (x.role === 'intent' && !x.participle)) return;
      if (DESCRIBING.has(words[j - 1]?.text ?? '') && !x.gap && words.slice(0, j).some((y) => y.role === 'name')) w.role = 'stop';
    });
    if (this.names) inventoryNameWords(words, this.names);
    spacedNameWords(words);
    if (this.resolves) spelledNames(words, this.resolves);
    if (this.resolves) initialsNamed(words, this.resolves);
    if (this.resolves) describedBeforeKind(words, this.resolves);
    words.forEach((w, i) => {
      if (isVerb(w)) {
        const n = negation(words, i);
        if (n) w.negated = n;
      }
    });
    // "didn't start …, reboot it": what did not happen gives way to what is asked. With nothing else asked
    // ("who's not tagging their stuff") the words still say what the request is about.
    if (!words.some((w) => isVerb(w) && !w.negated && !w.participle)) for (const w of words) if (w.negated === 'denied') delete w.negated;
    const verbs = mainVerbs(words);
    const kinds = new Set<Kind>();
    for (const w of words) {
      if (w.role === 'engine') kinds.add('rds');
      else if (w.role === 'kind') {
        const k = kindNouns().get(w.text)!;
        // "instance" alone is any instance (an RDS instance too); "server", "box" say EC2.
        if (k !== 'ec2' || STRONG_EC2.has(w.text)) kinds.add(k);
      }
    }
    const hintedKinds = new Set<Kind>();
    for (const w of words) if (w.role === 'name' && RDS_HINT.test(w.text)) hintedKinds.add('rds');
    // A name in quotes is the name, whatever words it is made of ("stop the server named \"Legacy Box\"").
    // Quotes around a value already taken (a service, a tag) are not a name.
    const quoted = [...masked.matchAll(/"([^"\n]{1,120})"|`([^`\n]{1,120})`/g)]
      .map((m) => (m[1] ?? m[2]).trim())
      .filter((q) => q && !q.includes('¦'));
    const references = withoutExcluded(
      [
        ...quoted.map((q) => {
          const inside = new Set(tokenize(q).map((t) => t.text));
          return { text: q, words: words.filter((w) => inside.has(w.text)), strong: true };
        }),
        ...findReferences(words),
      ],
      words,
    );
    for (const r of references) if (spacedName(r)) r.spaced = true;
    storyNamesLast(references, words);
    if (this.resolves) inventoryReferences(references, words, this.resolves);
    if (this.resolves) labelsOfIds(references, norm, this.resolves);
    symptomPlaces(references, entities, norm);
    // "the lambda that resizes images": a verb read as what a resource does (withClause, kindClause) asks for nothing.
    for (const v of [...verbs]) if (!words.some((w) => isVerb(w) && (VERB_GROUP[w.canon] ?? w.canon) === v)) verbs.delete(v);
    // "replica lag on pg instance main1 replica …, reboot that replica": a word of a resolved name said again is that
    // resource, not an unsupported thing to act on.
    const resolvedWords = new Set(references.filter((r) => r.resolved && !r.strong).flatMap((r) => r.words.map((w) => w.text)));
    for (const w of words) if (w.role === 'foreign' && resolvedWords.has(w.text)) w.role = 'unknown';
    const hinted = references.find((r) => r.resolved)?.resolved;
    if (hinted) {
      // "the orders db", "reporting-mysql": the kind of what the inventory calls so is a hint for which playbook.
      const families = new Set(hinted.map((t) => kindFamily(t)));
      const only = families.size === 1 ? [...families][0] : undefined;
      if (only) hintedKinds.add(only);
      // "payments-webhook-staging is erroring, can we pause it": a function is not stopped, it is throttled (the only
      // way to stop a Lambda running), when the one resource told is a function and nothing else says which kind.
      if (
        hinted.every((t) => t === 'lambda-function') &&
        [...kinds].every((k) => k === 'lambda') &&
        verbs.has('stop') &&
        verbs.size === 1
      ) {
        for (const w of words) if (isVerb(w) && w.canon === 'stop' && !w.negated) w.canon = 'throttle';
        verbs.delete('stop');
        verbs.add('throttle');
      }
    }
    const features = featuresOf(words, entities, kinds, references, verbs);
    return {
      text,
      norm,
      masked,
      entities,
      words,
      verbs,
      kinds,
      hintedKinds,
      foreign: words.filter((w) => w.role === 'foreign').map((w) => w.text),
      references,
      features,
    };
  }

  private classify(text: string): Omit<Word, 'gap'> {
    const canon = SYNONYMS.get(text) ?? text;
    // A registered kind's noun names that kind, even where it once named something no playbook acted on.
    if (kindNouns().has(text) && FOREIGN_OBJECTS.has(text)) return { text, canon: text, role: 'kind' };
    if (this.vocabulary.has(canon) && (FOREIGN_VERBS.has(text) || FOREIGN_OBJECTS.has(text))) return { text, canon, role: 'intent' };
    if (FOREIGN_VERBS.has(text) || FOREIGN_OBJECTS.has(text)) return { text, canon: text, role: 'foreign' };
    if (SIGNAL_WORDS.has(text)) return { text, canon: text, role: 'signal' };
    if (STOP_WORDS.has(text)) return { text, canon: text, role: 'stop' };
    if (kindNouns().has(text)) return { text, canon: text, role: 'kind' };
    if (ENGINE_WORDS.has(text)) return { text, canon: text, role: 'engine' };
    if (ENVIRONMENTS.has(text)) return { text, canon: text, role: 'env' };
    // "to gp3", "from gp2": a volume type is what the request is about, never a resource's name.
    if (VOLUME_TYPES.test(text)) return { text, canon: text, role: 'intent' };
    if (isNameLike(text)) return { text, canon: text, role: 'name' };
    if (SYNONYMS.has(text) || this.opsWords.has(canon))
      return { text, canon, role: 'intent', ...(/[^e]ed$/.test(text) && SYNONYMS.has(text) ? { participle: true } : {}) };
    if (this.vocabulary.has(canon)) return { text, canon, role: 'chat' };
    // "rebooting", "resized", "snapshotting", "terminates": an inflected form of an action word is that action.
    const stem = actionStem(text);
    // "stops", "stopped" say what happens or happened ("finance stops yelling"); "-ing" after "is"/"keeps" too (below).
    if (stem) return { text, canon: stem, role: 'intent', inflected: true, ...(/(?:ed|s)$/.test(text) ? { participle: true } : {}) };
    const fixed = this.speller.correct(text);
    if (fixed) return { text, canon: SYNONYMS.get(fixed) ?? fixed, role: 'intent', corrected: true };
    return { text, canon: text, role: 'unknown' };
  }
}

/**
 * The action an inflected word says ("rebooting" -> reboot, "resizing" -> resize, "stopped" -> stop, "snapshotting"
 * -> snapshot), when its stem is a word of the lexicon that says an action; undefined otherwise.
 */
function actionStem(text: string): string | undefined {
  const m = /^([a-z]{3,}?)(ing|ed|es|s)$/.exec(text);
  if (!m) return undefined;
  const base = m[1];
  const tries = [base, `${base}e`, /([a-z])\1$/.test(base) ? base.slice(0, -1) : ''];
  for (const t of tries) {
    const canon = t ? SYNONYMS.get(t) : undefined;
    if (canon && ACTION_CONCEPTS.has(canon)) return canon;
  }
  return undefined;
}

function isVerb(w: Word): boolean {
  return w.role === 'intent' && ACTION_CONCEPTS.has(w.canon);
}

/** Words that say an action does not happen: "didn't start", "won't stop", "is not stopping". */
const NEGATORS = new Set([
  'not',
  'dont',
  'didnt',
  'doesnt',
  'never',
  'wont',
  'cant',
  'cannot',
  'shouldnt',
  'mustnt',
  'neednt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'couldnt',
  'wouldnt',
  'hasnt',
  'havent',
]);
/** "skip the snapshot", "skipping a backup": the action left out, as an order not to do it. */
const SKIPPING = new Set(['skip', 'skipping', 'omit', 'forgo']);
const SKIP_ARTICLES = new Set(['the', 'a', 'an', 'any', 'its', 'their', 'that', 'this']);
/** Of those, the ones that tell the bot not to do it: "don't stop", "never terminate", "do not reboot". */
const FORBIDDING = new Set(['dont', 'never', 'shouldnt', 'mustnt', 'neednt']);
const BEFORE_NOT_FORBIDDING = new Set(['do', 'should', 'must', 'please', 'pls', 'need']);
/** Words that may stand between a negation and its verb: "don't ever stop", "please do not go and reboot". */
const BETWEEN_NEGATION = new Set([
  'should',
  'is',
  'be',
  'please',
  'pls',
  'plz',
  'ever',
  'you',
  'u',
  'go',
  'and',
  'to',
  'try',
  'bother',
  'even',
  'really',
  'just',
  'dare',
  'accidentally',
  // "i do not want anyone resizing the payments servers", "don't want you to reboot it".
  'want',
  'anyone',
  'anybody',
  'someone',
  'people',
]);

const FAILING = new Set([
  'hangs',
  'hang',
  'hanging',
  'hung',
  'fails',
  'failing',
  'failed',
  'times',
  'timing',
  'timed',
  'refused',
  'broken',
  'dies',
  'died',
  'stuck',
  'freezes',
  'frozen',
]);
const VOLUME_TYPES = /^(?:gp2|gp3|io1|io2|st1|sc1)$/;
/** Words before an operation that say it fails on its own ("can't write", "unable to upload"): a symptom. */
const CANNOT = new Set(['cant', 'cannot', 'couldnt', 'wont', 'unable', 'failing', 'fails', 'failed', 'fail']);
/** Is the action word at `i` negated, and how? Looks back a few words within the clause. */
function negation(words: Word[], i: number): Word['negated'] {
  // "skip the snapshot on web-1", "skip reboot": leaving the action out (qa 18f); "don't skip the snapshot" asks for it.
  const skip = SKIP_ARTICLES.has(words[i - 1]?.text ?? '') && !words[i].gap ? i - 2 : i - 1;
  if (skip >= 0 && SKIPPING.has(words[skip].text) && !words[skip + 1].gap && !words[i].gap)
    return NEGATORS.has(words[skip - 1]?.text ?? '') && !words[skip].gap ? undefined : 'forbidden';
  for (let j = i - 1; j >= 0 && i - j <= 4; j--) {
    if (words[j + 1].gap) return undefined;
    const t = words[j].text;
    // "never started", "not rebooted": a report of the past, not an order.
    if (NEGATORS.has(t))
      return !/ed$/.test(words[i].text) &&
        (FORBIDDING.has(t) || (t === 'not' && BEFORE_NOT_FORBIDDING.has(words[j - 1]?.text ?? '')) || (t === 'not' && j === 0))
        ? 'forbidden'
        : 'denied';
    // "no need to stop web-prod-1".
    if (t === 'need' && words[j - 1]?.text === 'no') return 'forbidden';
    // "nobody should resize X until …", "no one touches the payments servers": said of everyone, the bot included.
    if ((t === 'nobody' || (t === 'one' && words[j - 1]?.text === 'no')) && !/ed$/.test(words[i].text)) return 'forbidden';
    if (!BETWEEN_NEGATION.has(t)) return undefined;
  }
  return undefined;
}

/** Words right before a name that take it out: "not web-prod-1", "except", "instead of", "rather than". */
const EXCLUDING = new Set(['not', 'except', 'excluding', 'exclude', 'minus']);
const EXCLUDING_PAIRS = new Set(['instead of', 'rather than', 'other than', 'apart from', 'except for']);
/** A correction inside one message: "stop web-prod-1? no wait, web-prod-2". */
const CORRECTING = new Set(['no wait', 'wait no', 'i mean', 'i meant', 'scratch that', 'sorry', 'oops', 'correction']);

/**
 * References the request takes back: named after "not", "except", "instead of" ("not web-prod-1, stop
 * web-prod-2"), or before a correction ("stop web-prod-1? no wait, web-prod-2"). Planning those would
 * act on the one resource the person said not to touch.
 */
function withoutExcluded(refs: Reference[], words: Word[]): Reference[] {
  const at = (r: Reference) => words.indexOf(r.words[0]);
  const excluded = (r: Reference) => {
    const i = at(r);
    if (i <= 0) return false;
    const one = words[i - 1].text;
    const two = i >= 2 ? `${words[i - 2].text} ${one}` : '';
    return EXCLUDING.has(one) || EXCLUDING_PAIRS.has(two);
  };
  let kept = refs.filter((r) => !excluded(r));
  let mark = -1;
  words.forEach((w, i) => {
    if (CORRECTING.has(w.text) || (i > 0 && CORRECTING.has(`${words[i - 1].text} ${w.text}`))) mark = i;
  });
  if (mark >= 0) {
    // A name's own word says which side of the correction it is on ("i mean web-prod-2" may carry "mean").
    const at = (r: Reference) => words.indexOf(r.words.find((w) => w.text === r.text) ?? r.words[0]);
    const after = kept.filter((r) => r.strong && at(r) > mark);
    if (after.length && kept.some((r) => r.strong && at(r) >= 0 && at(r) < mark)) kept = kept.filter((r) => at(r) > mark || at(r) < 0);
  }
  return kept;
}

const CLAUSE_WORDS = new Set(['then', 'but', 'so', 'and then', 'after', 'later']);

/**
 * The actions the request asks for: those of the first clause that asks for one ("nobody uses it on
 * weekends, stop it"; not the "we'll start it later" after the comma). Participles ("the stopped
 * instance") describe a state, not an action.
 */
function mainVerbs(words: Word[]): Set<string> {
  const clauses: Word[][] = [[]];
  for (const w of words) {
    if ((w.gap || CLAUSE_WORDS.has(w.text)) && clauses[clauses.length - 1].length) clauses.push([]);
    clauses[clauses.length - 1].push(w);
  }
  const group = (ws: Word[]) => new Set(ws.map((w) => VERB_GROUP[w.canon] ?? w.canon));
  for (const c of clauses) {
    const imperative = c.filter((w) => isVerb(w) && !w.participle && !w.negated);
    if (imperative.length) return group(imperative);
  }
  return new Set();
}

/**
 * "orders-db alerts are noisy, please reboot api-staging-1", "billing-db-prod is fine but restart web-prod-2": a name told
 * in a clause before the request that asks for nothing itself is the story; the name in the clause that asks is what
 * the request is about, so it goes first (a tie between typed names went to the first one told).
 */
function storyNamesLast(refs: Reference[], words: Word[]): void {
  const clauseOf = new Map<Word, number>();
  const asking = new Set<number>();
  let n = 0;
  words.forEach((w, i) => {
    if ((w.gap || CLAUSE_WORDS.has(w.text)) && i > 0 && clauseOf.get(words[i - 1]) === n) n += 1;
    clauseOf.set(w, n);
    if (isVerb(w) && !w.participle && !w.negated) asking.add(n);
  });
  const first = Math.min(...asking);
  const at = (r: Reference) => clauseOf.get(r.words[0]) ?? -1;
  if (!refs.some((r) => r.strong && at(r) === first)) return;
  const story = (r: Reference) => r.strong && at(r) >= 0 && at(r) < first;
  if (!refs.some(story)) return;
  refs.splice(0, refs.length, ...refs.filter((r) => !story(r)), ...refs.filter(story).map((r) => ({ ...r, story: true as const })));
}

const IN_REFERENCE: Role[] = ['unknown', 'chat', 'name', 'env', 'engine', 'kind'];

/** Stretches of words that can name a resource, best first: a real name beats plain words, longer beats shorter. */
export function findReferences(words: Word[]): Reference[] {
  const runs: Word[][] = [];
  let run: Word[] = [];
  // "the logs bucket": before the noun of a registered kind (lambda, s3, ...), a word that is no action names it.
  const inReference = (w: Word, i: number) =>
    IN_REFERENCE.includes(w.role) ||
    (w.role === 'intent' &&
      !ACTION_CONCEPTS.has(w.canon) &&
      words[i + 1]?.role === 'kind' &&
      !words[i + 1].gap &&
      isExclusiveFamily(kindNouns().get(words[i + 1].text)));
  words.forEach((w, i) => {
    if (!inReference(w, i) || w.gap) {
      if (run.length) runs.push(run);
      run = inReference(w, i) ? [w] : [];
      return;
    }
    run.push(w);
  });
  if (run.length) runs.push(run);
  const refs: (Reference & { named: boolean })[] = [];
  for (const r of runs) {
    let a = 0;
    let b = r.length;
    while (a < b && r[a].role === 'kind') a++;
    while (b > a && r[b - 1].role === 'kind') b--;
    const core = r.slice(a, b);
    if (!core.length) continue;
    const strong = core.filter((w) => w.role === 'name' && isStrongName(w.text));
    // "the qa database", "the jenkins box": words next to a kind of resource are that resource's name.
    const named = core.length < r.length || core.some((w) => w.known);
    if (strong.length > 1) {
      // "stop web-prod-1 web-prod-2": two names side by side are two resources, never one with a word too many.
      let from = 0;
      strong.forEach((w, i) => {
        const to = i + 1 < strong.length ? core.indexOf(strong[i + 1]) : core.length;
        refs.push({ text: w.text, words: core.slice(from, to), strong: true, named });
        from = to;
      });
    } else if (strong.length) refs.push({ text: strong[0].text, words: core, strong: true, named });
    else refs.push({ text: core.map((w) => w.text).join(' '), words: core, strong: false, named });
  }
  // Longer beats shorter among plain words only: a real name is one name however many words trail it
  // ("reboot web-staging-1 and web-staging-2 two at a time" must not put web-staging-2 first for "two").
  const score = (r: Reference & { named?: boolean }) =>
    (r.strong ? 100 : 0) +
    (r.words.some((w) => w.role === 'name') ? 50 : 0) +
    (r.named ? 30 : 0) +
    (r.words.some((w) => w.role === 'unknown' || w.role === 'name') ? 20 : 0) +
    (r.strong ? 0 : r.words.length);
  return refs
    .map(({ named, ...r }, i) => ({ r: { ...r, ...(named ? { named } : {}) }, i }))
    .sort((x, y) => score(y.r) - score(x.r) || x.i - y.i)
    .map((x) => x.r);
}

function featuresOf(words: Word[], e: Entities, kinds: Set<Kind>, refs: Reference[], verbs: Set<string>): string[] {
  const f = new Set<string>();
  const seq: string[] = [];
  for (const w of words) {
    if (isVerb(w) && !verbs.has(VERB_GROUP[w.canon] ?? w.canon)) {
      // An action outside the main request, or a state ("the stopped instance").
      if (w.participle) f.add(`p:${w.canon}`);
      continue;
    }
    if (w.participle) f.add(`p:${w.canon}`);
    if (w.role === 'intent' || w.role === 'chat') {
      f.add(`w:${w.canon}`);
      seq.push(w.canon);
    } else if (w.role === 'signal') {
      f.add(`s:${w.text}`);
      seq.push(w.text);
    } else if (w.role === 'kind') {
      f.add(`w:${kindNouns().get(w.text) === 'rds' ? 'db' : w.text.replace(/(?:es|s)$/, '')}`);
    }
  }
  for (let i = 1; i < seq.length; i++) f.add(`b:${seq[i - 1]}_${seq[i]}`);
  for (const k of kinds) f.add(`k:${k}`);
  if (Object.keys(e.tags).length) f.add('e:tags');
  if (e.instanceTypes.length) f.add('e:itype');
  if (e.services.length) f.add('e:service');
  if (e.period) f.add('e:period');
  if (e.groupBy) f.add('e:groupby');
  if (e.regions.length || e.accounts.length || e.environments.length) f.add('e:scope');
  if (refs.length) f.add('e:ref');
  // "web prod 1", "etl worker 1": a name typed with spaces is still a name to the model.
  // "throttle payments webhook staging": a resource's very name said in words (spelledNames) is as much a name.
  if (refs.some((r) => r.strong || spacedName(r) || spelledWhole(r))) f.add('e:name');
  return [...f];
}

/** A reference of two words or more, each read as a word of one resource's very name said with spaces. */
function spelledWhole(r: Reference): boolean {
  return r.words.length > 1 && r.words.every((w) => w.known) && !!r.resolved;
}

/** Words before an "-ing" form that make it a description: "is dropping", "keeps stopping", "been terminating". */
const DESCRIBING = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'keeps', 'keep', 'kept', 'its', 'it', 'still', 'started', 'stopped']);
const WHEN = new Set(['after', 'before', 'since', 'during', 'until', 'till']);
const WHEN_DETERMINERS = new Set(['the', 'last', 'this', 'next', 'our', 'a', 'an', 'tonights', 'todays', 'big', 'latest', 'recent']);

/**
 * "did costs jump after the last release", "stop it before the migration": the event after "after"/"before"/
 * "since" says when, not what to act on or report; its plain words are neither unknown words against a
 * playbook nor a resource's name. Names (`web-prod-1`) and action words keep their roles.
 */
function whenWords(words: Word[]): void {
  words.forEach((w, i) => {
    if (!WHEN.has(w.text) || w.gap) return;
    let j = i + 1;
    while (j < words.length && !words[j].gap && WHEN_DETERMINERS.has(words[j].text)) j++;
    if (j === i + 1) return;
    const x = words[j];
    // "before the release tonight": a time after the event is still when.
    const after = words[j + 1];
    const more = after && !TIME_WORDS.has(after.text) && /^(?:unknown|name)$/.test(after.role);
    if (x && !x.gap && ['unknown', 'foreign', 'chat'].includes(x.role) && !more) x.role = 'stop';
  });
  // "snapshot pg-main before the upgrade", "before we upgrade postgres, snapshot pg-main": an action named as the
  // event is when, where another action is asked for; "before we" / "after i" start the event's own clause.
  const asked = (x: Word) => isVerb(x) && !x.participle;
  words.forEach((w, i) => {
    if (!WHEN.has(w.text)) return;
    let j = i + 1;
    if (WHEN_SUBJECTS.has(words[j]?.text ?? '')) {
      j++;
      while (j < words.length && !words[j].gap && WHEN_AUXILIARIES.has(words[j].text)) j++;
    } else {
      while (j < words.length && !words[j].gap && WHEN_DETERMINERS.has(words[j].text)) j++;
      if (j === i + 1) return;
    }
    const x = words[j];
    if (!x || x.gap || !asked(x)) return;
    if (words.some((y, k) => k !== j && asked(y) && y.canon !== x.canon)) x.role = 'stop';
  });
}
const TIME_WORDS = new Set([
  'tonight',
  'today',
  'tomorrow',
  'morning',
  'afternoon',
  'evening',
  'weekend',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
]);
const WHEN_SUBJECTS = new Set(['we', 'i', 'you', 'they', 'he', 'she', 'someone', 'anyone']);
const WHEN_AUXILIARIES = new Set(['can', 'do', 'will', 'start', 'actually', 'finally', 'try', 'to']);

/**
 * What the inventory's names say words mean (src/inventory/named-references.ts): the resource types plain words
 * name ("orders db" -> rds-instance), whether a resource is called exactly so, and whether a word matches anything
 * resources are called by.
 */
export interface ReferenceLookup {
  resolve(text: string): { types: readonly string[]; exact: boolean } | undefined;
  knows(word: string): boolean;
  /** The types of the resources called exactly `text` (a name or id as typed): a map lookup. */
  exactly(text: string): readonly string[];
  /** The word names use for `word`: itself, or the one name word of its family ("resizing" -> resizer). */
  nameWord?(word: string): string | undefined;
}

/**
 * "vol-013… (ml-dataset-scratch, 2222…/us-east-1)": a name in brackets right after an AWS id, of the same kind in the
 * inventory, is that resource's label, not a second resource (a list of two would plan a set). The id stays the reference.
 */
function labelsOfIds(refs: Reference[], norm: string, lookup: ReferenceLookup): void {
  for (const m of norm.matchAll(/\b((?:i|vol|snap|db|ami|eni|sg)-[0-9a-f]{8,17})\s*\(\s*([a-z0-9][\w.-]*[a-z0-9])\s*[,)]/g)) {
    const id = lookup.exactly(m[1]);
    const label = lookup.exactly(m[2]);
    if (!id.length || !label.length || !id.every((t) => label.includes(t))) continue;
    const at = refs.findIndex((r) => r.strong && r.text === m[2]);
    if (at >= 0) refs.splice(at, 1);
  }
}

/**
 * "the domain controller" (win-dc-1), "the active directory box" (win-ad-east-1): two or three words the inventory does
 * not know, whose initials a name has, are known together (the resolver reads them as the initials, query.ts).
 */
function initialsKnown(ws: Word[], known: boolean[], lookup: ReferenceLookup): void {
  if (!lookup.nameWord) return;
  for (let i = 0; i + 1 < ws.length; i++) {
    for (const n of [3, 2]) {
      const run = ws.slice(i, i + n);
      if (run.length < n || run.some((w, k) => known[i + k] || !/^[a-z]{3,}$/.test(w.text))) continue;
      const initials = run.map((w) => w.text[0]).join('');
      if (lookup.nameWord(initials) !== initials) continue;
      for (let k = 0; k < n; k++) known[i + k] = true;
      i += n - 1;
      break;
    }
  }
}

/** Longest stretch of a reference the inventory is asked about, in words. */
/**
 * Round 10. "the billing database in staging keeps timing out in QA": once the resource's own name or place says its
 * environment, another environment said just after a symptom ("timing out in QA", "failing in test") is where the
 * symptom shows, not where to act: it is no scope (a scope of QA would find no billing database in staging).
 */
function symptomPlaces(references: Reference[], entities: Entities, norm: string): void {
  if (!entities.environments.length) return;
  const placed = references.find((r) => r.resolved && r.words.some((w) => w.role === 'env'));
  if (!placed) return;
  const own = new Set(placed.words.filter((w) => w.role === 'env').flatMap((w) => ENV_FORMS[w.text] ?? [w.text]));
  const told = (env: string) =>
    new RegExp(
      String.raw`\b(?:[a-z]{3,}(?:ing|ed)|broken|down|slow|flaky|stuck|hung)(?:\s+(?:out|up|over|down))?\s+in\s+(?:the\s+)?${env}\b`,
    ).test(norm);
  const kept = entities.environments.filter((env) => own.has(env) || !/^[a-z]+$/.test(env) || !told(env));
  entities.environments.splice(0, entities.environments.length, ...kept);
}

/** The forms a name may carry an environment word in ("prod" for production, "stage" for staging). */
const ENV_FORMS: Readonly<Record<string, readonly string[]>> = lookupTable({
  prod: ['prod', 'production'],
  production: ['production', 'prod'],
  prd: ['prod', 'production'],
  staging: ['staging', 'stage', 'stg'],
  stage: ['stage', 'staging'],
  stg: ['stg', 'staging'],
  dev: ['dev', 'development'],
  development: ['development', 'dev'],
});

/**
 * "bounce the staging checkout service", "restart the checkout service in staging": a service said with its environment
 * before it (or, alone in the request, after "in") is the resource whose name carries both (checkout-staging), when the
 * inventory has exactly that name; otherwise the service stays as said (checkout) and the environment a scope.
 */
function servicesOfEnvironment(e: Entities, masked: string, norm: string, lookup: ReferenceLookup): string {
  let out = masked;
  e.services.forEach((service, k) => {
    const svc = service.toLowerCase();
    if (!/^[a-z][a-z0-9-]*$/.test(svc)) return;
    // "scale the staging checkout service to 4 tasks" reads as "… staging scale checkout service …" (phrasing.ts).
    const m = new RegExp(`\\b([a-z]+)\\s+(?:scale\\s+)?${svc}\\s+(?:service|ecs\\s+service)\\b`).exec(norm);
    const before = m && ENVIRONMENTS.has(m[1]) ? m[1] : undefined;
    const said = before ? [before] : e.environments.length === 1 ? e.environments : [];
    for (const env of said)
      for (const form of ENV_FORMS[env] ?? [env]) {
        const name = [`${svc}-${form}`, `${form}-${svc}`].find((n) => lookup.exactly(n).length);
        if (!name) continue;
        e.services[k] = name;
        // The environment word is the name's now: no reference of its own (it read as an instance called "staging").
        if (m && before && out.slice(m.index, m.index + before.length) === before)
          out = out.slice(0, m.index) + '¦'.repeat(before.length) + out.slice(m.index + before.length);
        return;
      }
  });
  return out;
}

const MAX_LOOKED_UP = 5;

/** A part of an alarm's name that says the metric or its level ("DiskSpaceUtilization", "high", "CPU", "StatusCheckFailed"). */
const ALARM_PART = new RegExp(
  '^(?:disk|space|utili[sz]ation|cpu|memory|mem|status|check|checks|failed|high|low|alarm|alert|latency|errors?|' +
    'throttles?|throttled|free|storage|credit|balance|percent|pct|usage|used|warning|critical|crit|warn|iops|network|' +
    'queue|depth|burst|swap|full|threshold|count|freeable|connections?|database|invocations|duration|unhealthy|host|5xx|4xx)+$',
);

/** The resource name inside an alarm's name: metric parts dropped from either end (at most three), looked up exactly. */
function nameInAlarm(text: string, lookup: ReferenceLookup): { name: string; types: readonly string[] } | undefined {
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(text)) return undefined;
  const parts = text.split(/[-_]/);
  let from = 0;
  let to = parts.length;
  while (from < to - 1 && from < 3 && ALARM_PART.test(parts[from])) from++;
  while (to > from + 1 && parts.length - to < 3 && ALARM_PART.test(parts[to - 1])) to--;
  if (from === 0 && to === parts.length) return undefined;
  // Every way to drop the metric parts, the name kept longest first: "cpu-high-web-prod-1-alarm", "etl-worker-1-disk".
  for (let a = 0; a <= from; a++)
    for (let b = parts.length; b >= to; b--) {
      if (a === 0 && b === parts.length) continue;
      const name = parts.slice(a, b).join('-');
      if (!name) continue;
      const types = lookup.exactly(name);
      if (types.length) return { name, types };
    }
  return undefined;
}

/**
 * References the inventory resolves are names, whatever words they are made of: "start jenkins back up, builds r
 * queued since 2am" names jenkins, not "builds r queued". A plain reference is asked whole, then its longest part
 * made of words the inventory knows ("etl worker keeps failing writes" is etl worker); the part the inventory calls
 * a resource becomes the reference, marked `named` and `resolved`. A typed name (`reporting-mysql`) is looked up
 * exactly. Resolved ones go first, in their order, with typed names that look like a resource's (a number in them)
 * and the inventory does not have: those are still names, not story. A request costs a few lookups, remembered.
 */
function inventoryReferences(refs: Reference[], words: Word[], lookup: ReferenceLookup): void {
  let any = false;
  for (const [i, r] of refs.entries()) {
    if (i >= 4) break;
    if (r.strong) {
      const types = lookup.exactly(r.text);
      if (types.length) {
        refs[i] = { ...r, named: true, resolved: [...types] };
        any = true;
        continue;
      }
      // Round 10. "ALARM: "DiskSpaceUtilization-etl-worker-1"": a CloudWatch alarm name is a resource's name with the
      // metric or a level before or after it; the name inside is the resource when the inventory has exactly it.
      const inside = nameInAlarm(r.text, lookup);
      if (inside) {
        refs[i] = { ...r, text: inside.name, named: true, resolved: [...inside.types] };
        any = true;
      }
      continue;
    }
    // "the ml team's training machine": who owns it describes it (its owner tag or its name), "team" itself names nothing.
    const ws = r.words.filter((w, k) => w.role !== 'stop' && !(k > 0 && OWNER_GLUE.has(w.text)));
    if (!ws.length || ws.length > MAX_LOOKED_UP + 2) continue;
    // Round 10. "mysql staging needs a reboot": plain words that are a resource's very name with spaces for its hyphens
    // (mysql-staging) name that one resource, as surely as a spaced name ending in a number ("web prod 1").
    if (ws.length >= 2 && ws.length <= 4 && ws.every((w) => /^[a-z][a-z0-9]*$/.test(w.text) && !w.gap)) {
      const types = lookup.exactly(ws.map((w) => w.text).join('-'));
      if (types.length) {
        refs[i] = { ...r, text: ws.map((w) => w.text).join(' '), words: ws, named: true, spaced: true, resolved: [...types] };
        any = true;
        continue;
      }
    }
    const served = servedBy(ws, words, lookup);
    if (served) {
      refs[i] = { ...r, text: served.text, words: served.words, named: true, resolved: [...served.types] };
      any = true;
      continue;
    }
    const known = ws.map((w) => lookup.knows(w.text));
    initialsKnown(ws, known, lookup);
    const whole = nameWords(ws) && known.every(Boolean) ? lookup.resolve(ws.map((w) => w.text).join(' ')) : undefined;
    // "the sandbox box" (sandbox-box): the kind noun after plain words may be a word of the very name.
    const next = words[words.indexOf(ws[ws.length - 1]) + 1];
    if (!whole && nameWords(ws) && known.every(Boolean) && next?.role === 'kind' && !next.gap && ws.length < MAX_LOOKED_UP) {
      const named = lookup.resolve([...ws, next].map((w) => w.text).join(' '));
      if (named?.exact && named.types.length) {
        refs[i] = { ...r, text: [...ws, next].map((w) => w.text).join(' '), words: [...ws, next], named: true, resolved: [...named.types] };
        any = true;
        continue;
      }
    }
    // "the billing database in prod needs a reboot": plain words, their kind noun and the place together resolve.
    if (!whole && nameWords(ws) && known.every(Boolean) && next?.role === 'kind' && !next.gap && ws.length < MAX_LOOKED_UP) {
      const placed: Reference = { ...r, text: ws.map((w) => w.text).join(' '), words: ws };
      withPlace(placed, words, lookup);
      const types = placed.words.length > ws.length ? lookup.resolve(placed.text)?.types : undefined;
      if (types?.length) {
        refs[i] = { ...placed, named: true, resolved: [...types] };
        withClause(refs[i], words, lookup);
        any = true;
        continue;
      }
    }
    const hit = whole?.types.length ? { from: 0, to: ws.length, types: whole.types } : resolvedPart(ws, known, lookup);
    if (!hit) {
      // "the linux box that runs the exports": what it does may say which, where its words alone do not.
      const described: Reference = { ...r, text: ws.map((w) => w.text).join(' '), words: ws };
      if (nameWords(ws) && withClause(described, words, lookup)) {
        refs[i] = { ...described, named: true };
        any = true;
      }
      continue;
    }
    const part = ws.slice(hit.from, hit.to);
    refs[i] = {
      ...r,
      ...(hit.from === 0 && hit.to === ws.length ? {} : { text: part.map((w) => w.text).join(' '), words: part }),
      named: true,
      resolved: [...hit.types],
    };
    withPlace(refs[i], words, lookup);
    withClause(refs[i], words, lookup);
    any = true;
  }
  // "throttle the lambda that resizes images", "reboot the server that hosts the wiki": only what it does names it.
  if (!any) {
    const described = kindClause(words, lookup);
    if (!described) return;
    refs.unshift(described);
    any = true;
  }
  // A typed name the inventory lacks keeps its place only when it is shaped like a name ("artifact-runner-9"), not an
  // alert's counter ("[FIRING:1]").
  const first = (r: Reference) => !!r.resolved || (r.strong && /\d/.test(r.text) && /[a-z][-_.][a-z0-9]/.test(r.text));
  // Words of a clause read as a description (withClause) are no references of their own.
  const live = refs.filter((r) => r.strong || r.resolved || r.words.some((w) => w.role !== 'stop'));
  const ordered = [...live.filter(first), ...live.filter((r) => !first(r))];
  refs.splice(0, refs.length, ...ordered);
}

const REPLICA = new Set(['replica', 'replicas']);
/** Before "replica", words that say an existing one is meant: a determiner, an engine, a place. */
const REPLICA_BEFORE = new Set([
  'the',
  'that',
  'this',
  'its',
  'our',
  'postgres',
  'mysql',
  'pg',
  'mariadb',
  'aurora',
  'prod',
  'staging',
  'db',
]);
/** A request to make one: "add a read replica", "spin up a replica", "promote the replica". */
const MAKING = /\b(?:add|create|make|spin\s+up|launch|provision|set\s+up|new|another|promote|more)\b/;

/** Words between an owner and what it owns ("the data team's etl box"): no part of a name. */
const OWNER_GLUE = new Set(['team', 'teams', 'squad', 'crew', 'folks', 'dept', 'department', 'group']);

/** Words saying what a resource serves: "the mariadb behind search", "the postgres backing checkout". */
const SERVES = new Set(['behind', 'backing', 'backs', 'powering', 'powers', 'underneath', 'beneath', 'serving', 'serves']);

/**
 * "the mariadb behind search", "the database backing checkout", "the redis for sessions": an engine or a kind noun
 * (with any name words before it), then what it serves, a word the inventory knows: the resource is described by
 * both ("search mariadb"), so the resolver reads the engine and the name or tag word together.
 */
function servedBy(
  ws: Word[],
  words: Word[],
  lookup: ReferenceLookup,
): { text: string; words: Word[]; types: readonly string[] } | undefined {
  const last = ws[ws.length - 1];
  const j = words.indexOf(last);
  if (last.role !== 'engine' && last.role !== 'kind') return undefined;
  let k = j + 1;
  const rel = words[k];
  if (!rel || rel.gap || !(SERVES.has(rel.text) || rel.text === 'for')) return undefined;
  k++;
  if (words[k] && !words[k].gap && (words[k].text === 'the' || words[k].text === 'our')) k++;
  const what = words[k];
  if (!what || what.gap || !PLAIN.test(what.text) || what.text.length < 3 || !lookup.knows(what.text)) return undefined;
  const text = `${what.text} ${ws.map((w) => w.text).join(' ')}`;
  // An engine is read by the resolver, not by the names the lookup knows: a database described so is one.
  const types = lookup.resolve(text)?.types ?? (last.role === 'engine' ? ['rds-instance'] : undefined);
  if (!types?.length) return undefined;
  what.role = 'unknown';
  what.canon = what.text;
  return { text, words: [what, ...ws], types };
}

/**
 * "the bastion in europe", "our kafka thing in staging", "the bastion in prod": the place after a plain name
 * narrows it; the reference says it ("bastion in europe") when the inventory resolves the whole, so the resolver
 * reads the place (a region, an environment word of the name or its tags) instead of asking which bastion.
 */
function withPlace(ref: Reference, words: Word[], lookup: ReferenceLookup): void {
  let j = words.indexOf(ref.words[ref.words.length - 1]) + 1;
  // "our kafka thing in staging": a filler noun between the name and the place.
  if (words[j]?.text === 'thing' || words[j]?.text === 'one') j++;
  // "the billing database in prod needs a reboot": the kind noun after the name, then the place.
  const kind = words[j]?.role === 'kind' && !words[j].gap ? words[j++] : undefined;
  const at = words[j];
  const place = words[j + 1];
  if (!at || !place || at.text !== 'in' || at.gap || place.gap || !['unknown', 'env'].includes(place.role)) return;
  // The place ends there: "in staging", not "in staging since monday ..." read as one name.
  // "in staging keeps timing out": what is told of it after the place ends it too.
  const after = words[j + 2];
  if (after && !after.gap && ['unknown', 'name'].includes(after.role) && !DESCRIBING.has(after.text)) return;
  const text = `${ref.text}${kind ? ` ${kind.text}` : ''} in ${place.text}`;
  const named = lookup.resolve(text);
  if (!named?.types.length) return;
  ref.text = text;
  ref.words = [...ref.words, ...(kind ? [kind] : []), place];
}

/** Words opening a clause that tells what a resource does ("the windows box that builds the finance reports"). */
const RELATIVE = new Set(['that', 'which', 'who', 'thats']);
/** Longest clause read as a description, in words. */
const MAX_CLAUSE = 6;

/**
 * "the windows machine in prod that builds the finance reports", "the box which runs grafana": what a resolved
 * resource does narrows it. The clause's words the inventory knows are added to the reference when the whole still
 * resolves ("reports windows machine in prod" is win-report-prod-1, where "windows machine in prod" was two), and the
 * clause's words are read as no more than that (its verb is what the resource does, not a request).
 */
function withClause(ref: Reference, words: Word[], lookup: ReferenceLookup): boolean {
  let j = words.indexOf(ref.words[ref.words.length - 1]) + 1;
  // "the linux box that …": the kind noun after the name, then the clause.
  if (words[j]?.role === 'kind' && !words[j].gap) j++;
  const rel = words[j];
  // A place taken out as a value before it ("… in prod that …") leaves a mark, not a break.
  if (!rel || (rel.gap && !rel.afterValue) || !RELATIVE.has(rel.text)) return false;
  const clause: Word[] = [];
  for (let k = j + 1; k < words.length && clause.length < MAX_CLAUSE && !words[k].gap; k++) clause.push(words[k]);
  // The clause asks nothing: "the box that you should reboot" is a request, not a description.
  if (clause.length < 2 || clause.some((w) => w.role === 'signal' || (w.role === 'stop' && ASKING.has(w.text)))) return false;
  const told = clause.slice(1).filter((w) => PLAIN.test(w.text) && w.text.length >= 3 && w.role !== 'stop' && lookup.knows(w.text));
  if (!told.length) return false;
  const text = `${ref.text} ${told.map((w) => w.text).join(' ')}`;
  const named = lookup.resolve(text);
  if (!named?.types.length) return false;
  // The clause is said before the reference's words: its last word is no plural the set reader would take for a fleet's.
  ref.text = `${told.map((w) => w.text).join(' ')} ${ref.text}`;
  ref.resolved = [...named.types];
  for (const w of clause) {
    w.role = 'stop';
    w.canon = w.text;
    delete w.participle;
    delete w.inflected;
  }
  return true;
}

/**
 * A kind noun, then a clause telling what it does, and nothing else naming it ("the lambda that resizes the images"):
 * the clause's words the inventory knows are the reference when they resolve; the clause asks nothing of its own.
 */
function kindClause(words: Word[], lookup: ReferenceLookup): Reference | undefined {
  const at = words.findIndex((w, i) => w.role === 'kind' && RELATIVE.has(words[i + 1]?.text ?? '') && !words[i + 1].gap);
  if (at < 0) return undefined;
  const clause: Word[] = [];
  for (let k = at + 2; k < words.length && clause.length < MAX_CLAUSE && !words[k].gap; k++) clause.push(words[k]);
  if (clause.length < 2 || clause.some((w) => w.role === 'signal' || (w.role === 'stop' && ASKING.has(w.text)))) return undefined;
  const told = clause.filter((w) => PLAIN.test(w.text) && w.text.length >= 3 && w.role !== 'stop' && lookup.knows(w.text));
  if (!told.length) return undefined;
  const text = told.map((w) => w.text).join(' ');
  const named = lookup.resolve(text);
  if (!named?.types.length) return undefined;
  for (const w of clause) {
    w.role = told.includes(w) ? 'unknown' : 'stop';
    w.canon = w.text;
    delete w.participle;
    delete w.inflected;
  }
  return { text, words: told, strong: false, named: true, resolved: [...named.types] };
}

/** Words that may be a name's: not only kind, environment or engine words ("staging"), nor starting with a kind noun. */
function nameWords(ws: Word[]): boolean {
  return ws[0].role !== 'kind' && !ws.every((w) => w.role === 'kind' || w.role === 'env' || w.role === 'engine');
}

/**
 * The part of `ws` the inventory resolves: each longest run of words it knows (the words it does not know are the
 * story), longest first; when every word is known, the reference without its last or its first word. At most a
 * few index searches, however long the reference.
 */
function resolvedPart(
  ws: Word[],
  known: boolean[],
  lookup: ReferenceLookup,
): { from: number; to: number; types: readonly string[] } | undefined {
  const n = ws.length;
  const parts: [number, number][] = [];
  if (known.every(Boolean)) {
    if (n > 1) parts.push([0, n - 1], [1, n]);
    if (n > 2) parts.push([1, n - 1]);
  } else {
    for (let from = 0; from < n; from++) {
      if (!known[from] || (from > 0 && known[from - 1])) continue;
      let to = from;
      while (to < n && known[to]) to++;
      parts.push([from, Math.min(to, from + MAX_LOOKED_UP)]);
    }
    parts.sort((a, b) => b[1] - b[0] - (a[1] - a[0]) || a[0] - b[0]);
  }
  for (const [from, to] of parts.slice(0, 3)) {
    const part = ws.slice(from, to);
    if (!nameWords(part)) continue;
    if (part.length === 1 && (part[0].text.length < 3 || /^\d+$/.test(part[0].text))) continue;
    const named = lookup.resolve(part.map((w) => w.text).join(' '));
    if (named?.types.length) return { from, to, types: named.types };
  }
  return undefined;
}

/** Words opening a request said as a question: "could it be restarted", "can the box be started". */
/** A foreign thing that names the machine it runs on when a machine word follows ("build runner", "build box"). */
const BUILT_ON = new Set(['build']);
const MACHINE_WORDS = new Set([
  'runner',
  'runners',
  'agent',
  'agents',
  'worker',
  'workers',
  'node',
  'nodes',
  'host',
  'hosts',
  'server',
  'servers',
]);
const ASKING = new Set(['could', 'can', 'would', 'will', 'pls', 'please']);

/** "get <one to four words of a name> <participle>": the participle at `i` is what is asked for. */
function gotDone(words: Word[], i: number): boolean {
  let j = i - 1;
  // "get the box jenkins runs on started": a clause about the box ends in its preposition.
  const inName = (w: Word) => ['unknown', 'name', 'kind', 'env', 'engine'].includes(w.role) || w.text === 'on' || w.text === 'in';
  while (j >= 0 && i - j <= 4 && !words[j + 1].gap && inName(words[j])) j--;
  if (j === i - 1 || j < 0 || words[j + 1].gap) return false;
  if (DETERMINERS.has(words[j].text) && j > 0 && !words[j].gap) j--;
  return ['get', 'got', 'have'].includes(words[j].text);
}

/** Whether a word is a resource's whole name (`name`) or the first word of names (`head`), from the inventory. */
export type NameLookup = (word: string) => 'name' | 'head' | undefined;

/** Words after which the next one may start a name: "the checkout", "every checkout task", "all the search prod nodes". */
const BEFORE_NAME_WORD = new Set(['the', 'all', 'every', 'each', 'our', 'my', 'on', 'of', 'for', 'and', 'those', 'these', 'both']);
const NAME_GOES_ON: Role[] = ['unknown', 'env', 'name', 'kind'];

/**
 * A word the examples taught ("checkout" of "restart the checkout service", "search" as find) that the inventory
 * says is a name ("checkout", an ECS service) or starts names (search-prod-1) is read as the name where it stands
 * like one: after "the"/"every"/"all the" in a request for an action, and followed by more of a name or a kind
 * noun ("every checkout task", "all the search prod nodes"); a whole name may also end the request ("restart the
 * checkout"). "search for kafka" and "the cost by service" keep their words: nothing of a name follows.
 */
function inventoryNameWords(words: Word[], names: NameLookup): void {
  const asks = words.some((w) => isVerb(w) && !w.participle);
  words.forEach((w, i) => {
    if (!asks && i > 0) return;
    if ((w.role !== 'intent' && w.role !== 'chat') || isVerb(w) || w.participle || w.gap || !PLAIN.test(w.text)) return;
    const found = names(w.text);
    if (!found) return;
    // "search prod 1 is running out of disk": a spaced name may open the request.
    if (i === 0 && found === 'head' && spacedAfter(words, i)) {
      w.role = 'unknown';
      w.canon = w.text;
      return;
    }
    const next = words[i + 1];
    // "scale checkout to 6 tasks", "set checkout at 3": a resource's whole name between the verb and the count it is set to.
    const counted =
      found === 'name' &&
      i > 0 &&
      isVerb(words[i - 1]) &&
      !!next &&
      !next.gap &&
      (next.text === 'to' || next.text === 'at') &&
      NUMBER.test(words[i + 2]?.text ?? '');
    if (counted) {
      w.role = 'unknown';
      w.canon = w.text;
      w.known = true;
      // The count is the value asked for, not a second name.
      words[i + 2].role = 'stop';
      return;
    }
    // "checkout in ecs is hung, restart it", "checkout is down": a whole name opening the request, said where it is
    // or what it is doing, is the resource the request is about.
    if (i === 0 && found === 'name' && next && (!next.gap || next.afterValue) && opensWithName(words)) {
      w.role = 'unknown';
      w.canon = w.text;
      w.known = true;
      return;
    }
    // "restart checkout", "restart checkout in prod, the ecs one": a whole name straight after the action, ending the
    // clause (a place said there is a value taken out), is the resource acted on.
    if (found === 'name' && i > 0 && isVerb(words[i - 1]) && !words[i - 1].gap && !words[i - 1].negated && (!next || next.gap)) {
      w.role = 'unknown';
      w.canon = w.text;
      w.known = true;
      return;
    }
    if (!BEFORE_NAME_WORD.has(words[i - 1]?.text ?? '')) return;
    const goesOn = !!next && !next.gap && NAME_GOES_ON.includes(next.role);
    if (!goesOn && !(found === 'name' && (!next || next.gap))) return;
    w.role = 'unknown';
    w.canon = w.text;
    if (found === 'name') w.known = true;
  });
}

/** After a name opening the request: "<name> in ecs", "<name> in prod", "<name> is …", "<name> keeps …". */
function opensWithName(words: Word[]): boolean {
  const next = words[1];
  if (['in', 'on'].includes(next.text)) return ['kind', 'env'].includes(words[2]?.role ?? '') && !words[2].gap;
  // "checkout serving stale config, restart the ecs service": what the named thing is doing, said on a phone.
  if (/^[a-z]{3,}ing$/.test(next.text) && !next.gap && words.slice(2).some((w) => w.gap)) return true;
  return ['is', 'keeps', 'has', 'was', 'seems', 'looks', 'down'].includes(next.text);
}

/** One to three plain words after `i`, then a number ending the name: "search prod 1 is …". */
function spacedAfter(words: Word[], i: number): boolean {
  let j = i + 1;
  while (j < words.length && j <= i + 3 && !words[j].gap && PLAIN.test(words[j].text) && ['unknown', 'env', 'name'].includes(words[j].role))
    j++;
  return j > i + 1 && !!words[j] && !words[j].gap && NUMBER.test(words[j].text);
}

/** A clock time as typed in a story: "02:40", "23:15:07", "9:05pm", "14:00utc". */
const CLOCK_TIME = /^\d{1,2}:\d\d(?::\d\d)?(?:am|pm|z|utc)?$/;
/** Longest run of words spelling a resource's name with spaces ("pg instance main1 replica"). */
const MAX_SPELLED = 5;

/**
 * Words that spell a resource's very name with spaces instead of hyphens ("cache node 10" for cache-node-10,
 * "resize search prod 2", "pg instance main1 replica") are that name, whatever else each word may be on its own
 * (a verb like "search" or "train", a kind noun like "node" or "instance", an engine like "pg", "replica"): they
 * become plain name words, the reference. Longest runs first; at most MAX_SPELLED - 1 map lookups per word.
 */
function spelledNames(words: Word[], lookup: ReferenceLookup): void {
  const plain = (w: Word | undefined) => !!w && /^[a-z0-9]+$/.test(w.text) && w.role !== 'stop' && w.role !== 'signal';
  for (let i = 0; i < words.length; i++) {
    if (!plain(words[i])) continue;
    let end = i + 1;
    while (end < words.length && end - i < MAX_SPELLED && plain(words[end]) && !words[end].gap) end++;
    for (let to = end; to >= i + 2; to--) {
      const run = words.slice(i, to);
      // Two plain words without a number ("image resizer", "nightly export") only where a name stands: opening a clause,
      // after a determiner, or before a kind noun ("the image resizer lambda", "pg staging is idle, stop it").
      // Straight after the action is where a name stands too ("restart search api in prod").
      const framed =
        i === 0 ||
        words[i].gap ||
        DETERMINERS.has(words[i - 1]?.text ?? '') ||
        (isVerb(words[i - 1]) && !words[i - 1].negated) ||
        (words[to]?.role === 'kind' && !words[to].gap);
      if (!run.some((w) => /\d/.test(w.text)) && run.length < 3 && !framed) continue;
      const said = namedAs(run, lookup);
      if (!said) continue;
      run.forEach((w, k) => {
        // "the image resizing lambda": the name's own word (`resizer`) is what the resolver is asked.
        if (said[k] !== w.text) w.text = said[k];
      });
      for (const w of run) {
        w.known = true;
        // Kind, engine and environment words stay what they are (they still say which playbook, "billing db prod").
        if (IN_REFERENCE.includes(w.role) && !(w === run[0] && w.role === 'kind')) continue;
        w.role = 'unknown';
        w.canon = w.text;
        delete w.participle;
        delete w.inflected;
        delete w.corrected;
      }
      i = to - 1;
      break;
    }
  }
}

/**
 * The words of a resource's very name that `run` says: the words themselves when they are the name joined, else each
 * word as names use it ("image resizing" -> image, resizer; "events ingestion" -> events, ingest) when that is a name.
 */
function namedAs(run: Word[], lookup: ReferenceLookup): string[] | undefined {
  const typed = run.map((w) => w.text);
  if (lookup.exactly(typed.join('-')).length) return typed;
  // "staging payments webhook" is payments-webhook-staging: the environment said first of a name that ends in it.
  if (run.length >= 3 && run[0].role === 'env') {
    const moved = [...typed.slice(1), typed[0]];
    if (lookup.exactly(moved.join('-')).length) return typed;
  }
  if (!lookup.nameWord) return undefined;
  const named = typed.map((t) => (/^[a-z]{4,}$/.test(t) ? (lookup.nameWord!(t) ?? t) : t));
  if (named.every((t, k) => t === typed[k])) return undefined;
  return lookup.exactly(named.join('-')).length ? named : undefined;
}

/**
 * "reboot the windows report server in prod" (win-report-prod-1), "the nightly export box": two or three words between a
 * determiner and a kind noun, one of them a word the classifier reads as an action or a thing of its own ("report",
 * "export"), are a description when the inventory resolves them together: plain name words, so the reference keeps them.
 */
function describedBeforeKind(words: Word[], lookup: ReferenceLookup): void {
  for (let i = 1; i < words.length; i++) {
    if (!DETERMINERS.has(words[i - 1].text) || words[i].gap) continue;
    let j = i;
    while (j < words.length && j - i < 3 && words[j].role !== 'kind' && !words[j].gap && /^[a-z][a-z0-9]*$/.test(words[j].text)) j++;
    const kind = words[j];
    if (j - i < 2 || !kind || kind.role !== 'kind' || kind.gap) continue;
    const run = words.slice(i, j);
    if (!run.some((w) => w.role === 'intent' || w.role === 'foreign')) continue;
    if (!run.every((w) => ['unknown', 'intent', 'foreign', 'name', 'engine'].includes(w.role) && !w.negated && lookup.knows(w.text)))
      continue;
    if (!lookup.resolve(run.map((w) => w.text).join(' '))?.types.length) continue;
    for (const w of run) {
      if (w.role !== 'intent' && w.role !== 'foreign') continue;
      w.role = 'unknown';
      w.canon = w.text;
      delete w.participle;
      delete w.inflected;
      delete w.corrected;
    }
    i = j;
  }
}

/** Initials that are kind or engine words ("data bucket" is no `db`). */
const KIND_INITIALS = /^(?:db|pg|vm|os|ip)$/;

/**
 * "reboot the domain controller" (win-dc-west-2): two or three plain words, where a name stands (after a determiner or
 * before a kind noun), whose initials a name has and the words themselves no name, are that name's description, not
 * what each word is alone ("domain" is otherwise DNS, out of scope): plain name words of the reference.
 */
function initialsNamed(words: Word[], lookup: ReferenceLookup): void {
  if (!lookup.nameWord) return;
  const spelled = (w: Word | undefined) => !!w && !w.gap && /^[a-z]{3,}$/.test(w.text) && (w.role === 'unknown' || w.role === 'foreign');
  for (let i = 1; i < words.length; i++) {
    if (!DETERMINERS.has(words[i - 1].text) && !isVerb(words[i - 1])) continue;
    for (const n of [3, 2]) {
      const run = words.slice(i, i + n);
      if (run.length < n || !run.every(spelled) || (i > 0 && run[0].gap)) continue;
      const initials = run.map((w) => w.text[0]).join('');
      if (KIND_INITIALS.test(initials) || lookup.nameWord(initials) !== initials) continue;
      if (run.some((w) => lookup.nameWord!(w.text) === w.text)) continue;
      for (const w of run) {
        w.role = 'unknown';
        w.canon = w.text;
      }
      i += n - 1;
      break;
    }
  }
}

const BEFORE_A_NAME = new Set(['on', 'of', 'for', 'from', 'at', 'the', 'to']);
const PLAIN = /^[a-z][a-z0-9]*$/;
const NUMBER = /^\d{1,3}$/;

/**
 * A hyphenated name typed with spaces ends in a number ("search prod 2", "worker b 1"); the words before the
 * number are the name's, even a word that is also a verb ("search", "find") after "on"/"the", or a single
 * letter ("a", "b") between a word and the number. Marked as plain words so they stay in the reference.
 */
function spacedNameWords(words: Word[]): void {
  words.forEach((w, i) => {
    // "worker a 1", "node b 2": a single letter between a plain word and the number.
    if (
      /^[a-z]$/.test(w.text) &&
      w.role === 'stop' &&
      !w.gap &&
      words[i - 1]?.role === 'unknown' &&
      NUMBER.test(words[i + 1]?.text ?? '') &&
      !words[i + 1].gap
    )
      w.role = 'unknown';
  });
  words.forEach((w, i) => {
    if (w.role !== 'intent' || w.gap || !PLAIN.test(w.text) || !BEFORE_A_NAME.has(words[i - 1]?.text ?? '')) return;
    // "able to stop api staging 1": after "to" an action is the action, and the name follows it.
    if (words[i - 1].text === 'to' && isVerb(w)) return;
    // One to three plain words after it (an environment word counts), then the number, nothing joined after it.
    let j = i + 1;
    while (
      j < words.length &&
      j <= i + 3 &&
      !words[j].gap &&
      PLAIN.test(words[j].text) &&
      ['unknown', 'env', 'name'].includes(words[j].role)
    )
      j++;
    const end = words[j];
    if (j === i + 1 || !end || end.gap || !NUMBER.test(end.text)) return;
    const after = words[j + 1];
    if (after && !after.gap && ['unknown', 'name'].includes(after.role)) return;
    w.role = 'unknown';
    w.canon = w.text;
  });
}

/** Plain words ending in a number, as a hyphenated name is typed with spaces ("web prod 1", "kafka broker 2"). */
function spacedName(r: Reference): boolean {
  const w = r.words;
  if (r.strong || w.length < 2 || w.length > 4 || !/^\d{1,3}$/.test(w[w.length - 1].text)) return false;
  const head = w.slice(0, -1);
  return (
    head.every((x) => /^[a-z][a-z0-9]*$/.test(x.text) && (x.role === 'unknown' || x.role === 'env' || x.role === 'name')) &&
    head.some((x) => x.role === 'unknown')
  );
}
