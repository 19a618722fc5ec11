import { ConfigError, parseConfig } from '../../../src/config';

describe('config: teams section and Teams approvers', () => {
  it('defaults: port 3978, /api/messages, authentication required, no tenant or extra service URL trusted', () => {
    expect(parseConfig({ teams: {} }).teams).toEqual({
      port: 3978,
      path: '/api/messages',
      allowUnauthenticated: false,
      tenants: [],
      serviceUrls: [],
    });
    expect(parseConfig({}).teams).toBeUndefined();
  });

  it('credentials are not accepted in the file', () => {
    expect(() => parseConfig({ teams: { appPassword: 'x' } })).toThrow(
      /`teams.appPassword`: unknown key \(allowed here: port, host, path, allowUnauthenticated, tenants, serviceUrls\)/,
    );
  });

  it('tenants are Entra ID tenant ids, compared lower-case', () => {
    expect(parseConfig({ teams: { tenants: ['7E57E57E-0000-4000-8000-00000000000A'] } }).teams!.tenants).toEqual([
      '7e57e57e-0000-4000-8000-00000000000a',
    ]);
    expect(() => parseConfig({ teams: { tenants: ['contoso.onmicrosoft.com'] } })).toThrow(/an Entra ID tenant id \(GUID\)/);
  });

  it('extra service URLs are https, or http only on loopback', () => {
    expect(
      parseConfig({ teams: { serviceUrls: ['https://smba.example.net/teams/', 'http://127.0.0.1:3999/'] } }).teams!.serviceUrls,
    ).toHaveLength(2);
    expect(() => parseConfig({ teams: { serviceUrls: ['http://attacker.example/'] } })).toThrow(
      /an https URL \(http only for 127.0.0.1 \/ localhost\)/,
    );
    expect(() => parseConfig({ teams: { serviceUrls: ['smba.example.net'] } })).toThrow(ConfigError);
  });

  it('a bad path is named', () => {
    expect(() => parseConfig({ teams: { path: 'api/messages' } })).toThrow(ConfigError);
  });

  it('Teams approvers are Entra ID object ids or UPNs, compared lower-case', () => {
    const c = parseConfig({ approval: { approvers: { ops: { teams: ['BBBBBBBB-0000-4000-8000-000000000002', 'Carol@Contoso.com'] } } } });
    expect(c.approval.approvers.ops.teams).toEqual(['bbbbbbbb-0000-4000-8000-000000000002', 'carol@contoso.com']);
    expect(() => parseConfig({ approval: { approvers: { ops: { teams: ['Bob'] } } } })).toThrow(
      /object id \(GUID\) or a user principal name/,
    );
  });
});
