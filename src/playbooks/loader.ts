import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, isMap, isSeq, parseDocument, type Document } from 'yaml';
import { patternRisk, yamlValue } from '../config';
import type { Playbook } from '../core';
import { isResourceParameter } from '../core';
import { templateRefs, templateStrings } from '../core';
import { playbookSchema, toPlaybook } from './schema';

/** What the loader needs to know about actions (the execution registry provides it). */
export interface KnownActions {
  has(name: string): boolean;
  /** The input fields an action accepts, when it declares them. */
  inputFields?(name: string): string[] | undefined;
  /** Input fields rendered into a shell command: every value parameter used there needs a `pattern`. */
  shellFields?(name: string): string[];
  /** Does the action only read (a report, a search)? A `readOnly` playbook runs at once, so it may use no other. */
  readOnly?(name: string): boolean;
  list(): string[];
}

export interface PlaybookProblem {
  file: string;
  line: number;
  message: string;
}

export interface LoadResult {
  playbooks: Playbook[];
  problems: PlaybookProblem[];
  files: number;
}

const RESOURCE_FIELDS = new Set(['id', 'name', 'arn', 'account', 'accountAlias', 'region', 'state', 'type', 'tags', 'facts']);

type Path = (string | number)[];

function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  for (let len = path.length; len >= 0; len--) {
    const node = doc.getIn(path.slice(0, len), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
    if (len > 0) {
      // A map key exists but its value is null/scalar: point at the key's pair.
      const parent = len > 1 ? doc.getIn(path.slice(0, len - 1), true) : doc.contents;
      if (isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === path[len - 1]);
        const keyNode = pair?.key as { range?: [number, number, number] } | undefined;
        if (keyNode?.range) return counter.linePos(keyNode.range[0]).line;
      }
      if (isSeq(parent)) continue;
    }
  }
  return 1;
}

/** Check one playbook file's text. Returns the playbook, or the problems that stop it from loading. */
export function parsePlaybook(
  text: string,
  file: string,
  actions: KnownActions,
): { playbook?: Playbook; problems: PlaybookProblem[]; line: number } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        message: `YAML syntax: ${yamlErrorText(e.message)}`,
      })),
      line: 1,
    };
  }
  const value = yamlValue(doc, counter);
  if (!value.ok) return { problems: [{ file, line: value.line, message: `YAML: ${value.message}` }], line: 1 };
  const raw = value.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      problems: [{ file, line: 1, message: 'a playbook is a YAML mapping with id, title, examples, parameters, risk and steps' }],
      line: 1,
    };
  }
  const parsed = playbookSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path as Path;
      const where = path.length ? `\`${path.join('.')}\`: ` : '';
      let message = issue.message;
      if (issue.code === 'unrecognized_keys')
        message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')}`;
      if (issue.code === 'invalid_value' && 'values' in issue) message = `expected one of ${(issue.values as unknown[]).join(', ')}`;
      const line = issue.code === 'unrecognized_keys' ? lineOf(doc, counter, [...path, issue.keys[0]]) : lineOf(doc, counter, path);
      return { file, line, message: `${where}${message}` };
    });
    return { problems, line: 1 };
  }
  const y = parsed.data;
  const problems: PlaybookProblem[] = [];
  const at = (path: Path, message: string) => problems.push({ file, line: lineOf(doc, counter, path), message });
  const params = y.parameters;
  const checkRefs = (text: string, path: Path) => {
    for (const ref of templateRefs(text)) {
      const p = params[ref[0]];
      if (!p)
        at(
          path,
          `template {{${ref.join('.')}}} names parameter \`${ref[0]}\`, which this playbook ` +
            `does not declare (declared: ${Object.keys(params).join(', ') || 'none'})`,
        );
      else if (ref.length > 1 && isResourceParameter({ name: ref[0], ...p }) && !RESOURCE_FIELDS.has(ref[1])) {
        at(path, `template {{${ref.join('.')}}}: a resource has ${[...RESOURCE_FIELDS].join(', ')}, not \`${ref[1]}\``);
      }
    }
  };
  y.steps.forEach((step, i) => {
    if (!actions.has(step.action)) {
      const near = actions.list().filter((a) => a.split('.')[0] === step.action.split('.')[0]);
      at(
        ['steps', i, 'action'],
        `unknown action \`${step.action}\`` +
          `${near.length ? ` (known for this service: ${near.join(', ')})` : ` (known: ${actions.list().join(', ')})`}`,
      );
    } else {
      // A read-only playbook runs as soon as it is asked, with no card and no approval: a step that changes something
      // there (a reboot) would reach AWS unseen.
      if (y.readOnly && actions.readOnly && !actions.readOnly(step.action))
        at(
          ['steps', i, 'action'],
          `\`${step.action}\` changes something, and a \`readOnly: true\` playbook runs at once, without a card or ` +
            'an approval: remove `readOnly: true` (and say `risk.base` and `risk.reversible`), or use a read-only action',
        );
      const fields = actions.inputFields?.(step.action);
      for (const key of Object.keys(step.with ?? {})) {
        if (fields && !fields.includes(key))
          at(['steps', i, 'with', key], `action \`${step.action}\` has no input \`${key}\` (it takes ${fields.join(', ')})`);
      }
      for (const key of actions.shellFields?.(step.action) ?? []) {
        for (const t of templateStrings(step.with?.[key], ['steps', i, 'with', key])) {
          for (const ref of templateRefs(t.text)) {
            const p = params[ref[0]];
            if (p && !isResourceParameter({ name: ref[0], ...p }) && !p.pattern) {
              at(
                ['parameters', ref[0]],
                `parameter \`${ref[0]}\` goes into a shell command (${step.action} ${key}), so it ` +
                  `needs a \`pattern\` its values must match`,
              );
            }
          }
        }
      }
    }
    if (step.target && !params[step.target])
      at(['steps', i, 'target'], `step target \`${step.target}\` is not a parameter of this playbook`);
    for (const t of templateStrings(step.with, ['steps', i, 'with'])) checkRefs(t.text, t.path);
  });
  if (!y.readOnly && y.steps.length === 0 && y.id !== 'help') at(['steps'], 'a playbook that is not readOnly needs at least one step');
  // The card tells the approver whether the change can be undone; a playbook that forgot to say must not read as "yes".
  if (!y.readOnly && y.steps.length > 0 && y.risk.reversible === undefined)
    at(
      ['risk', 'reversible'],
      'a playbook that changes something must say whether it can be undone: add `risk.reversible: true` or `false` ' +
        '(and `risk.base`, the least risk level of its plans)' +
        // Every step only reads (a search, a report): the author most likely meant a read-only playbook.
        (actions.readOnly && y.steps.every((s) => actions.has(s.action) && actions.readOnly?.(s.action))
          ? '; its steps only read, so if it changes nothing, say `readOnly: true` instead'
          : ''),
    );
  y.risk.rules.forEach((r, i) => {
    if (r.when.param && !params[r.when.param])
      at(['risk', 'rules', i, 'when', 'param'], `risk rule names parameter \`${r.when.param}\`, which this playbook does not declare`);
    for (const name of Object.keys(r.when.value ?? {}))
      if (!params[name])
        at(['risk', 'rules', i, 'when', 'value', name], `risk rule reads the value of \`${name}\`, which this playbook does not declare`);
    if (r.block) checkRefs(r.block, ['risk', 'rules', i, 'block']);
    if (r.reason) checkRefs(r.reason, ['risk', 'rules', i, 'reason']);
  });
  for (const [name, p] of Object.entries(params)) {
    if (p.pattern) {
      try {
        new RegExp(p.pattern, 'u');
        // Values typed in chat are matched against it: no pattern that can freeze the bot on a long value.
        const risk = patternRisk(p.pattern);
        if (risk) at(['parameters', name, 'pattern'], `pattern refused: ${risk}`);
      } catch (e) {
        at(['parameters', name, 'pattern'], `pattern is not a valid regular expression: ${(e as Error).message}`);
      }
    }
  }
  const idLine = lineOf(doc, counter, ['id']);
  if (problems.length) return { problems, line: idLine };
  return { playbook: toPlaybook(y, { file, line: idLine }), problems, line: idLine };
}

/** Load every *.yaml / *.yml playbook in a folder. Broken files are reported and skipped, never fatal. */
export function loadPlaybooks(dir: string, actions: KnownActions): LoadResult {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    return {
      playbooks: [],
      problems: [{ file: dir, line: 0, message: `cannot read the playbook folder: ${(e as NodeJS.ErrnoException).code ?? e}` }],
      files: 0,
    };
  }
  const playbooks: Playbook[] = [];
  const problems: PlaybookProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const text = readPlaybookFile(file);
    if (text === null) continue;
    if (typeof text !== 'string') {
      problems.push(text);
      continue;
    }
    const result = parseSafely(text, file, actions);
    problems.push(...result.problems);
    if (!result.playbook) continue;
    const first = seen.get(result.playbook.id);
    if (first) {
      problems.push({
        file,
        line: result.line,
        message: `duplicate playbook id \`${result.playbook.id}\` (already defined in ${basename(first)})`,
      });
      continue;
    }
    seen.set(result.playbook.id, file);
    playbooks.push(result.playbook);
  }
  for (const p of playbooks) {
    if (p.rollback && !seen.has(p.rollback)) {
      problems.push({
        file: p.source?.file ?? p.id,
        line: p.source?.line ?? 1,
        message: `rollback names playbook \`${p.rollback}\`, which is not in the catalog`,
      });
    }
  }
  return { playbooks, problems, files: names.length };
}

/** Playbooks are small; a bigger file is a mistake (or an attack) and is not read. */
export const MAX_PLAYBOOK_BYTES = 256 * 1024;

/** A playbook file's text; a problem when it cannot be read (a dangling link, too big); null when it is a folder. */
function readPlaybookFile(file: string): string | PlaybookProblem | null {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return null;
    if (!st.isFile()) return { file, line: 1, message: 'not a regular file; a playbook is a YAML file' };
    size = st.size;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let link: string | undefined;
    try {
      link = lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined;
    } catch {
      link = undefined;
    }
    if (link !== undefined) return { file, line: 1, message: `a link to ${link}, which does not exist (${code}); fix or remove the link` };
    return { file, line: 1, message: `cannot be read (${code ?? (e as Error).message})` };
  }
  if (size > MAX_PLAYBOOK_BYTES)
    return { file, line: 1, message: `is ${Math.ceil(size / 1024)} KiB; a playbook file may be at most ${MAX_PLAYBOOK_BYTES / 1024} KiB` };
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    return { file, line: 1, message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

/** Whatever is in one file, it becomes problems of that file: the rest of the catalog still loads. */
function parseSafely(text: string, file: string, actions: KnownActions): ReturnType<typeof parsePlaybook> {
  try {
    return parsePlaybook(text, file, actions);
  } catch (e) {
    return { problems: [{ file, line: 1, message: `could not be checked (${(e as Error).message}); this file was skipped` }], line: 1 };
  }
}

export function formatProblem(p: PlaybookProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

/** The YAML parser's first line, except a stack overflow, which says what to do about it. */
function yamlErrorText(message: string): string {
  if (/Maximum call stack size exceeded/.test(message))
    return 'nested too deeply (brackets or blocks inside one another thousands of times); write it flatter';
  return message.split('\n')[0];
}
