/** The `slack:` config section and Slack's id formats. Zod only: the config schema loads this file. */
import { z } from 'zod';

const port = z
  .number()
  .int()
  .min(1, 'a port from 1 to 65535 (0 would listen on a random port nobody can reach)')
  .max(65535, 'a port from 1 to 65535');
const urlPath = z.string().regex(/^\/[A-Za-z0-9._~\/-]*$/, 'a URL path starting with /, like /slack/events');

export const slackSection = z
  .object({
    mode: z
      .enum(['socket', 'http'])
      .default('socket')
      .describe('socket: connect out to Slack (no public URL); http: Slack posts to this server (behind a load balancer).'),
    command: z
      .string()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command like /cloudops')
      .default('/cloudops'),
    host: z.string().min(1).default('0.0.0.0').describe('http mode: address to listen on.'),
    port: port.default(3000).describe('http mode: port to listen on (also serves /healthz).'),
    paths: z
      .object({
        events: urlPath.default('/slack/events'),
        commands: urlPath.default('/slack/events'),
        interactivity: urlPath.default('/slack/events'),
      })
      .strict()
      .default({ events: '/slack/events', commands: '/slack/events', interactivity: '/slack/events' }),
    apiUrl: z
      .url()
      .optional()
      .describe("The Web API's base URL, for GovSlack (https://slack-gov.com/api/) or a proxy; Slack's own when left out."),
  })
  .strict();

export type SlackConfig = z.infer<typeof slackSection>;

/** A Slack user id (U…/W…) or a user group id (S…) in an approver list. */
export const slackApproverId = z.string().regex(/^[USW][A-Z0-9]{2,}$/, 'a Slack user id (U…/W…) or user group id (S…)');

export function slackChannelProblem(id: string): string | undefined {
  if (/^[CGD][A-Z0-9]{2,}$/.test(id)) return undefined;
  return `"${id}" is not a Slack channel id (C…, G… or D…; channel details > About shows it)`;
}
