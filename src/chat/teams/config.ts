/** The `teams:` config section and Teams' id formats. Zod only: the config schema loads this file. */
import { z } from 'zod';

const port = z
  .number()
  .int()
  .min(1, 'a port from 1 to 65535 (0 would listen on a random port nobody can reach)')
  .max(65535, 'a port from 1 to 65535');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AAD_ID_OR_UPN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[^@\s]+@[^@\s]+\.[^@\s]+)$/i;

/** A service URL prefix the Teams adapter may trust: https, or http on loopback (the Emulator, stand-ins). */
function isServiceUrlPrefix(value: string): boolean {
  try {
    const u = new URL(value);
    if (u.username || u.password || u.search || u.hash) return false;
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

export const teamsSection = z
  .object({
    port: port.default(3978).describe('Port of the HTTP server that receives Teams activities (shared with the health check).'),
    host: z
      .string()
      .min(1)
      .optional()
      .describe('Address to listen on: 0.0.0.0 with credentials, 127.0.0.1 without (unauthenticated mode listens only on loopback).'),
    path: z
      .string()
      .regex(/^\/[A-Za-z0-9._~/-]*$/, 'a URL path starting with /, like /api/messages')
      .default('/api/messages'),
    allowUnauthenticated: z
      .boolean()
      .default(false)
      .describe(
        'Start without MICROSOFT_APP_ID: anyone who reaches the port can act as anyone. Only ' +
          'on a loopback host, never with NODE_ENV=production; every card says so.',
      ),
    tenants: z
      .array(
        z
          .string()
          .regex(GUID, 'an Entra ID tenant id (GUID)')
          .transform((s) => s.toLowerCase()),
      )
      .default([])
      .describe(
        'Entra ID tenant ids whose activities are accepted; required with credentials. ' +
          'Activities and approvals from any other tenant are refused.',
      ),
    serviceUrls: z
      .array(
        z.string().refine(isServiceUrlPrefix, 'an https URL (http only for 127.0.0.1 / localhost), like https://smba.example.net/teams/'),
      )
      .default([])
      .describe(
        'Service URL prefixes the bot may post to besides the Bot Framework and Teams hosts ' +
          '(a proxy, a sovereign cloud, a local stand-in).',
      ),
  })
  .strict();

export type TeamsConfig = z.infer<typeof teamsSection>;

/** An Entra ID object id (GUID) or a user principal name in an approver list, compared in lower case. */
export const teamsApproverId = z
  .string()
  .regex(AAD_ID_OR_UPN, 'an Entra ID (Azure AD) object id (GUID) or a user principal name (user@example.com)')
  .transform((s) => s.toLowerCase());
