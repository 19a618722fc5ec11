/**
 * The configuration: one YAML file (default cloudops.yaml) plus environment variables for secrets.
 * This module imports nothing else from src/.
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'a duration like 30s, 15m, 1h or 7d');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, quoted ("111111111111")');
const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region name like us-west-2');

const AAD_ID_OR_UPN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[^@\s]+@[^@\s]+\.[^@\s]+)$/i;

const approverSet = z
  .object({
    console: z.array(z.string().min(1)).default([]),
    slack: z.array(z.string().regex(/^[USW][A-Z0-9]{2,}$/, 'a Slack user id (U…/W…) or user group id (S…)')).default([]),
    teams: z.array(z.string().regex(AAD_ID_OR_UPN, 'an Entra ID (Azure AD) object id (GUID) or a user principal name (user@example.com)').transform((s) => s.toLowerCase())).default([]),
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

const BEDROCK_DEFAULTS = {
  mode: 'off' as const,
  modelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  timeout: '4s',
  retries: 2,
  cacheTtl: '10m',
  sendInventoryNames: false,
};

const bedrockSchema = z
  .object({
    mode: z.enum(['off', 'fallback', 'primary']).default('off').describe('off: local only; fallback: ask Bedrock when the local classifier is not confident; primary: Bedrock first, local when Bedrock fails.'),
    modelId: z.string().min(1).default(BEDROCK_DEFAULTS.modelId).describe('A small fast model or inference profile, e.g. us.anthropic.claude-haiku-4-5-20251001-v1:0 or us.amazon.nova-lite-v1:0.'),
    region: region.optional().describe('Bedrock region (default: AWS_REGION).'),
    timeout: z.string().regex(/^\d+(ms|s)$/, 'a duration like 800ms or 4s').default(BEDROCK_DEFAULTS.timeout).describe('Per attempt; then the local answer is used.'),
    retries: z.number().int().min(0).max(5).default(BEDROCK_DEFAULTS.retries).describe('Extra attempts when Bedrock is throttled or unavailable.'),
    cacheTtl: duration.default(BEDROCK_DEFAULTS.cacheTtl).describe('How long an answer to an identical request is reused.'),
    sendInventoryNames: z.boolean().default(false).describe('Also send resource names from the inventory (off: only the message and the catalog leave the bot).'),
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
    teams: z
      .object({
        port: z.number().int().min(0).max(65535).default(3978).describe('Port of the HTTP server that receives Teams activities (shared with the health check).'),
        host: z.string().min(1).default('0.0.0.0'),
        path: z.string().regex(/^\/[A-Za-z0-9._~/-]*$/, 'a URL path starting with /, like /api/messages').default('/api/messages'),
        allowUnauthenticated: z
          .boolean()
          .default(false)
          .describe('Without MICROSOFT_APP_ID the endpoint accepts anyone. Always allowed on a sandbox estate; against real AWS only with this set.'),
      })
      .strict()
      .optional()
      .describe('Microsoft Teams. Credentials come only from MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD (or a certificate), MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE.'),
    intents: z
      .object({
        threshold: z.number().min(0).max(1).default(0.5).describe('Below this confidence the bot offers the nearest playbooks as buttons instead of guessing.'),
        bedrock: bedrockSchema.default(BEDROCK_DEFAULTS),
      })
      .strict()
      .default({ threshold: 0.5, bedrock: BEDROCK_DEFAULTS })
      .describe('Understanding: the local classifier, and Amazon Bedrock when enabled.'),
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
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).strict().default({ level: 'info' }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ApprovalConfig = Config['approval'];
export type ApproverSet = z.infer<typeof approverSet>;
export type IntentsConfig = Config['intents'];
export type TeamsConfig = NonNullable<Config['teams']>;

/** Secrets come from the environment only, never from the file, and never reach logs or chat. */
export const SECRET_ENV = ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'] as const;
