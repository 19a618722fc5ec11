import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamsCredentialsFromEnv } from '../../../../src/chat/teams/credentials';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-8888-4777-8666-555555555555';

describe('Teams credentials from the environment', () => {
  it('no app id: unauthenticated, no SDK secret at all', () => {
    expect(teamsCredentialsFromEnv({})).toMatchObject({ appId: '', method: 'none', auth: {} });
  });

  it('single tenant is the default and needs the tenant id', () => {
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x' })).toThrow(
      /MICROSOFT_APP_TYPE is SingleTenant \(the default\) but MICROSOFT_APP_TENANT_ID is not set/,
    );
    const c = teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's3cret-value', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(c).toMatchObject({ appId: APP, appType: 'SingleTenant', tenantId: TENANT, method: 'password' });
    // One explicit connection with issuer validation on, for the SDK's JWT check and its token requests.
    expect(c.auth).toMatchObject({
      clientId: APP,
      tenantId: TENANT,
      authType: 'ClientSecret',
      validateIssuer: true,
      authorityEndpoint: 'https://login.microsoftonline.com',
    });
    expect([...c.auth.connections!.values()]).toEqual([expect.objectContaining({ clientId: APP, tenantId: TENANT, validateIssuer: true })]);
  });

  it('the password is only in the SDK configuration, nowhere else on the result', () => {
    const c = teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's3cret-value', MICROSOFT_APP_TENANT_ID: TENANT });
    expect(JSON.stringify({ ...c, auth: undefined })).not.toContain('s3cret-value');
  });

  it('multi-tenant bots need no tenant id', () => {
    expect(
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'multitenant' }),
    ).toMatchObject({ appType: 'MultiTenant', tenantId: undefined });
  });

  it('a certificate from PEM files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-cert-'));
    writeFileSync(join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const c = teamsCredentialsFromEnv({
      MICROSOFT_APP_ID: APP,
      MICROSOFT_APP_TENANT_ID: TENANT,
      MICROSOFT_APP_CERTIFICATE_FILE: join(dir, 'cert.pem'),
      MICROSOFT_APP_CERTIFICATE_KEY_FILE: join(dir, 'key.pem'),
    });
    expect(c.method).toBe('certificate');
    expect(c.auth).toMatchObject({ authType: 'Certificate', certPemFile: join(dir, 'cert.pem'), certKeyFile: join(dir, 'key.pem') });
  });

  it('managed identity needs a tenant and no secret', () => {
    expect(
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT }),
    ).toMatchObject({ method: 'managed-identity', auth: { authType: 'UserManagedIdentity' } });
    expect(() =>
      teamsCredentialsFromEnv({
        MICROSOFT_APP_ID: APP,
        MICROSOFT_APP_TYPE: 'UserAssignedMSI',
        MICROSOFT_APP_TENANT_ID: TENANT,
        MICROSOFT_APP_PASSWORD: 'x',
      }),
    ).toThrow(/needs no secret/);
  });

  it('botbuilder-era certificate variables say what replaces them', () => {
    expect(() =>
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'AB' }),
    ).toThrow(/MICROSOFT_APP_CERTIFICATE_THUMBPRINT is no longer used; .*MICROSOFT_APP_CERTIFICATE_FILE/);
    expect(() =>
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: 'pem' }),
    ).toThrow(/MICROSOFT_APP_CERTIFICATE_KEY_FILE/);
  });

  it('an app id or tenant id that is not a GUID is refused at start-up, not by a 401 on every activity', () => {
    expect(() =>
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: 'cloudops-bot', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'x' }),
    ).toThrow(/MICROSOFT_APP_ID "cloudops-bot" is not a GUID; copy the Microsoft App ID/);
    expect(() =>
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: 'contoso.onmicrosoft.com', MICROSOFT_APP_PASSWORD: 'x' }),
    ).toThrow(/MICROSOFT_APP_TENANT_ID "contoso.onmicrosoft.com" is not a GUID/);
    expect(
      teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP.toUpperCase(), MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'x' }).method,
    ).toBe('password');
  });

  it('inconsistent settings say what to set', () => {
    const base = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT };
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/MICROSOFT_APP_ID is not/);
    expect(() => teamsCredentialsFromEnv(base)).toThrow(/set MICROSOFT_APP_PASSWORD/);
    expect(() =>
      teamsCredentialsFromEnv({
        ...base,
        MICROSOFT_APP_PASSWORD: 'x',
        MICROSOFT_APP_CERTIFICATE_FILE: '/etc/hostname',
        MICROSOFT_APP_CERTIFICATE_KEY_FILE: '/etc/hostname',
      }),
    ).toThrow(/keep one/);
    expect(() => teamsCredentialsFromEnv({ ...base, MICROSOFT_APP_CERTIFICATE_FILE: '/etc/hostname' })).toThrow(/needs both/);
    expect(() =>
      teamsCredentialsFromEnv({
        ...base,
        MICROSOFT_APP_CERTIFICATE_FILE: '/nonexistent/cert.pem',
        MICROSOFT_APP_CERTIFICATE_KEY_FILE: '/nonexistent/key.pem',
      }),
    ).toThrow(/cannot read MICROSOFT_APP_CERTIFICATE_FILE \/nonexistent\/cert.pem \(ENOENT\)/);
    expect(() => teamsCredentialsFromEnv({ ...base, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'Federated' })).toThrow(
      /use one of SingleTenant, MultiTenant, UserAssignedMSI/,
    );
    expect(() => teamsCredentialsFromEnv({ ...base, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_AUTHORITY: 'not a url' })).toThrow(
      /MICROSOFT_APP_AUTHORITY "not a url" is not a URL/,
    );
  });
});
