/**
 * The catalog as tools for a language model (Bedrock Converse tool use), and the check that holds the
 * model's answer to exactly the rules the local classifier's output follows: a playbook that exists,
 * parameters it has, values its schema accepts. The model picks; it never decides risk or approval.
 */
import { checkValue } from '../core';
import { isResourceParameter, type Playbook, type PlaybookParameter } from '../core';
import type { PlaybookCatalog } from '../core';
import type { ToolSpec } from '../cloud';
import { formatTags } from './params';
import { toPeriod } from './period';

/** The tool a model calls when no playbook does what was asked. */
export const NONE_TOOL = 'out_of_scope';

function schemaFor(param: PlaybookParameter): Record<string, unknown> {
  const about = param.description ? `${param.description} ` : '';
  if (isResourceParameter(param))
    return {
      type: 'string',
      description:
        `${about}The ${param.type} exactly as the user named it (a name, an id, or words ` +
        `like "the staging mysql db"). Do not invent one.`,
    };
  switch (param.type) {
    case 'tags':
      return { type: 'object', description: `${about}Tag keys and values the user gave.`, additionalProperties: { type: 'string' } };
    case 'period':
      return {
        type: 'string',
        description: `${about}As the user said it ("yesterday", "last week", "since monday") or as YYYY-MM-DD..YYYY-MM-DD.`,
      };
    case 'enum':
      return { type: 'string', enum: param.enum ?? [], ...(param.description ? { description: param.description } : {}) };
    case 'boolean':
      return { type: 'boolean', ...(param.description ? { description: param.description } : {}) };
    case 'number':
      return { type: 'number', ...(param.description ? { description: param.description } : {}) };
    default:
      return { type: 'string', ...(param.description ? { description: param.description } : {}) };
  }
}

export function toolsFor(catalog: PlaybookCatalog): ToolSpec[] {
  const tools = catalog.list().map((p) => ({
    name: p.id,
    description: `${p.title}. ${p.description}${p.readOnly ? ' Read-only.' : ''} Examples: ${p.examples
      .slice(0, 4)
      .map((e) => `"${e}"`)
      .join(', ')}.`,
    inputSchema: {
      type: 'object',
      properties: Object.fromEntries(p.parameters.map((x) => [x.name, schemaFor(x)])),
      additionalProperties: false,
    },
  }));
  tools.push({
    name: NONE_TOOL,
    description:
      'Use this when no other tool does what the user asks: small talk, questions, or an ' +
      'action none of the tools performs (for example deleting a database when no tool ' +
      'deletes databases). Never pick a different tool instead.',
    inputSchema: {
      type: 'object',
      properties: { reason: { type: 'string', description: 'Why no tool fits, in a few words.' } },
      additionalProperties: false,
    },
  });
  return tools;
}

export const SYSTEM_PROMPT = [
  'You route chat messages from engineers to exactly one tool of a cloud operations bot.',
  'Call the one tool that does what the user asks, with only the parameters the user gave; copy resource names exactly as written.',
  `If no tool does what is asked, call ${NONE_TOOL}. Do not pick a tool that does something else.`,
  'Your choice is shown to people as a plan that they approve or reject; you do not decide risk or approval.',
].join(' ');

export type Validated = { ok: true; playbook: string | null; params: Record<string, string> } | { ok: false; why: string };

/** Hold a model's tool call to the catalog: unknown playbook, parameter or value -> rejected. */
export function validateToolCall(catalog: PlaybookCatalog, name: string, input: unknown, now: Date): Validated {
  if (name === NONE_TOOL) return { ok: true, playbook: null, params: {} };
  const playbook = catalog.get(name);
  if (!playbook) return { ok: false, why: `unknown playbook "${name}"` };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, why: 'the input is not an object' };
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const param = playbook.parameters.find((p) => p.name === key);
    if (!param) return { ok: false, why: `${playbook.id} has no parameter "${key}"` };
    if (value === null || value === undefined || value === '') continue;
    const text = valueText(param, value, now);
    if (text === undefined) return { ok: false, why: `"${key}" has a value of the wrong shape` };
    const problem = isResourceParameter(param) || param.type === 'tags' ? undefined : checkValue(param, text);
    if (problem) return { ok: false, why: problem };
    params[key] = text;
  }
  return { ok: true, playbook: playbook.id, params };
}

function valueText(param: PlaybookParameter, value: unknown, now: Date): string | undefined {
  if (param.type === 'tags') {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([, v]) => typeof v !== 'string' && typeof v !== 'number')) return undefined;
    return formatTags(Object.fromEntries(entries.map(([k, v]) => [k, String(v)])));
  }
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value).trim();
  if (text.length > 200 || /[\r\n]/.test(text)) return undefined;
  if (param.type === 'period') return toPeriod(text, now);
  if (param.type === 'enum') return param.enum?.find((e) => e.toLowerCase() === text.toLowerCase()) ?? text;
  if (param.type === 'instance-type') return text.toLowerCase();
  return text;
}

export function resourceParamNames(p: Playbook): Set<string> {
  return new Set(p.parameters.filter(isResourceParameter).map((x) => x.name));
}
