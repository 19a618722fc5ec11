import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { teamsCredentialsFromEnv } from '../../../../src/chat/teams/credentials';

const APP = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-8888-4777-8666-555555555555';

describe('Teams credentials from the environment', () => {
  it('no app id: unauthenticated', async () => {
    const c = teamsCredentialsFromEnv({});
    expect(c).toMatchObject({ appId: '', method: 'none' });
    expect(await c.authentication.authenticateChannelRequest('')).toBeDefined();
  });

  it('app id and password: multi-tenant by default; the password is not kept on the result', () => {
    const c = teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's3cret-value' });
    expect(c).toMatchObject({ appId: APP, appType: 'MultiTenant', method: 'password' });
    expect(JSON.stringify({ ...c, authentication: undefined })).not.toContain('s3cret-value');
  });

  it('with an app id, requests without a token are refused', async () => {
    const c = teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 's3cret-value' });
    await expect(c.authentication.authenticateChannelRequest('')).rejects.toThrow();
  });

  it('single tenant needs the tenant id', () => {
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'SingleTenant' })).toThrow(/MICROSOFT_APP_TENANT_ID is not set/);
    expect(teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'singletenant', MICROSOFT_APP_TENANT_ID: TENANT })).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT });
  });

  it('a certificate from a key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'teams-cert-'));
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
    const c = teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'ABCDEF', MICROSOFT_APP_CERTIFICATE_KEY_FILE: join(dir, 'key.pem') });
    expect(c.method).toBe('certificate');
  });

  it('managed identity needs a tenant and no secret', () => {
    expect(teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT }).method).toBe('managed-identity');
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_TYPE: 'UserAssignedMSI', MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/needs no secret/);
  });

  it('inconsistent settings say what to set', () => {
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_PASSWORD: 'x' })).toThrow(/MICROSOFT_APP_ID is not/);
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP })).toThrow(/set MICROSOFT_APP_PASSWORD/);
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'AB', MICROSOFT_APP_CERTIFICATE_PRIVATE_KEY: 'pem' })).toThrow(/keep one/);
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'AB' })).toThrow(/needs both/);
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_CERTIFICATE_THUMBPRINT: 'AB', MICROSOFT_APP_CERTIFICATE_KEY_FILE: '/nonexistent/key.pem' })).toThrow(/cannot read MICROSOFT_APP_CERTIFICATE_KEY_FILE/);
    expect(() => teamsCredentialsFromEnv({ MICROSOFT_APP_ID: APP, MICROSOFT_APP_PASSWORD: 'x', MICROSOFT_APP_TYPE: 'Federated' })).toThrow(/use one of MultiTenant, SingleTenant, UserAssignedMSI/);
  });
});
