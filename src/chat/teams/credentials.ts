/**
 * Bot credentials for the Microsoft 365 Agents SDK, from the environment only (never the config file).
 * With no app id the endpoint is unauthenticated, which main.ts allows only on loopback with
 * `teams.allowUnauthenticated: true`.
 */
import { lookupTable } from '../../core';
import { accessSync, constants } from 'node:fs';
import type { AuthConfiguration } from '@microsoft/agents-hosting';

export class TeamsCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsCredentialError';
  }
}

/** SingleTenant first: Azure no longer creates new multi-tenant bots, and it is the safer default. */
export const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';

export interface TeamsCredentials {
  /** Empty when unauthenticated. */
  appId: string;
  appType: (typeof APP_TYPES)[number];
  tenantId?: string;
  /** How the bot proves itself: which kind of secret was found (never the secret itself). */
  method: 'none' | 'password' | 'certificate' | 'managed-identity';
  /** The Agents SDK's configuration: one connection, issuer validation on. Holds the secret; never log it. */
  auth: AuthConfiguration;
}

/** Variables botbuilder read that the Agents SDK has no use for: say what replaces them. */
const RETIRED: Readonly<Record<string, string>> = lookupTable({
  MICROSOFT_APP_CERTIFICATE_THUMBPRINT:
    'the SDK reads the certificate itself: set MICROSOFT_APP_CERTIFICATE_FILE (the ' +
    'certificate, PEM) and MICROSOFT_APP_CERTIFICATE_KEY_FILE (its private key, PEM) ' +
    'instead',
  MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY:
    'put the private key in a PEM file and set MICROSOFT_APP_CERTIFICATE_KEY_FILE (with MICROSOFT_APP_CERTIFICATE_FILE) instead',
});

/**
 * Read MICROSOFT_APP_ID, MICROSOFT_APP_TYPE (SingleTenant by default), MICROSOFT_APP_TENANT_ID, and one
 * secret: MICROSOFT_APP_PASSWORD (client secret), or MICROSOFT_APP_CERTIFICATE_FILE with
 * MICROSOFT_APP_CERTIFICATE_KEY_FILE (PEM files), or none for UserAssignedMSI. MICROSOFT_APP_AUTHORITY
 * names another Entra authority (national clouds). Inconsistent settings fail with what to set.
 */
export function teamsCredentialsFromEnv(env: NodeJS.ProcessEnv): TeamsCredentials {
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  const rawType = env.MICROSOFT_APP_TYPE?.trim() || 'SingleTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
  if (!appType)
    throw new TeamsCredentialError(
      `MICROSOFT_APP_TYPE is "${rawType}"; use one of ${APP_TYPES.join(', ')} (as registered on the Azure Bot resource).`,
    );
  for (const [name, instead] of Object.entries(RETIRED))
    if (env[name]?.trim()) throw new TeamsCredentialError(`${name} is no longer used; ${instead}.`);
  const tenantId = env.MICROSOFT_APP_TENANT_ID?.trim() || undefined;
  const password = env.MICROSOFT_APP_PASSWORD ?? '';
  const certFile = env.MICROSOFT_APP_CERTIFICATE_FILE?.trim() ?? '';
  const keyFile = env.MICROSOFT_APP_CERTIFICATE_KEY_FILE?.trim() ?? '';
  const authority = authorityOf(env.MICROSOFT_APP_AUTHORITY);

  if (!appId) {
    if (password || certFile || keyFile)
      throw new TeamsCredentialError(
        "a Teams password or certificate is set but MICROSOFT_APP_ID is not; set the bot's " +
          'app id (Azure Bot resource > Configuration > Microsoft App ID) or unset the secret.',
      );
    return { appId: '', appType, method: 'none', auth: {} };
  }
  // The app id is the audience every token must carry; a typo would refuse every activity with a bare 401.
  if (!GUID.test(appId))
    throw new TeamsCredentialError(
      `MICROSOFT_APP_ID "${appId.slice(0, 60)}" is not a GUID; copy the Microsoft App ID from the Azure Bot resource > Configuration.`,
    );
  if (tenantId && !GUID.test(tenantId))
    throw new TeamsCredentialError(
      `MICROSOFT_APP_TENANT_ID "${tenantId.slice(0, 60)}" is not a GUID; copy the App ` +
        `Tenant ID from the Azure Bot resource > Configuration.`,
    );
  if (appType !== 'MultiTenant' && !tenantId)
    throw new TeamsCredentialError(
      `MICROSOFT_APP_TYPE is ${appType}${env.MICROSOFT_APP_TYPE ? '' : ' (the default)'} ` +
        `but MICROSOFT_APP_TENANT_ID is not set; set it to your Entra ID tenant id (Azure ` +
        `Bot resource > Configuration > App Tenant ID).`,
    );
  if (appType === 'UserAssignedMSI' && (password || certFile || keyFile))
    throw new TeamsCredentialError(
      'MICROSOFT_APP_TYPE is UserAssignedMSI, which needs no secret; unset MICROSOFT_APP_PASSWORD and the certificate variables.',
    );
  const certificate = !!(certFile || keyFile);
  if (certificate && (!certFile || !keyFile))
    throw new TeamsCredentialError(
      'a Teams certificate needs both MICROSOFT_APP_CERTIFICATE_FILE (the certificate, PEM)' +
        ' and MICROSOFT_APP_CERTIFICATE_KEY_FILE (its private key, PEM).',
    );
  if (certificate && password) throw new TeamsCredentialError('both MICROSOFT_APP_PASSWORD and a certificate are set; keep one of them.');
  for (const [name, file] of [
    ['MICROSOFT_APP_CERTIFICATE_FILE', certFile],
    ['MICROSOFT_APP_CERTIFICATE_KEY_FILE', keyFile],
  ] as const) {
    if (!file) continue;
    try {
      accessSync(file, constants.R_OK);
    } catch (e) {
      throw new TeamsCredentialError(
        `cannot read ${name} ${file} (` +
          `${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); point it at a PEM ` +
          `file this process may read.`,
      );
    }
  }
  const method = appType === 'UserAssignedMSI' ? 'managed-identity' : certificate ? 'certificate' : password ? 'password' : undefined;
  if (!method)
    throw new TeamsCredentialError(
      'MICROSOFT_APP_ID is set but there is no secret: set MICROSOFT_APP_PASSWORD (client ' +
        'secret), or MICROSOFT_APP_CERTIFICATE_FILE and MICROSOFT_APP_CERTIFICATE_KEY_FILE, ' +
        'or MICROSOFT_APP_TYPE=UserAssignedMSI on Azure.',
    );
  const connection: AuthConfiguration = {
    clientId: appId,
    ...(tenantId ? { tenantId } : {}),
    authorityEndpoint: authority,
    // Tokens must come from the Bot Framework or this tenant's Entra issuer, not merely carry our audience.
    validateIssuer: true,
    ...(method === 'password' ? { authType: 'ClientSecret', clientSecret: password } : {}),
    ...(method === 'certificate' ? { authType: 'Certificate', certPemFile: certFile, certKeyFile: keyFile } : {}),
    ...(method === 'managed-identity' ? { authType: 'UserManagedIdentity' } : {}),
  };
  // One explicit connection, so the SDK's own environment conventions (clientId=, Connections__…) cannot mix in.
  const auth: AuthConfiguration = {
    ...connection,
    connections: new Map([['serviceConnection', connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }],
  };
  return { appId, appType, tenantId, method, auth };
}

function authorityOf(raw: string | undefined): string {
  const value = raw?.trim();
  if (!value) return DEFAULT_AUTHORITY;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TeamsCredentialError(
      `MICROSOFT_APP_AUTHORITY "${value}" is not a URL; leave it unset for the public cloud, or use e.g. https://login.microsoftonline.us.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}
