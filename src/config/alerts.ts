/**
 * The `alerts:` section: which alert sources the bot accepts on its HTTP server, and the rules that turn
 * an alert into a proposed playbook. Secrets (the Alertmanager token, the webhook HMAC key) come from the
 * environment only: CLOUDOPS_ALERTMANAGER_TOKEN, CLOUDOPS_ALERT_WEBHOOK_SECRET.
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+(s|m|h|d)$/, 'a duration like 30s, 15m, 1h or 7d');

const alertChannel = z
  .object({
    platform: z.enum(['slack', 'teams', 'console']),
    id: z.string().min(1).describe('Slack channel id (C…), Teams conversation id, or any name for the console.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.platform === 'slack' && !/^[CGD][A-Z0-9]{2,}$/.test(c.id))
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `"${c.id}" is not a Slack channel id (C…, G… or D…; channel details > About shows it)`,
      });
  });

const rateLimit = z
  .object({
    cards: z.number().int().min(1).max(10_000).describe('At most this many new incident cards…'),
    per: duration.describe('…in this window, per rule. Alerts over the limit are counted and logged, not posted.'),
  })
  .strict();

/** `*` matches anything; the rest is literal, compared without case. */
const glob = z.string().min(1).max(256);

const alertRule = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a rule name like disk-space (lower case, digits, dashes)'),
    when: z
      .object({
        source: z.enum(['cloudwatch', 'alertmanager', 'webhook']).optional(),
        alarm: glob.optional().describe('The alarm name / alertname / title; * matches anything ("*disk*").'),
        metric: glob.optional().describe('The metric name (CloudWatch MetricName, or the webhook metric field).'),
        namespace: glob.optional().describe('The CloudWatch namespace (AWS/EC2, CWAgent, AWS/RDS).'),
        labels: z.record(z.string(), glob).optional().describe('Labels (Alertmanager) or dimensions that must all match.'),
        severity: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .refine((w) => Object.keys(w).length > 0, 'say what the rule matches (alarm, metric, namespace, labels, source or severity)'),
    playbook: z.string().min(1).describe('The playbook to propose.'),
    resource: z
      .string()
      .min(1)
      .optional()
      .describe("Which playbook parameter the alert's resource fills; its first resource parameter when left out."),
    params: z.record(z.string(), z.string()).default({}).describe('Other parameters, as a person would type them.'),
    channel: alertChannel.optional().describe('Where the incident card goes; alerts.channel when left out.'),
    autoRun: z
      .boolean()
      .default(false)
      .describe('Run without a click, only when the plan is low risk, needs no approval, and alerts.autoRun allows it.'),
    rateLimit: rateLimit.optional(),
    notify: z
      .object({
        url: z
          .string()
          .url()
          .refine(
            (u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(u),
            'an https URL (http only for 127.0.0.1 / localhost)',
          ),
        template: z
          .record(z.string(), z.unknown())
          .optional()
          .describe(
            'The JSON body; strings may use {{outcome}}, {{alert.name}}, {{alert.reason}}, ' +
              '{{requestId}}, {{playbook}}, {{resource}}, {{result}}, {{count}}, {{rule}}.',
          ),
        retries: z
          .number()
          .int()
          .min(0)
          .max(10)
          .default(4)
          .describe('Extra attempts after a failure, with exponential backoff (1 s, 2 s, 4 s, …).'),
      })
      .strict()
      .optional()
      .describe(
        'On the outcome (run, failed, rejected, expired, resolved) post a signed JSON note ' +
          '(ServiceNow, Jira, PagerDuty, Datadog); key from CLOUDOPS_ALERT_NOTIFY_SECRET.',
      ),
  })
  .strict();

export const alertsSection = z
  .object({
    channel: alertChannel.describe('Where incident cards go unless a rule names another channel.'),
    sns: z
      .object({
        topics: z
          .array(
            z
              .string()
              .regex(
                /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/,
                'an SNS topic ARN, like arn:aws:sns:us-east-1:111111111111:cloudops-alarms',
              ),
          )
          .min(1)
          .describe('Only these topics are confirmed and accepted.'),
      })
      .strict()
      .optional()
      .describe('POST /alerts/sns: CloudWatch alarms through an SNS HTTPS subscription (signatures verified).'),
    alertmanager: z.object({}).strict().optional().describe('POST /alerts/alertmanager: bearer token from CLOUDOPS_ALERTMANAGER_TOKEN.'),
    webhook: z
      .object({
        timestampHeader: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/)
          .optional()
          .describe(
            'Recommended: a header with the send time (Unix seconds or milliseconds, or ISO 8601)' +
              '; the HMAC is then over "timestamp.body" and a body older than 5 minutes is refused ' +
              '(no replays).',
          ),
        signatureHeader: z
          .string()
          .regex(/^[A-Za-z0-9-]{1,64}$/)
          .default('x-cloudops-signature')
          .describe(
            'The header carrying hex HMAC-SHA256 of the raw body (`sha256=` prefix allowed); key from CLOUDOPS_ALERT_WEBHOOK_SECRET.',
          ),
        fields: z
          .object({
            name: z.string().min(1).default('name'),
            state: z.string().min(1).default('state'),
            severity: z.string().min(1).optional(),
            resource: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
            reason: z.string().min(1).optional(),
            time: z.string().min(1).optional(),
            metric: z.string().min(1).optional(),
            labels: z.string().min(1).optional(),
          })
          .strict()
          .prefault({})
          .describe('Dotted paths into the JSON body (alert.title, tags.host).'),
        firing: z.array(z.string().min(1)).min(1).optional().describe('State values that mean firing.'),
        resolved: z.array(z.string().min(1)).min(1).optional().describe('State values that mean resolved.'),
      })
      .strict()
      .optional()
      .describe('POST /alerts/webhook: generic JSON with an HMAC signature header and a field mapping.'),
    rules: z.array(alertRule).default([]),
    autoRun: z.boolean().default(false).describe('The policy switch: no rule runs anything without a click unless this is true.'),
    rateLimit: rateLimit.default({ cards: 20, per: '10m' }).describe('Per rule (alerts with no rule share one limit).'),
    outcomeSweep: duration.default('15s').describe("How often finished plans are looked for to send their rule's outcome note."),
    updateEvery: duration.default('30s').describe('Repeats update the card at most this often (the count is kept exactly).'),
    maxBodyBytes: z.number().int().min(1024).max(10_000_000).default(262_144),
  })
  .strict()
  .superRefine((a, ctx) => {
    const names = new Set<string>();
    a.rules.forEach((r, i) => {
      if (names.has(r.name))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'name'],
          message: `rule \`${r.name}\` is defined twice; give each rule a name of its own`,
        });
      names.add(r.name);
    });
    if (!a.sns && !a.alertmanager && !a.webhook)
      ctx.addIssue({ code: 'custom', message: 'turn on at least one source: sns, alertmanager or webhook' });
  });

export type AlertsConfig = z.infer<typeof alertsSection>;
export type AlertRuleConfig = AlertsConfig['rules'][number];

/** Secrets of the alert sources: from the environment only. */
export const ALERT_SECRET_ENV = ['CLOUDOPS_ALERTMANAGER_TOKEN', 'CLOUDOPS_ALERT_WEBHOOK_SECRET', 'CLOUDOPS_ALERT_NOTIFY_SECRET'] as const;
