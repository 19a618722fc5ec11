import { renderAdaptiveCard } from '../../../../src/chat/teams/render';
import { incidentCard } from '../../../../src/alerts/incident-card';
import type { Alert } from '../../../../src/alerts';

/** QA 16: text from outside (an alert's reason, name, hint) must not become a Teams markdown link. */
describe('Teams cards: no markdown links from text the bot did not write', () => {
  it('an alert whose reason, name and resource hint carry [label](url) shows the characters, not a link', () => {
    const time = '2026-12-06T19:00:00.000Z';
    const alert: Alert = {
      source: 'webhook',
      name: 'disk [runbook](https://evil.example/a)',
      severity: 'critical',
      state: 'firing',
      resources: [{ kind: 'host', value: '[web](https://evil.example/h)' }],
      labels: {},
      reason: 'Disk full: follow [the runbook](https://evil.example/login) now ![x](https://evil.example/p.png)',
      time,
    };
    const card = renderAdaptiveCard(
      incidentCard({ alert, count: 1, firstSeen: time, lastSeen: time, noPlan: 'see [docs](https://evil.example/d)' }),
    );
    const json = JSON.stringify(card);
    expect(json).not.toContain('](');
    expect(json).toContain('follow [the runbook]\u200B(https://evil.example/login)');
    expect(json).toContain('[web]\u200B(https://evil.example/h)');
  });
});
