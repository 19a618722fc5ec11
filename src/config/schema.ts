/**
 * The configuration: one YAML file (default cloudops.yaml) plus environment variables for secrets.
 * This module imports nothing else from src/ except the chat platform registry (src/chat/platforms.ts,
 * zod-only descriptors), whose elements bring their own config sections and approver id formats.
 */
import { validateDetailed as validateCron } from 'node-cron';
import { z } from 'zod';
import { CHAT_PLATFORMS, PLATFORM_IDS, platformSecretEnv, platformSections, type PlatformId } from '../chat/platforms';
import { safePatternSchema } from './pattern-safety';
import { isAwsRegion, unknownRegionMessage } from './regions';
import { globalRiskRuleSchema, riskLevelSchema, timeZoneSchema } from './risk-rules';
import { alertsSection } from './alerts';

const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'a duration like 30s, 15m, 1h or 7d');
const accountId = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, quoted ("111111111111")');
const region = z.string().superRefine((name, ctx) => {
  if (!isAwsRegion(name)) ctx.addIssue({ code: 'custom', message: unknownRegionMessage(name) });
});

/** Approval requests live at least a minute (else none can be approved) and at most 30 days. */
const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 30 * 86400;
const ttl = duration.refine(
  (text) => {
    const m = /^(\d+)(s|m|h|d)$/.exec(text);
    if (!m) return true; // not a duration at all: `duration` already said so (zod runs refinements anyway)
    const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
    return seconds >= MIN_TTL_SECONDS && seconds <= MAX_TTL_SECONDS;
  },
  { message: 'must be between 1m and 30d (an approval request must stay open long enough to be approved, and not for months)' },
);

/** `arn:aws:iam::111111111111:role/x` -> 111111111111. */
function roleAccount(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(arn)?.[1];
}

/** One list of ids per chat platform, in that platform's own format (from the platform registry). */
const approverSet = z
  .object(
    Object.fromEntries(PLATFORM_IDS.map((id) => [id, z.array(CHAT_PLATFORMS[id].approverId).default([])])) as {
      [K in PlatformId]: z.ZodDefault<z.ZodArray<(typeof CHAT_PLATFORMS)[K]['approverId']>>;
    },
  )
  .strict();

/** `2026-12-20`, `2026-12-20T18:00` (wall clock in risk.timezone) or an instant with Z / an offset. */
const dateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/,
    'a date like 2026-12-20, a time like 2026-12-20T18:00, or an instant like 2026-12-20T17:00:00Z',
  );

const freezeWindow = z
  .object({
    name: z.string().min(1),
    from: dateTime,
    to: dateTime.describe('Exclusive: a date means the freeze ends when that day starts.'),
    block: z.boolean().default(false).describe('true: nothing that changes AWS may run in the window; false: plans are raised to `raise`.'),
    raise: riskLevelSchema.default('critical'),
    reason: z.string().optional(),
  })
  .strict()
  .refine((f) => f.from < f.to, { message: '`from` must be before `to`' });

const riskSection = z
  .object({
    timezone: timeZoneSchema.default('UTC').describe('Time zone for time-of-day rules and freeze windows written without an offset.'),
    productionAccounts: z
      .array(z.string().min(1))
      .default([])
      .describe('Account ids or aliases that are production (aws.accounts[].production: true counts too).'),
    productionLevel: riskLevelSchema.default('high').describe('Changes in a production account are at least this risky.'),
    freezes: z.array(freezeWindow).default([]),
    rules: z
      .array(globalRiskRuleSchema)
      .default([])
      .describe('Rules applied to every playbook that changes something, after its own rules.'),
  })
  .strict();

const levelPolicy = z
  .object({
    required: z.boolean().optional(),
    approvers: z.number().int().min(1).max(10).optional(),
    from: z.array(z.string()).optional(),
    requesterMayApprove: z.boolean().optional(),
    ttl: ttl.optional(),
  })
  .strict();

/** A cron schedule node-cron accepts; the message names the bad field and shows the shape. */
const cronSchedule = z.string().superRefine((value, ctx) => {
  const check = validateCron(value);
  if (check.valid) return;
  const e = check.errors[0];
  const why = e?.field === 'expression' ? e.message : `${e?.field ?? 'a field'} "${e?.value ?? ''}" is not valid`;
  ctx.addIssue({
    code: 'custom',
    message:
      `"${value}" is not a cron schedule (${why}); write minute hour day-of-month month ` +
      `day-of-week, e.g. "0 8 * * 1-5" for 08:00 on weekdays`,
  });
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
  if (!isTimeZone(value))
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not an IANA time zone; use a name like Europe/Berlin, America/New_York or UTC`,
    });
});

const digestChannel = z
  .object({
    platform: z.enum(PLATFORM_IDS),
    id: z
      .string()
      .min(1)
      .describe("The platform's channel id: Slack channel id (C…), " + 'Teams conversation id, or any name for the console.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    const problem = (CHAT_PLATFORMS[c.platform] as { channelProblem?: (id: string) => string | undefined }).channelProblem?.(c.id);
    if (problem) ctx.addIssue({ code: 'custom', path: ['id'], message: problem });
  });

const costView = z.enum(['auto', 'total', 'per-account']);

const digestEntry = z
  .object({
    kind: z
      .string()
      .min(1)
      .describe('A registered digest kind (cost, tags, ...: src/digests/registry.ts); checked against the registry when the bot is built.'),
    schedule: cronSchedule,
    timezone: timeZone.default('UTC'),
    channel: digestChannel,
    options: z
      .record(z.string(), z.unknown())
      .prefault({})
      .describe("The kind's own options (cost: view, anomalies, top; tags: top), checked by the kind's schema."),
  })
  .strict();

const requiredTag = z
  .object({
    key: z.string().min(1),
    values: z.array(z.string()).min(1).optional().describe('Allowed values (exact).'),
    pattern: safePatternSchema.optional().describe('A regular expression the whole value must match.'),
    types: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Only for these resource types (ec2-instance, ebs-volume, rds-instance, s3, lambda:function, ...).'),
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
    required: z
      .array(requiredTag)
      .min(1)
      .default([{ key: 'owner' }, { key: 'environment' }]),
    resourceTypes: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Resource types the policy applies to; all taggable types when left out.'),
    exemptions: z.array(tagExemption).default([]),
    ownerTag: z.string().min(1).default('owner').describe('The tag that names the team, for compliance by team.'),
  })
  .strict();

const costOptions = z
  .object({
    anomalies: z.boolean().default(false).describe('Include Cost Anomaly Detection anomalies (one more request per digest).'),
    view: costView.default('auto'),
    payerAccount: accountId
      .optional()
      .describe('The account whose Cost Explorer is read (the organization payer); the first account when left out.'),
    metric: z.enum(['UnblendedCost', 'AmortizedCost', 'BlendedCost', 'NetUnblendedCost', 'NetAmortizedCost']).default('UnblendedCost'),
    cacheTtl: duration.default('6h').describe('How long Cost Explorer answers are kept in the store.'),
    top: z.number().int().min(1).max(25).default(5),
  })
  .strict();

/** The findings rules' ids (src/findings/rules; a test keeps the two lists equal). */
export const FINDING_RULE_IDS = [
  'rds-engine-eol',
  'ec2-stopped-long',
  'ebs-unattached',
  'ec2-idle',
  'ebs-gp2',
  'ebs-snapshot-old',
  'tags-missing',
  'lambda-runtime-deprecation',
  's3-public-bucket',
  'eks-version-support',
] as const;

const findingsSection = z
  .object({
    stoppedDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(14)
      .describe('An EC2 instance stopped longer than this (days) is a finding: its volumes are still billed.'),
    snapshotDays: z.number().int().min(1).max(3650).default(90).describe('EBS snapshots older than this (days) are a finding.'),
    idleCpuP95: z
      .number()
      .min(0.1)
      .max(100)
      .default(5)
      .describe('A running instance whose CloudWatch CPUUtilization p95 stays below this percentage is idle.'),
    idleDays: z
      .number()
      .int()
      .min(1)
      .max(63)
      .default(14)
      .describe('The window (days) the idle check reads (CloudWatch keeps 5-minute data 63 days).'),
    engineWarnDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(180)
      .describe('An RDS major version this close (days) to the end of standard support is a finding; past it, a high one.'),
    runtimeWarnDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(180)
      .describe('A Lambda runtime this close (days) to its AWS deprecation date is a finding; past it, a high one.'),
    eksWarnDays: z
      .number()
      .int()
      .min(0)
      .max(3650)
      .default(60)
      .describe(
        'An EKS cluster this close (days) to the end of standard support of its Kubernetes version is a finding ' +
          '(AWS announces the date at least 60 days ahead); past it, a high one with the extended-support surcharge.',
      ),
    rules: z
      .array(
        z.string().refine((id) => (FINDING_RULE_IDS as readonly string[]).includes(id), {
          message: `is not a findings rule; the rules are ${FINDING_RULE_IDS.join(', ')}`,
        }),
      )
      .min(1)
      .optional()
      .describe(`Only these rule ids (all when left out): ${FINDING_RULE_IDS.join(', ')}.`),
    snoozeDays: z.number().int().min(1).max(365).default(30).describe('How long `snooze` puts a finding aside when no time is given.'),
    top: z.number().int().min(1).max(50).default(10).describe('Findings listed in the chat digest (all of them in --json and --csv).'),
  })
  .strict();

const narrativeSection = z
  .object({
    enabled: z
      .boolean()
      .default(false)
      .describe('Add a short "What stands out" paragraph written by Bedrock to every digest (docs/findings.md).'),
    modelId: z.string().min(1).default('us.amazon.nova-lite-v1:0').describe('Bedrock model or inference profile id.'),
    region: region.optional().describe('Bedrock region (default: AWS_REGION).'),
    maxTokens: z.number().int().min(20).max(1000).default(200).describe('The token budget of one paragraph.'),
    // 0s would skip the paragraph on every digest while saying it is enabled.
    timeout: z
      .string()
      .regex(/^0*[1-9]\d*(ms|s)$/, 'a duration above zero like 800ms or 4s')
      .default('4s')
      .describe('After this the digest is posted without the paragraph.'),
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
    mode: z
      .enum(['off', 'fallback', 'primary'])
      .default('off')
      .describe(
        'off: local only; fallback: ask Bedrock when the local classifier is not confident; ' +
          'primary: Bedrock first, local when Bedrock fails.',
      ),
    modelId: z
      .string()
      .min(1)
      .default(BEDROCK_DEFAULTS.modelId)
      .describe('A small fast model or inference profile, e.g. us.anthropic.claude-haiku-4-5-20251001-v1:0 or us.amazon.nova-lite-v1:0.'),
    region: region.optional().describe('Bedrock region (default: AWS_REGION).'),
    timeout: z
      .string()
      .regex(/^\d+(ms|s)$/, 'a duration like 800ms or 4s')
      .default(BEDROCK_DEFAULTS.timeout)
      .describe('Per attempt; then the local answer is used.'),
    retries: z
      .number()
      .int()
      .min(0)
      .max(5)
      .default(BEDROCK_DEFAULTS.retries)
      .describe('Extra attempts when Bedrock is throttled or unavailable.'),
    cacheTtl: duration.default(BEDROCK_DEFAULTS.cacheTtl).describe('How long an answer to an identical request is reused.'),
    sendInventoryNames: z
      .boolean()
      .default(false)
      .describe('Also send resource names from the inventory (off: only the message and the catalog leave the bot).'),
  })
  .strict();

/**
 * `store.url`: Postgres only, and never with a password (the file is not a place for secrets: the
 * password comes from PGPASSWORD, or the whole URL from DATABASE_URL). Messages never repeat the value.
 */
export function storeUrlProblem(value: string, where: 'file' | 'env'): string | undefined {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return (
      'must be a Postgres URL like postgres://USER@HOST:5432/DATABASE (this is not a URL: ' +
      'a / # ? @ : or space in the user name or password must be percent-encoded, e.g. %2F ' +
      'for /, %23 for #)'
    );
  }
  if (!/^postgres(ql)?:$/i.test(u.protocol))
    return `must be a Postgres URL like postgres://USER@HOST:5432/DATABASE, not ${u.protocol}//...`;
  if (where === 'file' && (u.password || u.searchParams.has('password'))) {
    return (
      'carries a password. Secrets are never read from this file: remove it from the URL ' +
      'and set PGPASSWORD, or put the whole URL in DATABASE_URL'
    );
  }
  return undefined;
}

const storeUrl = z.string().superRefine((value, ctx) => {
  const problem = storeUrlProblem(value, 'file');
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const configSchema = z
  .object({
    fleet: z
      .object({
        limit: z
          .number()
          .int()
          .min(2)
          .max(500)
          .default(20)
          .describe(
            'At most this many resources in one fleet plan ("reboot the kafka brokers"); beyond ' +
              'it the card says how many matched and asks to narrow.',
          ),
      })
      .strict()
      .optional()
      .describe('Plans over a set of resources.'),
    sandbox: z
      .object({
        estate: z.string().min(1).describe('Path of a sandbox estate YAML file; the bundled demo estate when left out.').optional(),
      })
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
                regions: z
                  .array(region)
                  .min(1)
                  .refine((rs) => new Set(rs).size === rs.length, 'each region once (a region listed twice would be scanned twice)'),
                roleArn: z
                  .string()
                  .regex(
                    /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/,
                    'an IAM role ARN, like arn:aws:iam::111111111111:role/cloudops (a role, not a user ' +
                      "or a wildcard; the account is the role's own)",
                  )
                  .optional(),
                externalId: z.string().optional(),
                production: z.boolean().optional(),
              })
              .strict()
              .superRefine((a, ctx) => {
                // A role in another account would scan that account's resources under this one's name and risk.
                const other = a.roleArn ? roleAccount(a.roleArn) : undefined;
                if (other && other !== a.id) {
                  ctx.addIssue({
                    code: 'custom',
                    path: ['roleArn'],
                    message:
                      `the role is in account ${other}, but this entry is account ${a.id}` +
                      `${a.alias ? ` (${a.alias})` : ''}: its resources would be shown as ` +
                      `${a.alias ?? a.id}'s with the wrong risk. Use a role in ${a.id} (arn:aws:iam::` +
                      `${a.id}:role/...), or fix \`id\``,
                  });
                }
              }),
          )
          .min(1)
          .superRefine((accounts, ctx) => {
            const seen = new Map<string, number>();
            accounts.forEach((a, i) => {
              for (const name of [a.id, ...(a.alias && a.alias !== a.id ? [a.alias] : [])]) {
                const first = seen.get(name);
                if (first !== undefined && first !== i)
                  ctx.addIssue({
                    code: 'custom',
                    path: [i, name === a.id ? 'id' : 'alias'],
                    message: `\`${name}\` is already used by aws.accounts[${first}]; each account is listed once, with a name of its own`,
                  });
                else seen.set(name, i);
              }
            });
          }),
        maxAttempts: z.number().int().min(1).max(10).default(3),
      })
      .strict()
      .optional(),
    store: z
      .object({
        path: z.string().min(1).default('.cloudops/cloudops.db').describe('The SQLite file (the default engine: one process).'),
        url: storeUrl
          .optional()
          .describe(
            'A postgres:// URL selects Postgres (several replicas) instead of the SQLite file; ' +
              'DATABASE_URL overrides it. No password here: PGPASSWORD, or the whole URL in ' +
              'DATABASE_URL.',
          ),
      })
      .strict()
      .default({ path: '.cloudops/cloudops.db' }),
    playbooks: z
      .object({
        dir: z
          .string()
          .min(1)
          .optional()
          .describe(
            'The playbook folder, relative to the config file; when left out, `playbooks/` next ' +
              'to the config file if there is one, else the bundled catalog.',
          ),
      })
      .strict()
      .default({}),
    intents: z
      .object({
        threshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe('Below this confidence the bot offers the nearest playbooks as buttons instead of guessing.'),
        bedrock: bedrockSchema.default(BEDROCK_DEFAULTS),
      })
      .strict()
      .default({ threshold: 0.5, bedrock: BEDROCK_DEFAULTS })
      .describe('Understanding: the local classifier, and Amazon Bedrock when enabled.'),
    approval: z
      .object({
        ttl: ttl.default('1h'),
        approvers: z.record(z.string(), approverSet).default({}),
        levels: z
          .object({
            low: levelPolicy.optional(),
            medium: levelPolicy.optional(),
            high: levelPolicy.optional(),
            critical: levelPolicy.optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .superRefine((a, ctx) => {
        for (const [level, conf] of Object.entries(a.levels)) {
          for (const [i, name] of (conf?.from ?? []).entries()) {
            if (!a.approvers[name]) {
              ctx.addIssue({
                code: 'custom',
                path: ['levels', level, 'from', i],
                message:
                  `names approver set \`${name}\`, which \`approval.approvers\` does not define ` +
                  `(defined: ${Object.keys(a.approvers).join(', ') || 'none'})`,
              });
            }
          }
        }
      })
      .default({ ttl: '1h', approvers: {}, levels: {} }),
    risk: riskSection.default({ timezone: 'UTC', productionAccounts: [], productionLevel: 'high', freezes: [], rules: [] }),
    digests: z.array(digestEntry).default([]).describe('Scheduled digests: cost or tags, a cron schedule, a time zone and a channel.'),
    tagging: taggingPolicy.prefault({}),
    cost: costOptions.prefault({}),
    narrative: narrativeSection.prefault({}),
    findings: findingsSection.prefault({}).describe('The findings engine and digest: thresholds of its rules (docs/findings.md).'),
    inventory: z
      .object({
        concurrency: z.number().int().min(1).max(64).default(8).describe('Scans (account x region x scanner) run at once.'),
        refresh: duration.default('15m').describe('How often the inventory is scanned again; 0m turns the schedule off.'),
        throttleRetries: z.number().int().min(0).max(10).default(4).describe('Extra tries for a throttled page, after the SDK retries.'),
        resolver: z
          .object({
            minScore: z.number().min(0).max(1).default(0.6).describe('Fuzzy matches below this are not used.'),
            ambiguityMargin: z
              .number()
              .min(0)
              .max(0.5)
              .default(0.05)
              .describe('Candidates this close to the best are asked about, never guessed.'),
            maxCandidates: z.number().int().min(2).max(25).default(10),
            freshOnMatch: z.boolean().default(true).describe('Re-read a matched resource from the cloud while planning.'),
          })
          .strict()
          .default({ minScore: 0.6, ambiguityMargin: 0.05, maxCandidates: 10, freshOnMatch: true }),
      })
      .strict()
      .default({
        concurrency: 8,
        refresh: '15m',
        throttleRetries: 4,
        resolver: { minScore: 0.6, ambiguityMargin: 0.05, maxCandidates: 10, freshOnMatch: true },
      }),
    log: z
      .object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .strict()
      .default({ level: 'info' }),
    metrics: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "Serve /metrics (Prometheus text format) on the bot's HTTP server. A bearer token comes from CLOUDOPS_METRICS_TOKEN only.",
          ),
      })
      .strict()
      .default({ enabled: true })
      .describe('Prometheus metrics on /metrics (docs/deploy.md).'),
    shutdown: z
      .object({
        grace: z
          .string()
          .regex(/^\d+(ms|s)$/, 'a duration in seconds like 25s (or milliseconds, 500ms)')
          .default('25s')
          .describe(
            'On SIGTERM/SIGINT: how long a running execution may take to finish before its lease ' +
              "is handed back (keep it below the orchestrator's kill timeout: Kubernetes waits 30s " +
              'by default).',
          ),
      })
      .strict()
      .default({ grace: '25s' }),
    // One section per chat platform (`slack:`, `teams:`, `console:`), each declared by its platform.
    ...platformSections(),
    alerts: alertsSection.optional().describe('Monitoring alerts in (SNS, Alertmanager, webhook), proposed fixes out (docs/alerts.md).'),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ApprovalConfig = Config['approval'];
export type ApproverSet = z.infer<typeof approverSet>;
export type IntentsConfig = Config['intents'];
export type RiskConfig = Config['risk'];
export type FreezeWindow = RiskConfig['freezes'][number];
export type DigestConfig = z.infer<typeof digestEntry>;
export type TaggingPolicy = z.infer<typeof taggingPolicy>;
export type CostOptions = z.infer<typeof costOptions>;
export type FindingsConfig = z.infer<typeof findingsSection>;
export type InventoryConfig = Config['inventory'];

/** Secrets come from the environment only, never from the file, and never reach logs or chat. */
export const SECRET_ENV: readonly string[] = [
  ...platformSecretEnv(),
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'DATABASE_URL',
  'PGPASSWORD',
  'CLOUDOPS_METRICS_TOKEN',
  'CLOUDOPS_ALERTMANAGER_TOKEN',
  'CLOUDOPS_ALERT_WEBHOOK_SECRET',
  'CLOUDOPS_ALERT_NOTIFY_SECRET',
];
