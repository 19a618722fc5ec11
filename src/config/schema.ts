/**
 * The configuration: one YAML file (default cloudops.yaml) plus environment variables for secrets.
 * This module imports nothing else from src/.
 */
import { validateDetailed as validateCron } from 'node-cron';
import { z } from 'zod';

const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'a duration like 30s, 15m, 1h or 7d');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, quoted ("111111111111")');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name like us-west-2');

const approverSet = z
  .object({
    console: z.array(z.string().min(1)).default([]),
    slack: z.array(z.string().regex(/^[USW][A-Z0-9]{2,}$/, 'a Slack user id (U…/W…) or user group id (S…)')).default([]),
    teams: z.array(z.string().min(1)).default([]),
  })
  .strict();

const levelPolicy = z
  .object({
    required: z.boolean().optional(),
    approvers: z.number().int().min(1).max(10).optional(),
    from: z.array(z.string()).optional(),
    requesterMayApprove: z.boolean().optional(),
    ttl: duration.optional(),
  })
  .strict();

/** A cron schedule node-cron accepts; the message names the bad field and shows the shape. */
const cronSchedule = z.string().superRefine((value, ctx) => {
  const check = validateCron(value);
  if (check.valid) return;
  const e = check.errors[0];
  const why = e?.field === 'expression' ? e.message : `${e?.field ?? 'a field'} "${e?.value ?? ''}" is not valid`;
  ctx.addIssue({ code: 'custom', message: `"${value}" is not a cron schedule (${why}); write minute hour day-of-month month day-of-week, e.g. "0 8 * * 1-5" for 08:00 on weekdays` });
});

/** An IANA time zone name the runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z.string().superRefine((value, ctx) => {
  if (!isTimeZone(value)) ctx.addIssue({ code: 'custom', message: `"${value}" is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC` });
});

const digestChannel = z
  .object({
    platform: z.enum(['slack', 'teams', 'console']),
    id: z.string().min(1).describe('Slack channel id (C…), Teams conversation id, or any name for the console.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.platform === 'slack' && !/^[CGD][A-Z0-9]{2,}$/.test(c.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: `"${c.id}" is not a Slack channel id (C…, G… or D…; channel details > About shows it)` });
  });

const costView = z.enum(['auto', 'total', 'per-account']);

const digestOptions = z
  .object({
    view: costView.optional().describe('cost: one view over all accounts, one per account, or per account when several are configured (auto).'),
    anomalies: z.boolean().optional().describe('cost: include Cost Anomaly Detection anomalies (overrides cost.anomalies).'),
    top: z.number().int().min(1).max(25).optional().describe('How many top services / worst offenders to list.'),
  })
  .strict();

const digestEntry = z
  .object({
    kind: z.enum(['cost', 'tags']),
    schedule: cronSchedule,
    timezone: timeZone.default('UTC'),
    channel: digestChannel,
    options: digestOptions.prefault({}),
  })
  .strict();

const requiredTag = z
  .object({
    key: z.string().min(1),
    values: z.array(z.string()).min(1).optional().describe('Allowed values (exact).'),
    pattern: z
      .string()
      .refine((p) => {
        try {
          new RegExp(p, 'u');
          return true;
        } catch {
          return false;
        }
      }, 'not a valid regular expression')
      .optional()
      .describe('A regular expression the whole value must match.'),
    types: z.array(z.string().min(1)).min(1).optional().describe('Only for these resource types (ec2-instance, ebs-volume, rds-instance, s3, lambda:function, ...).'),
  })
  .strict();

const tagExemption = z
  .object({
    reason: z.string().optional(),
    ids: z.array(z.string()).optional().describe('Resource ids or ARNs.'),
    names: z.array(z.string()).optional().describe('Name patterns; * matches anything.'),
    tag: z.record(z.string(), z.string()).optional().describe('Exempt when the resource carries all these tags.'),
    accounts: z.array(accountId).optional(),
    types: z.array(z.string()).optional(),
  })
  .strict();

const taggingPolicy = z
  .object({
    required: z.array(requiredTag).min(1).default([{ key: 'owner' }, { key: 'environment' }]),
    resourceTypes: z.array(z.string().min(1)).min(1).optional().describe('Resource types the policy applies to; all taggable types when left out.'),
    exemptions: z.array(tagExemption).default([]),
    ownerTag: z.string().min(1).default('owner').describe('The tag that names the team, for compliance by team.'),
  })
  .strict();

const costOptions = z
  .object({
    anomalies: z.boolean().default(false).describe('Include Cost Anomaly Detection anomalies (one more request per digest).'),
    view: costView.default('auto'),
    payerAccount: accountId.optional().describe('The account whose Cost Explorer is read (the organization payer); the first account when left out.'),
    metric: z.enum(['UnblendedCost', 'AmortizedCost', 'BlendedCost', 'NetUnblendedCost', 'NetAmortizedCost']).default('UnblendedCost'),
    cacheTtl: duration.default('6h').describe('How long Cost Explorer answers are kept in the store.'),
    top: z.number().int().min(1).max(25).default(5),
  })
  .strict();

export const configSchema = z
  .object({
    sandbox: z
      .object({ estate: z.string().min(1).describe('Path of a sandbox estate YAML file; the bundled demo estate when left out.').optional() })
      .strict()
      .optional()
      .describe('Use a sandbox estate instead of AWS.'),
    aws: z
      .object({
        accounts: z
          .array(
            z
              .object({
                id: accountId,
                alias: z.string().optional(),
                regions: z.array(region).min(1),
                roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN').optional(),
                externalId: z.string().optional(),
                production: z.boolean().optional(),
              })
              .strict(),
          )
          .min(1),
        maxAttempts: z.number().int().min(1).max(10).default(3),
      })
      .strict()
      .optional(),
    store: z.object({ path: z.string().min(1).default('.cloudops/cloudops.db') }).strict().default({ path: '.cloudops/cloudops.db' }),
    playbooks: z.object({ dir: z.string().min(1).default('playbooks') }).strict().default({ dir: 'playbooks' }),
    console: z.object({ user: z.string().min(1).default('alice') }).strict().default({ user: 'alice' }),
    intents: z.object({ threshold: z.number().min(0).max(1).default(0.34) }).strict().default({ threshold: 0.34 }),
    approval: z
      .object({
        ttl: duration.default('1h'),
        approvers: z.record(z.string(), approverSet).default({}),
        levels: z
          .object({ low: levelPolicy.optional(), medium: levelPolicy.optional(), high: levelPolicy.optional(), critical: levelPolicy.optional() })
          .strict()
          .default({}),
      })
      .strict()
      .default({ ttl: '1h', approvers: {}, levels: {} }),
    digests: z.array(digestEntry).default([]).describe('Scheduled digests: cost or tags, a cron schedule, a time zone and a channel.'),
    tagging: taggingPolicy.prefault({}),
    cost: costOptions.prefault({}),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).strict().default({ level: 'info' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ApprovalConfig = Config['approval'];
export type ApproverSet = z.infer<typeof approverSet>;
export type DigestConfig = z.infer<typeof digestEntry>;
export type TaggingPolicy = z.infer<typeof taggingPolicy>;
export type CostOptions = z.infer<typeof costOptions>;

/** Secrets come from the environment only, never from the file, and never reach logs or chat. */
export const SECRET_ENV = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
