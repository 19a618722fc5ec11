/**
 * Rendering SSM command templates. A value only reaches a shell when it matches its parameter's
 * declared pattern, and it is single-quoted on top of that, so even a pattern written too loosely
 * cannot start a second command.
 */
import { isResourceParameter, type PlaybookParameter } from '../core';
import { isResource, type ParamValue } from '../core';
import { lookup } from '../core';
import { matchesWhole, tooLongToMatch } from '../core';

const REF = /\{\{\s*([a-zA-Z_][\w]*(?:\.[\w:/-]+)*)\s*\}\}/g;

export class ShellRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellRefusal';
  }
}

/** POSIX single quotes: nothing inside is special; a ' is written as '\''. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Why this value may not go into a shell command, or undefined when it may. */
export function shellValueProblem(param: PlaybookParameter | undefined, name: string, value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `\`${name}\` is not a plain value and cannot go into a shell command`;
  }
  const text = String(value);
  if (/[\0]/.test(text)) return `\`${name}\` contains a NUL byte`;
  if (!param) return `\`${name}\` is not a declared parameter`;
  if (isResourceParameter(param)) return undefined;
  if (!param.pattern)
    return `\`${name}\` has no declared pattern, so it may not go into a shell command (add \`pattern:\` to the playbook)`;
  const tooLong = tooLongToMatch(name, text);
  if (tooLong) return tooLong.replace(/\.$/, '');
  if (!matchesWhole(param.pattern, text)) {
    return `\`${name}\` value ${JSON.stringify(text)} is not allowed: it must match ${param.pattern}`;
  }
  return undefined;
}

/** Render one command template; throws ShellRefusal before anything is sent. */
export function renderShell(template: string, params: Record<string, ParamValue>, declared: PlaybookParameter[]): string {
  return template.replace(REF, (_m, ref: string) => {
    const path = ref.split('.');
    const param = declared.find((p) => p.name === path[0]);
    let value = lookup(params, path);
    if (path.length === 1 && isResource(value as ParamValue)) value = (value as { id: string }).id;
    const problem = shellValueProblem(param, ref, value);
    if (problem) throw new ShellRefusal(`refused before calling AWS: ${problem}. Nothing was sent to the instance.`);
    return shellQuote(String(value));
  });
}

/** Render a shell field (a string or a list of command lines). */
export function renderShellDeep(value: unknown, params: Record<string, ParamValue>, declared: PlaybookParameter[]): unknown {
  if (typeof value === 'string') return renderShell(value, params, declared);
  if (Array.isArray(value)) return value.map((v) => renderShellDeep(v, params, declared));
  return value;
}
