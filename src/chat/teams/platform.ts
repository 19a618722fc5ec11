/**
 * Microsoft Teams as a registry element. The Agents SDK loads in about 0.7 s, so the adapter is
 * `require`d only in start(); credentials come from the environment only.
 */
import { definePlatform, PlatformSetupError } from '../platform';
import { teamsApproverId, teamsSection, type TeamsConfig } from './config';
import { TeamsCredentialError, type TeamsCredentials } from './credentials';
import { teamsSetup, type TeamsSetup } from './setup';
import type { TeamsAdapter } from './TeamsAdapter';

/** `host` is where the endpoint listens, settled by teamsSetup (loopback without credentials). */
export interface TeamsSettings {
  config: TeamsConfig & { host: string };
  /** From the environment; secret parts are never logged. */
  credentials: TeamsCredentials;
}

/** teamsSetup's refusals (no credentials, no tenants, unauthenticated off loopback) as setup errors. */
function setupOrError(config: TeamsConfig, env: Record<string, string | undefined>): TeamsSetup {
  try {
    return teamsSetup(config, env as NodeJS.ProcessEnv);
  } catch (e) {
    throw e instanceof TeamsCredentialError ? new PlatformSetupError(`teams: ${e.message}`) : e;
  }
}

export const teamsPlatform = definePlatform({
  id: 'teams',
  title: 'Microsoft Teams',
  configSection: teamsSection
    .optional()
    .describe(
      'Microsoft Teams. Credentials come only from MICROSOFT_APP_ID, ' +
        'MICROSOFT_APP_TENANT_ID, MICROSOFT_APP_TYPE and MICROSOFT_APP_PASSWORD or a ' +
        'certificate (MICROSOFT_APP_CERTIFICATE_FILE, MICROSOFT_APP_CERTIFICATE_KEY_FILE).',
    ),
  secretEnv: ['MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY'],
  approverId: teamsApproverId,

  /** On when the config has a `teams:` section; credential and exposure problems stop the start here. */
  enabled(section: TeamsConfig | undefined, env): TeamsSettings | undefined {
    if (!section) return undefined;
    const { host, credentials } = setupOrError(section, env);
    return { config: { ...section, host }, credentials };
  },

  listens: ({ config }: TeamsSettings) => ({ port: config.port, host: config.host, key: 'teams.port' }),

  async start({ config, credentials }: TeamsSettings, deps) {
    const { TeamsAdapter: Adapter } = require('./TeamsAdapter') as typeof import('./TeamsAdapter');
    const teams: TeamsAdapter = new Adapter({
      credentials,
      references: deps.references(),
      offers: deps.state?.(),
      http: deps.http,
      path: config.path,
      tenants: config.tenants,
      serviceUrls: config.serviceUrls,
      log: deps.log,
      // Approver lists may name Teams users by UPN; only then does the adapter look UPNs up.
      lookupUpn: deps.approverIds.some((id) => id.includes('@')),
      welcome: deps.welcome,
      now: deps.now,
    });
    await teams.start(deps.handler);
    return { adapter: teams, banner: teams.banner() };
  },
});
