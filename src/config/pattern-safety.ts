/**
 * Is a regular expression written in a playbook or the config safe to match against text people type?
 * JavaScript matches by backtracking: `(a|aa)+` against 40 characters takes seconds and freezes the bot.
 * This is a conservative static check, run when playbooks and the config are validated, that refuses
 * the shapes that backtrack badly:
 *
 * - backreferences and lookarounds;
 * - a repeated part (`+`, `*`, `{n,}`, `{n,m}`, `{n}` with n > 1) that itself contains a quantifier,
 *   can match nothing, or has alternatives that can start with the same character (`(a+)+`, `(a?)+`,
 *   `(a|aa)+`);
 * - three or more quantifiers with a choice in a row that can take the same characters, with nothing
 *   between them that only one could take (`.*.*.*`, `\d+\d*\d+`, `a?a?a?aaa`): their splits multiply.
 *   Parts that can match nothing (`-?`, `(x|)`, `\b`) are not "between": `[a-z]+-?[a-z]+-?[a-z]+` counts three.
 *
 * What passes matches in at most about n² steps; values are also capped in length before matching
 * (see core/pattern.ts). Character sets are compared on a sample of characters (ASCII, Latin-1, a few
 * others, and every character the pattern names), which errs on the side of "they overlap".
 */

import { z } from 'zod';

interface CharNode {
  t: 'char';
  src: string;
  from: number;
  to: number;
}
interface AssertNode {
  t: 'assert';
  from: number;
  to: number;
}
interface GroupNode {
  t: 'group';
  alts: RegexNode[][];
  from: number;
  to: number;
}
interface RepeatNode {
  t: 'repeat';
  node: RegexNode;
  min: number;
  max: number;
  from: number;
  to: number;
}
type RegexNode = CharNode | AssertNode | GroupNode | RepeatNode;

class Unsafe extends Error {}

const BASE_SAMPLES = [
  ...Array.from({ length: 128 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)),
  'е',
  'α',
  'ǅ',
  '中',
  '٣',
  '\u2028',
  '\u3000',
  '😀',
];

/** Parses the subset of syntax that matters here (the pattern already compiled with the `u` flag). */
class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  parse(): RegexNode[][] {
    const alts = this.alts();
    if (this.i < this.s.length) throw new Unsafe(`it could not be checked (unexpected \`${this.s[this.i]}\` at ${this.i + 1})`);
    return alts;
  }

  private alts(): RegexNode[][] {
    const alts = [this.seq()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.seq());
    }
    return alts;
  }

  private seq(): RegexNode[] {
    const items: RegexNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified(this.atom()));
    return items;
  }

  private atom(): RegexNode {
    const { s } = this;
    const from = this.i;
    const c = s[this.i];
    if (c === '(') {
      this.i++;
      if (/^\?<?[=!]/.test(s.slice(this.i, this.i + 3)))
        throw new Unsafe(
          'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) cannot be matched in linear time; ' +
            'describe the value with character classes instead',
        );
      if (s.startsWith('?:', this.i)) this.i += 2;
      else if (s.startsWith('?<', this.i)) this.i = s.indexOf('>', this.i) + 1;
      else if (s[this.i] === '?') throw new Unsafe(`it could not be checked (group \`${s.slice(from, from + 4)}\`)`);
      const alts = this.alts();
      if (s[this.i] !== ')') throw new Unsafe('it could not be checked (a group is not closed)');
      this.i++;
      return { t: 'group', alts, from, to: this.i };
    }
    if (c === '[') {
      this.i++;
      while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? this.escapeLength(this.i) : 1;
      this.i++;
      return { t: 'char', src: s.slice(from, this.i), from, to: this.i };
    }
    if (c === '\\') {
      const next = s[this.i + 1];
      if (/[1-9]/.test(next) || next === 'k')
        throw new Unsafe(
          `backreferences (\`${s.slice(from, from + 2)}\`) cannot be matched in linear time; ` +
            `describe the value without repeating a captured part`,
        );
      this.i += this.escapeLength(this.i);
      if (next === 'b' || next === 'B') return { t: 'assert', from, to: this.i };
      return { t: 'char', src: s.slice(from, this.i), from, to: this.i };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert', from, to: this.i };
    }
    const ch = String.fromCodePoint(s.codePointAt(this.i)!);
    this.i += ch.length;
    return { t: 'char', src: ch === '.' ? '.' : ch.replace(/[\\^$.*+?()[\]{}|/]/, '\\$&'), from, to: this.i };
  }

  /** Length of the escape starting at `at` (`\d`, `\x41`, `\u{1F600}`, `\p{L}`, `\cJ`). */
  private escapeLength(at: number): number {
    const rest = this.s.slice(at + 1);
    const m = /^(?:[pPu]\{[^}]*\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[A-Za-z]|0|.)/su.exec(rest);
    return 1 + (m ? m[0].length : 0);
  }

  private quantified(node: RegexNode): RegexNode {
    const { s } = this;
    const from = node.from;
    let min: number;
    let max: number;
    const c = s[this.i];
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.i));
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (braces)
      [min, max] = [Number(braces[1]), braces[2] === undefined ? Number(braces[1]) : braces[3] === '' ? Infinity : Number(braces[3])];
    else return node;
    this.i += braces ? braces[0].length : 1;
    if (s[this.i] === '?') this.i++; // lazy: the same worst case
    return { t: 'repeat', node, min, max, from, to: this.i };
  }
}

/** Character sets as membership over the sample characters. */
class Sets {
  private readonly memo = new Map<string, boolean[]>();
  constructor(private readonly samples: string[]) {}

  of(src: string): boolean[] {
    let set = this.memo.get(src);
    if (!set) {
      const re = new RegExp(`^(?:${src})$`, 'u');
      set = this.samples.map((c) => re.test(c));
      this.memo.set(src, set);
    }
    return set;
  }

  none(): boolean[] {
    return this.samples.map(() => false);
  }
}

const union = (a: boolean[], b: boolean[]) => a.map((x, i) => x || b[i]);
const overlaps = (a: boolean[], b: boolean[]) => a.some((x, i) => x && b[i]);

class Checker {
  constructor(
    private readonly s: string,
    private readonly sets: Sets,
  ) {}

  private text(n: { from: number; to: number }): string {
    return this.s.slice(n.from, n.to);
  }

  nullable(n: RegexNode): boolean {
    if (n.t === 'char') return false;
    if (n.t === 'assert') return true;
    if (n.t === 'repeat') return n.min === 0 || this.nullable(n.node);
    return n.alts.some((alt) => alt.every((x) => this.nullable(x)));
  }

  /** Characters a match of this node can start with. */
  first(n: RegexNode): boolean[] {
    if (n.t === 'char') return this.sets.of(n.src);
    if (n.t === 'assert') return this.sets.none();
    if (n.t === 'repeat') return this.first(n.node);
    return n.alts.map((alt) => this.firstOf(alt)).reduce(union, this.sets.none());
  }

  private firstOf(seq: RegexNode[]): boolean[] {
    let set = this.sets.none();
    for (const x of seq) {
      set = union(set, this.first(x));
      if (!this.nullable(x)) break;
    }
    return set;
  }

  /** Every character the node can take anywhere. */
  chars(n: RegexNode): boolean[] {
    let set = this.charsMemo.get(n);
    if (!set) this.charsMemo.set(n, (set = this.charsOf(n)));
    return set;
  }

  private readonly charsMemo = new Map<RegexNode, boolean[]>();

  private charsOf(n: RegexNode): boolean[] {
    if (n.t === 'char') return this.sets.of(n.src);
    if (n.t === 'assert') return this.sets.none();
    if (n.t === 'repeat') return this.chars(n.node);
    return n.alts
      .flat()
      .map((x) => this.chars(x))
      .reduce(union, this.sets.none());
  }

  private hasQuantifier(n: RegexNode): boolean {
    if (n.t === 'repeat') return true;
    return n.t === 'group' && n.alts.flat().some((x) => this.hasQuantifier(x));
  }

  /** Can it take more or fewer characters (a quantifier with a choice, `?` too), itself or inside? */
  private varies(n: RegexNode): boolean {
    if (n.t === 'repeat') return n.min < n.max || this.varies(n.node);
    return n.t === 'group' && n.alts.flat().some((x) => this.varies(x));
  }

  /** Alternatives inside that can start with the same character (checked in every group within). */
  private overlappingAlternatives(n: RegexNode): GroupNode | undefined {
    if (n.t === 'repeat') return this.overlappingAlternatives(n.node);
    if (n.t !== 'group') return undefined;
    const firsts = n.alts.map((alt) => this.firstOf(alt));
    if (firsts.some((a, i) => firsts.some((b, j) => j > i && overlaps(a, b)))) return n;
    for (const x of n.alts.flat()) {
      const inner = this.overlappingAlternatives(x);
      if (inner) return inner;
    }
    return undefined;
  }

  check(n: RegexNode): void {
    if (n.t === 'repeat') {
      if (n.max > 1) {
        const body = this.text(n.node);
        if (this.hasQuantifier(n.node))
          throw new Unsafe(
            `\`${this.text(n)}\` repeats a part that has a quantifier of its own, which can take ` +
              `exponential time on a long value (as \`(a+)+\` does); repeat a character class ` +
              `instead, e.g. \`[a-z0-9-]+\``,
          );
        if (this.nullable(n.node))
          throw new Unsafe(`\`${this.text(n)}\` repeats \`${body}\`, which can match nothing; that can take exponential time`);
        const alt = this.overlappingAlternatives(n.node);
        if (alt)
          throw new Unsafe(
            `\`${this.text(n)}\` repeats alternatives that can start with the same character (\`` +
              `${this.text(alt)}\`), which can take exponential time (as \`(a|aa)+\` does); use a ` +
              `character class, or alternatives that start differently`,
          );
      }
      this.check(n.node);
    } else if (n.t === 'group') {
      for (const alt of n.alts) this.checkSeq(alt);
    }
  }

  /**
   * Walks one sequence and everything inside it: no three quantifiers with a choice (`*`, `+`, `?`,
   * `{n,m}`) that can take the same character `c` with nothing between them that must match and cannot
   * take `c`. What can match nothing (`a?`, `(x|)`, `\b`) does not separate them: `\d+a?\d+a?\d+`
   * on a run of digits splits it as many ways as `\d+\d+\d+` (cubic). Exact counts (`\d{4}`) give no
   * choice of split and do not count.
   */
  checkSeq(seq: RegexNode[]): void {
    for (const item of seq) this.check(item);
    const size = this.sets.none().length;
    for (let c = 0; c < size; c++) {
      const r = this.seqRuns(seq, c);
      const worst = [r.m, r.p, r.s, r.t].reduce(longest, null);
      if (worst && worst.length >= 3) {
        throw new Unsafe(
          `${worst.map((x) => `\`${this.text(x)}\``).join(', ')} follow one another and can ` +
            `take the same characters, so the ways to split a value between them multiply (as in ` +
            `\`.*.*.*\`; what lies between them can match nothing, or takes those characters too)` +
            `; put a character none of them matches between them, or use fewer quantifiers`,
        );
      }
    }
  }

  /** The runs of quantifiers with a choice that can take character `c`, through one node. */
  private runs(n: RegexNode, c: number): Runs {
    const takes = this.chars(n)[c];
    if (n.t === 'char') return takes ? PASS : STOP;
    if (n.t === 'assert') return PASS;
    if (n.t === 'group')
      return n.alts
        .map((alt) => this.seqRuns(alt, c))
        .reduce((a, b) => ({ t: longest(a.t, b.t), p: longest(a.p, b.p), s: longest(a.s, b.s), m: longest(a.m, b.m) }));
    const own: RegexNode[] = n.min < n.max && takes ? [n] : [];
    if (n.max > 1) {
      // The part repeated has no quantifier of its own (check() refused that): one choice, or a wall.
      if (takes) return { t: own, p: null, s: null, m: own };
      return n.min === 0 ? PASS : STOP;
    }
    // `x?`: a choice of its own, unless what it makes optional already has one (`(?:\d+)?` is one
    // choice of length, like `\d*`, not two).
    const inner = this.runs(n.node, c);
    const add = (run: RegexNode[] | null) => (run?.length ? run : cat(own, run));
    const t = add(inner.t);
    const p = add(inner.p);
    const s = add(inner.s);
    return { t: n.min === 0 ? longest(t, []) : t, p, s, m: [inner.m, t, p, s].reduce(longest, null) };
  }

  private seqRuns(seq: RegexNode[], c: number): Runs {
    let acc: Runs = PASS;
    for (const item of seq) {
      const b = this.runs(item, c);
      const t = cat(acc.t, b.t);
      acc = {
        t,
        p: longest(acc.p, cat(acc.t, b.p)),
        s: longest(b.s, cat(acc.s, b.t)),
        m: [acc.m, b.m, cat(acc.s, b.p), cat(acc.s, b.t), cat(acc.t, b.p), t].reduce(longest, null),
      };
    }
    return acc;
  }
}

/**
 * Runs of quantifiers that can take one character, through a part of the pattern: `t` all the way
 * through (no wall; null when every way has one), `p` before its first wall, `s` after its last, `m`
 * the longest anywhere. A wall is a part that must match and cannot take the character.
 */
interface Runs {
  t: RegexNode[] | null;
  p: RegexNode[] | null;
  s: RegexNode[] | null;
  m: RegexNode[] | null;
}
const PASS: Runs = { t: [], p: null, s: null, m: [] };
const STOP: Runs = { t: null, p: [], s: [], m: [] };
const cat = (a: RegexNode[] | null, b: RegexNode[] | null) => (a && b ? [...a, ...b] : null);
const longest = (a: RegexNode[] | null, b: RegexNode[] | null) => (!a ? b : !b ? a : b.length > a.length ? b : a);

/**
 * Why this pattern could take super-linear time on a long value, in words; undefined when it is safe.
 * Expects a pattern that compiles with the `u` flag (check that first).
 */
export function patternRisk(pattern: string): string | undefined {
  try {
    const tree = new Parser(pattern).parse();
    const named = [...pattern].filter((c) => !BASE_SAMPLES.includes(c));
    const checker = new Checker(pattern, new Sets([...BASE_SAMPLES, ...new Set(named)]));
    for (const alt of tree) checker.checkSeq(alt);
    return undefined;
  } catch (e) {
    if (e instanceof Unsafe) return e.message;
    return `it could not be checked (${(e as Error).message})`;
  }
}

/** A regular expression from a file people write: it must compile (with `u`) and pass `patternRisk`. */
export const safePatternSchema = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, 'u');
  } catch (e) {
    ctx.addIssue({
      code: 'custom',
      message: `not a valid regular expression (${(e as Error).message.replace(/^Invalid regular expression: \/.*\/\w*: /s, '')})`,
    });
    return;
  }
  const risk = patternRisk(pattern);
  if (risk) ctx.addIssue({ code: 'custom', message: `pattern refused: ${risk}` });
});
