/**
 * Whether and where the Teams endpoint may start, decided before anything else runs. Secure by
 * default: with credentials, `teams.tenants` must name the tenants to serve; without, the endpoint
 * starts only with an explicit `allowUnauthenticated: true`, only on a loopback address, never
 * with NODE_ENV=production.
 */
import { teamsCredentialsFromEnv, TeamsCredentialError, type TeamsCredentials } from './credentials';
import { isLoopbackHost } from './trust';

export interface TeamsSettings {
  host?: string;
  allowUnauthenticated: boolean;
  tenants: string[];
}

export interface TeamsSetup {
  credentials: TeamsCredentials;
  /** Where to listen: the configured host, else 0.0.0.0 with credentials and 127.0.0.1 without. */
  host: string;
}

export function teamsSetup(settings: TeamsSettings, env: NodeJS.ProcessEnv): TeamsSetup {
  const credentials = teamsCredentialsFromEnv(env);
  if (credentials.appId) {
    if (!settings.tenants.length) {
      const hint = credentials.tenantId ? ` (your app's tenant: teams.tenants: ["${credentials.tenantId}"])` : '';
      throw new TeamsCredentialError(
        `teams.tenants is empty: list the Entra ID tenant ids whose Teams users may use this ` +
          `bot${hint}; activities from any other tenant are refused.`,
      );
    }
    return { credentials, host: settings.host ?? '0.0.0.0' };
  }
  if (!settings.allowUnauthenticated) {
    throw new TeamsCredentialError(
      'MICROSOFT_APP_ID is not set, so the endpoint could not tell Teams from anyone else. ' +
        'Set the bot credentials (MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and a secret; ' +
        'see docs/teams.md), or for a local test only set `teams.allowUnauthenticated: true`.',
    );
  }
  if ((env.NODE_ENV ?? '').toLowerCase() === 'production') {
    throw new TeamsCredentialError(
      'teams.allowUnauthenticated is refused with NODE_ENV=production; set the bot ' +
        'credentials (MICROSOFT_APP_ID, MICROSOFT_APP_TENANT_ID and a secret; see ' +
        'docs/teams.md).',
    );
  }
  const host = settings.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) {
    throw new TeamsCredentialError(
      `teams.allowUnauthenticated listens only on this machine, but teams.host is ${host}; ` +
        `remove teams.host (127.0.0.1 is used) or set the bot credentials to listen on ` +
        `${host}.`,
    );
  }
  return { credentials, host };
}
