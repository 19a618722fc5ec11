/**
 * Bot Framework credentials, from the environment only. With no app id the endpoint runs
 * unauthenticated (local testing with the Emulator or a test driver).
 */
import { readFileSync } from 'node:fs';
import { ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory } from 'botbuilder';

export class TeamsCredentialError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamsCredentialError';
  }
}

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;

export interface TeamsCredentials {
  /** Empty when unauthenticated. */
  appId: string;
  appType: (typeof APP_TYPES)[number];
  tenantId?: string;
  /** How the bot proves itself: which kind of secret was found (never the secret itself). */
  method: 'none' | 'password' | 'certificate' | 'managed-identity';
  authentication: ConfigurationBotFrameworkAuthentication;
}

/**
 * Read MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD or MICROSOFT_APP_CERTIFICATE_THUMBPRINT with
 * MICROSOFT_APP_CERTIFICATE_KEY_FILE (or MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY, PEM text),
 * MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_TYPE. Inconsistent settings fail with what to set.
 */
export function teamsCredentialsFromEnv(env: NodeJS.ProcessEnv): TeamsCredentials {
  const appId = env.MICROSOFT_APP_ID?.trim() ?? '';
  const rawType = env.MICROSOFT_APP_TYPE?.trim() || 'MultiTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
  if (!appType) throw new TeamsCredentialError(`MICROSOFT_APP_TYPE is "${rawType}"; use one of ${APP_TYPES.join(', ')} (as registered on the Azure Bot resource).`);
  const tenantId = env.MICROSOFT_APP_TENANT_ID?.trim() || undefined;
  const password = env.MICROSOFT_APP_PASSWORD ?? '';
  const thumbprint = env.MICROSOFT_APP_CERTIFICATE_THUMBPRINT?.trim() ?? '';
  const keyFile = env.MICROSOFT_APP_CERTIFICATE_KEY_FILE?.trim() ?? '';
  let privateKey = env.MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY ?? '';

  if (!appId) {
    if (password || thumbprint || keyFile || privateKey) throw new TeamsCredentialError('a Teams password or certificate is set but MICROSOFT_APP_ID is not; set the bot\'s app id (Azure Bot resource > Configuration) or unset the secret.');
    return { appId: '', appType, method: 'none', authentication: new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({})) };
  }
  if (appType !== 'MultiTenant' && !tenantId) throw new TeamsCredentialError(`MICROSOFT_APP_TYPE is ${appType} but MICROSOFT_APP_TENANT_ID is not set; set it to your Entra ID tenant id.`);
  if (appType === 'UserAssignedMSI' && (password || thumbprint || keyFile || privateKey)) throw new TeamsCredentialError('MICROSOFT_APP_TYPE is UserAssignedMSI, which needs no secret; unset MICROSOFT_APP_PASSWORD and the certificate variables.');
  if (keyFile && !privateKey) {
    try {
      privateKey = readFileSync(keyFile, 'utf8');
    } catch (e) {
      throw new TeamsCredentialError(`cannot read MICROSOFT_APP_CERTIFICATE_KEY_FILE ${keyFile} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); point it at the certificate's PEM private key.`);
    }
  }
  const certificate = !!(thumbprint || privateKey);
  if (certificate && (!thumbprint || !privateKey)) throw new TeamsCredentialError('a Teams certificate needs both MICROSOFT_APP_CERTIFICATE_THUMBPRINT and its private key (MICROSOFT_APP_CERTIFICATE_KEY_FILE or MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY).');
  if (certificate && password) throw new TeamsCredentialError('both MICROSOFT_APP_PASSWORD and a certificate are set; keep one of them.');
  const method = appType === 'UserAssignedMSI' ? 'managed-identity' : certificate ? 'certificate' : password ? 'password' : undefined;
  if (!method) throw new TeamsCredentialError('MICROSOFT_APP_ID is set but there is no secret: set MICROSOFT_APP_PASSWORD (client secret), or a certificate, or MICROSOFT_APP_TYPE=UserAssignedMSI on Azure.');
  const options = {
    MicrosoftAppId: appId,
    MicrosoftAppType: appType,
    ...(tenantId ? { MicrosoftAppTenantId: tenantId } : {}),
    ...(method === 'password' ? { MicrosoftAppPassword: password } : {}),
    ...(method === 'certificate' ? { CertificateThumbprint: thumbprint, CertificatePrivateKey: privateKey } : {}),
  };
  const authentication = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: appId, ...(tenantId ? { MicrosoftAppTenantId: tenantId } : {}) }, new ConfigurationServiceClientCredentialFactory(options));
  return { appId, appType, tenantId, method, authentication };
}
