/**
 * The configuration: one YAML file (default cloudops.yaml) plus environment variables for secrets.
 * This module imports nothing else from src/.
 */
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
    inventory: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(8).describe('Scans (account x region x scanner) run at once.'),
        refresh: duration.default('15m').describe('How often the inventory is scanned again; 0m turns the schedule off.'),
        throttleRetries: z.number().int().min(0).max(10).default(4).describe('Extra tries for a throttled page, after the SDK retries.'),
        resolver: z
          .object({
            minScore: z.number().min(0).max(1).default(0.6).describe('Fuzzy matches below this are not used.'),
            ambiguityMargin: z.number().min(0).max(0.5).default(0.05).describe('Candidates this close to the best are asked about, never guessed.'),
            maxCandidates: z.number().int().min(2).max(25).default(10),
            freshOnMatch: z.boolean().default(true).describe('Re-read a matched resource from the cloud while planning.'),
          })
          .strict()
          .default({ minScore: 0.6, ambiguityMargin: 0.05, maxCandidates: 10, freshOnMatch: true }),
      })
      .strict()
      .default({ concurrency: 8, refresh: '15m', throttleRetries: 4, resolver: { minScore: 0.6, ambiguityMargin: 0.05, maxCandidates: 10, freshOnMatch: true } }),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).strict().default({ level: 'info' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ApprovalConfig = Config['approval'];
export type ApproverSet = z.infer<typeof approverSet>;
export type InventoryConfig = Config['inventory'];

/** Secrets come from the environment only, never from the file, and never reach logs or chat. */
export const SECRET_ENV = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
