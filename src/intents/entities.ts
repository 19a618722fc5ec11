/**
 * Values with a shape of their own, found anywhere in a request: `key=value` tags, instance types,
 * regions, accounts, environments ("in staging"), service names, periods and "by service". Each one
 * found is masked out of the text, so it is not read again as a resource name or an intent word.
 */
import { ENVIRONMENTS, FOREIGN_OBJECTS, kindNouns, KNOWN_SERVICES, REGION_NICKNAMES, STOP_WORDS, SYNONYMS } from './lexicon';
import { lookupTable, regionOfDisplayName } from '../core';
import { findPeriod, formatPeriod } from './period';
import { isNameLike } from './text';

export interface Entities {
  tags: Record<string, string>;
  instanceTypes: string[];
  regions: string[];
  accounts: string[];
  environments: string[];
  services: string[];
  period?: string;
  groupBy?: string;
  /** A time the action is wanted at ("tonight at 10pm", "in 2 hours", "after the deploy"), as typed. */
  later?: string;
  /**
   * Something is to be restarted ON a host ("restart it on web-1", "restart service on web-1"): a service,
   * named or not. Such a request is never a reboot of the host.
   */
  serviceOnHost?: boolean;
  /**
   * An RDS instance class ("db.r6g.2xlarge"): no playbook takes one (the catalog cannot change a database's class),
   * and it is no EC2 instance type either, so a request carrying one is refused rather than read as an EC2 resize.
   */
  dbInstanceClasses?: string[];
}

/** Masked text keeps its length; `¦` is not a word character, so masks split resource names. */
const MASK = '¦';

export class Masked {
  constructor(public text: string) {}

  cut(index: number, length: number): void {
    this.text = this.text.slice(0, index) + MASK.repeat(length) + this.text.slice(index + length);
  }

  /** Run a global regex over the current text; `take` says what to keep and which group spans to mask (default: all). */
  each(re: RegExp, take: (m: RegExpExecArray) => boolean | [number, number][] | void): void {
    // Masks keep the text's length, so matches found before masking stay where they are.
    const found = [...this.text.matchAll(re)] as RegExpExecArray[];
    for (const m of found) {
      const kept = take(m);
      if (kept === false) continue;
      if (Array.isArray(kept)) for (const [i, n] of kept) this.cut(i, n);
      else this.cut(m.index, m[0].length);
    }
  }
}

/** A tag key is taken whole, whatever its letters (`владелец`, `kеy`): never cut where a non-ASCII letter starts. */
const KEY = '(?<![\\p{L}\\p{N}_.:/@+-])\\p{L}[\\p{L}\\p{N}_.:/@+-]{0,127}';
// Unquoted, a value ends before the sentence's own punctuation ("tag it owner=ml?", "owner=data."); AWS allows
// neither `?` nor `!` in a tag value, and a value with one inside ("a?b") is kept whole for the pattern to refuse.
const VALUE = '"[^"]*"|\'[^\']*\'|[^\\s,;"\']+?(?=[?!.]*(?:[\\s,;]|$))';
export const INSTANCE_TYPE =
  /\b(?:[a-z][a-z0-9-]{0,15}\d[a-z0-9-]{0,8})\.(?:nano|micro|small|medium|large|metal|\d{0,3}xlarge)(?:-\d{1,3}xl)?\b/g;
const REGION =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d\b/g;
/** "US West (Oregon)", "Asia Pacific (Tokyo)", "EU (Ireland)": an area, then a place in brackets (core/regions.ts reads them). */
const DISPLAY_NAME = new RegExp(
  String.raw`\b((?:aws\s+)?(?:us\s+(?:east|west)|africa|asia\s+pacific|canada(?:\s+west)?|europe|eu|israel|mexico|` +
    String.raw`middle\s+east|south\s+america|govcloud))\s*\(\s*([\p{L}. -]{2,24}?)\s*\)`,
  'gu',
);
const ENV_WORDS = [...ENVIRONMENTS].join('|');
/** Places said as an adjective for the region there ("the irish bastion"), or for an area (`eu-*`: any European region). */
const PLACE_WORDS: Readonly<Record<string, string>> = lookupTable({
  irish: 'eu-west-1',
  german: 'eu-central-1',
  european: 'eu-*',
  japanese: 'ap-northeast-1',
  swedish: 'eu-north-1',
  french: 'eu-west-3',
});
const RESTART_VERBS = '(?:re?st[a-z]{0,2}rt|restrat|bounce|kick|reload|cycle)';

/** Alert labels whose value is the resource itself ("instance=…", "host=…", "dbinstanceidentifier=…"). */
const RESOURCE_LABEL = /^(?:instance|instance_?id|host|hostname|node|nodename|server|dbinstanceidentifier|db_?instance)$/;

function unquote(v: string): string {
  return /^(["']).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/**
 * The whole run of characters typed without a space around [start, end), less sentence punctuation at
 * its ends. Values are taken whole, so that a hostile value is refused by its pattern, never trimmed.
 */
export function chunk(text: string, start: number, end: number): { from: number; to: number; value: string } {
  let from = start;
  let to = end;
  while (from > 0 && !/[\s¦]/.test(text[from - 1])) from--;
  while (to < text.length && !/[\s¦]/.test(text[to])) to++;
  while (from < start && /[(["']/.test(text[from])) from++;
  while (to > end && /[,.!?:)\]"']/.test(text[to - 1])) to--;
  return { from, to, value: text.slice(from, to) };
}

/** A single word that can be a systemd unit: not filler, not a kind of resource, not a resource name. */
function serviceLike(typed: string): boolean {
  const word = /^[a-z][\w@.-]*/.exec(typed)?.[0] ?? '';
  if (STOP_WORDS.has(word) || kindNouns().has(word) || ENVIRONMENTS.has(word) || SYNONYMS.has(word) || FOREIGN_OBJECTS.has(word))
    return false;
  if (KNOWN_SERVICES.has(word)) return true;
  if (/-\d+$/.test(word) || /^(?:i|vol|db)-[0-9a-f]+$/.test(word)) return false;
  return (
    /^[a-z][a-z0-9@._-]{0,63}$/.test(word) &&
    !['service', 'services', 'daemon', 'unit', 'process', 'app', 'application', 'agent', 'it', 'them'].includes(word)
  );
}

/**
 * `norm` is the normalized, lower-case text; `cased` the same text before lower-casing (same length),
 * so tag keys and values keep the case they were typed in (`cost-center=CC-1040`).
 */
export function extractEntities(norm: string, now: Date, cased: string = norm): { entities: Entities; masked: string } {
  const text = new Masked(norm);
  const source = cased.length === norm.length ? cased : norm;
  const original = (m: RegExpExecArray, group: number) => {
    const span = m.indices?.[group];
    return span ? source.slice(span[0], span[1]) : m[group];
  };
  const e: Entities = { tags: {}, instanceTypes: [], regions: [], accounts: [], environments: [], services: [] };

  // "set the owner tag of reporting-mysql to data": a tag written as words. The resource name stays.
  text.each(
    new RegExp(
      `\\b(?:set|change|update|make)\\s+(?:the\\s+)?(${KEY})\\s+(?:tag|label)\\s+(?:of|on|for)\\s+(\\S+)\\s+to\\s+(${VALUE})`,
      'gud',
    ),
    (m) => {
      e.tags[m[1]] = unquote(original(m, 3));
      const [from, to] = m.indices![2]!;
      return [
        [m.index, from - m.index],
        [to, m.index + m[0].length - to],
      ];
    },
  );
  text.each(new RegExp(`(${KEY})\\s*=\\s*(${VALUE})`, 'gud'), (m) => {
    // "instance=kafka-staging-1", "host=web-3" in a pasted alert: the resource it is about, a name, not a tag.
    if (RESOURCE_LABEL.test(m[1]) && /[-\d]/.test(m[2]) && !/^["']/.test(m[2])) return [[m.index, m.indices![2]![0] - m.index]];
    e.tags[original(m, 1)] = unquote(original(m, 2));
  });

  const period = findPeriod(text.text, now);
  if (period) {
    e.period = formatPeriod(period.period);
    text.cut(period.index, period.length);
  }

  text.each(INSTANCE_TYPE, (m) => {
    // The value is everything typed with it: "m6i.xlarge;reboot" is refused later, not cleaned up.
    const c = chunk(text.text, m.index, m.index + m[0].length);
    // "db.r6g.2xlarge": the pattern matches from "r6g", after the "db." a word boundary leaves before it.
    if (/^db\./.test(c.value)) {
      (e.dbInstanceClasses ??= []).push(c.value);
      return [[c.from, c.to - c.from]];
    }
    e.instanceTypes.push(c.value);
    return [[c.from, c.to - c.from]];
  });

  // An ARN names its resource whole: the region and account inside it are not a scope of their own.
  const arns = [...norm.matchAll(/\barn:aws[\w-]*:[^\s"'`]+/g)].map((m) => [m.index, m.index + m[0].length]);
  const inArn = (m: RegExpExecArray) => arns.some(([a, b]) => m.index >= a && m.index < b);
  text.each(REGION, (m) => {
    if (inArn(m)) return false;
    e.regions.push(m[0]);
  });
  // Round 10. "ALARM: … in US West (Oregon)": an AWS region's display name, as the console and alarm e-mails write it.
  text.each(DISPLAY_NAME, (m) => {
    const region = regionOfDisplayName(m[1], m[2]);
    if (!region) return false;
    e.regions.push(region);
  });
  text.each(new RegExp(`\\b(?:in|from|at)\\s+(${Object.keys(REGION_NICKNAMES).join('|')})\\b`, 'g'), (m) => {
    e.regions.push(REGION_NICKNAMES[m[1]]);
  });
  // Round 9. "the frankfurt box", "the irish bastion": a place said before what is there. "us east", "in europe": an
  // area (every region of it, `us-east-*`), never inside a typed name (`api-prod-eu-1`); "us-east" typed stays a name word.
  text.each(
    new RegExp(`\\bthe\\s+(${[...Object.keys(REGION_NICKNAMES), ...Object.keys(PLACE_WORDS)].join('|')})\\s+(?=[a-z])`, 'gd'),
    (m) => {
      e.regions.push(REGION_NICKNAMES[m[1]] ?? PLACE_WORDS[m[1]]);
      return [[m.indices![1]![0], m[1].length]];
    },
  );
  text.each(/(?<![\w.-])(us|eu|ap)\s(east|west|central|north|south|northeast|southeast)(?![\w-]|\s*-?\s*\d)/g, (m) => {
    e.regions.push(`${m[1]}-${m[2]}-*`);
  });
  text.each(/\b(?:in|from)\s+(?:the\s+)?(europe|eu|asia)(?![\w-])/dg, (m) => {
    e.regions.push(m[1] === 'asia' ? 'ap-*' : 'eu-*');
    return [[m.indices![1]![0], m[1].length]];
  });

  // "the production account" first: in "the production account cost", `cost` is not an account.
  text.each(/\b(?:(?:in|on|from|of)\s+)?(?:the\s+)?([a-z][\w-]*|\d{12})\s+(?:aws\s+)?account\b/g, (m) => {
    if (STOP_WORDS.has(m[1]) || m[1] === 'aws' || SYNONYMS.has(m[1])) return false;
    e.accounts.push(m[1]);
  });
  text.each(/\b(?:(?:in|on|from|of)\s+)?(?:the\s+)?(?:aws\s+)?account\s+(\d{12}|[a-z][\w-]*)\b/g, (m) => {
    if (STOP_WORDS.has(m[1]) || SYNONYMS.has(m[1])) return false;
    e.accounts.push(m[1]);
  });
  text.each(/\b\d{12}\b/g, (m) => {
    if (inArn(m)) return false;
    e.accounts.push(m[0]);
  });

  // "in staging", "the prod one": a scope. "the staging mysql db" keeps its words: they are the name.
  text.each(
    new RegExp(
      `\\b(?:in|on|from|within)\\s+(?:the\\s+)?(${ENV_WORDS})(?:\\s+(?:env|environment))` +
        `?(?=\\s*$|\\s*[,.?!;:]|\\s+(?:too|please|pls|now|as well|and|then|that|which|who)\\b|\\s*` +
        `${MASK})`,
      'g',
    ),
    (m) => {
      e.environments.push(m[1]);
    },
  );
  text.each(new RegExp(`\\b(?:the\\s+)?(${ENV_WORDS})\\s+one\\b`, 'g'), (m) => {
    e.environments.push(m[1]);
  });

  extractServices(text, e, source);

  text.each(
    new RegExp(
      String.raw`\b(?:group(?:ed)?\s+by|broken\s+down\s+by|split\s+by|by|per|for\s+each|each)\s+(?:` +
        String.raw`the\s+)?(?:[a-z][\w-]*\s+)?(service|account|region|tag)s?\b`,
      'g',
    ),
    (m) => {
      if (m[0].split(/\s+/).length > 4 && !/(tag)s?$/.test(m[0])) return false;
      e.groupBy = m[1];
    },
  );

  const later = findLater(norm);
  if (later) e.later = later;
  return { entities: e, masked: text.text };
}

const CLOCK = '(?:\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)|\\d{1,2}:\\d{2}|\\d{1,2}h\\d{0,2}|midnight|noon|midday)';
const WHEN = new RegExp(
  [
    `\\b(?:tonight|tomorrow(?:\\s+(?:morning|afternoon|evening|night))?|overnight|` +
      `later\\s+(?:today|tonight|this\\s+\\w+))(?:\\s+at\\s+${CLOCK})?`,
    `\\bthis\\s+(?:evening|afternoon|weekend)\\b(?:\\s+at\\s+${CLOCK})?`,
    `\\b(?:at|after|before|by|around)\\s+${CLOCK}`,
    // "stop it after 6", "reboot it at 11 tonight": a bare hour where the clause ends or a time word follows.
    `\\b(?:at|after|by|around)\\s+(?:[1-9]|1[0-2])(?=\\s*(?:$|[,.;!?]|(?:o'?clock|tonight|today|please|pls)\\b))`,
    `\\bin\\s+(?:\\d{1,3}|an?|one|two|three|four|five|ten|fifteen|twenty|thirty|a\\s+few|` +
      `a\\s+couple(?:\\s+of)?)\\s+(?:minutes?|mins?|hours?|hrs?|h)\\b`,
    '\\b(?:on|next|this|coming)\\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\\b',
    '\\b(?:after|once)\\s+(?:the\\s+)?(?:deploy(?:ment)?|release|migration|maintenance|' +
      'business\\s+hours|hours|traffic\\s+(?:drops|dies\\s+down)|standup|meeting)\\b',
    '\\b(?:during|in)\\s+the\\s+maintenance\\s+window\\b',
    '\\b(?:at\\s+)?(?:end\\s+of\\s+(?:the\\s+)?day|eod|cob)\\b',
  ].join('|'),
);

/** A time an action is asked for. The bot cannot schedule: the plan card has to say so. */
function findLater(norm: string): string | undefined {
  return WHEN.exec(norm)?.[0];
}

/** Words that stand for "a service" without naming one ("restart it on web-1", "restart the service on web-1"). */
const NO_SERVICE_NAMED = new Set([
  'it',
  'this',
  'that',
  'them',
  'service',
  'services',
  'daemon',
  'unit',
  'process',
  'app',
  'application',
  'agent',
  'something',
  'stuff',
  'thing',
]);

/**
 * `cased`: the text as typed (same length), so a service keeps its case: systemd unit names are
 * case-sensitive (`NetworkManager` is not `networkmanager`).
 */
function extractServices(text: Masked, e: Entities, cased: string): void {
  const found: { at: number; name: string }[] = [];
  const typed = (c: { from: number; to: number; value: string }) =>
    cased.length === text.text.length ? cased.slice(c.from, c.to) : c.value;
  const keep = (m: RegExpExecArray, group: number): false | [number, number][] => {
    if (!serviceLike(m[group])) return false;
    const at = m.index + m[0].lastIndexOf(m[group]);
    const c = chunk(text.text, at, at + m[group].length);
    found.push({ at: c.from, name: typed(c) });
    return [
      [m.index, m[0].length],
      [c.from, c.to - c.from],
    ];
  };
  // A quoted service is the service whole (`restart "nginx && curl x | sh" on web-1`), refused later by its pattern.
  text.each(
    new RegExp(
      `\\b(?:systemctl\\s+)?${RESTART_VERBS}\\s+(?:the\\s+)?(?:service\\s+)?"([^"¦]+)"(?=\\s+(?:service\\s+)?(?:on|in|at)\\s)`,
      'gd',
    ),
    (m) => {
      const [from, to] = m.indices![1]!;
      found.push({ at: from, name: (cased.length === text.text.length ? cased.slice(from, to) : m[1]).trim() });
      return [[from - 1, to - from + 2]];
    },
  );
  // "restart the ecs service checkout, it is slow": the punctuation that ends a clause is not the name's (qa 18f).
  text.each(/\bsystemctl\s+(?:re)?start\s+([a-z]\S*?)(?=[,.;:!?]*(?:\s|$))/g, (m) => keep(m, 1));
  text.each(/\b(?:the\s+)?([a-z][\w@.-]*)\s+(?:service|daemon|unit|systemd\s+unit)\b/g, (m) => keep(m, 1));
  text.each(/\b(?:service|daemon|unit)\s+([a-z]\S*?)(?=[,.;:!?]*(?:\s|$))/g, (m) => (STOP_WORDS.has(m[1]) ? false : keep(m, 1)));
  // "restart nginx on web-prod-1", "restart the print spooler on win-1": what is restarted ON a host is
  // a service, never the host. A value with shell characters is taken whole, to be refused by its pattern.
  text.each(
    new RegExp(
      `\\b${RESTART_VERBS}\\s+(?:the\\s+)?((?:[a-z][\\w@.-]*\\s+){0,2}?[^\\s¦]+?)[,` +
        `.!?]?(?=\\s+(on|in|at)\\s+(?:the\\s+)?(?:instance\\s+|server\\s+|box\\s+|host\\s+)` +
        // "restart checkout staging in ecs": where an ECS service runs is no host; its words are its name.
        `?(?!(?:ecs|fargate)(?![\\w-]))[a-z0-9])`,
      'gd',
    ),
    (m) => {
      const words = m[1].split(/\s+/);
      const last = words[words.length - 1];
      if (isNameLike(last) && /-\d+$/.test(last)) return false;
      // "restart it on web-1", "restart service on web-1", "restart --help on web-1": something ON a host is a
      // service, named or not, never the host; an option-like word is taken whole, to be refused by its pattern.
      const onHost = m[2] === 'on' && !words.some((w) => kindNouns().has(w));
      if (onHost) e.serviceOnHost = true;
      if (words.length === 1 && !/^[a-z]/.test(last) && !/[^\w@.\s-]/.test(last) && !(onHost && last.startsWith('-'))) return false;
      const pick =
        words.find((w) => KNOWN_SERVICES.has(w)) ??
        (words.length === 1 && (/[^\w@.-]/.test(last) || last.startsWith('-')) ? last : [...words].reverse().find((w) => serviceLike(w)));
      if (!pick) {
        // Nothing named: mask the stand-in ("service") so it is not read as the host's name.
        return onHost && words.every((w) => NO_SERVICE_NAMED.has(w) || STOP_WORDS.has(w)) ? [[m.indices![1]![0], m[1].length]] : false;
      }
      const at = m.indices![1]![0] + m[1].lastIndexOf(pick);
      const c = chunk(text.text, at, at + pick.length);
      found.push({ at: c.from, name: typed(c) });
      // The other words of the object ("print") are part of how the service was called, not a resource.
      return [
        [m.indices![1]![0], m[1].length],
        [c.from, c.to - c.from],
      ];
    },
  );
  // "cache node 10 needs a restart of redis", "a quick bounce of nginx": the service a restart is of, on the host named.
  text.each(/\b(?:restart|reload|bounce|kick)\s+of\s+(?:the\s+)?([a-z][\w@.-]*)/dg, (m) => {
    if (!KNOWN_SERVICES.has(m[1])) return false;
    const at = m.indices![1]![0];
    found.push({ at, name: typed({ from: at, to: at + m[1].length, value: m[1] }) });
    e.serviceOnHost = true;
    return [[at, m[1].length]];
  });
  text.each(/\b([a-z][\w@.-]*)\s+on\s+(?=[a-z0-9][\w.-]*\s+(?:is|are|seems|looks|keeps)\b)/g, (m) => {
    if (!KNOWN_SERVICES.has(m[1])) return false;
    found.push({ at: m.index, name: typed({ from: m.index, to: m.index + m[1].length, value: m[1] }) });
    return [[m.index, m[1].length]];
  });
  text.each(/[\p{L}\p{N}][\p{L}\p{N}@._-]*/gu, (m): false | [number, number][] => {
    if (!KNOWN_SERVICES.has(m[0])) return false;
    const before = text.text.slice(Math.max(0, m.index - 12), m.index);
    // "restart postgres pg-main" is a database; "restart postgresql on etl-1" was caught above.
    if (/\b(?:the|a|rds|db)\s*$/.test(before) && !/\b(?:restart|bounce)\s+the\s*$/.test(before)) return false;
    if (['mysql', 'postgresql', 'mariadb', 'jenkins', 'kafka', 'redis', 'ssh'].includes(m[0])) return false;
    const c = chunk(text.text, m.index, m.index + m[0].length);
    if (c.from !== m.index) return false;
    found.push({ at: c.from, name: typed(c) });
    return [[c.from, c.to - c.from]];
  });
  e.services.push(...found.sort((a, b) => a.at - b.at).map((f) => f.name));
  // "the php-fpm workers on web-prod-1 are hanging, restart php-fpm": every mention is the service, but for one
  // that names a database or a machine ("i own the billing service … snapshot the prod billing database").
  for (const name of new Set(e.services.map((x) => x.toLowerCase())))
    text.each(
      new RegExp(
        `(?<![\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])(?!\\s+(?:database|db|instance|server|box|host)\\b)`,
        'g',
      ),
      () => undefined,
    );
}
