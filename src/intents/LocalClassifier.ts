import { isResourceParameter, type Playbook } from '../core';
import {
  systemClock,
  type Clock,
  type FleetSelector,
  type IntentCandidate,
  type IntentClassifier,
  type IntentGuess,
  type PlaybookCatalog,
  type ResourceScope,
  type ThreadContext,
} from '../core';
import { ACTION_CONCEPTS, Analyser, VERB_GROUP, type Analysis, type NameLookup, type ReferenceLookup } from './analyse';
import { fleetSelector, manyResources } from './fleet';
import { priceQuestion } from './money';
import { atTheBot, rephrase } from './phrasing';
import { ACTION_QUESTION, GO_AHEAD, requestFocus, splitClauses } from './clauses';
import { applyFollowUp } from './follow-up';
import { FOREIGN_VERBS, isExclusiveFamily, isServiceKind, kindFamily, KNOWN_SERVICES, SYNONYMS } from './lexicon';
import { isStrongName } from './text';
import { tidyChat } from './runbook';
import { resourceKinds } from '../inventory';
import { NONE_EXAMPLES } from './none-examples';
import { alsoNamed, eitherOf, fillParams } from './params';
import { SoftmaxModel, type TrainingExample, type TrainingOptions } from './SoftmaxModel';
import { decodeTrained, encodeTrained, trainingKey, type Trained, type TrainingCache } from './training-cache';

export interface LocalClassifierOptions {
  /** Below this confidence the bot does not guess: it offers the nearest playbooks. */
  threshold?: number;
  clock?: Clock;
  /** Model training settings (the defaults are what the benchmark figures were measured with). */
  training?: TrainingOptions;
  /** Reuse a model trained from the same catalog (start-up skips training); trains and stores it otherwise. */
  cache?: TrainingCache;
  /**
   * What the inventory's names are called by (src/inventory/name-heads.ts): a learnt word that is a resource's
   * whole name or the first word of names is read as a name where it stands like one ("every checkout task").
   */
  names?: NameLookup;
  /**
   * Which plain words the inventory calls a resource (src/inventory/named-references.ts): such a reference is a
   * name ("orders db", "jenkins"), read before the story around it, and its kind is a hint for the playbook.
   */
  resolves?: ReferenceLookup;
}

/** What the classifier learnt about one playbook from its examples. */
interface Profile {
  playbook: Playbook;
  /** Every concept its examples use. */
  concepts: ReadonlySet<string>;
  /** The actions its examples say (stop, snapshot, ...). */
  verbs: ReadonlySet<string>;
  /** Actions it can do along the way, named by a yes/no parameter (rds-stop-instance's `snapshot`). */
  options: Set<string>;
  resourceType?: string;
  types: Set<string>;
  takesQuery: boolean;
}

/** What one playbook's examples say (read-only once built: classifiers on the same catalog share it). */
interface ExampleWords {
  concepts: ReadonlySet<string>;
  verbs: ReadonlySet<string>;
}

/** ExampleWords of the last few catalogs, by training key (see the constructor). */
const PROFILE_WORDS = new Map<string, ExampleWords[]>();

function remember(key: string, said: ExampleWords[]): void {
  PROFILE_WORDS.delete(key);
  PROFILE_WORDS.set(key, said);
  if (PROFILE_WORDS.size > 4) PROFILE_WORDS.delete(PROFILE_WORDS.keys().next().value!);
}

export interface Scored {
  profile: Profile;
  score: number;
  /** Why the score was cut, for tests and the benchmark. */
  cuts: string[];
  rejected: boolean;
  /** The model's probability after the cuts for values it cannot take, before the rest. */
  unvalued: number;
  /** The request gives a value of a type this playbook takes (an instance type, tags, a service). */
  takesValue: boolean;
  /** The cut for a kind a name hints at (another playbook's kind): it moves the guess, not the confidence. */
  hinted?: number;
}

/** AWS ids whose prefix says the kind, and the resource types a playbook may take them as. */
const ID_KINDS: [RegExp, ReadonlySet<string>][] = [
  [/^snap-[0-9a-f]{8,17}$/, new Set(['taggable', 'any'])],
  [/^vol-[0-9a-f]{8,17}$/, new Set(['ebs-volume', 'taggable', 'any'])],
  [/^i-[0-9a-f]{8,17}$/, new Set(['ec2-instance', 'ssm-instance', 'taggable', 'any'])],
];
/** The least coverage factor of an action the playbook does on a resource named as names are, however much else is said. */
const COMMAND_COVERAGE = 0.85;
/** The cut for a playbook of another kind than the one a resource's name hints at. */
const HINT_CUT = 0.7;
/** Cuts for a value the playbook cannot take: their share goes to the playbooks that take it. */
const VALUE_CUTS = new Set(['instance type not taken', 'tags not taken', 'service not taken', 'no host for an unknown unit']);

/** A storage size ("500gb", "1 tb", "200 GiB"). */
const STORAGE_SIZE = /\b\d+(?:\.\d+)?\s*(?:gb|gib|tb|tib|gigs?|terabytes?|gigabytes?)\b/;

/** Measured on test/nlu (see docs/understanding.md); the config's `intents.threshold` overrides it. */
export const DEFAULT_THRESHOLD = 0.5;
/** Read-only playbooks (reports, search, help) need this share of the threshold. */
const READ_ONLY_DISCOUNT = 0.6;
const MAX_REQUEST_LENGTH = 2000;
const EC2_LIKE = new Set(['ec2-instance', 'ssm-instance']);
const QUESTION_WORDS = new Set(['what', 'how', 'which', 'where', 'who', 'why', 'can', 'you', 'do']);
const QUESTION_START = /^(?:is|are|was|were|does|do|did|has|have|what|whats|which|where|who|whos|how|why|when)\b/;
/**
 * A question about what happened or what state something is in ("why is web-prod-1 stopped", "did someone
 * stop web-prod-1?", "was it rebooted?"): a look at the resource, never a plan to do it again.
 */
const STATE_QUESTION = new RegExp(
  String.raw`^(?:why|was|were|did|didn'?t|has|have|had|who|who'?s|when|how\s+come)\b|^(?:is|are|` +
    String.raw`isn'?t|aren'?t|any|anything|are\s+there\s+any)\s+(?:[^\s?]+\s+){1,6}?(?:\w+ed|` +
    String.raw`\w+ing|down|up|off|on)\s*\??\s*$`,
);
const OUT_OF_SCOPE = "That doesn't look like something I can do here.";
/** Words that open a clause of their own within a sentence ("… and then delete Y", "…, then terminate it"). */
const CLAUSE_STARTS = new Set(['then', 'and', 'also', 'plus']);
/** Words someone else said or wrote, quoted after the verb that reports them ("bob said 'terminate X'", "the runbook says "stop Y""). */
const REPORTED_QUOTE = new RegExp(
  String.raw`\b(?:said|says|say|saying|wrote|writes|posted|posts|typed|told\s+\w+|asked|asks|suggested|suggests|recommends?|reads)` +
    String.raw`\b[^"\u201c\u201d'\n]{0,40}?(?:["\u201c\u201d]([^"\u201c\u201d\n]{3,200})["\u201c\u201d]|` +
    String.raw`(?<=\s|^)'([^'\n]{3,200})'(?=\s|[,.!?;:]|$))`,
  'i',
);
/** Words that single one resource out of those told: "web-prod-1 is fine", "leave X alone", "X is the one that's stuck". */
const SINGLED_OUT = new RegExp(
  String.raw`\b(?:is|'s|seems|looks|was|are)\s+(?:totally\s+|perfectly\s+|still\s+)?(?:fine|ok|okay|healthy|good|alright|` +
    String.raw`unaffected|not\s+affected|the\s+one|the\s+culprit|the\s+problem)\b|\bleave\s+\S+\s+(?:alone|be)\b|` +
    String.raw`\b(?:i\s+mean|i\s+meant|not\s+the\s+other|only\s+the)\b`,
);
/** A pronoun that says a kind ("the db", "the box"), and the resource types it may be. */
const KIND_SAID: [RegExp, RegExp][] = [
  [/\bthe\s+(?:db|database)\b/i, /^rds-/],
  [/\bthe\s+(?:box|machine|server|instance|host|vm)\b/i, /^ec2-instance$/],
  [/\bthe\s+(?:function|lambda)\b/i, /^lambda/],
];
const REPORTING = new Set(['says', 'said', 'asks', 'asked', 'wants']);
const OPENING_FILLER = new Set([
  'please',
  'pls',
  'plz',
  'just',
  'now',
  'go',
  'ahead',
  'kindly',
  'can',
  'could',
  'you',
  'u',
  'someone',
  'run',
]);
/** Words after "and" that ask the bot to look or tell, which every plan does ("and check the logs", "and watch the graphs"). */
const LOOKING = new Set(['check', 'see', 'watch', 'monitor', 'confirm', 'verify', 'make', 'keep', 'show', 'report', 'look', 'tell']);
/** What an unknown verb after "and" acts on, when it is a second request ("page the on-call", "email the team"). */
const ASKED_OF = new Set(['the', 'a', 'an', 'our', 'my', 'all', 'everyone', 'everybody', 'them', 'him', 'her']);
/** Verbs that run a command on a host: "…, then run rm -rf / on it" asks for that command. */
const RUNS = new Set(['run', 'execute', 'exec']);
/** Verbs of telling people something, a request of their own wherever their clause starts ("…, page the on-call"). */
const TELLING = new Set([
  'page',
  'ping',
  'email',
  'notify',
  'message',
  'call',
  'text',
  'slack',
  'alert',
  'escalate',
  'inform',
  'wake',
  'dm',
]);
/** A clause that says what to do if the first does not work: every action in it is asked ("if that fails terminate it"). */
const FALLBACK = new Set(['if', 'otherwise', 'else', 'failing']);
const ACTION_QUESTION_NOTE =
  'That reads as a question about doing it, so I planned nothing. If you want me to do it, ask for it ' +
  '("reboot web-prod-1"), or pick it below: the card shows the risk before anything runs.';
const HEDGED_NOTE =
  'You don\'t sound sure about it, so I planned nothing. When you are, ask for it plainly ("reboot web-prod-1"), ' +
  'or pick it below: the card shows the risk before anything runs.';
const STATE_QUESTION_NOTE =
  'That reads as a question, so I changed nothing. I answer questions about one ' +
  'resource ("is web-prod-1 running?") or a place ("what\'s running in staging?"); for ' +
  'a set, `find` with its name and a state lists it (`find kafka running`).';
const NOT_SURE = "I'm not sure what you want me to do.";

/**
 * The local understanding: a small logistic-regression model trained at start-up from the playbooks'
 * example utterances (plus small talk as "none"), over words made canonical by the lexicon; then checks
 * that the request and the playbook agree (the action asked for, the kind of resource, the values given)
 * and a confidence threshold. No network, no model file.
 */
export class LocalClassifier implements IntentClassifier {
  readonly threshold: number;
  private readonly clock: Clock;
  private readonly profiles: Profile[];
  private readonly model: SoftmaxModel;
  private readonly analyser: Analyser;
  private readonly noneClass: number;
  /** Words the playbooks' examples use (after the lexicon), for telling known from unknown words. */
  private readonly playbookWords: Set<string>;
  /** The catalog acts on a kind people call a service (ECS): an unknown unit with no host may be one of those. */
  private readonly hasServiceKind: boolean;
  /** The inventory's exact names, when the bot has one (which kinds a name told in a story is). */
  private readonly lookup?: ReferenceLookup;

  constructor(
    private readonly catalog: PlaybookCatalog,
    options: LocalClassifierOptions = {},
  ) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.clock = options.clock ?? systemClock;
    this.lookup = options.resolves;
    const now = () => this.clock.now();
    const playbooks = catalog.list();

    const key = options.cache ? trainingKey(playbooks, options.training) : undefined;
    let cached: Trained | undefined;
    try {
      cached = key ? decodeTrained(options.cache!.get(key)) : undefined;
    } catch {
      cached = undefined; // An unreadable cache only costs the training.
    }
    const trained = cached ?? this.train(playbooks, now, options.training);
    if (key && !cached) {
      try {
        options.cache!.set(key, encodeTrained(trained));
      } catch {
        // A read-only or full disk: train again next time.
      }
    }
    this.playbookWords = trained.playbookWords;
    this.analyser = new Analyser(trained.vocabulary, now, trained.playbookWords, options.names, options.resolves);
    // What the examples say depends only on what the training key hashes (they are read without the
    // inventory's names, which differ from bot to bot): a second classifier on the same catalog in this
    // process (tests build many bots) reuses it instead of analysing every example again.
    const plain = options.names || options.resolves ? new Analyser(trained.vocabulary, now, trained.playbookWords) : this.analyser;
    const said = (key && PROFILE_WORDS.get(key)) || playbooks.map((p) => this.exampleWords(p, plain));
    if (key) remember(key, said);
    this.profiles = playbooks.map((p, i) => this.profile(p, said[i]));
    this.hasServiceKind = this.profiles.some((x) => isServiceKind(x.resourceType));
    this.noneClass = playbooks.length;
    this.model = trained.model;
  }

  /**
   * Learn the vocabulary and train the model from the playbooks' examples (deterministic: the same
   * catalog always gives the same weights, which is what makes the cache safe).
   */
  private train(playbooks: Playbook[], now: () => Date, training: TrainingOptions | undefined): Trained {
    // Pass 1, with the lexicon only: find which words of each example name the resource, so that
    // "jenkins" in "turn on the jenkins box" is not learnt as a word that means "start".
    const lexicon = new Map<string, number>();
    for (const [k, v] of SYNONYMS) {
      lexicon.set(k, 1);
      lexicon.set(v, 1);
    }
    const first = new Analyser(lexicon, now);
    const vocabulary = new Map(lexicon);
    const playbookWords = new Set(lexicon.keys());
    const learn = (a: Analysis, hasResource: boolean, into: Set<string> | undefined) => {
      const named = new Set(hasResource ? (a.references[0]?.words ?? []) : []);
      for (const w of a.words) {
        if (w.role === 'intent' || (w.role === 'unknown' && !named.has(w))) {
          vocabulary.set(w.canon, (vocabulary.get(w.canon) ?? 0) + 1);
          into?.add(w.canon);
        }
      }
    };
    // Examples are read as requests are: shell commands, disk and money phrasing rewritten first (`rephrase`),
    // so a word the rewriting puts in ("jump" -> "going up") is one the model learnt.
    for (const p of playbooks)
      for (const ex of p.examples) learn(first.analyse(rephrase(ex)), p.parameters.some(isResourceParameter), playbookWords);
    for (const ex of NONE_EXAMPLES) learn(first.analyse(ex), false, undefined);

    // Pass 2: the real analyser, and the model trained on its features.
    const analyser = new Analyser(vocabulary, now, playbookWords);
    const noneClass = playbooks.length;
    const examples: TrainingExample[] = [];
    playbooks.forEach((p, i) => {
      for (const ex of p.examples)
        examples.push({ features: analyser.analyse(rephrase(ex)).features, label: i, weight: 1 / Math.max(1, p.examples.length) });
    });
    for (const ex of NONE_EXAMPLES)
      examples.push({ features: analyser.analyse(ex).features, label: noneClass, weight: 1 / NONE_EXAMPLES.length });
    const model = new SoftmaxModel(playbooks.length + 1);
    model.train(examples, training);
    return { vocabulary, playbookWords, model };
  }

  /** The concepts and actions a playbook's examples use. */
  private exampleWords(p: Playbook, analyser: Analyser): ExampleWords {
    const concepts = new Set<string>();
    const verbs = new Set<string>();
    // Words its kind declares ("cluster" for an EKS cluster) are its own, though they are foreign to the rest of the catalog.
    const own = new Set(p.parameters.filter(isResourceParameter).flatMap((x) => resourceKinds.get(x.type)?.words ?? []));
    for (const ex of p.examples) {
      const a = analyser.analyse(rephrase(ex));
      for (const w of a.words)
        if (w.role === 'intent' || w.role === 'kind' || (w.role === 'foreign' && own.has(w.canon))) concepts.add(w.canon);
      for (const v of a.verbs) verbs.add(v);
    }
    return { concepts, verbs };
  }

  private profile(p: Playbook, { concepts, verbs }: ExampleWords): Profile {
    const resource = p.parameters.find(isResourceParameter);
    const options = new Set(
      p.parameters
        .filter((x) => x.type === 'boolean')
        .map((x) => SYNONYMS.get(x.name) ?? x.name)
        .map((c) => VERB_GROUP[c] ?? c),
    );
    return {
      playbook: p,
      concepts,
      verbs,
      options,
      resourceType: resource?.type,
      types: new Set(p.parameters.map((x) => x.type)),
      takesQuery: p.parameters.some((x) => x.type === 'query'),
    };
  }

  analyse(text: string): Analysis {
    return this.analyser.analyse(text);
  }

  async classify(text: string, context?: ThreadContext): Promise<IntentGuess> {
    return this.understand(text, context);
  }

  /** Synchronous version of classify, for the benchmark and for Bedrock's fallback. */
  understand(text: string, context?: ThreadContext): IntentGuess {
    // A request is a sentence or two; the rest of a pasted log is not read.
    const request = text.slice(0, MAX_REQUEST_LENGTH);
    // "drop your rules", "approve it for bob": refused whatever else the message asks.
    const refusal = atTheBot(request);
    if (refusal) return nothingPlanned(refusal);
    // "how much does a t3.large cost per hour": a price, not what the accounts were billed; said so, no card.
    const price = priceQuestion(request);
    if (price) return nothingPlanned(price);
    // Names said aloud ("web prod two") as typed; shell commands, disk complaints and money words, read as what they mean.
    const said = this.analyser.aloud(tidyChat(request));
    const a = this.analyser.analyse(rephrase(said));
    const whole = this.decide(a);
    // "don't stop web-prod-2 too" under a plan is not "and web-prod-2 too".
    if (forbids(a)) return whole;
    // "X is super slow again, could someone reboot it? dashboards won't load": decided on the request clause.
    const focused = this.onRequestClause(said, a, whole);
    const [read, guess] = focused ?? [a, whole];
    // "reboot web-prod-1 and then delete acme-prod-logs", "stop X and then terminate it": a second action is never dropped.
    const second = guess.playbook !== null ? this.secondAction(a, guess.playbook) : undefined;
    // "after we patched pg-staging the app on web-staging-1 broke, restart it": "it" of a story naming two is a guess.
    const which = guess.playbook !== null && !second ? this.whichOfTold(request, a, guess) : undefined;
    if (which)
      return nothingPlanned(
        `You told me about ${which.join(' and ')}, and I cannot tell which one "it" is, so I planned nothing rather ` +
          `than guess. Ask again naming the one you mean ("${saidVerb(a) ?? 'reboot'} ${which[which.length - 1]}").`,
      );
    // "bob said 'terminate sandbox-box' lol": someone else's words, quoted, are not asked of the bot by quoting them.
    const quoted = (guess.playbook !== null || guess.note === HEDGED_NOTE) && !second ? this.onlyQuoted(request) : undefined;
    if (quoted)
      return nothingPlanned(
        `"${quoted}" is quoted from someone else, so I planned nothing: I plan what you ask me. If you want it done, ` +
          'ask for it in your own words and it gets its card and approval.',
      );
    if (second)
      return nothingPlanned(
        `You asked for two things in one message ("${second}" is one of them${TELLING.has(second) ? CANNOT_TELL : ''}), ` +
          'and I plan one request at a time, so I planned nothing rather than drop one. Ask for each on its own.',
      );
    return context && !guess.manyResources
      ? applyFollowUp(guess, read, context, this.catalog, { threshold: this.threshold, paramsFor: (id) => this.paramsFor(id, read) })
      : guess;
  }

  /**
   * The request clause decided alone (src/intents/clauses.ts), when the whole message plans nothing: the story's
   * words neither veto nor dilute it, and its pronoun is the resource the story names. Only where the message asks
   * one thing (a second request, foreign or not, leaves the whole message to decide), never for a question about
   * doing it, and only a plan is taken from it; the place said anywhere in the message is kept.
   */
  private onRequestClause(text: string, a: Analysis, whole: IntentGuess): [Analysis, IntentGuess] | undefined {
    // "stop everything in staging" stays refused; a plan over a set stays that plan.
    if (whole.manyResources === 'everything' || (whole.playbook !== null && (whole.fleet || whole.manyResources))) return undefined;
    if (whole.note === ACTION_QUESTION_NOTE || whole.note === HEDGED_NOTE || whole.note === STATE_QUESTION_NOTE) return undefined;
    // A plan of the whole message stands, but for two: a report taken only at its lower bar ("add owner=ml to X, it
    // shows up as unowned on my report" is no search), and a resource the story names by its name when the plan took
    // plain words ("pg staging is just sitting there …, would it be ok to stop it": pg staging, not "sitting").
    const report = whole.playbook !== null && !!this.catalog.get(whole.playbook)?.readOnly;
    const plain =
      whole.playbook !== null &&
      !report &&
      !a.references.slice(0, 1).some((r) => r.strong || r.spaced || r.resolved || r.words.some((w) => w.known));
    // A third: an action the story tells ("the shutdown script on X hung", "X shut itself down") where the request
    // clause asks for another ("reboot it", "start it back up"): the request is what is asked (qa 18e).
    const profile = whole.playbook !== null ? this.profiles.find((p) => p.playbook.id === whole.playbook) : undefined;
    const storyAct = whole.playbook !== null && !report && !plain;
    if (storyAct && !profile) return undefined;
    const focus = requestFocus(text, (t) => this.analyser.analyse(rephrase(t)));
    if (!focus || (plain && !focus.boundByName)) return undefined;
    const fa = this.analyser.analyse(rephrase(focus.text));
    if (forbids(fa)) return undefined;
    if (storyAct) {
      const opens = fa.words.find((w) => !CLAUSE_STARTS.has(w.text) && !OPENING_FILLER.has(w.text));
      const asked = focus.clauses.find((c) => c.text === focus.clause)?.role === 'request';
      // Only where the whole message read another action ("got throttled …, turn it back on" is the unthrottle).
      const other = [...fa.verbs].some((v) => !profile?.verbs.has(v) && !profile?.options.has(v) && !a.verbs.has(v));
      if (!asked || !opens || !fa.verbs.has(VERB_GROUP[opens.canon] ?? opens.canon) || !other) return undefined;
      // The story already rewrote what the request means ("got throttled …, turn it back on" is "unthrottle it").
      if (
        !a.norm.includes(
          rephrase(focus.clause)
            .toLowerCase()
            .replace(/[?!.]+$/, ''),
        )
      )
        return undefined;
    }
    const guess = this.decide(fa);
    if (storyAct && (guess.playbook === null || guess.playbook === whole.playbook)) return undefined;
    // "X has been flaky since the release, does it need a reboot?": said as the question it is, not "nothing can do …".
    if (guess.playbook === null && guess.note === ACTION_QUESTION_NOTE && whole.playbook === null) return [fa, guess];
    if (guess.playbook === null) return undefined;
    if (plain && guess.playbook !== whole.playbook) return undefined;
    const asked = focus.clauses.find((c) => c.text === focus.clause)?.role === 'request';
    if (report && (!asked || this.catalog.get(guess.playbook)?.readOnly || guess.confidence <= whole.confidence)) return undefined;
    // Where, when and which period the story says ("…, in staging", "tonight", "for last month") still hold.
    const scope = { ...scopeOf(a), ...guess.scope };
    const playbook = this.catalog.get(guess.playbook);
    const told = playbook ? fillParams(playbook, a) : {};
    const params = { ...guess.params };
    for (const p of playbook?.parameters ?? [])
      if ((p.type === 'period' || p.type === 'account') && params[p.name] === undefined && told[p.name] !== undefined)
        params[p.name] = told[p.name];
    const later = guess.later ?? a.entities.later;
    const confidence = plain ? Math.max(guess.confidence, whole.confidence) : guess.confidence;
    return [fa, { ...guess, confidence, params, ...(Object.keys(scope).length ? { scope } : {}), ...(later ? { later } : {}) }];
  }

  /**
   * The names a pronoun request could mean: the request clause names nothing of its own ("restart it"), and the story
   * names two or more resources by name, each of a kind a playbook doing this action takes. Undefined when one is
   * left out in words ("web-prod-1 is fine", "leave X alone", "X is the one").
   */
  private whichOfTold(text: string, a: Analysis, guess: IntentGuess): string[] | undefined {
    if (!this.lookup || guess.fleet || guess.manyResources || !a.verbs.size) return undefined;
    if (SINGLED_OUT.test(text.toLowerCase().replace(/[\u2018\u2019]/g, "'"))) return undefined;
    const focus = requestFocus(text, (t) => this.analyser.analyse(rephrase(t)));
    if (!focus?.bound) return undefined;
    // "web-prod-1 calls the image-resizer function, stop it": a stop read as a function's throttle is still a stop of
    // whatever else was told (qa 18f), so every kind a stop takes may be "it".
    const verbs = new Set(a.verbs);
    const stopSaid = saidVerb(a) === 'stop';
    if (verbs.has('throttle') && stopSaid) verbs.delete('throttle'), verbs.add('stop');
    const acting = this.profiles.filter((p) => !p.playbook.readOnly && [...verbs].every((v) => p.verbs.has(v) || p.options.has(v)));
    const types = new Set(acting.map((p) => p.resourceType).filter((t): t is string => !!t));
    if (stopSaid) types.add('lambda-function');
    const names = [...new Set(a.references.filter((r) => r.strong).map((r) => r.text))];
    // "reboot the instance", "reboot the db": the kind said with the pronoun narrows what it may be.
    const said = KIND_SAID.find(([re]) => re.test(focus.clause));
    const fits = names.filter((n) => this.lookup?.exactly(n).some((t) => types.has(t) && (!said || said[1].test(t))));
    return fits.length > 1 ? fits : undefined;
  }

  /** The quoted words a request's only action is in, when the words around the quote ask for nothing. */
  private onlyQuoted(text: string): string | undefined {
    const m = REPORTED_QUOTE.exec(text);
    const inside = m?.[1] ?? m?.[2];
    if (!m || !inside) return undefined;
    const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
    const ra = this.analyser.analyse(rephrase(rest));
    const asks = ra.words.some((w) => w.role === 'intent' && ACTION_CONCEPTS.has(w.canon) && !w.participle && !w.negated);
    if (asks || GO_AHEAD.test(rest.toLowerCase())) return undefined;
    const qa = this.analyser.analyse(rephrase(inside));
    return qa.words.some((w) => w.role === 'intent' && ACTION_CONCEPTS.has(w.canon)) ? inside.trim() : undefined;
  }

  /**
   * An action asked in a clause after the one the plan is for ("…, then delete Y", "… and then terminate it"), that the
   * planned playbook neither does nor takes as an option ("stop X, take a snapshot first" is the stop's own snapshot).
   */
  private secondAction(a: Analysis, playbookId: string): string | undefined {
    const profile = this.profiles.find((p) => p.playbook.id === playbookId);
    if (!profile) return undefined;
    const asks = (w: Analysis['words'][number]) => w.role === 'intent' && ACTION_CONCEPTS.has(w.canon) && !w.participle && !w.negated;
    // Only a verb that opens its clause is asked ("…, then delete Y"); "we'll start it later" tells what we will do.
    let clause = 0;
    let opening = true;
    let fallback = false;
    const clauses = new Set<number>();
    let foreign: string | undefined;
    for (const [i, w] of a.words.entries()) {
      if (i > 0 && (w.gap || CLAUSE_STARTS.has(w.text))) {
        clause += 1;
        opening = true;
        fallback = false;
      }
      if (opening && FALLBACK.has(w.text)) fallback = true;
      // "the ticket says reboot X, then delete Y": what someone says to do is asked as plainly.
      const opens = fallback || opening || REPORTING.has(a.words[i - 1]?.text ?? '');
      if (!CLAUSE_STARTS.has(w.text) && !OPENING_FILLER.has(w.text)) opening = false;
      // "reboot it and page the on-call", "… then email the team": a verb the bot does not know, asked after "and"/"then".
      const after = a.words[i - 1];
      // "reboot it, page the on-call", "stop X; notify the owners": a verb of telling people, opening its own clause.
      const told = w.gap && TELLING.has(w.text) && (w.role === 'unknown' || w.role === 'chat' || w.role === 'stop');
      if (
        opens &&
        clauses.size > 0 &&
        after &&
        (told || (!after.gap && !w.gap && (after.text === 'and' || after.text === 'then'))) &&
        (w.role === 'unknown' || w.role === 'chat' || (RUNS.has(w.text) && w.role === 'stop')) &&
        !LOOKING.has(w.text) &&
        // "reboot X then run rm -rf / on it": a command to run is a request of its own (qa 18f).
        (ASKED_OF.has(a.words[i + 1]?.text ?? '') || (RUNS.has(w.text) && !!a.words[i + 1] && a.words[i + 1].text !== 'it'))
      )
        return w.text;
      // A typo's correction is too weak to refuse on ("(black friday traffic incoming)" is no "back up").
      if (!asks(w) || !opens || w.corrected) continue;
      clauses.add(clause);
      const verb = VERB_GROUP[w.canon] ?? w.canon;
      if (!profile.verbs.has(verb) && !profile.options.has(verb)) foreign ??= w.text;
    }
    return clauses.size > 1 ? foreign : undefined;
  }

  /** The parameters this request gives for one playbook (used when a suggestion button picks it). */
  paramsFor(playbookId: string, a: Analysis): Record<string, string> {
    const p = this.catalog.get(playbookId);
    return p ? fillParams(p, a) : {};
  }

  /** Every playbook with its score for this request, best first. */
  score(a: Analysis): { ranked: Scored[]; none: number } {
    const probs = this.model.predict(a.features);
    const checked = this.profiles.map((profile, i) => ({ s: this.check(profile, probs[i], a), p: probs[i] }));
    // Playbooks ruled out (another action, another kind of resource) give their share to the others; so does
    // the share a playbook loses for a value it cannot take ("make X a c6i.4xlarge": an instance type only
    // resize takes), since the value says as plainly as a word which playbook was meant.
    // Only when a playbook still in the running takes the value: "spin up a new t3.medium" (resize ruled out by
    // the verb) is no stronger a start for it.
    const taken = checked.some((c) => !c.s.rejected && c.s.takesValue);
    const valueCut = checked
      .filter((c) => taken && !c.s.rejected)
      .reduce((sum, c) => sum + (c.s.cuts.some((x) => VALUE_CUTS.has(x)) ? c.p - c.s.unvalued : 0), 0);
    const ruledOut = checked.filter((c) => c.s.rejected).reduce((sum, c) => sum + c.p, 0) + valueCut;
    const scale = ruledOut < 1 ? 1 / (1 - ruledOut) : 1;
    const ranked = checked.map((c) => ({ ...c.s, score: Math.min(1, c.s.score * scale) })).sort((x, y) => y.score - x.score);
    return { ranked, none: Math.min(1, probs[this.noneClass] * scale) };
  }

  private decide(a: Analysis): IntentGuess {
    const { ranked, none } = this.score(a);
    const scope = scopeOf(a);
    const base = { params: {}, scope, source: 'local', ...(a.entities.later ? { later: a.entities.later } : {}) } as const;
    const viable = ranked.filter((s) => !s.rejected && s.score > 0);
    const suggestions = (list: Scored[]) =>
      list
        // Two or three buttons: the nearest ones, and a second one even when it is a long shot.
        .filter((s, i) => s.score >= 0.05 || (i < 2 && s.score > 0.01))
        .slice(0, 3)
        .map((s) => ({ playbook: s.profile.playbook.id, title: s.profile.playbook.title, confidence: round(s.score) }));
    const candidates = (list: Scored[]): IntentCandidate[] =>
      list.map((s) => ({ playbook: s.profile.playbook.id, confidence: round(s.score), params: fillParams(s.profile.playbook, a) }));

    // Nothing to go on ("thanks!", "lol"): no words it knows, no names, no values.
    const empty = !a.features.some((f) => f.startsWith('w:') || f.startsWith('s:') || f.startsWith('e:'));
    // Asked for an action (or named a thing) that rules out every playbook that acts: not in the catalog.
    const impossible = (a.verbs.size > 0 || a.foreign.length > 0) && ranked.every((s) => s.rejected || s.profile.playbook.readOnly);
    const cannot = {
      ...base,
      playbook: null,
      confidence: 0,
      alternatives: [],
      note: a.entities.dbInstanceClasses?.length
        ? `Nothing in my catalog changes an RDS instance class (${a.entities.dbInstanceClasses[0]}), so I won't run something ` +
          'else in its place: change it in the RDS console or with `aws rds modify-db-instance`.'
        : `Nothing in my catalog can do "${a.text.trim()}", so I won't run something else in its place.`,
    };
    // "don't stop web-prod-1", "never terminate dev-scratch-2": a plan card for it would be the opposite.
    const forbidden = forbids(a);
    if (forbidden)
      return {
        ...base,
        playbook: null,
        confidence: 0,
        alternatives: [],
        note:
          `You asked me not to ${forbidden.inflected ? forbidden.canon : forbidden.text} ("${a.text.trim()}"), so there is nothing to ` +
          `plan. If you meant that I should, ask again without the "not".`,
      };
    // Questions are read on the text as typed: normalising turns "we're done with X, terminate it" into "were done …".
    const typed = a.text
      .trim()
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'");
    const asksState = STATE_QUESTION.test(typed);
    // "anything in staging still running?": a question, said as one, not "something I can't do".
    const unknown = asksState ? STATE_QUESTION_NOTE : OUT_OF_SCOPE;
    if (!viable.length) return impossible ? cannot : { ...base, playbook: null, confidence: 0, alternatives: [], note: unknown };
    if (empty) return { ...base, playbook: null, confidence: 0, alternatives: [], note: unknown };
    const top = viable[0];
    // "stop pg-main": stop an EC2 instance or an RDS database? Both fit; the resolver decides.
    // Siblings share the request's action ("stop pg-main": the EC2 and the RDS stop); with no action named,
    // every kind's playbooks would be siblings, and their small shares would add up to a confident guess.
    // "checkout in staging is stale, restart it": what the inventory calls so is only a resource of a kind of its own (an
    // ECS service), and no kind word says otherwise: that kind's playbook is a sibling however small its share.
    const other = [...a.hintedKinds].filter((k) => k !== 'rds' && k !== 'ec2');
    const nameKind = a.kinds.size === 0 && other.length === 1 && isExclusiveFamily(other[0]) ? other[0] : undefined;
    const siblings = !a.verbs.size
      ? []
      : viable
          .slice(1)
          .filter(
            (s) =>
              s.profile.resourceType &&
              top.profile.resourceType &&
              s.profile.resourceType !== top.profile.resourceType &&
              (s.score / (s.hinted ?? 1) >= 0.2 * top.score || (!!nameKind && kindFamily(s.profile.resourceType) === nameKind)) &&
              [...a.verbs].every((v) => s.profile.verbs.has(v) === top.profile.verbs.has(v)),
          );
    // A sibling cut for the kind a name hints at still says the action is meant: its share counts whole.
    const confidence = Math.min(0.99, top.score + siblings.reduce((sum, s) => sum + s.score / (s.hinted ?? 1), 0));
    // A wrong guess at a read-only report costs a useless answer; at an action, a wrong plan card.
    const needed = top.profile.playbook.readOnly ? this.threshold * READ_ONLY_DISCOUNT : this.threshold;
    if (impossible && confidence < needed) return cannot;
    // A question about a state ("any staging boxes still up?", "are all the web prod servers up?") is never a
    // plan, least of all one over a whole set.
    // "… safely? if so go ahead": the question comes with the request.
    // "web-1 has been slow since the deploy, does it need a reboot?": the question may follow a story.
    // "maybe stop it? not sure", "perhaps reboot web-1?": a request said unsure is asked back, as a question is.
    const hedged = !top.profile.playbook.readOnly && hedges(typed) && !GO_AHEAD.test(typed);
    const actionQuestion =
      hedged ||
      (!top.profile.playbook.readOnly && (asksWhetherTo(typed) || splitClauses(typed).some(asksWhetherTo)) && !GO_AHEAD.test(typed));
    const stateQuestion = (!top.profile.playbook.readOnly && asksState) || actionQuestion;
    // A set is planned on an action asked for ("reboot the kafka brokers"): words that ask for nothing and score
    // below the bar a single resource needs ("good morning all!", "thanks everyone") are chatter, never a plan
    // over "all" of whatever the leftover words look like.
    // Nor is a set planned where small talk outweighs every playbook by far, action word or not ("start the
    // week strong, all"): a set's plan needs at least half the bar a single resource needs.
    const asksNothing =
      (!a.words.some((w) => w.role === 'intent') && (confidence < needed || none > confidence)) ||
      (none > confidence && confidence < needed / 2);
    const many = stateQuestion || top.profile.playbook.readOnly ? undefined : manyResources(a);
    // "terminate every instance", "stop all of production": many resources, not one; the words left over
    // must not become a one-resource plan (nor a suggestion button). Reports and searches over many are fine.
    // Still marked as many: in a thread, "and all the others too" must not become the plan above again.
    if (many && asksNothing) return { ...base, playbook: null, confidence: 0, alternatives: [], note: unknown, manyResources: many };
    if (many) {
      // "delete all snapshots older than 30 days": no playbook does that action at all; say so instead.
      const clear = [...a.verbs].every((v) => top.profile.verbs.has(v) || top.profile.options.has(v));
      // "reboot the kafka brokers", "snapshot every production database": one plan over the set it names.
      const set = many === 'set' && clear && top.profile.resourceType ? this.fleetOf(top.profile.playbook, a, scope) : undefined;
      if (set)
        return {
          ...base,
          playbook: top.profile.playbook.id,
          confidence: round(Math.max(confidence, this.threshold)),
          params: fillParams(top.profile.playbook, a),
          alternatives: [],
          fleet: set,
          manyResources: many,
        };
      return {
        ...(clear
          ? { ...base, playbook: null, confidence: 0, alternatives: [], note: manyNote(many, a.text.trim(), top.profile.playbook) }
          : cannot),
        manyResources: many,
      };
    }
    if (none > confidence && none > 0.3) {
      // "how do I resize an instance?": the action is in the catalog, so it is not out of scope.
      const doing = a.verbs.size
        ? viable.filter((s) => !s.profile.playbook.readOnly && [...a.verbs].every((v) => s.profile.verbs.has(v))).slice(0, 2)
        : [];
      const near =
        top.score >= this.threshold / 2
          ? suggestions(viable)
          : doing.map((s) => ({ playbook: s.profile.playbook.id, title: s.profile.playbook.title, confidence: round(s.score) }));
      return {
        ...base,
        playbook: null,
        confidence: round(confidence),
        alternatives: near,
        note: near.length ? NOT_SURE : unknown,
        candidates: candidates(viable.slice(0, 3)),
      };
    }
    if (confidence < needed || stateQuestion) {
      // "is web-prod-1 running?": a question about a named resource is first a look at it, not a change to it.
      const asked = /\?\s*$/.test(a.text) || QUESTION_START.test(a.norm.trim());
      // A question about what happened offers the look even where the action's words ruled a search out.
      const search =
        asked && a.references.some((r) => r.strong)
          ? ranked.find((s) => s.profile.takesQuery && (!s.rejected || stateQuestion))
          : undefined;
      const others = viable.filter((s) => s !== search);
      const near = search
        ? [
            { playbook: search.profile.playbook.id, title: search.profile.playbook.title, confidence: round(search.score) },
            ...suggestions(others).slice(0, 2),
          ]
        : suggestions(viable);
      return {
        ...base,
        playbook: null,
        confidence: round(confidence),
        alternatives: near,
        note: hedged ? HEDGED_NOTE : actionQuestion ? ACTION_QUESTION_NOTE : near.length ? NOT_SURE : unknown,
        candidates: candidates(search ? [search, ...others.slice(0, 2)] : viable.slice(0, 3)),
      };
    }
    // Nothing says EC2 or RDS but the name does (`qa-mysql-01`): the database reading goes first.
    // The planner still takes the one whose resource exists when the inventory knows the name.
    const hinted =
      a.kinds.size === 0 && a.hintedKinds.has('rds')
        ? siblings.find((s) => s.profile.resourceType === 'rds-instance' && top.profile.resourceType !== 'rds-instance')
        : nameKind && kindFamily(top.profile.resourceType) !== nameKind
          ? siblings.find((s) => kindFamily(s.profile.resourceType) === nameKind)
          : undefined;
    const chosen = hinted ? [hinted, top, ...siblings.filter((s) => s !== hinted)] : [top, ...siblings];
    // The name says database (`billing-mysql-prod`): an EC2 reading is taken only on the instance's exact name.
    const saysRds = a.kinds.size === 0 && a.hintedKinds.has('rds');
    const exactOnly = (s: Scored) => saysRds && !s.profile.resourceType?.startsWith('rds-');
    const either = eitherOf(chosen[0].profile.playbook, a);
    if (either.length > 1) {
      const verb = a.words.find((w) => w.role === 'intent' && a.verbs.has(VERB_GROUP[w.canon] ?? w.canon))?.text ?? 'ask for';
      return {
        ...base,
        playbook: null,
        confidence: 0,
        alternatives: [],
        note:
          `You named ${either.map((n) => `"${n}"`).join(' or ')}: which one? I act on the one ` +
          `you name, so ask again with it (for example "${verb} ${either[0]}").`,
      };
    }
    // "reboot web-prod-1 web-prod-2", "stop a, b and c": one plan over the listed set, one approval.
    const listed = alsoNamed(chosen[0].profile.playbook, a);
    const params = fillParams(chosen[0].profile.playbook, a);
    const listedSet = listed.length ? this.fleetOf(chosen[0].profile.playbook, a, scope) : undefined;
    return {
      ...base,
      playbook: chosen[0].profile.playbook.id,
      confidence: round(confidence),
      params,
      ...(listedSet ? { fleet: listedSet } : withAlso(listed)),
      alternatives: suggestions(viable.filter((s) => s !== chosen[0])),
      candidates: candidates(chosen).map((c, i) => (exactOnly(chosen[i]) ? { ...c, exactOnly: true } : c)),
    };
  }

  /** The set a request names for a playbook that takes one resource, or undefined when nothing narrows it. */
  private fleetOf(playbook: Playbook, a: Analysis, scope: ResourceScope | undefined): FleetSelector | undefined {
    const resources = playbook.parameters.filter(isResourceParameter);
    if (resources.length !== 1) return undefined;
    const reference = fillParams(playbook, a)[resources[0].name];
    return fleetSelector(a, reference, alsoNamed(playbook, a), {
      tagsAreValues: playbook.parameters.some((p) => p.type === 'tags'),
      scope,
    });
  }

  /** The model's probability for one playbook, cut where the request and the playbook disagree. */
  private check(profile: Profile, probability: number, a: Analysis): Scored {
    const cuts: string[] = [];
    let score = probability;
    let rejected = false;
    const reject = (why: string) => {
      rejected = true;
      cuts.push(why);
    };
    let unvalued = probability;
    let hinted: number | undefined;
    const cut = (factor: number, why: string) => {
      score *= factor;
      if (VALUE_CUTS.has(why)) unvalued *= factor;
      cuts.push(why);
    };
    const hasResource = profile.resourceType !== undefined;
    for (const f of a.foreign) {
      if (profile.concepts.has(f)) continue;
      if (FOREIGN_VERBS.has(f) || hasResource) reject(`foreign: ${f}`);
    }
    if (a.verbs.size) {
      // "stop pg-staging and take a snapshot first": the snapshot is the stop's option, not another action.
      const own = [...a.verbs].filter((v) => profile.verbs.has(v)).length;
      const matched = own ? own + [...a.verbs].filter((v) => !profile.verbs.has(v) && profile.options.has(v)).length : 0;
      if (matched === 0) reject(`verb: ${[...a.verbs].join(',')}`);
      else if (matched < a.verbs.size) cut(matched / a.verbs.size, 'some verbs');
    }
    if (hasResource) {
      // "delete snap-07a9…", "migrate vol-08dc… to gp3": an AWS id says its kind by its prefix.
      const id = a.references[0]?.strong ? ID_KINDS.find(([re]) => re.test(a.references[0].text)) : undefined;
      if (id && !id[1].has(profile.resourceType!)) reject(`kind: ${a.references[0].text.split('-')[0]}- id`);
      const rds = a.kinds.has('rds');
      const ec2 = a.kinds.has('ec2');
      if (rds && !ec2 && EC2_LIKE.has(profile.resourceType!)) reject('kind: rds');
      if (ec2 && !rds && profile.resourceType === 'rds-instance') reject('kind: ec2');
      // "delete the production database": not a volume, nor a snapshot (the only taggable playbook without tags).
      if (rds && !ec2 && (profile.resourceType === 'ebs-volume' || (profile.resourceType === 'taggable' && !profile.types.has('tags'))))
        reject('kind: rds');
      // "delete the s3 bucket logs-archive": a bucket (or any kind of its own) is not a snapshot either.
      if ([...a.kinds].some(isExclusiveFamily) && profile.resourceType === 'taggable' && !profile.types.has('tags'))
        reject(`kind: ${[...a.kinds].join(',')}`);
      if (!rds && !ec2 && a.hintedKinds.has('rds') && EC2_LIKE.has(profile.resourceType!)) {
        cut(HINT_CUT, 'name hints rds');
        hinted = HINT_CUT;
      }
      // "start teamcity": a name the inventory gives an EC2 instance is no database.
      if (!rds && !ec2 && a.hintedKinds.has('ec2') && !a.hintedKinds.has('rds') && profile.resourceType === 'rds-instance') {
        cut(HINT_CUT, 'name hints ec2');
        hinted = HINT_CUT;
      }
      // Round 10 (nlu21). "old-logs-data-3 delete": a typed name the inventory has only as an EBS volume, no kind word
      // said, is that volume: its deletion is never an instance's (a terminate), whatever the verb reads as.
      const first = a.references[0];
      if (
        !a.kinds.size &&
        first?.strong &&
        first.resolved?.length &&
        first.resolved.every((t) => t === 'ebs-volume') &&
        (a.verbs.has('terminate') || a.verbs.has('delete')) &&
        EC2_LIKE.has(profile.resourceType!)
      )
        reject('name is a volume');
      // Kinds registered as exclusive (lambda, s3, ...): "the payments lambda" is no EC2 playbook, "the web box" no Lambda one.
      const family = kindFamily(profile.resourceType);
      if (family && a.kinds.size && !a.kinds.has(family) && (isExclusiveFamily(family) || [...a.kinds].some(isExclusiveFamily)))
        reject(`kind: ${[...a.kinds].join(',')}`);
      // "create a new s3 bucket": naming the kind is not asking for what its playbook does (block public access).
      if (family && isExclusiveFamily(family) && a.kinds.has(family) && !a.verbs.size && profile.verbs.size) reject('none of its verbs');
    }
    const e = a.entities;
    const absorbs = profile.takesQuery;
    // "grow the volume on X to 500gb", "resize the disk to 1tb": a new size, which no playbook without a
    // number to set can do (changing the volume type to gp3 keeps its size).
    if (a.verbs.has('resize') && STORAGE_SIZE.test(a.norm) && !profile.types.has('number') && !absorbs) reject('a size not taken');
    if (e.instanceTypes.length && !profile.types.has('instance-type') && !absorbs) cut(0.5, 'instance type not taken');
    // "change the instance class of orders-db to db.r6g.2xlarge": nothing in the catalog changes a database's class.
    if (e.dbInstanceClasses?.length && !absorbs) reject('an RDS instance class not taken');
    // "i own the billing service … snapshot the prod billing database": a service whose name is a word of the resource
    // the inventory resolved is what that resource serves, not a unit to act on.
    const first = a.references[0];
    const serviceOfNamed = !!first?.resolved && e.services.every((x) => first.words.some((w) => w.text === x.toLowerCase()));
    if (e.services.length && !profile.types.has('service-name') && !absorbs && !isServiceKind(profile.resourceType) && !serviceOfNamed)
      cut(0.6, 'service not taken');
    // "restart the checkout service", no host named and no systemd unit we know: a service of a kind (ECS) more than a unit somewhere.
    if (
      profile.types.has('service-name') &&
      e.services.length &&
      !e.serviceOnHost &&
      !a.references.length &&
      !KNOWN_SERVICES.has(e.services[0]) &&
      this.hasServiceKind
    )
      cut(0.5, 'no host for an unknown unit');
    if (Object.keys(e.tags).length && !profile.types.has('tags') && !absorbs) cut(0.5, 'tags not taken');
    const required = profile.playbook.parameters.filter((x) => x.required && x.default === undefined);
    if (required.some((x) => x.type === 'instance-type') && !e.instanceTypes.length) cut(0.6, 'no instance type');
    // "restart it on web-1": a service on that host, though none is named; the plan asks which one.
    if (e.serviceOnHost && !profile.types.has('service-name') && !absorbs) reject('a service on a host');
    if (required.some((x) => x.type === 'service-name') && !e.services.length && !e.serviceOnHost) cut(0.5, 'no service');
    if (required.some((x) => x.type === 'tags') && !Object.keys(e.tags).length) cut(0.5, 'no tags');
    // An action on a resource, but no resource named: more likely a question about resources.
    const serviceNamed = isServiceKind(profile.resourceType) && e.services.length > 0 && !e.serviceOnHost;
    if (profile.playbook.parameters.some((x) => isResourceParameter(x) && x.required) && !a.references.length && !serviceNamed)
      cut(0.6, 'no resource named');
    // "restart the nginx service": a systemd unit everyone knows, not an ECS service.
    if (serviceNamed && KNOWN_SERVICES.has(e.services[0])) cut(0.4, 'a known unit');
    // "reboot it instead": a playbook of a newer kind (lambda, s3, ecs, asg) wants its kind or a resource named.
    const family = kindFamily(profile.resourceType);
    if (family && isExclusiveFamily(family) && !a.kinds.has(family) && !a.references.length && !serviceNamed)
      reject('nothing of its kind named');
    // Words nobody taught it lower the score; less so once the action asked for is one this playbook does.
    const coverage = this.coverage(profile, a);
    const verbsAgree =
      a.verbs.size > 0 &&
      [...a.verbs].some((v) => profile.verbs.has(v)) &&
      [...a.verbs].every((v) => profile.verbs.has(v) || profile.options.has(v));
    const valueFits =
      (e.instanceTypes.length > 0 && profile.types.has('instance-type')) ||
      (e.services.length > 0 && profile.types.has('service-name')) ||
      serviceNamed ||
      (Object.keys(e.tags).length > 0 && profile.types.has('tags'));
    // An action this playbook does on a resource named as names are ("bump grafana-prod to t3.large its swapping
    // like crazy", "nuke jenkins-cache-old, been detached for ages"): the other words are the reason, told
    // around the request; they lower the score a little, never below a command's.
    const namedAsNames = hasResource && a.references.some((r) => r.strong || r.spaced || r.named);
    // "getting disk full on api-prod-1 during deploys", "web-staging-1 out of inodes, /tmp is full of junk": no verb,
    // but a state said in this playbook's own words about a resource named as names are; the need is stated, not
    // asked, and the other words are the story around it, as they are around a command.
    const intents = a.words.filter((w) => w.role === 'intent');
    const stated =
      !a.verbs.size &&
      namedAsNames &&
      intents.length >= 2 &&
      intents.every((w) => profile.concepts.has(w.canon) && !profile.verbs.has(w.canon));
    const command = (verbsAgree && namedAsNames) || stated;
    const factor = command ? Math.max(Math.sqrt(coverage), COMMAND_COVERAGE) : verbsAgree || valueFits ? Math.sqrt(coverage) : coverage;
    if (factor < 1) cut(factor, `coverage ${round(coverage)}`);
    return { profile, score: rejected ? 0 : score, cuts, rejected, unvalued, takesValue: valueFits, ...(hinted ? { hinted } : {}) };
  }

  /**
   * The share of the request's words this playbook can account for. Words naming the resource are
   * free for playbooks that take a resource, and every word is free for a search ("find kafka").
   */
  private coverage(profile: Profile, a: Analysis): number {
    const named = new Set(profile.resourceType ? (a.references[0]?.words ?? []) : []);
    let known = 0;
    let unknown = 0;
    let asks = false;
    for (const w of a.words) {
      if (w.role === 'kind' || w.role === 'intent' || (w.role === 'signal' && !QUESTION_WORDS.has(w.text))) asks = true;
      if (w.role === 'kind') known += 0.5;
      else if (w.role === 'intent') {
        if (this.playbookWords.has(w.canon)) known += 1;
        else unknown += 1;
      } else if (w.role === 'foreign' || ((w.role === 'unknown' || w.role === 'chat') && !named.has(w))) unknown += 1;
    }
    if (profile.takesQuery)
      return asks || a.entities.regions.length || a.entities.accounts.length || a.references.some((r) => r.strong) ? 1 : 0.3;
    if (known + unknown === 0) return 1;
    return known / (known + unknown);
  }
}

/** No plan, no buttons: only the note that says why (a refusal, a second request, a quoted order, "it" unclear). */
function nothingPlanned(note: string): IntentGuess {
  return { playbook: null, confidence: 0, params: {}, alternatives: [], note, source: 'local' };
}

/**
 * Whether a clause asks whether to do something ("should we stop X?"), also when it is put to someone by name first
 * ("@sam should we stop web-staging-2 overnight?", "alice, should we ..."): the question is to people, not a request.
 */
function asksWhetherTo(clause: string): boolean {
  return ACTION_QUESTION.test(clause.replace(/^(?:(?:@[\w.-]+|<@\w+>)[,:]?\s+)+/, '').replace(/^[a-z]+,\s+(?=should|shall)/, ''));
}

const CANNOT_TELL = ', and telling people is not something I can do';
/** A clause that only says the person is unsure ("not sure", "idk tbh", "i'm not 100% sure about it"). */
const UNSURE = new RegExp(
  String.raw`^(?:(?:i'?m|im|i\s+am)\s+)?(?:not\s+(?:so\s+|too\s+|really\s+|entirely\s+)?(?:sure|certain|100%(?:\s+sure)?)|` +
    String.raw`unsure|idk|dunno|no\s+idea)(?:\s+(?:tbh|honestly|though|tho|lol|really|either|yet|about\s+(?:it|this|that)))*$`,
);

/** The action asked, as said: a stop read as a function's throttle is still the stop typed (qa 18f). */
function saidVerb(a: Analysis): string | undefined {
  const thrown = a.verbs.has('throttle') && a.words.some((w) => w.canon === 'throttle' && !/^(?:throttl|rate|limit)/.test(w.text));
  return thrown ? 'stop' : a.verbs.values().next().value;
}

/** A request said unsure: a clause that is only "not sure", or one opened by "maybe"/"perhaps" and asked as a question. */
function hedges(typed: string): boolean {
  const parts = splitClauses(typed);
  return (
    (parts.length > 1 && parts.some((p) => UNSURE.test(p))) || /^(?:maybe|perhaps|possibly)\b[^?]*\?/.test(typed) || RETRACTED.test(typed)
  );
}

/** "terminate web-prod-1 lol jk", "…, just kidding": the request taken back at its end is not asked (qa 18f). */
const RETRACTED = /\b(?:jk|j\/k|jking|just\s+(?:kidding|joking)|kidding|joking)\b(?:\s*(?:lol|lmao|haha|:\)|;\)|:p))*[\s.!)]*$/i;

/** The action the request says not to do ("don't stop …"), when it asks for nothing else. */
function forbids(a: Analysis): Analysis['words'][number] | undefined {
  return a.verbs.size ? undefined : a.words.find((w) => w.negated === 'forbidden');
}

function manyNote(many: 'set' | 'everything', text: string, playbook: Playbook): string {
  // The playbook's first example with its names taken out: "terminate <name>", "restart nginx on <name>".
  let named = false;
  const shape = playbook.examples[0]?.replace(/(?<![\p{L}\p{N}=_.:-])[\p{L}\p{N}]+(?:[-_.:][\p{L}\p{N}]+)+(?![\p{L}\p{N}=_.:-])/gu, (w) =>
    !named && isStrongName(w) ? ((named = true), '<name>') : w,
  );
  const example = shape?.includes('<name>') ? ` (for example "${shape}")` : '';
  if (many === 'everything')
    return (
      `"${text}" would act on everything in an account or environment, and I will not do ` +
      `that. Name the one resource you mean${example}; \`find\` lists what is there.`
    );
  return (
    `"${text}" is about many resources at once, but does not say which. Name the set: a ` +
    `shared name ("the kafka brokers", "all web-prod servers"), a tag ("tagged role=web")` +
    `, where they are ("in staging"), or list them by name${example}; \`find\` lists ` +
    `what is there.`
  );
}

function scopeOf(a: Analysis): ResourceScope | undefined {
  const e = a.entities;
  const scope: ResourceScope = {};
  if (e.regions[0]) scope.region = e.regions[0];
  if (e.accounts[0]) scope.account = e.accounts[0];
  if (e.environments[0]) scope.environment = e.environments[0];
  return Object.keys(scope).length ? scope : undefined;
}

function withAlso(names: string[]): { alsoNamed?: string[] } {
  return names.length ? { alsoNamed: names } : {};
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
