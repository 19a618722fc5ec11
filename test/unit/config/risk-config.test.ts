import { ConfigError, parseConfig } from '../../../src/config';

describe('config: approval and risk sections', () => {
  it('defaults: TTL 1h, no approvers (deny by default), UTC, no freezes or global rules', () => {
    const c = parseConfig({});
    expect(c.approval).toEqual({ ttl: '1h', approvers: {}, levels: {} });
    expect(c.risk).toEqual({ timezone: 'UTC', productionAccounts: [], productionLevel: 'high', freezes: [], rules: [] });
  });

  it('accepts a full policy', () => {
    const c = parseConfig({
      approval: {
        ttl: '30m',
        approvers: { sre: { slack: ['U012ABCDEF', 'S0SREGROUP'], teams: ['alice@example.com'], console: ['bob'] } },
        levels: { critical: { approvers: 2, from: ['sre'], ttl: '15m' } },
      },
      risk: {
        timezone: 'Europe/Berlin',
        productionAccounts: ['production', '111111111111'],
        freezes: [{ name: 'year-end', from: '2026-12-20', to: '2027-01-04T00:00' }],
        rules: [
          { when: { time: { days: ['sat', 'sun'] } }, raise: 'high', reason: 'weekend' },
          { when: { resources: { min: 3 } }, raise: 'critical', playbooks: ['ec2-stop-instance'] },
        ],
      },
    });
    expect(c.risk.freezes[0]).toMatchObject({ block: false, raise: 'critical' });
  });

  it.each([
    [
      { approval: { approvers: { sre: { console: ['bob'] } }, levels: { high: { from: ['sre', 'dbas'] } } } },
      /`approval.levels.high.from.1`: names approver set `dbas`, which `approval.approvers` does not define \(defined: sre\)/,
    ],
    [{ approval: { approvers: { sre: { slack: ['bob'] } } } }, /`approval.approvers.sre.slack.0`: a Slack user id/],
    [{ risk: { timezone: 'Mars/Olympus' } }, /`risk.timezone`: an IANA time zone/],
    [{ risk: { freezes: [{ name: 'x', from: '2026-12-20', to: '2026-12-01' }] } }, /`risk.freezes.0`: `from` must be before `to`/],
    [{ risk: { freezes: [{ name: 'x', from: 'next friday', to: '2026-12-01' }] } }, /`risk.freezes.0.from`: a date like 2026-12-20/],
    [{ risk: { rules: [{ when: { time: { from: '18:00' } }, raise: 'high' }] } }, /give both `from` and `to`/],
    [{ risk: { rules: [{ when: { time: { from: '25:00', to: '08:00' } }, raise: 'high' }] } }, /a time of day like 08:00/],
    [{ risk: { rules: [{ when: { tag: { environment: 'prod' } } }] } }, /a risk rule needs `raise`, `block` or `downtime`/],
    [{ risk: { rules: [{ when: { colour: 'red' }, raise: 'high' }] } }, /unknown key/],
  ])('refuses %j with a message that names the key', (raw, message) => {
    expect(() => parseConfig(raw)).toThrow(ConfigError);
    expect(() => parseConfig(raw)).toThrow(message);
  });
});
