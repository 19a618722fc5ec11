import { ServiceUrlPolicy, tenantOf } from '../../../../src/chat/teams/trust';

describe('trusted Teams service URLs', () => {
  it('a configured prefix covers its own path and what is below it, not a sibling path that merely starts the same', () => {
    const policy = new ServiceUrlPolicy(['https://proxy.example.net/teams']);
    expect(policy.isAllowed('https://proxy.example.net/teams')).toBe(true);
    expect(policy.isAllowed('https://proxy.example.net/teams/amer/')).toBe(true);
    expect(policy.isAllowed('https://proxy.example.net/teams-other/')).toBe(false);
    expect(policy.isAllowed('https://proxy.example.net/teamsevil/amer/')).toBe(false);
    expect(policy.isAllowed('https://proxy.example.net/teams/../admin/')).toBe(false);
    const slash = new ServiceUrlPolicy(['https://proxy.example.net/teams/']);
    expect(slash.isAllowed('https://proxy.example.net/teams/emea/')).toBe(true);
    expect(slash.isAllowed('https://proxy.example.net/teams-other/')).toBe(false);
  });

  it('Teams hosts only over https on the default port, without look-alikes', () => {
    const policy = new ServiceUrlPolicy();
    expect(policy.isAllowed('https://smba.trafficmanager.net/amer/')).toBe(true);
    for (const url of [
      'http://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net:8443/',
      'https://smba.trafficmanager.net.evil.com/',
      'https://smba.trafficmanager.net@evil.com/',
      'https://evil.com@smba.trafficmanager.net/',
      'https://smba.trafficmanager.n\u0435t/',
      'https://evilbotframework.com/',
      'https://127.0.0.1/',
    ]) {
      expect([url, policy.isAllowed(url)]).toEqual([url, false]);
    }
  });

  it('a tenant field that is there but not a string names no tenant', () => {
    expect(tenantOf({ conversation: { tenantId: 'A' }, channelData: { tenant: { id: 'a' } } })).toBe('a');
    expect(tenantOf({ conversation: { tenantId: 'a' }, channelData: { tenant: { id: ['b'] } } })).toBeUndefined();
    expect(tenantOf({ conversation: { tenantId: 'a' }, channelData: { tenant: { id: 'b' } } })).toBeUndefined();
  });
});
