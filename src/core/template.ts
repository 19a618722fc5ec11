/**
 * `{{instance.id}}`-style templates in playbooks. Only dotted lookups into the plan's parameters:
 * no expressions, no code, so a playbook can never make the bot evaluate anything.
 */
import { isResource, type ParamValue } from './plan';

const TEMPLATE = /\{\{\s*([a-zA-Z_][\w]*(?:\.[\w:/-]+)*)\s*\}\}/g;

/** The parameter references in a template string: `{{db.name}}` -> [['db','name']]. */
export function templateRefs(text: string): string[][] {
  return [...text.matchAll(TEMPLATE)].map((m) => m[1].split('.'));
}

export function lookup(params: Record<string, ParamValue>, path: string[]): unknown {
  let value: unknown = params[path[0]];
  for (const key of path.slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Render a template. A template that is exactly one reference keeps the value's type (arrays, numbers). */
export function renderTemplate(text: string, params: Record<string, ParamValue>): unknown {
  const whole = text.match(/^\{\{\s*([a-zA-Z_][\w]*(?:\.[\w:/-]+)*)\s*\}\}$/);
  if (whole) return lookup(params, whole[1].split('.'));
  return text.replace(TEMPLATE, (_m, ref: string) => {
    const v = lookup(params, ref.split('.'));
    if (v === undefined || v === null) return '';
    if (isResource(v as ParamValue)) return (v as { name: string }).name;
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** Render every string inside a structure (a step's `with`). */
export function renderDeep(value: unknown, params: Record<string, ParamValue>): unknown {
  if (typeof value === 'string') return renderTemplate(value, params);
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, params));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, params)]));
  return value;
}

/** Every template string inside a structure, with its path. */
export function templateStrings(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return value.includes('{{') ? [{ path, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => templateStrings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => templateStrings(v, [...path, k]));
  return [];
}
