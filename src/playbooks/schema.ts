/**
 * The playbook format. This zod schema is the single source: the loader validates with it, and
 * `npm run schema` writes its JSON Schema to playbooks/schema.json for editors.
 */
import { z } from 'zod';
import { riskRuleSchema } from '../config';
import { resourceKinds } from '../inventory';
import { VALUE_TYPES, type Playbook } from '../core';

const riskLevel = z.enum(['low', 'medium', 'high', 'critical']);
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower case letters, digits and _ (e.g. instance, instance_type)');

const parameter = z
  .object({
    // Checked when a playbook is read, against the kinds registered then (a kind may register after this module loads).
    type: z
      .string()
      .refine((t) => resourceKinds.has(t) || (VALUE_TYPES as readonly string[]).includes(t), {
        error: () =>
          `expected one of ${[...resourceKinds.types(), ...VALUE_TYPES].join(', ')} (resource ` +
          `types are resolved from the inventory, the others are values)`,
      })
      .describe('Resource types are resolved from the inventory; the others are values taken from the text.'),
    description: z.string().optional(),
    required: z.boolean().default(true),
    pattern: z.string().optional().describe('Regular expression the whole value must match. Required for values that reach a shell.'),
    enum: z.array(z.string()).min(1).optional(),
    default: z.union([z.string(), z.number(), z.boolean()]).optional(),
    states: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Resource parameters: the states the resource must be in, else the plan is blocked.'),
    service: z
      .string()
      .optional()
      .describe('taggable parameters: only resources of this ARN service (ec2:snapshot), never a resource of another kind.'),
  })
  .strict();

// The risk rule language is shared with the config's global rules (src/config/risk-rules.ts).
const rule = riskRuleSchema;

const step = z
  .object({
    action: z.string().regex(/^[a-z0-9]+\.[A-Za-z0-9]+$/, 'an action is named service.operation, e.g. ec2.stopInstance'),
    name: z.string().optional(),
    target: identifier.optional(),
    with: z.record(z.string(), z.unknown()).default({}),
    wait: z
      .object({
        timeout: z
          .string()
          .regex(/^\d+(s|m|h)$/, 'a duration like 30s, 15m or 1h')
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const playbookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a playbook id is kebab-case, e.g. ec2-stop-instance'),
    title: z.string().min(3),
    description: z.string().default(''),
    examples: z.array(z.string().min(2)).min(1, 'give at least one example utterance'),
    readOnly: z.boolean().default(false),
    parameters: z.record(identifier, parameter).default({}),
    risk: z
      .object({
        base: riskLevel,
        // No default: a playbook that changes something says whether it can be undone (the loader checks).
        reversible: z.boolean().optional(),
        downtime: z.string().optional(),
        rules: z.array(rule).default([]),
      })
      .strict()
      .default({ base: 'low', rules: [] }),
    steps: z.array(step).default([]),
    rollback: z.string().optional(),
    fleet: z
      .object({
        concurrency: z.number().int().min(1).max(50).optional().describe('Members run at once in a fleet plan (default 1: one at a time).'),
        pause: z
          .string()
          .regex(/^\d+(s|m|h)$/, 'a duration like 30s, 15m or 1h')
          .optional()
          .describe('Wait between one member (or batch) and the next.'),
        onBlocked: z
          .enum(['skip', 'block'])
          .optional()
          .describe('A member the risk rules block: left out of the plan (skip, default) or the whole plan blocked (block).'),
      })
      .strict()
      .optional()
      .describe('How a plan over a set of resources ("reboot the kafka brokers") rolls out.'),
  })
  .strict();

export type PlaybookYaml = z.infer<typeof playbookSchema>;

/** The validated YAML, in the shape the rest of the code uses. */
export function toPlaybook(y: PlaybookYaml, source?: { file: string; line: number }): Playbook {
  return {
    id: y.id,
    title: y.title,
    description: y.description,
    examples: y.examples,
    readOnly: y.readOnly,
    parameters: Object.entries(y.parameters).map(([name, p]) => ({ name, ...p })),
    risk: { base: y.risk.base, reversible: y.risk.reversible ?? true, downtime: y.risk.downtime, rules: y.risk.rules },
    steps: y.steps.map((s) => ({ ...s, with: s.with ?? {} })),
    rollback: y.rollback,
    ...(y.fleet ? { fleet: y.fleet } : {}),
    source,
  };
}

/** The JSON Schema written to playbooks/schema.json. */
export function playbookJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(playbookSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  // The parameter type is checked in code against the registry; editors get the list as it is now.
  const param = (schema as { properties?: { parameters?: { additionalProperties?: { properties?: { type?: Record<string, unknown> } } } } })
    .properties?.parameters?.additionalProperties?.properties?.type;
  if (param) param.enum = [...resourceKinds.types(), ...VALUE_TYPES];
  return { ...schema, $id: 'https://github.com/cloudops-bot/cloudops-bot/playbooks/schema.json', title: 'cloudops-bot playbook' };
}
