import { ConfigError, parseConfig } from '../../../src/config';

describe('config: teams section and Teams approvers', () => {
  it('defaults: port 3978, /api/messages, authentication required against real AWS', () => {
    expect(parseConfig({ teams: {} }).teams).toEqual({ port: 3978, host: '0.0.0.0', path: '/api/messages', allowUnauthenticated: false });
    expect(parseConfig({}).teams).toBeUndefined();
  });

  it('credentials are not accepted in the file', () => {
    expect(() => parseConfig({ teams: { appPassword: 'x' } })).toThrow(/`teams.appPassword`: unknown key \(allowed here: port, host, path, allowUnauthenticated\)/);
  });

  it('a bad path is named', () => {
    expect(() => parseConfig({ teams: { path: 'api/messages' } })).toThrow(ConfigError);
  });

  it('Teams approvers are Entra ID object ids or UPNs, compared lower-case', () => {
    const c = parseConfig({ approval: { approvers: { ops: { teams: ['BBBBBBBB-0000-4000-8000-000000000002', 'Carol@Contoso.com'] } } } });
    expect(c.approval.approvers.ops.teams).toEqual(['bbbbbbbb-0000-4000-8000-000000000002', 'carol@contoso.com']);
    expect(() => parseConfig({ approval: { approvers: { ops: { teams: ['Bob'] } } } })).toThrow(/object id \(GUID\) or a user principal name/);
  });
});
