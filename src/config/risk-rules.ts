/**
 * The risk rule language, as a schema: playbooks (`risk.rules`) and the config (`risk.rules`) share it.
 * Rules are data: src/risk evaluates them; nothing in a rule is ever run as code.
 * This module imports nothing else from src/ (src/core/playbook.ts declares the same shape as types).
 */
import { z } from 'zod';
import { safePatternSchema } from './pattern-safety';

export const riskLevelSchema = z.enum(['low', 'medium', 'high', 'critical']);
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'use lower case letters, digits and _ (e.g. instance, instance_type)');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like 08:00 or 18:30 (24-hour clock)');

/** An IANA time zone name the runtime knows (Europe/Berlin, America/New_York, UTC). */
export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'an IANA time zone like UTC, Europe/Berlin or America/New_York' },
);

const factTest = z
  .object({
    equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z.array(z.union([z.string(), z.number()])).optional(),
    nonEmpty: z.boolean().optional(),
    truthy: z.boolean().optional(),
    matches: safePatternSchema.optional(),
    equalsParam: identifier.optional().describe('The fact equals the value of this parameter (e.g. instanceType vs instance_type).'),
  })
  .strict();

const timeWindow = z
  .object({
    days: z
      .array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']))
      .min(1)
      .optional(),
    from: clockTime.optional(),
    to: clockTime.optional(),
    timezone: timeZoneSchema.optional(),
  })
  .strict()
  .refine((w) => (w.from === undefined) === (w.to === undefined), {
    message: 'give both `from` and `to` (a window like from: "18:00", to: "08:00")',
  })
  .refine((w) => w.days !== undefined || w.from !== undefined, { message: 'a time window needs `days`, or `from` and `to`' });

type ConditionShape = {
  param?: string;
  tag?: Record<string, string | string[] | { present: boolean }>;
  state?: string[];
  fact?: Record<string, z.infer<typeof factTest>>;
  account?: string[];
  production?: boolean;
  time?: z.infer<typeof timeWindow>;
  freeze?: boolean;
  resources?: { min?: number; max?: number };
  value?: Record<string, z.infer<typeof factTest>>;
  all?: ConditionShape[];
  any?: ConditionShape[];
  not?: ConditionShape;
};

export const riskConditionSchema: z.ZodType<ConditionShape> = z.lazy(() =>
  z
    .object({
      param: identifier.optional().describe('Resource parameter the condition looks at (default: every resource parameter).'),
      tag: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.object({ present: z.boolean() }).strict()])).optional(),
      state: z.array(z.string()).optional(),
      fact: z.record(z.string(), factTest).optional(),
      account: z.array(z.string()).optional().describe('Account ids or aliases.'),
      production: z
        .boolean()
        .optional()
        .describe('The resource is in an account the config names as production (risk.productionAccounts).'),
      time: timeWindow.optional().describe('The request is made inside this weekly window.'),
      freeze: z.boolean().optional().describe('A change freeze window from the config is in force.'),
      resources: z
        .object({ min: z.number().int().min(0).optional(), max: z.number().int().min(0).optional() })
        .strict()
        .optional()
        .describe('How many resources the request names.'),
      value: z
        .record(identifier, factTest)
        .optional()
        .describe("Values of the request's non-resource parameters, e.g. { count: { equals: 0 } } (numbers compare as numbers)."),
      all: z.array(riskConditionSchema).optional(),
      any: z.array(riskConditionSchema).optional(),
      not: riskConditionSchema.optional(),
    })
    .strict(),
);

const ruleFields = {
  when: riskConditionSchema,
  raise: riskLevelSchema.optional(),
  block: z.string().optional(),
  reason: z.string().optional(),
  downtime: z.string().optional().describe('Expected downtime when the rule holds; replaces the playbook default.'),
};

const hasEffect = (r: { raise?: unknown; block?: unknown; downtime?: unknown }) => !!(r.raise || r.block || r.downtime);
const effectMessage = { message: 'a risk rule needs `raise`, `block` or `downtime`' };

export const riskRuleSchema = z.object(ruleFields).strict().refine(hasEffect, effectMessage);

/** A rule in the config: the same, optionally limited to some playbooks. */
export const globalRiskRuleSchema = z
  .object({
    ...ruleFields,
    playbooks: z
      .array(z.string())
      .min(1)
      .optional()
      .describe('Only for these playbook ids (default: every playbook that changes something).'),
  })
  .strict()
  .refine(hasEffect, effectMessage);

export type RiskRuleShape = z.infer<typeof riskRuleSchema>;
